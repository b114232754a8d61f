"""Figures as inline SVG: the maturity chart and the ownership picture, readable in print and without colour."""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape as _escape

from digimandate.render.doc.model import Chart, Ownership, xml_safe

FONT = 'font-family="Helvetica, Arial, sans-serif"'


def escape(text: str) -> str:
    """Text as SVG character data."""
    return _escape(xml_safe(text))


def _q(text: str) -> str:
    return _escape(xml_safe(text), {'"': "&quot;"})


def chart_svg(c: Chart) -> str:
    """Bars per dimension, one segment per level reached; "not assessed" written where there is no level."""
    row, left, seg, top = 30, 230, 62, 46
    width, height = left + 5 * seg + 130, top + row * len(c.rows) + 12
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="{_q(c.title)}" {FONT} font-size="13">', f"<title>{escape(c.title)}</title>"]
    for rung in range(1, 6):
        x = left + (rung - 1) * seg
        out.append(f'<text x="{x + seg / 2:.0f}" y="{top - 24}" text-anchor="middle" font-weight="bold">{rung}</text>')
        out.append(f'<text x="{x + seg / 2:.0f}" y="{top - 8}" text-anchor="middle" font-size="10">'
                   f"{escape(c.level_names[rung - 1])}</text>")
    for i, (name, level) in enumerate(c.rows):
        y = top + i * row
        out.append(f'<text x="{left - 10}" y="{y + row / 2 + 5:.0f}" text-anchor="end">{escape(name)}</text>')
        if level is None:
            out.append(f'<text x="{left + 6}" y="{y + row / 2 + 5:.0f}" font-style="italic">'
                       f"{escape(c.missing(i))}</text>")
            continue
        for s in range(level):
            shade = 215 - s * 35  # darker per level, outlined: tells apart without colour
            out.append(f'<rect x="{left + s * seg + 1}" y="{y + 5}" width="{seg - 2}" height="{row - 10}" '
                       f'fill="rgb({shade},{shade},{shade})" stroke="#000"/>')
        out.append(f'<text x="{left + level * seg + 8}" y="{y + row / 2 + 5:.0f}" font-weight="bold">{level}</text>')
    out.append("</svg>")
    return "".join(out)


def _lines(items: list[str], width: int) -> list[str]:
    out: list[str] = []
    for item in items:
        out += textwrap.wrap(item, width) or [""]
    return out


def ownership_svg(o: Ownership) -> str:
    """Mandates on top, departments below with what they own; dashed lines show each mandate's reach."""
    cols, box_w, gap, line_h = 3, 220, 20, 15
    width = cols * box_w + (cols + 1) * gap
    out: list[str] = []
    y = 10
    mandate_boxes: list[tuple[float, float, str]] = []
    for i, (name, reach) in enumerate(o.mandates):
        lines = _lines([name, reach], 60)
        h = 12 + line_h * len(lines)
        x = gap + (i % 2) * (width / 2)
        out.append(f'<rect x="{x}" y="{y}" width="{width / 2 - 2 * gap}" height="{h}" rx="12" fill="#eeeeee" '
                   'stroke="#000" stroke-width="1.5"/>')
        for j, text in enumerate(lines):
            weight = ' font-weight="bold"' if j == 0 else ""
            out.append(f'<text x="{x + 10}" y="{y + 18 + j * line_h}"{weight}>{escape(text)}</text>')
        mandate_boxes.append((x + (width / 2 - 2 * gap) / 2, y + h, reach))
        if i % 2 == 1 or i == len(o.mandates) - 1:
            y += h + 30
    heights = []
    for _, items in o.groups:
        heights.append(22 + line_h * len(_lines(items, 34)) + 8)
    row_tops = []
    for r in range(0, len(o.groups), cols):
        row_tops.append(y)
        y += max(heights[r:r + cols]) + gap
    for k, (name, items) in enumerate(o.groups):
        x = gap + (k % cols) * (box_w + gap)
        top = row_tops[k // cols]
        h = max(heights[(k // cols) * cols:(k // cols) * cols + cols])
        out.append(f'<rect x="{x}" y="{top}" width="{box_w}" height="{h}" fill="#ffffff" stroke="#000"/>')
        out.append(f'<text x="{x + 8}" y="{top + 17}" font-weight="bold">{escape(textwrap.shorten(name, 32))}</text>')
        for j, text in enumerate(_lines(items, 34)):
            out.append(f'<text x="{x + 8}" y="{top + 36 + j * line_h}" font-size="11">{escape(text)}</text>')
        for mx, my, reach in mandate_boxes:
            if name in reach.split(", "):
                out.append(f'<line x1="{mx}" y1="{my}" x2="{x + box_w / 2}" y2="{top}" stroke="#555" '
                           'stroke-dasharray="4,3"/>')
    height = y
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="{_q(o.title)}" {FONT} font-size="12"><title>{escape(o.title)}</title>')
    return head + "".join(out) + "</svg>"
