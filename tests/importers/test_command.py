"""`digimandate import` and `template` end to end: merge rules, idempotence, the report, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.importers.builders import EMAIL, OPENFORMS, UPL, ZGW, ZGW_API, ZGW_FIXTURE, form_export, pack

MAIN = """schema_version: 1
include: [imported.yaml]
organisation: {name: Gemeente Proef, type: gemeente, language: en, audit_date: 2026-11-01}
departments:
  - {id: inkomen, name: Inkomen, function: vakafdeling}
channels:
  - {id: www, name: www.proef.nl, type: website}
processes:
  - id: vraag-of-klacht
    name: Vraag of klacht
    intake:
      - {channel: www, form: true}
"""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "organisation.yaml").write_text(MAIN, encoding="utf-8")
    (tmp_path / "export.zip").write_bytes(form_export("children-flow.zip", [EMAIL, ZGW], name="Parkeervergunning",
                                                      slug="parkeervergunning"))
    return tmp_path


def sources(folder: Path) -> list[str]:
    return [str(OPENFORMS / "simple_form_2.zip"), str(folder / "export.zip"), str(ZGW_API), str(ZGW_FIXTURE),
            f"upl:{UPL}"]


def test_import_twice_changes_nothing(runner: CliRunner, folder: Path) -> None:
    args = ["import", *sources(folder), "--into", str(folder / "organisation.yaml"), "--concept", "--internal",
            "--select", "paspoort"]
    first = runner.invoke(app, [*args, "--report", str(folder / "one.md")])
    assert first.exit_code == 0, first.output
    written = (folder / "imported.yaml").read_bytes()
    second = runner.invoke(app, [*args, "--report", str(folder / "two.md")])
    assert second.exit_code == 0, second.output
    assert (folder / "imported.yaml").read_bytes() == written
    assert (folder / "one.md").read_text() == (folder / "two.md").read_text()
    assert (folder / "organisation.yaml").read_text(encoding="utf-8") == MAIN  # the hand-written file is untouched
    check = runner.invoke(app, ["check", str(folder / "organisation.yaml"), "--exit-zero", "-f", "json"])
    assert check.exit_code == 0, check.output
    p001 = [f["entity"] for f in json.loads(check.stdout)["findings"] if f["rule"] == "P001"]
    assert "processes/test/intake/www" in p001  # the form also mails to info@example.nl: a mailbox


def test_form_and_zaaktype_given_together_become_one_process(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["import", str(folder / "export.zip"), str(ZGW_API), "--internal",
                                 "--into", str(folder / "organisation.yaml"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert """- id: test
  name: Test
  refs:
  - openforms:parkeervergunning
  - zaaktype:ZT-001
  - zaaktype:http://localhost:8003/catalogi/api/v1/zaaktypen/f609b6fe-449a-46dc-a0af-de55dc5f6774
  intake:
  - channel: www
    form: true
    lands_in: mailbox-info-example-nl
  - channel: www
    form: true
    lands_in: zaaksysteem
""" in result.stdout
    assert not (folder / "imported.yaml").exists()  # a dry run writes nothing


def test_facts_about_hand_written_entities_are_proposed(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["import", str(OPENFORMS / "simple_form_2.zip"),
                                 "--into", str(folder / "organisation.yaml")])
    assert result.exit_code == 0, result.output
    assert "vraag-of-klacht" not in (folder / "imported.yaml").read_text()
    assert f"""- `{folder / 'organisation.yaml'}:9:5`: `processes/vraag-of-klacht` already exists; the sources \
