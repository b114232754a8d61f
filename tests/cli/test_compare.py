"""`report FOLDER --compare`: refusals before anything is written, bad files, the progress bar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli import batch
from digimandate.cli.app import app
from tests.conftest import EXAMPLES, ROOT


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    return CliRunner()


def two(tmp_path: Path) -> Path:
    folder = tmp_path / "gemeenten"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / "small-municipality.yaml", folder / "dijkveld.yaml")
    shutil.copy(EXAMPLES / "mature-municipality.yaml", folder / "lingewaard.yaml")
    return folder


def test_writes_one_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "vergelijking.md"
    result = runner.invoke(app, ["report", str(two(tmp_path)), "--compare", "--lang", "nl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{out} geschreven\n"
    assert out.read_text(encoding="utf-8").startswith("# Vergelijking van 2 organisaties\n")
    again = runner.invoke(app, ["report", str(two(tmp_path / "b")), "--compare", "--lang", "nl", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr  # never over an existing file without --force


def test_a_bad_file_stops_the_comparison_with_its_location(runner: CliRunner, tmp_path: Path) -> None:
    folder = two(tmp_path)
    (folder / "kapot.yaml").write_text("schema_version: 1\norganisation: {name: Kapot, type: gemeente\n",
                                       encoding="utf-8")
    out = tmp_path / "vergelijking.md"
    result = runner.invoke(app, ["report", str(folder), "--compare", "--lang", "nl", "-o", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{folder / 'kapot.yaml'}:3:1: ")
    assert lines[-2:] == [
        "niet elk organisatiebestand kon worden onderzocht (1 van de 3 organisatiebestanden niet, zie hierboven); "
        "er is geen vergelijking geschreven",
        "  tip: herstel die bestanden, of haal ze uit de map als ze niet mee moeten doen",
    ]
    assert not out.exists()


def test_one_organisation_is_no_comparison(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--compare", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == ("error: a comparison needs at least two organisations; there is 1\n"
                             "  hint: name a folder holding the organisation files to compare\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--template", "examples"], "error: a comparison is written without a template of your own"),
    (["-o", "uit/"], "error: a comparison is one document, not a folder with a document per organisation"),
    (["-f", "docx"], "error: a Word document cannot be written to standard output"),
    (["--reference-docx", "x.docx"], "error: --reference-docx gives the house style of a Word document"),
    (["--previous", "x.json"], "error: --previous belongs to the report on one organisation, not to a comparison"),
    (["--names"], "error: --names belongs to the report on one organisation, not to a comparison"),
])
def test_refusals(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["report", "examples", "--compare", "--lang", "en", *args])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    assert result.stdout == ""


def test_rank_alone_asks_for_a_comparison(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", "examples", "--rank", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Comparison of 5 organisations\n")


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stderr", Stream(False))
    assert batch.show_progress(342)[0] is None
    monkeypatch.setattr("sys.stderr", Stream(True))
    advance, stop = batch.show_progress(342)
    assert advance is not None
    stop()
    monkeypatch.setenv("CI", "true")
    assert batch.show_progress(342)[0] is None


def test_the_comparison_reports_progress_per_organisation(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def fake(total: int) -> tuple[object, object]:
        seen.append(total)
        return (lambda n: seen.append(-n)), (lambda: None)

    monkeypatch.setattr(batch, "show_progress", fake)
    result = runner.invoke(app, ["report", "examples", "--compare", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert seen == [5, -1, -1, -1, -1, -1]
