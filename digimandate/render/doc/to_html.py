"""The document model as one self-contained HTML file: inline CSS and SVG, nothing fetched, printable to PDF."""

from __future__ import annotations

from html import escape

from digimandate.render.doc.layout import column_widths
from digimandate.render.doc.model import (
    Block,
    BoardDocument,
    Chart,
    Fields,
    Figure,
    Items,
    Ownership,
    Para,
    Section,
    Table,
    xml_safe,
)
from digimandate.render.doc.svg import chart_svg, ownership_svg
from digimandate.render.formats import DocumentStyle

CSS = """
@page { size: A4; margin: 22mm 20mm 24mm 20mm;
  @bottom-center { content: counter(page); font: 9pt Helvetica, Arial, sans-serif; } }
html { font: 10.5pt/1.45 Helvetica, Arial, sans-serif; color: #111; }
body { max-width: 170mm; margin: 0 auto; padding: 0 4mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
.subtitle { font-size: 12pt; color: #333; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2.5mm; }
.newpage { break-before: page; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 1mm 0 4mm; font-size: 9pt;
  line-height: 1.3; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #888; padding: 0.9mm 1.4mm; text-align: left; vertical-align: top;
  overflow-wrap: break-word; hyphens: manual; }
th { background: #e8e8e8; }
table.fields td:first-child { font-weight: bold; width: 32%; background: #f4f4f4; }
figure { margin: 2mm 0 5mm; break-inside: avoid; }
figcaption { font-style: italic; font-size: 9.5pt; margin-bottom: 1mm; }
footer { margin-top: 10mm; font-size: 8.5pt; color: #555; }
@media print { footer { display: none; } }
nav.contents { break-after: page; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents ol ol { padding-left: 6mm; }
nav.contents a { color: inherit; text-decoration: none; }
"""


def _css_string(text: str) -> str:
    """Text as a CSS string: quotes, backslashes and line breaks escaped, nothing that ends the style."""
    safe = xml_safe(text).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace(">", "\\3e ")
    return f'"{safe}"'


def stage_css(head: str) -> str:
    """The stage, version and date at the top of every printed page, besides the banner above the title."""
    return (f"@page {{ @top-right {{ content: {_css_string(head)}; font: bold 9pt Helvetica, Arial, sans-serif; }} }}\n"
            ".stage { font-weight: bold; border: 1px solid #555; padding: 1mm 2mm; margin: 0 0 4mm; }\n")


def _e(text: str) -> str:
    return escape(xml_safe(text), quote=True)


def block(b: Block) -> str:
    """One block as HTML."""
    if isinstance(b, Para):
        label = f"<strong>{_e(b.label)}:</strong> " if b.label else ""
        return f"<p>{label}{_e(b.text)}</p>"
    if isinstance(b, Items):
        tag = "ol" if b.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_e(i)}</li>" for i in b.items) + f"</{tag}>"
    if isinstance(b, Table):
        # widths from the content: each column fits its longest word, so words break only when none can fit
        cols = "".join(f'<col style="width:{share * 100:.1f}%">' for share in column_widths(b.header, b.rows, b.widths))
        head = "".join(f"<th>{_e(h)}</th>" for h in b.header)
        body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in b.rows)
        return f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(b, Fields):
        rows = "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in b.rows)
        return f'<table class="fields"><tbody>{rows}</tbody></table>'
    if isinstance(b, Chart):
        return f"<figure><figcaption>{_e(b.title)}</figcaption>{chart_svg(b)}</figure>"
    if isinstance(b, Ownership):
        return f"<figure><figcaption>{_e(b.title)}</figcaption>{ownership_svg(b)}</figure>"
    if isinstance(b, Figure):
        return f"<figure><figcaption>{_e(b.title)}</figcaption>{b.svg}</figure>"
    raise TypeError(type(b).__name__)


def _section(s: Section, depth: int, anchor: str) -> str:
    cls = ' class="newpage"' if s.new_page else ""
    out = [f'<section{cls} id="{anchor}"><h{depth}>{_e(s.title)}</h{depth}>']
    out += [block(b) for b in s.blocks]
    out += [_section(sub, depth + 1, f"{anchor}-{i}") for i, sub in enumerate(s.sections, 1)]
    out.append("</section>")
    return "\n".join(out)


def _contents(doc: BoardDocument) -> str:
    """The table of contents: each section and its subsections, linked."""
    items = []
    for i, s in enumerate(doc.sections, 1):
        subs = "".join(f'<li><a href="#s{i}-{j}">{_e(sub.title)}</a></li>' for j, sub in enumerate(s.sections, 1))
        items.append(f'<li><a href="#s{i}">{_e(s.title)}</a>' + (f"<ol>{subs}</ol>" if subs else "") + "</li>")
    heading = _e(doc.contents or "")
    return f'<nav class="contents"><h2>{heading}</h2><ol>{"".join(items)}</ol></nav>'


def render_html(doc: BoardDocument) -> str:
    """The whole document as HTML5."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{doc.lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)}</title><style>{CSS}{stage_css(doc.running_head) if doc.running_head else ''}"
        "</style></head><body>",
        "<header>" + (f'<p class="stage">{_e(doc.running_head)}</p>' if doc.running_head else "")
        + f"<h1>{_e(doc.title)}</h1><p class=\"subtitle\">{_e(doc.subtitle)}</p>",
        *[block(b) for b in doc.front],
        "</header>",
        *([_contents(doc)] if doc.contents else []),
        "<main>",
        *[_section(s, 2, f"s{i}") for i, s in enumerate(doc.sections, 1)],
        f"</main><footer>{_e(doc.footer)}</footer></body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_document(doc: BoardDocument, style: DocumentStyle) -> bytes:
    """The document as one HTML file (``DocumentWriter``): the chart is inside, there is no house style."""
    return render_html(doc).encode("utf-8")
