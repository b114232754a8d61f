"""Sources that are not what they seem: an empty zip, members named outside the archive, devices and folders."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.importers.api import ImportRequest, run_import
from digimandate.importers.common import unsafe_member
from tests.importers.builders import OPENFORMS, bulk_export, members, pack

EMPTY_ZIP = b"PK\x05\x06" + b"\x00" * 18  # an archive of nothing: only its end record
MISSING_HINT = "  hint: name an export file; a `kind:` prefix (openforms:, zgw:, upl:, sheet:) sets its kind\n"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def folders_only() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("forms/"), b"")
    return out.getvalue()


@pytest.mark.parametrize(("data", "where"), [
    (EMPTY_ZIP, "empty.zip"),  # once "the file is UTF-16 text": the end record holds zero bytes
    (folders_only(), "empty.zip"),
    (bulk_export({"leeg": EMPTY_ZIP}), "empty.zip!form_leeg.zip"),  # a bulk export with an empty form zip
], ids=["empty", "folders-only", "bulk-with-empty-form"])  # a zip holds the time it was made: no ids from bytes
def test_an_empty_zip_is_called_empty(runner: CliRunner, tmp_path: Path, data: bytes, where: str) -> None:
    (tmp_path / "empty.zip").write_bytes(data)
    result = runner.invoke(app, ["import", "empty.zip", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == f"{where}: error: the zip archive is empty\n  hint: download the export again\n"
    dutch = runner.invoke(app, ["import", "empty.zip", "--lang", "nl"])
    assert dutch.stderr == f"{where}: fout: het zip-archief is leeg\n  tip: download de export opnieuw\n"


@pytest.mark.parametrize("name", ["../../forms.json", "/etc/forms.json", "..\\forms.json", "C:forms.json",
                                  "a/../../b.json", "\\server\\forms.json", "a:b.json"])
def test_a_member_named_outside_the_archive_is_unsafe(name: str) -> None:
    assert unsafe_member(name)


@pytest.mark.parametrize("name", ["forms.json", "a/b.json", "..forms.json", "forms..json", "notes:v2.json", "./x.json"])
def test_an_ordinary_member_name_is_safe(name: str) -> None:
    assert not unsafe_member(name)


def test_members_named_outside_the_archive_are_not_read_and_the_report_says_so(runner: CliRunner,
                                                                               tmp_path: Path) -> None:
    files = members(OPENFORMS / "simple_form_2.zip")
    files["../../forms.json"] = b"[]"  # would replace the real forms if it were unpacked by name
    files["/etc/cron.d/x"] = b"* * * * * root true"
    (tmp_path / "export.zip").write_bytes(pack(files))
    inner = pack({**members(OPENFORMS / "children-flow.zip"), "../x.json": b"{}"})
    (tmp_path / "bulk.zip").write_bytes(pack({"form_kind.zip": inner, "/abs.zip": inner}))
    imp = run_import(ImportRequest([str(tmp_path / "export.zip"), str(tmp_path / "bulk.zip")]))
    skipped = [(n.source, n.where, n.text("en")) for n in imp.notes if n.key == "imp_zip_unsafe_name"]
    assert skipped == [
        ("export.zip", "export.zip!../../forms.json", "the archive member `../../forms.json` has a name that points "
                                                      "outside the archive (absolute or with ..): not read"),
        ("export.zip", "export.zip!/etc/cron.d/x", "the archive member `/etc/cron.d/x` has a name that points "
                                                   "outside the archive (absolute or with ..): not read"),
        ("bulk.zip", "bulk.zip!/abs.zip", "the archive member `/abs.zip` has a name that points outside the archive "
                                          "(absolute or with ..): not read"),
        ("bulk.zip", "bulk.zip!form_kind.zip!../x.json", "the archive member `../x.json` has a name that points "
                                                         "outside the archive (absolute or with ..): not read"),
    ]
    assert {p.fields["name"] for p in imp.merged.new["processes"]} >= {"Vraag of klacht", "Children flow"}
    result = runner.invoke(app, ["import", "export.zip", "--report", "r.md", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert ("- `export.zip!../../forms.json`: the archive member `../../forms.json` has a name that points outside "
            "the archive (absolute or with ..): not read\n") in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_a_device_a_pipe_and_a_folder_are_named_for_what_they_are(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "/dev/zero", "--lang", "en"])  # once "is a folder"
    assert result.exit_code == 2
    assert result.stderr == ("/dev/zero:1:1: error: is not a regular file (but a device, pipe or socket)\n"
                             "  hint: name a regular file; to read from a pipe, use - for standard input\n")
    os.mkfifo(tmp_path / "pipe.json")  # no writer: reading it would wait for ever
    result = runner.invoke(app, ["import", "pipe.json", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("pipe.json:1:1: error: is not a regular file (but a device, pipe or socket)\n")
    (tmp_path / "export").mkdir()
    result = runner.invoke(app, ["import", "export", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == f"export:1:1: error: is a folder, not a file\n{MISSING_HINT}"
