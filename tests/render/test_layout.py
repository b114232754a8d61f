"""Column widths from a table's content: a cell wraps between words, never inside one."""

from __future__ import annotations

import re

import pytest

from digimandate.render.doc.layout import LINE_CHARS, MIN_POINTS, POINTS, column_widths, font_points, longest_word
from digimandate.render.doc.model import BoardDocument, Section, Table
from digimandate.render.doc.to_docx import render_docx
from digimandate.render.doc.to_html import CSS, render_html


def test_the_longest_word_of_a_column_fits_it() -> None:
    rows = [["Belastingbetalingsregeling", "Een bevinding over dit product die flink wat woorden telt " * 3, "vastgelegd"]]
    shares = column_widths(["Waar", "Bevinding", "Grondslag"], rows, [3, 6, 2])
    assert sum(shares) == pytest.approx(1.0)
    assert shares[0] * LINE_CHARS >= len("Belastingbetalingsregeling") + 2
    assert shares[2] * LINE_CHARS >= len("vastgelegd") + 2
    # the rest of the line goes to the column with the most text
    assert shares[1] > shares[0] > shares[2]


def test_a_header_and_a_bold_column_count_wider() -> None:
    plain = column_widths(None, [["Normenkader", "x " * 60]], [3, 7])
    bold = column_widths(None, [["Normenkader", "x " * 60]], [3, 7], bold=frozenset({0}))
    assert bold[0] > plain[0]
    assert column_widths(["Inspanning", "y"], [["klein", "y " * 60]], None)[0] * LINE_CHARS >= 1.2 * 10


def test_words_wider_than_the_line_share_it_in_proportion() -> None:
    shares = column_widths(None, [["a" * 60, "b" * 60]], None)
    assert shares == [0.5, 0.5]
    assert longest_word("") == 0 and column_widths(None, [], None) == []


def test_html_tables_wrap_between_words_with_widths_from_their_content() -> None:
    assert "break-all" not in CSS and "hyphens: auto" not in CSS
    assert "overflow-wrap: break-word" in CSS  # only a word wider than any column breaks
    doc = BoardDocument("nl", "T", "S", sections=[Section("A").add(Table(["Waar", "Bevinding"],
                                                                     [["Belastingbetalingsregeling", "kort"]]))])
    html = render_html(doc)
    widths = [float(w) for w in re.findall(r'<col style="width:([\d.]+)%">', html)]
    assert len(widths) == 2 and widths[0] > widths[1]


JOB = (["Mandaat", "Afwisseling", "Afgerondheid", "Belang", "Zelfstandigheid", "Terugkoppeling"],
       [['"digitale dienstverlening"', "hoog (schatting)", "hoog (schatting)", "hoog (schatting)", "laag (schatting)",
         "hoog (schatting)"]])


def test_a_table_whose_words_do_not_fit_the_line_is_set_smaller_until_they_do() -> None:
    header, rows = JOB
    # at 9 points the six longest words (bold headers) need more than the line: a cell would break "Afgerondheid"
    at_nine = column_widths(header, rows, None)
    assert at_nine[2] * LINE_CHARS < len("Afgerondheid") * 1.2 + 2
    points = font_points(header, rows)
    assert points == 7.0
    line = int(LINE_CHARS * POINTS / points)
    shares = column_widths(header, rows, None, line=line)
    for i, head in enumerate(header):
        assert shares[i] * line >= len(head) * 1.2 + 2, head
    # a table whose words fit keeps the ordinary type, and no table goes below the floor
    assert font_points(["Waar", "Bevinding"], [["Belastingbetalingsregeling", "kort"]]) == POINTS
    assert font_points(["x" * 40] * 6, [["y"] * 6]) == MIN_POINTS


def test_the_word_table_carries_the_smaller_type_and_widths_that_hold_its_words() -> None:
    import io
    import zipfile

    header, rows = JOB
    doc = BoardDocument("nl", "T", "S", sections=[Section("A").add(Table(header, rows))])
    xml = zipfile.ZipFile(io.BytesIO(render_docx(doc, "Pagina"))).read("word/document.xml").decode()
    table = xml[xml.index("<w:tbl>"):xml.index("</w:tbl>")]
    # 7 points is 14 half-points, in every cell; none of the ordinary 9 (18)
    sizes = set(re.findall(r'<w:sz w:val="(\d+)"/>', table))
    assert sizes == {"14"}
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
    assert len(grid) == 6
    total = sum(grid)
    line = int(LINE_CHARS * POINTS / 7.0)
    for width, head in zip(grid, header, strict=True):
        assert width / total * line >= len(head) * 1.2 + 2, head
