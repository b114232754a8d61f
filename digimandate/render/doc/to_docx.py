"""The document model as a Word document (python-docx): Word's own heading and list styles, native tables,
page numbers; a reference document gives the house style (styles, header, footer, logo), as in pandoc."""

from __future__ import annotations

import copy
import io
import itertools
import weakref
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from digimandate.errors import UsageError
from digimandate.i18n import t
from digimandate.render.doc.layout import LINE_CHARS, POINTS, column_widths, font_points
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
from digimandate.render.formats import DocumentStyle

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table as DocxTable

CONTENTS_LEVELS = 2  # headings 1 and 2 are listed in the table of contents
SHADES = ("D7D7D7", "B4B4B4", "919191", "6E6E6E", "4B4B4B")  # darker per level, readable in black and white


def _style(doc: DocxDocument, name: str, fallback: str = "Normal") -> Any:
    """A named style, or the fallback when a reference document does not define it."""
    known = _STYLES.setdefault(doc.part, {})
    found = known.get((name, fallback))
    if found is None:
        try:
            found = doc.styles[name]
        except KeyError:
            found = doc.styles[fallback]
        known[name, fallback] = found
    return found


# Styles by name per document being written: python-docx searches the style list on every lookup.
_STYLES: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], Any]] = weakref.WeakKeyDictionary()


def _remember_style_ids(doc: DocxDocument) -> None:
    """Give a paragraph's style its id without python-docx's search of every style for the default one.

    python-docx looks up the default paragraph style for each paragraph given a style (a scan of every
    style); a report has hundreds of paragraphs, and the styles in use do not change while it is written.
    """
    part: Any = doc.part
    lookup = part.get_style_id
    ids: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if style_or_name is None or isinstance(style_or_name, str):
            return cast("str | None", lookup(style_or_name, style_type))
        key = (style_or_name.style_id, style_type)
        if key not in ids:
            ids[key] = lookup(style_or_name, style_type)
        return ids[key]

    part.get_style_id = get_style_id


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(table: DocxTable) -> None:
    """Repeat the first row on every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _keep_together(row: Any) -> None:
    """A row is not split over two pages: a finding and where it stands stay on one page."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _table(doc: DocxDocument, header: list[str] | None, rows: list[list[str]], widths: list[int] | None,
           bold: frozenset[int] = frozenset()) -> DocxTable:
    from docx.shared import Mm, Pt

    ncols = len(header) if header else len(rows[0])
    table: Any = doc.add_table(rows=0, cols=ncols)  # python-docx leaves add_row untyped
    table.style = _style(doc, "Table Grid", "Normal Table")
    usable = Mm(170)
    # widths from the content: a column fits its longest word, so a cell wraps between words only; a table of
    # many columns with long words is set smaller, which puts more characters on the line
    points = font_points(header, rows, bold)
    shares = column_widths(header, rows, widths, line=int(LINE_CHARS * POINTS / points), bold=bold)
    table.autofit = False
    width = [int(usable * share) for share in shares]
    for col, w in zip(table.columns, width, strict=True):
        col.width = w
    size = Pt(points)

    models: dict[bool, Any] = {}  # an empty row of each kind, made once by python-docx

    def add_row(texts: list[str], strong: bool) -> Any:
        # The first row of a kind is made by python-docx; the others are copies of it with their own text:
        # python-docx searches an element's children for the place of each new one, which cost most of the time
        # of a Word report.
        model = models.get(strong)
        if model is None:
            row = table.add_row()
            _keep_together(row)
            for cell, w in zip(row.cells, width, strict=True):
                cell.width = w
                run = cell.paragraphs[0].add_run()
                run.font.size = size
                if strong:
                    run.bold = True
            model = models[strong] = copy.deepcopy(row._tr)
            tr = row._tr
        else:
            tr = copy.deepcopy(model)
            table._tbl.append(tr)
        for r, text in zip(tr.iterchildren(_TC), texts, strict=True):
            _set_text(r.find(_RUN), xml_safe(text))
        return tr

    if header:
        add_row(header, True)
        for cell in table.rows[0].cells:
            _shade(cell, "E8E8E8")
        _repeat_header(table)
    for row in rows:
        add_row(row, False)
    doc.add_paragraph()
    return cast("DocxTable", table)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TC, _RUN = f"{_W}tc", f"{_W}p/{_W}r"
_PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"


def _set_text(r: Any, text: str) -> None:
    """Give an empty run its (XML-safe, so one-line) text as python-docx's ``run.text`` does."""
    if not text:
        return
    if "\t" in text:
        r.text = text  # python-docx's own setter, which writes a tab as Word's w:tab
        return
    from docx.oxml import OxmlElement

    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    if len(text.strip()) < len(text):
        t.set(_PRESERVE, "preserve")


def _block(doc: DocxDocument, b: Block) -> None:
    if isinstance(b, Para):
        p = doc.add_paragraph(style=_style(doc, "Normal"))
        if b.label:
            p.add_run(xml_safe(f"{b.label}: ")).bold = True
        p.add_run(xml_safe(b.text))
    elif isinstance(b, Items):
        if b.ordered:
            for i, item in enumerate(b.items, 1):
                # Word continues one "List Number" over separate lists; a written number never runs on
                doc.add_paragraph(xml_safe(f"{i}. {item}"), style=_style(doc, "List Paragraph"))
        else:
            for item in b.items:
                doc.add_paragraph(xml_safe(item), style=_style(doc, "List Bullet", "List Paragraph"))
    elif isinstance(b, Table):
        table = _table(doc, b.header, b.rows, b.widths)
        if b.levels:
            _shade_levels(table)
    elif isinstance(b, Fields):
        table = _table(doc, None, [[k, v] for k, v in b.rows], [3, 7], frozenset({0}))
        for row in table.rows:
            for run in row.cells[0].paragraphs[0].runs:
                run.bold = True
    elif isinstance(b, Chart):
        doc.add_paragraph(xml_safe(b.title), style=_style(doc, "Caption"))
        rows = [[name, "", "", "", "", "", str(level) if level is not None else b.missing(i)]
                for i, (name, level) in enumerate(b.rows)]
        table = _table(doc, ["", *[str(i) for i in range(1, 6)], ""], rows, [8, 2, 2, 2, 2, 2, 4])
        legend = " · ".join(f"{i} {n}" for i, n in enumerate(b.level_names, 1))
        doc.paragraphs[-1].add_run(legend).italic = True
        for r, (_, level) in enumerate(b.rows, 1):
            for s in range(level or 0):
                _shade(table.rows[r].cells[1 + s], SHADES[s])
    elif isinstance(b, Ownership):
        doc.add_paragraph(xml_safe(b.title), style=_style(doc, "Caption"))
        _table(doc, list(b.labels), [[g, "; ".join(items)] for g, items in b.groups], [3, 8])
        for name, reach in b.mandates:
            doc.add_paragraph(xml_safe(f"{name}: {reach}"), style=_style(doc, "List Bullet", "List Paragraph"))
    elif isinstance(b, Figure):
        pass  # drawn only in HTML; the table beside it holds the same data
    else:
        raise TypeError(type(b).__name__)


def _shade_levels(table: DocxTable) -> None:
    """Shade each cell that holds a level ("3", "3 (+1)") as the maturity chart does; light text on the dark ones."""
    from docx.shared import RGBColor

    for row in list(table.rows)[1:]:
        for cell in row.cells[1:]:
            text = cell.text
            if text[:1] in ("1", "2", "3", "4", "5") and (len(text) == 1 or text[1] == " "):
                level = int(text[0])
                _shade(cell, SHADES[level - 1])
                if level >= 4:
                    for run in cell.paragraphs[0].runs:
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _heading_style(doc: DocxDocument, level: int) -> Any:
    """Word's "Heading N", added when a house style lacks it: headings keep their outline level."""
    name = f"Heading {level}"
    known = _STYLES.setdefault(doc.part, {})
    found = known.get((name, ""))
    if found is None:
        found = known[name, ""] = _add_heading_style(doc, name, level)
    return found


