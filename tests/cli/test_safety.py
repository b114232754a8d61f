"""File safety: no output over an input, modes the user expects, nothing skipped silently, one document each."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import digimandate
from digimandate.cli.app import app
from tests.conftest import EXAMPLES

NEVER = "an output never replaces an input, not even with --force"
HINT = "  hint: write the output to another file\n"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    return CliRunner()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one organisation file, as the current directory."""
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "org.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def refused(runner: CliRunner, args: list[str], message: str, original: bytes, target: Path) -> None:
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    # a checklist may warn first (an empty rung of the ladder); the refusal is the one error
    errors = "".join(line for line in result.stderr.splitlines(keepends=True) if not line.startswith("warning: "))
    assert errors == f"error: {message}\n{HINT}"
    assert target.read_bytes() == original


@pytest.mark.parametrize("args", [
    ["report", "org.yaml", "-o", "org.yaml"],
    ["report", "org.yaml", "-o", "org.yaml", "--force"],
    ["memo", "org.yaml", "-o", "org.yaml", "--force"],
    ["check", "org.yaml", "-f", "json=org.yaml", "--force"],
    ["check", "org.yaml", "-f", "sarif=org.yaml"],
    ["baseline", "org.yaml", "-o", "org.yaml", "--force"],
])
def test_no_output_over_the_organisation_file(runner: CliRunner, work: Path, args: list[str]) -> None:
    original = (work / "org.yaml").read_bytes()
    refused(runner, args, f"org.yaml is read by this run; {NEVER}", original, work / "org.yaml")


def test_a_symbolic_link_to_an_input_is_the_input(runner: CliRunner, work: Path) -> None:
    (work / "link.yaml").symlink_to("org.yaml")
    original = (work / "org.yaml").read_bytes()
    refused(runner, ["baseline", "org.yaml", "-o", "link.yaml", "--force"],
            f"link.yaml is the same file as org.yaml, which this run reads; {NEVER}", original, work / "org.yaml")
    assert (work / "link.yaml").is_symlink()


def test_a_hard_link_to_an_input_is_the_input(runner: CliRunner, work: Path) -> None:
    os.link(work / "org.yaml", work / "copy.yaml")
    original = (work / "org.yaml").read_bytes()
    refused(runner, ["check", "org.yaml", "-f", "json=copy.yaml", "--force"],
            f"copy.yaml is the same file as org.yaml, which this run reads; {NEVER}", original, work / "org.yaml")


def test_no_output_over_an_included_file(runner: CliRunner, work: Path) -> None:
    text = (work / "org.yaml").read_text(encoding="utf-8")
    (work / "org.yaml").write_text(text.replace("schema_version: 1\n", "schema_version: 1\ninclude: [parts/*.yaml]\n"),
                                   encoding="utf-8")
    (work / "parts").mkdir()
    (work / "parts" / "extra.yaml").write_text("systems: []\n", encoding="utf-8")
    original = (work / "parts" / "extra.yaml").read_bytes()
    refused(runner, ["check", "org.yaml", "-f", "json=parts/extra.yaml", "--force"],
            f"parts/extra.yaml is read by this run; {NEVER}", original, work / "parts" / "extra.yaml")


