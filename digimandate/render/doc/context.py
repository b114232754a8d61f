"""The document model as plain data (texts, numbers, lists and dictionaries) for one's own template."""

from __future__ import annotations

from typing import Any

from digimandate.render.doc.model import Block, BoardDocument, Chart, Fields, Items, Ownership, Para, Section, Table


def block_data(b: Block) -> dict[str, Any]:
    """One block as a dictionary; ``kind`` says which: para, items, table, fields, chart or ownership."""
    if isinstance(b, Para):
        return {"kind": "para", "text": b.text, "label": b.label or ""}
    if isinstance(b, Items):
        return {"kind": "items", "items": list(b.items), "ordered": b.ordered}
    if isinstance(b, Table):
        return {"kind": "table", "header": list(b.header), "rows": [list(row) for row in b.rows]}
    if isinstance(b, Fields):
        return {"kind": "fields", "rows": [[k, v] for k, v in b.rows]}
    if isinstance(b, Chart):
        return {"kind": "chart", "title": b.title, "level_names": list(b.level_names),
                "rows": [{"name": name, "level": level, "missing": "" if level is not None else b.missing(i)}
                         for i, (name, level) in enumerate(b.rows)]}
    if isinstance(b, Ownership):
        return {"kind": "ownership", "title": b.title, "labels": list(b.labels),
                "groups": [{"name": name, "items": list(items)} for name, items in b.groups],
                "mandates": [{"name": name, "reach": reach} for name, reach in b.mandates]}
    raise TypeError(type(b).__name__)


def section_data(s: Section) -> dict[str, Any]:
    """A section: its title, its blocks, its subsections (one level deeper), and whether it starts a page."""
    return {"title": s.title, "blocks": [block_data(b) for b in s.blocks],
            "sections": [section_data(sub) for sub in s.sections], "new_page": s.new_page}


def document_data(doc: BoardDocument) -> dict[str, Any]:
    """The whole document: what the built-in Markdown, HTML and Word renderers get, as a template gets it."""
    return {"lang": doc.lang, "title": doc.title, "subtitle": doc.subtitle, "running_head": doc.running_head,
            "front": [block_data(b) for b in doc.front], "sections": [section_data(s) for s in doc.sections],
            "footer": doc.footer, "contents": doc.contents or ""}