def _add_heading_style(doc: DocxDocument, name: str, level: int) -> Any:
    """The heading style of that name, added where the document lacks it."""
    try:
        return doc.styles[name]
    except KeyError:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt({1: 16, 2: 13}.get(level, 11))
        style.paragraph_format.keep_with_next = True
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        style.element.get_or_add_pPr().append(outline)
        return style


def _section(doc: DocxDocument, s: Section, level: int, marks: Iterator[str]) -> None:
    heading = doc.add_paragraph(xml_safe(s.title), style=_heading_style(doc, level))
    if level <= CONTENTS_LEVELS:  # the table of contents points here for its page number
        _bookmark(heading, next(marks))
    if s.new_page:
        heading.paragraph_format.page_break_before = True
    for b in s.blocks:
        _block(doc, b)
    for sub in s.sections:
        _section(doc, sub, level + 1, marks)


def _bookmark(paragraph: Any, name: str) -> None:
    """A bookmark around the paragraph's text, for a page reference to find it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ident = name.rsplit("_", 1)[-1]
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), ident)
    paragraph._p.insert(paragraph._p.index(paragraph._p.find(qn("w:r"))), start)
    paragraph._p.append(end)


def _marks() -> Iterator[str]:
    """The bookmark names of the headings the table of contents lists, in order."""
    return (f"_Toc_{i}" for i in itertools.count(1))


def _page_ref(paragraph: Any, mark: str) -> None:
    """A PAGEREF field to a heading's bookmark: Word and LibreOffice fill in its page number when they lay out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: Any) -> Any:
        run = OxmlElement("w:r")
        run.append(child)
        return run

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" PAGEREF {mark} \\h "
    for child in (char("begin"), instr, char("separate"), char("end")):
        paragraph._p.append(run_with(child))


def _contents(doc: DocxDocument, model: BoardDocument) -> None:
    """A table of contents: each heading with a page reference to its bookmark, dots leading to the number.

    Not Word's TOC field: LibreOffice keeps such a field's text as it was written and leaves out the page
    numbers when it converts to PDF, while it lays out a page reference itself. Word fills the references
    in when it opens the file (``updateFields``) or prints it.
    """
    from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm

    doc.add_paragraph(xml_safe(model.contents or ""), style=_style(doc, "TOC Heading", "Subtitle"))
    entries = [e for s in model.sections for e in [(1, s.title), *((2, sub.title) for sub in s.sections)]]
    paragraphs = []
    page = doc.sections[-1]
    width = (page.page_width or Mm(210)) - (page.left_margin or Mm(20)) - (page.right_margin or Mm(20))
    for (level, title), mark in zip(entries, _marks(), strict=False):
        p = doc.add_paragraph(style=_style(doc, f"TOC {level}", "Normal"))
        if level > 1:
            p.paragraph_format.left_indent = Mm(6)
        # the page number at the right margin, dots leading to it, as Word writes a table of contents
        p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        paragraphs.append(p)
        p.add_run(xml_safe(title))
        p.add_run("\t")
        _page_ref(p, mark)
    paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _update_fields_on_opening(doc)


# The elements of Word's settings that come after updateFields, in the order the schema gives them.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator")