def test_no_output_over_config_checklist_waivers_baseline_previous_or_template(runner: CliRunner,
                                                                               work: Path) -> None:
    shutil.copy(EXAMPLES / "checklists" / "rivierenstad-extra.yaml", work / "extra.yaml")
    (work / ".digimandate.yaml").write_text("fail-on: critical\n", encoding="utf-8")
    (work / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    assert runner.invoke(app, ["baseline", "org.yaml", "-o", "base.json"]).exit_code == 0
    assert runner.invoke(app, ["check", "org.yaml", "-f", "json=prev.json"]).exit_code == 1  # one critical finding
    (work / "tpl").mkdir()
    shutil.copy(Path(digimandate.__file__).parent / "render" / "templates" / "report.md.j2", work / "tpl")
    cases = [
        (["check", "org.yaml", "-f", "json=.digimandate.yaml"], ".digimandate.yaml"),
        (["check", "org.yaml", "--checklist", "extra.yaml", "-f", "json=extra.yaml"], "extra.yaml"),
        (["check", "org.yaml", "--waivers", "waivers.yaml", "-f", "json=waivers.yaml"], "waivers.yaml"),
        (["check", "org.yaml", "--baseline", "base.json", "-f", "json=base.json"], "base.json"),
        (["report", "org.yaml", "--previous", "prev.json", "-o", "prev.json"], "prev.json"),
        (["report", "org.yaml", "--template", "tpl", "-o", "tpl/report.md.j2"], "tpl/report.md.j2"),
    ]
    for args, name in cases:
        original = (work / name).read_bytes()
        refused(runner, [*args, "--force"], f"{name} is read by this run; {NEVER}", original, work / name)


def _own_template(work: Path) -> None:
    """A --template folder: the Markdown report of one's own, which writes its chart beside it."""
    (work / "tpl").mkdir()
    shutil.copy(Path(digimandate.__file__).parent / "render" / "templates" / "report.md.j2", work / "tpl")


def test_a_report_chart_is_never_written_over_an_input(runner: CliRunner, work: Path) -> None:
    # -o org.md puts its chart at org.maturity.svg, here the organisation file itself
    _own_template(work)
    shutil.move(work / "org.yaml", work / "org.maturity.svg")
    original = (work / "org.maturity.svg").read_bytes()
    result = runner.invoke(app, ["report", "org.maturity.svg", "-o", "org.md", "--template", "tpl", "--force",
                                 "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == f"error: org.maturity.svg is read by this run; {NEVER}\n{HINT}"
    assert (work / "org.maturity.svg").read_bytes() == original
    assert not (work / "org.md").exists()


def test_new_files_get_the_umask_mode(runner: CliRunner, work: Path, umask: None) -> None:
    assert runner.invoke(app, ["report", "org.yaml", "-o", "r.md"]).exit_code == 0
    assert mode(work / "r.md") == 0o644
    assert runner.invoke(app, ["report", "org.yaml", "-f", "docx", "-o", "r.docx"]).exit_code == 0
    assert mode(work / "r.docx") == 0o644
    _own_template(work)
    assert runner.invoke(app, ["report", "org.yaml", "--template", "tpl", "-o", "t.md"]).exit_code == 0
    assert mode(work / "t.maturity.svg") == 0o644
    os.umask(0o077)
    assert runner.invoke(app, ["check", "org.yaml", "-f", "json=r.json"]).exit_code == 1
    assert mode(work / "r.json") == 0o600
    os.umask(0o002)
    assert runner.invoke(app, ["init", "new.yaml"]).exit_code == 0
    assert mode(work / "new.yaml") == 0o664


def test_a_replaced_file_keeps_its_mode(runner: CliRunner, work: Path, umask: None) -> None:
    (work / "r.json").write_text("old", encoding="utf-8")
    (work / "r.json").chmod(0o640)
    assert runner.invoke(app, ["check", "org.yaml", "-f", "json=r.json", "--force"]).exit_code == 1
    assert mode(work / "r.json") == 0o640
    assert (work / "r.json").read_text(encoding="utf-8").startswith("{")


def _folder(work: Path) -> Path:
    many = work / "many"
    many.mkdir()
    shutil.copy(EXAMPLES / "small-municipality.yaml", many / "a.yaml")
    shutil.copy(EXAMPLES / "mature-municipality.yaml", many / "b.yaml")
    return many


def test_a_folder_audit_reports_an_undecodable_file(runner: CliRunner, work: Path) -> None:
    many = _folder(work)
    text = (many / "a.yaml").read_text(encoding="utf-8")
    (many / "c.yaml").write_bytes(text.encode("utf-16"))  # with a byte-order mark
    (many / "d.yaml").write_bytes(text.encode("utf-16-le"))  # without one
    (many / "notes.yaml").write_bytes("title: not an organisation\n".encode("utf-16"))
    result = runner.invoke(app, ["check", "many", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "many/c.yaml:1:1: error: the file is UTF-16 (or UTF-32), not UTF-8\n"
        "  hint: save the file as UTF-8 in your editor\n"
        "many/d.yaml:1:1: error: the file is UTF-16 (or UTF-32), not UTF-8\n"
        "  hint: save the file as UTF-8 in your editor\n"
    )
    assert result.stdout.endswith(
        "not audited: 2 of 4 organisation files (the errors above say why): many/c.yaml, many/d.yaml\n")
    assert "\n2 organisations\n" in result.stdout


def test_a_folder_audit_reports_an_unreadable_file(runner: CliRunner, work: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    many = _folder(work)
    locked = many / "locked.yaml"
    locked.write_text("whatever\n", encoding="utf-8")
    real_open = os.open

    def fake_open(path: object, *args: object, **kwargs: object) -> int:
        if os.path.basename(os.fsdecode(path)) == "locked.yaml":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied")  # root reads every file, so refuse as chmod 000 would
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)
    result = runner.invoke(app, ["check", "many", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == ("many/locked.yaml:1:1: error: file cannot be read: Permission denied\n"
                             "  hint: check the file's permissions\n")
    dutch = runner.invoke(app, ["check", "many", "--lang", "nl"])
    assert dutch.stderr == ("many/locked.yaml:1:1: fout: bestand kan niet worden gelezen: geen toestemming\n"
                            "  tip: controleer de rechten op het bestand\n")
    assert result.stdout.endswith(
        "not audited: 1 of 3 organisation files (the errors above say why): many/locked.yaml\n")


def test_a_folder_audit_reports_an_unreadable_folder_and_a_dangling_link(runner: CliRunner, work: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    many = _folder(work)
    (many / "locked").mkdir()
    shutil.copy(EXAMPLES / "english-agency.yaml", many / "locked" / "agency.yaml")
    (many / "gone.yaml").symlink_to("nowhere.yaml")
    real_scandir = os.scandir

    def fake_scandir(path: Any = ".") -> Any:
        if Path(path).name == "locked":  # root lists every folder, so refuse as a chmod 000 would
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    result = runner.invoke(app, ["check", "many", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "many/gone.yaml:1:1: error: file not found\n"
        "  hint: check the path, or write a starter file with `digimandate init`\n"
        "many/locked:1:1: error: folder cannot be read: Permission denied\n"
        "  hint: check the file's permissions\n"
    )
    assert result.stdout.endswith("not audited: 2 of 4 organisation files (the errors above say why): "
                                  "many/gone.yaml, many/locked\n")


def test_a_folder_report_needs_an_output_folder(runner: CliRunner, work: Path) -> None:
    _folder(work)
    for kind, noun in (("report", "a report"), ("memo", "a memo")):
        result = runner.invoke(app, [kind, "many", "--lang", "en"])
        assert result.exit_code == 2
        assert result.stderr == (f"error: there are 2 organisations; {noun} is written per organisation\n"
                                 "  hint: write them to a folder with -o FOLDER/, or name one organisation file\n")
        assert result.stdout == ""
        result = runner.invoke(app, [kind, "many", "-o", "one.md", "--lang", "nl"])
        assert result.exit_code == 2
        assert result.stderr.startswith("fout: er zijn 2 organisaties; er komt een ")
        assert not (work / "one.md").exists()


def test_a_folder_report_writes_one_document_per_organisation(runner: CliRunner, work: Path) -> None:
    _folder(work)
    result = runner.invoke(app, ["report", "many", "-o", "out/", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote out/a.md\nwrote out/b.md\n"
    assert sorted(p.name for p in (work / "out").iterdir()) == ["a.maturity.svg", "a.md", "b.maturity.svg", "b.md"]
    assert "![Gemeente Dijkveld: maturity level per dimension](a.maturity.svg)" in (work / "out" / "a.md").read_text(
        encoding="utf-8")
    assert "Gemeente Dijkveld" in (work / "out" / "a.md").read_text(encoding="utf-8")
    assert "Gemeente Lingewaard-Noord" in (work / "out" / "b.md").read_text(encoding="utf-8")
    result = runner.invoke(app, ["memo", "many", "-o", "out", "--lang", "en"])  # an existing folder
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote out/a.memo.md\nwrote out/b.memo.md\n"
    result = runner.invoke(app, ["report", "many", "-f", "docx", "-o", "word/", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (work / "word").iterdir()) == ["a.docx", "b.docx"]


def test_the_include_guard_follows_symbolic_links(tmp_path: Path, runner: CliRunner) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("systems: []\n", encoding="utf-8")
    main = tmp_path / "org"
    main.mkdir()
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    (main / "org.yaml").write_text(text.replace("schema_version: 1\n", "schema_version: 1\ninclude: [link/*.yaml]\n"),
                                   encoding="utf-8")
    (main / "link").symlink_to(outside)
    result = runner.invoke(app, ["validate", str(main / "org.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{main / 'org.yaml'}:7:11: error: include[0]: `link/*.yaml` reaches link/secret.yaml, "
        "which a symbolic link places outside the folder of this file\n"
        "  hint: list files below this file's folder, for example include: [processes/*.yaml]\n"
    )
