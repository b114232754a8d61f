"""The document model as Markdown: headings, lists, pipe tables; figures as tables, since no viewer draws them alike."""

from __future__ import annotations

import re
from functools import lru_cache
from html.entities import html5

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
)
from digimandate.render.formats import DocumentStyle
from digimandate.textsafe import BIDI_CONTROLS

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def _entity(m: re.Match[str]) -> str:
    """Escape an ampersand only where a viewer would read an entity: "B&W;" stays as written."""
    name = m.string[m.end():].split(";", 1)[0] + ";"
    return "&amp;" if name.startswith("#") or name in html5 else "&"
_START = re.compile(r"^([#+=-]|\d+[.)])(?=\s|$)|^(:)")
_STARTERS = frozenset("#+=-:0123456789")  # the first characters _START can match
# control characters a name may carry: an escape sequence, a bell, a NUL; never part of a document
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ufffe\uffff]")


@lru_cache(maxsize=4096)  # a document repeats its texts: names, column heads, the norms' words
def esc(text: str) -> str:
    """Text stays text: Markdown and HTML characters escaped, one line, no accidental heading or list."""
    text = " ".join(text.split())
    if _CONTROL.search(text):
        text = " ".join(_CONTROL.sub("", text).split())
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    if _SPECIAL.search(text):
        text = _SPECIAL.sub(r"\\\1", text)
    return _START.sub(_start, text) if text[:1] in _STARTERS else text


def _start(m: re.Match[str]) -> str:
    """A line start Markdown would read as a heading or list, escaped (punctuation only: ``1\\.``)."""
    found = m.group(1) or m.group(2)
    return found[:-1] + "\\" + found[-1]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(esc(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return out


def bar(value: int | None) -> str:
    """A level as a bar of blocks that reads in plain text too."""
    return "–" if value is None else "■" * value + "□" * (5 - value)


def _image_name(name: str) -> str:
    """A file name as a Markdown link target: angle brackets keep spaces and brackets in it from ending the link."""
    if re.fullmatch(r"[\w.-]+", name):
        return name
    return "<" + _CONTROL.sub("", name).replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"


def ownership_mermaid(b: Ownership) -> list[str]:
    """The ownership picture as a Mermaid flowchart: a box per department with what it owns; the mandates' reach."""
    from digimandate.render.mermaid import label

    lines = ["```mermaid", "flowchart LR"]
    ids = {}
    for i, (group, items) in enumerate(b.groups):
        ids[group] = f"d{i}"
        lines.append(f"  subgraph d{i}[{label(group)}]")
        lines.append("    direction TB")
        lines += [f"    d{i}i{j}[{label(item)}]" for j, item in enumerate(items) if item != "–"]
        lines.append("  end")
    departments = [ids[group] for group, _ in b.groups[:len(b.groups)]]
    for k, (name, _) in enumerate(b.mandates):
        # a topic stands in quotation marks in a sentence; its own node in the picture needs none
        topic = name[1:-1] if len(name) > 1 and name[0] == name[-1] == '"' else name
        lines.append(f"  m{k}{{{{{label(topic)}}}}}")
        reach = b.reach[k] if b.reach is not None and k < len(b.reach) else []
        targets = departments if reach is None else [ids[g] for g in reach if g in ids]
        lines += [f"  m{k} -.-> {node}" for node in dict.fromkeys(targets)]
    lines.append("```")
    return lines


def block(b: Block, chart_file: str | None = None) -> list[str]:
    """One block as Markdown lines; ``chart_file``: the chart is also shown from that SVG file beside the text."""
    if isinstance(b, Para):
        return [(f"**{esc(b.label)}:** " if b.label else "") + esc(b.text)]
    if isinstance(b, Items):
        return [(f"{i}. " if b.ordered else "- ") + esc(item) for i, item in enumerate(b.items, 1)]
    if isinstance(b, Table):
        return _table(b.header, b.rows)
    if isinstance(b, Fields):
        return ["| | |", "|---|---|"] + [f"| **{esc(k)}** | {esc(v)} |" for k, v in b.rows]
    if isinstance(b, Chart):
        rows = [[name, bar(level), str(level) if level is not None else b.missing(i)]
                for i, (name, level) in enumerate(b.rows)]
        picture = [f"![{esc(b.title)}]({_image_name(chart_file)})", ""] if chart_file else []
        return [*picture, f"*{esc(b.title)}*", "", *_table(["", "1–5", ""], rows)]
    if isinstance(b, Ownership):
        out = [f"*{esc(b.title)}*", "", *ownership_mermaid(b), "",
               *_table(list(b.labels), [[g, "; ".join(items)] for g, items in b.groups])]
        if b.mandates:
            out += [""] + [f"- {esc(name)}: {esc(reach)}" for name, reach in b.mandates]
        return out
    if isinstance(b, Figure):  # the table beside it holds the same data
        return []
    raise TypeError(type(b).__name__)


def _section(s: Section, depth: int, chart_file: str | None) -> list[str]:
    out = ["#" * depth + " " + esc(s.title), ""]
    for b in s.blocks:
        lines = block(b, chart_file)
        out += [*lines, ""] if lines else []
    for sub in s.sections:
        out += _section(sub, depth + 1, chart_file)
    return out


def render_markdown(doc: BoardDocument, chart_file: str | None = None) -> str:
    """The whole document as Markdown; ``chart_file``: the maturity chart's SVG file beside it, by relative name."""
    out = [f"**{esc(doc.running_head)}**", ""] if doc.running_head else []  # a stage is read before the title
    out += [f"# {esc(doc.title)}", "", f"*{esc(doc.subtitle)}*", ""]
    for b in doc.front:
        out += [*block(b, chart_file), ""]
    for s in doc.sections:
        out += _section(s, 2, chart_file)
    return "\n".join(out).rstrip("\n") + "\n"


def write_document(doc: BoardDocument, style: DocumentStyle) -> bytes:
    """The document as a Markdown file (``DocumentWriter``), the chart named from ``style.chart_file``."""
    return render_markdown(doc, style.chart_file).encode("utf-8")