(`simple_form_2.zip!forms.json[0]`) add this, to copy in by hand

  ```yaml
  refs: ['openforms:voorbeeld-vraag-of-klacht-bd39ec']
  intake:
  - {{channel: www, form: true, lands_in: open-formulieren}}
  ```""" in result.stdout


def test_an_entity_moved_to_the_hand_written_file_is_matched_by_its_refs(runner: CliRunner, folder: Path) -> None:
    main = folder / "organisation.yaml"
    args = ["import", str(ZGW_FIXTURE), "--concept", "--into", str(main)]
    assert runner.invoke(app, args).exit_code == 0
    assert "id: deelzaaktype\n" in (folder / "imported.yaml").read_text()
    # the consultant takes one over by hand, renamed, keeping its refs
    main.write_text(MAIN + "  - {id: deelzaak, name: Deelzaak, refs: ['zaaktype:deelzaaktype']}\n", encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "deelzaaktype\n" not in (folder / "imported.yaml").read_text()
    assert "`processes/deelzaak` already exists; the sources" in result.stdout


def test_a_file_without_the_header_is_never_overwritten(runner: CliRunner, folder: Path) -> None:
    (folder / "imported.yaml").write_text("processes: []\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(ZGW_API), "--into", str(folder / "organisation.yaml")])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {folder / 'imported.yaml'} exists and was not written by `digimandate import`; "
                             "it is never overwritten\n  hint: name another file with -o\n")
    assert (folder / "imported.yaml").read_text() == "processes: []\n"
    result = runner.invoke(app, ["import", str(ZGW_API), "--into", str(folder / "organisation.yaml"),
                                 "-o", str(folder / "organisation.yaml")])
    assert result.exit_code == 2 and "is the hand-written organisation file" in result.stderr


def test_the_include_line_is_printed_when_missing(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(MAIN.replace("include: [imported.yaml]\n", ""), encoding="utf-8")
    result = runner.invoke(app, ["import", str(ZGW_API), "--internal", "--into", str(tmp_path / "org.yaml"),
                                 "-o", str(tmp_path / "import" / "zgw.yaml")])
    assert result.exit_code == 2  # the folder does not exist: nothing half-written
    (tmp_path / "import").mkdir()
    result = runner.invoke(app, ["import", str(ZGW_API), "--internal", "--into", str(tmp_path / "org.yaml"),
                                 "-o", str(tmp_path / "import" / "zgw.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == ("add `include: [import/zgw.yaml]` to the organisation file to take the "
                                              "import into the audit")


def test_json_report(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["import", str(folder / "export.zip"), "--into", str(folder / "organisation.yaml"),
                                 "--format", "json", "--report", str(folder / "r.json")])
    assert result.exit_code == 0, result.output
    data = json.loads((folder / "r.json").read_text())
    assert data["new"]["systems"] == 2 and data["organisation"] == "Gemeente Proef"
    notes = data["sources"][0]["notes"]
    assert {"kind": "mapped", "where": "export.zip!forms.json[0]", "code": "imp_form_mapped_linked",
            "message": 'form "Parkeervergunning": an intake with a form on the website, for the process of '
                       "zaaktype ZT-001"} in notes


# each source made when its test runs: the zip bomb takes a while to pack
BAD: dict[str, tuple[Callable[[], bytes], str]] = {
    "not-an-export": (lambda: pack({"readme.txt": b"hi"}), "this zip is not an export the tool knows"),
    "bomb": (lambda: pack({"forms.json": b"[" + b"0," * 30_000_000 + b"0]"}), "unpacks to"),
    "broken-json": (lambda: pack({"forms.json": b"[{", "_meta.json": b"{}"}), "forms.json:1:3: error: not valid JSON"),
    "not-zaaktypen": (lambda: b'[{"naam": 1}]', "this JSON is not a list of zaaktypen"),
    "utf16": (lambda: "id;naam\r\n".encode("utf-16"), "the file is UTF-16 text"),
    "unknown": (lambda: b"hello\n", "cannot tell what kind of source this is"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_sources_exit_2_with_a_located_message_and_write_nothing(runner: CliRunner, folder: Path,
                                                                      case: str) -> None:
    make, message = BAD[case]
    data = make()
    path = folder / f"{case}.bin"
    path.write_bytes(data)
    result = runner.invoke(app, ["import", str(ZGW_API), str(path), "--into", str(folder / "organisation.yaml"),
                                 "--report", str(folder / "r.md")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{case}.bin")
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (folder / "imported.yaml").exists() and not (folder / "r.md").exists()


def test_template_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "werkblad.xlsx"
    assert runner.invoke(app, ["template", "xlsx", "-o", str(out)]).exit_code == 0
    again = runner.invoke(app, ["template", "xlsx", "-o", str(out)])
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_openpyxl_is_imported_only_for_spreadsheets(tmp_path: Path) -> None:
    code = ("import sys; from typer.testing import CliRunner; from digimandate.cli.app import app; "
            f"r = CliRunner().invoke(app, ['import', {str(ZGW_API)!r}, '--dry-run']); "
            "assert r.exit_code == 0, r.output; print('openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "False"


def test_the_report_of_a_dry_run_tells_the_truth(runner: CliRunner, folder: Path) -> None:
    """Issue 25, point 8: "would write", matched apart from mapped, a final newline, and what is never written."""
    result = runner.invoke(app, ["import", str(OPENFORMS / "simple_form_2.zip"),
                                 "--into", str(folder / "organisation.yaml"), "--dry-run", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n")  # the dry-run YAML ends its line; the next message starts its own
    out = result.stderr  # the report, after the line that says nothing was written
    assert f"- Would write to (dry run, nothing written): `{folder / 'imported.yaml'}` (" in out
    assert "- Written to:" not in out
    mapped, matched = out.split("### Already there, not written (1)\n\n")
    assert "`channels/www` already exists and holds what the source says" in matched.split("###")[0]
    assert "channels/www" not in mapped.split("# Import report")[1]
    assert ("No register holds these, so the import never writes them: all of `governance` and `mandates`; "
            "`departments`: `manager`; `channels`: `owner`, `promotes_digital`, `assisted_digital`; "
            "`processes`: `steps`, `kpis`. ") in out


def test_what_the_report_says_is_never_written_is_what_no_importer_writes() -> None:
    from digimandate.importers.report import NOT_IN_REGISTERS, never_written
    from digimandate.importers.sheet import SHEETS

    columns = {(s.section, c.key) for s in SHEETS for c in s.cols}
    assert {("processes", "it_contact"), ("processes", "last_user_test"), ("processes", "designer"),
            ("departments", "function")} <= columns
    never = set(never_written())
    assert never == set(NOT_IN_REGISTERS) - columns - {("processes", "owner"), ("processes", "volume")}
    assert not never & columns
