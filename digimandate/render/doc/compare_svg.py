"""The comparison's figure: levels side by side as a grid, one row per organisation, readable without colour."""

from __future__ import annotations

import textwrap

from digimandate.render.doc.svg import FONT, escape

SHADES = (235, 205, 170, 130, 85)  # light to dark per level; the digit in each cell says the level anyway


def level_grid(title: str, desc: str, columns: list[str], rows: list[tuple[str, list[int | None]]],
               key: str = "cmp-levels") -> str:
    """Per organisation (row) its level in each column; a dash where there is none."""
    left, cell, line = 210, 78, 12
    heads = [textwrap.wrap(c, 13, break_long_words=False) or [""] for c in columns]
    top = 14 + line * max((len(h) for h in heads), default=1)
    row_h = 24
    width, height = left + cell * len(columns) + 10, top + row_h * len(rows) + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-labelledby="{key}-title {key}-desc" {FONT} font-size="12">',
           f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(desc)}</desc>']
    for c, head in enumerate(heads):
        x = left + c * cell + cell / 2
        for j, text in enumerate(head):
            out.append(f'<text x="{x:.0f}" y="{10 + line * (j + 1)}" text-anchor="middle" font-size="10" '
                       f'font-weight="bold">{escape(text)}</text>')
    for r, (name, levels) in enumerate(rows):
        y = top + r * row_h
        out.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{escape(textwrap.shorten(name, 32))}</text>')
        for c, level in enumerate(levels):
            x = left + c * cell
            shade = SHADES[level - 1] if level else 255
            ink = "#fff" if level and level >= 4 else "#000"
            out.append(f'<rect x="{x + 2}" y="{y + 2}" width="{cell - 4}" height="{row_h - 4}" '
                       f'fill="rgb({shade},{shade},{shade})" stroke="#000"/>')
            out.append(f'<text x="{x + cell / 2:.0f}" y="{y + 16}" text-anchor="middle" font-weight="bold" '
                       f'fill="{ink}">{"–" if level is None else level}</text>')
    out.append("</svg>")
    return "".join(out)
