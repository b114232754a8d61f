"""Word tables: each cell's text written as python-docx's own ``add_run`` writes it."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from digimandate.render.doc.model import BoardDocument, Fields, Table
from digimandate.render.doc.to_docx import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# the texts a cell can hold: plain, empty, spaces at an end, a tab, line breaks (written as spaces), both, a bell
TEXTS = ["Burgerzaken", "", " voor", "na ", "a\tb", "regel\nregel\r\nregel", " \t x \n", "bel\x07"]


def paragraphs(docx: bytes) -> list[bytes]:
    """Every table cell's paragraph, serialised."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    return [etree.tostring(p) for p in etree.fromstring(xml).iter(f"{W}p") if p.getparent().tag == f"{W}tc"]


def expected(texts: list[str], bold: bool) -> list[bytes]:
    """The same cells' paragraphs as python-docx writes them with ``add_run``."""
    import docx
    from docx.shared import Pt

    from digimandate.render.doc.model import xml_safe

    doc = docx.Document()
    table = doc.add_table(rows=1, cols=len(texts))
    out = []
    for cell, text in zip(table.rows[0].cells, texts, strict=True):
        run = cell.paragraphs[0].add_run(xml_safe(text))
        run.font.size = Pt(9)
        if bold:
            run.bold = True
        out.append(etree.tostring(cell.paragraphs[0]._p))
    return out


def test_every_row_of_a_table_holds_its_text_as_python_docx_writes_it() -> None:
    rows = [TEXTS, list(reversed(TEXTS)), TEXTS[2:] + TEXTS[:2]]  # the later rows are copies of the first
    header = [f"Kop {i}" for i in range(len(TEXTS))]
    written = paragraphs(render_docx(BoardDocument("nl", "Titel", "", front=[Table(header, rows)]), "pagina"))
    assert written == expected(header, True) + [p for row in rows for p in expected(row, False)]


def test_fields_keep_their_labels_bold() -> None:
    written = paragraphs(render_docx(BoardDocument("nl", "Titel", "", front=[Fields([("Aan", "het college\n")])]),
                                     "pagina"))
    assert written == [expected(["Aan"], True)[0], expected(["het college\n"], False)[0]]