def _update_fields_on_opening(doc: DocxDocument) -> None:
    """Ask Word to update the fields (the page numbers of the contents) when it opens the document."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    later = next((child for child in settings if child.tag.rpartition("}")[2] in _AFTER_UPDATE_FIELDS), None)
    if later is None:
        settings.append(flag)
    else:
        later.addprevious(flag)


def _clear_body(doc: DocxDocument) -> None:
    """Keep the reference document's styles, headers and footers; drop its sample text."""
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _page_numbers(doc: DocxDocument, footer_text: str, page_word: str) -> None:
    """A footer with the document's name and the page number, unless the house style has its own."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for section in doc.sections:
        footer = section.footer
        if "PAGE" in footer._element.xml:
            continue
        p = footer.add_paragraph() if footer.paragraphs[0].text else footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(xml_safe(f"{footer_text} · {page_word} "))
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        p._p.append(field)


LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}  # Word's spelling check and hyphenation follow the language


def _language(doc: DocxDocument, tag: str) -> None:
    """The document's language in its default run properties and settings, so Word checks it as that language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    for style in doc.styles:  # a style that names its own language would override the default
        found = style.element.find(qn("w:rPr"))
        own = found.find(qn("w:lang")) if found is not None else None
        if own is not None:
            own.set(qn("w:val"), tag)
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.append(theme)
    theme.set(qn("w:val"), tag)


def _properties(doc: DocxDocument, model: BoardDocument) -> None:
    """Title, author, language and dates of this document, not those of the template it started from."""
    from datetime import datetime, time, timezone

    props = doc.core_properties
    props.title = xml_safe(model.title)[:255]
    props.author = xml_safe(model.author)[:255]
    props.last_modified_by = xml_safe(model.author)[:255]
    props.language = LANGUAGE_TAGS[model.lang]
    props.subject = xml_safe(model.subtitle)[:255]
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    if model.written is not None:
        props.created = props.modified = datetime.combine(model.written, time(0, 0), tzinfo=timezone.utc)


def _running_head(doc: DocxDocument, text: str) -> None:
    """The stage, version and date at the top of every page (a concept's "Concept"), above any house header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in doc.sections:
        header = section.header
        first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        p = first.insert_paragraph_before() if first.text else first
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = p.add_run(xml_safe(text))
        run.bold = True


def render_docx(doc_model: BoardDocument, page_word: str, reference: Path | None = None) -> bytes:
    """The whole document as .docx bytes."""
    import docx
    from docx.shared import Mm

    doc = docx.Document(str(reference)) if reference else docx.Document()
    _remember_style_ids(doc)
    if reference:
        _clear_body(doc)
    else:
        for section in doc.sections:  # A4 with even margins: Dutch offices print on A4
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(20)
            section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    _properties(doc, doc_model)
    _language(doc, LANGUAGE_TAGS[doc_model.lang])
    if doc_model.running_head:
        _running_head(doc, doc_model.running_head)
    doc.add_paragraph(xml_safe(doc_model.title), style=_style(doc, "Title"))
    doc.add_paragraph(xml_safe(doc_model.subtitle), style=_style(doc, "Subtitle"))
    for b in doc_model.front:
        _block(doc, b)
    if doc_model.contents and doc_model.sections:
        _contents(doc, doc_model)
    marks = _marks()
    for s in doc_model.sections:
        _section(doc, s, 1, marks)
    _page_numbers(doc, doc_model.footer, page_word)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def check_reference(path: Path) -> None:
    """A reference document must be a Word file that python-docx can open."""
    if not path.is_file():
        raise UsageError("reference_docx_missing", file=str(path))
    if not zipfile.is_zipfile(path):
        raise UsageError("reference_docx_invalid", file=str(path))
    import docx

    try:
        docx.Document(str(path))
    except Exception:  # python-docx raises several kinds for a file that is not a Word document
        raise UsageError("reference_docx_invalid", file=str(path)) from None


def write_document(doc: BoardDocument, style: DocumentStyle) -> bytes:
    """The document as a Word file (``DocumentWriter``), in the house style of ``style.reference`` if given."""
    if style.reference is not None:
        check_reference(style.reference)
    return render_docx(doc, t("doc_page", doc.lang), style.reference)
