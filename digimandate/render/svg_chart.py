"""The maturity chart: levels per dimension as plain SVG, readable in print and in black and white."""

from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape

from digimandate.textsafe import one_line


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """XML text on one line: control characters XML 1.0 forbids become visible escapes."""
    return _xml_escape(one_line(text), entities or {})


ROW = 34
LEFT = 230
BAR = 70  # width of one level
TOP = 48


def chart(title: str, rows: list[tuple[str, int | None]], level_names: list[str],
          not_assessed: str = "-") -> str:
    """A horizontal bar per dimension, one segment per level reached, with the level as a number.

    A dimension without a level (model v2: not assessed) gets no bar, only the words ``not_assessed``.
    """
    width = LEFT + 5 * BAR + 40
    height = TOP + ROW * len(rows) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for level in range(1, 6):
        x = LEFT + (level - 1) * BAR
        out.append(f'<text x="{x + BAR / 2:.0f}" y="{TOP - 24}" text-anchor="middle" font-weight="bold">{level}</text>')
        out.append(f'<text x="{x + BAR / 2:.0f}" y="{TOP - 8}" text-anchor="middle" font-size="11">'
                   f"{escape(level_names[level - 1])}</text>")
        out.append(f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + ROW * len(rows)}" stroke="#999999" '
                   'stroke-dasharray="2,3"/>')
    for i, (name, reached) in enumerate(rows):
        y = TOP + i * ROW
        out.append(f'<text x="{LEFT - 10}" y="{y + ROW / 2 + 5:.0f}" text-anchor="end">{escape(name)}</text>')
        if reached is None:
            out.append(f'<text x="{LEFT + 8}" y="{y + ROW / 2 + 5:.0f}" font-style="italic">'
                       f"{escape(not_assessed)}</text>")
            continue
        level = reached
        for segment in range(level):
            # darker for higher levels, each with a black outline: distinguishable without colour
            shade = 215 - segment * 35
            out.append(f'<rect x="{LEFT + segment * BAR + 1}" y="{y + 6}" width="{BAR - 2}" height="{ROW - 12}" '
                       f'fill="rgb({shade},{shade},{shade})" stroke="#000000"/>')
        out.append(f'<text x="{LEFT + level * BAR + 8}" y="{y + ROW / 2 + 5:.0f}" font-weight="bold">{level}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + ROW * len(rows)}" x2="{LEFT + 5 * BAR}" '
               f'y2="{TOP + ROW * len(rows)}" stroke="#000000"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
