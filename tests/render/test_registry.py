"""The registry of output formats: every format of check is one module, and the command line is made from it."""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from digimandate.audit.flow import audit_file
from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from digimandate.cli.run import parse_outputs
from digimandate.render import stream_many
from digimandate.render.doc.model import BoardDocument, Para
from digimandate.render.formats import (
    FORMATS,
    DocumentStyle,
    OutputFormat,
    check_format,
    check_formats,
    document_formats,
    listed,
    titled,
    write_document,
)
from digimandate.render.terminal import chunks, render
from tests.conftest import EXAMPLES


def test_every_format_of_check_is_a_module_that_writes_it() -> None:
    assert [f.name for f in check_formats()] == ["terminal", "json", "sarif", "junit", "github"]
    for fmt in check_formats():
        write = fmt.writer().write
        assert list(inspect.signature(write).parameters) == ["results", "rules", "lang_for", "screen"], fmt.name
    assert [f.name for f in check_formats() if f.streams] == ["terminal", "json", "sarif"]
    assert [f.name for f in document_formats()] == ["md", "html", "docx"]
    with pytest.raises(ValueError, match="docx is a document format"):
        FORMATS["docx"].writer()


def test_every_document_format_is_a_module_that_writes_it() -> None:
    for fmt in document_formats():
        write = fmt.document_writer().write_document
        assert list(inspect.signature(write).parameters) == ["doc", "style"], fmt.name
    assert [f.name for f in document_formats() if f.binary] == ["docx"]
    assert [f.name for f in document_formats() if f.styled] == ["docx"]
    assert [f.name for f in document_formats() if f.chart_apart] == ["md"]
    with pytest.raises(ValueError, match="json is not a document format"):
        FORMATS["json"].document_writer()
    with pytest.raises(ValueError, match="sarif is not a document format"):
        write_document(BoardDocument("nl", "T", "S"), "sarif")


def test_a_document_is_written_by_its_formats_module() -> None:
    from digimandate.render.doc.to_html import render_html
    from digimandate.render.doc.to_markdown import render_markdown

    doc = BoardDocument("en", "Title", "Subtitle", front=[Para("Text.")])
    assert write_document(doc, "html") == render_html(doc).encode("utf-8")
    assert write_document(doc, "md", DocumentStyle(chart_file="a.svg")) == render_markdown(doc, "a.svg").encode()
    assert write_document(doc, "docx").startswith(b"PK")


def test_the_document_commands_offer_the_registrys_formats() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = [f.name for f in document_formats()]
    for command in ("report", "memo", "opzet", "uitvraag", "bevindingen"):
        option = next(p for p in group.commands[command].params if p.name == "fmt")  # type: ignore[attr-defined]
        assert [choice.value for choice in option.type_descriptor.annotation] == names, command
    assert titled(document_formats(), "nl") == "Markdown, HTML of Word"
    assert titled(document_formats(), "en") == "Markdown, HTML or Word"


def test_a_format_is_found_by_name_in_any_case_and_a_document_format_is_none_of_checks() -> None:
    assert check_format(" SARIF ") is FORMATS["sarif"]
    assert check_format("docx") is None
    assert check_format("pdf") is None
    assert parse_outputs(["junit=out/"], False)[0].fmt.extension == "xml"


def test_the_help_lists_the_registry_in_the_language_asked() -> None:
    formats = [OutputFormat("a", "a", "m"), OutputFormat("b", "b", "m"), FORMATS["docx"]]
    assert listed(formats, "nl") == "a, b of docx (Word)"
    assert listed(formats, "en") == "a, b or docx (Word)"
    assert listed(formats[:1], "en") == "a"


def test_an_unknown_format_names_the_formats_of_the_registry() -> None:
    result = CliRunner().invoke(app, ["check", str(EXAMPLES / "small-municipality.yaml"), "--lang", "en", "-f", "pdf"])
    assert result.exit_code == 2
    assert "unknown format `pdf`; use one of terminal, json, sarif, junit, github" in result.output


def test_the_plain_terminal_view_is_written_in_pieces_that_make_the_whole(ruleset: RuleSet) -> None:
    result = audit_file(EXAMPLES / "large-municipality.yaml", ruleset)
    assert "".join(chunks(result, ruleset, "nl", 100)) == render(result, ruleset, "nl", width=100)
    both = "".join(stream_many([result, result], ruleset, "terminal", lambda r: "en"))
    one = render(result, ruleset, "en")
    assert both.startswith(one + "\n" + one + "\n")
    assert len(both.splitlines()) == 2 * len(one.splitlines()) + 2 + 4  # two blank lines; the table: title, head, two rows
