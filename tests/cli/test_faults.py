"""Hostile cases for what a run writes: outputs on one file, over an input, a full disk, signals, leftovers."""

from __future__ import annotations

import errno
import itertools
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

import digimandate
from digimandate.cli import output
from digimandate.cli.app import app
from digimandate.cli.starter import starter
from digimandate.importers.api import HEADER, is_generated, template
from digimandate.render.formats import check_formats
from digimandate.textsafe import one_line
from tests.conftest import EXAMPLES, ROOT
from tests.importers.builders import ZGW_API, ZGW_FIXTURE

SMALL = EXAMPLES / "small-municipality.yaml"
TWICE = "one output never replaces another, not even with --force\n  hint: give each output a file of its own\n"
NEVER = "an output never replaces an input, not even with --force\n  hint: write the output to another file\n"
EXISTS = "already exists; it is left untouched\n  hint: add --force to replace it, or choose another name\n"
STDOUT_HINT = ("  hint: check where the output goes: a full disk or a limit on file size (ulimit -f); "
               "or write to a file with -o or -f FORMAT=FILE\n")
FULL = f"error: cannot write standard output: No space left on device\n{STDOUT_HINT}"
FORMATS = tuple(f.name for f in check_formats())
# the organisation of an import: it includes the machine-owned file and a hand-written part
MAIN = """schema_version: 1
include: [imported.yaml, parts/*.yaml]
organisation: {name: Gemeente Proef, type: gemeente, language: en, audit_date: 2026-11-01}
departments:
  - {id: inkomen, name: Inkomen, function: vakafdeling}
"""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("LANG", "C")
    return CliRunner()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one organisation file, as the current directory."""
    shutil.copy(SMALL, tmp_path / "org.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def proef(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to import into: the hand-written file, a part it includes and a source, as the current directory."""
    (tmp_path / "organisatie.yaml").write_text(MAIN, encoding="utf-8")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "extra.yaml").write_text("systems: []\n", encoding="utf-8")
    shutil.copy(ZGW_API, tmp_path / "zt.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry below ``folder`` (hidden ones too): a link by where it points, a file by its bytes."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        out[key] = ("link", os.readlink(path)) if path.is_symlink() else "folder" if path.is_dir() else path.read_bytes()
    return out


def errors(result: Result) -> str:
    # a checklist may warn first (an empty rung of the ladder); the refusal is the one error
    return "".join(line for line in result.stderr.splitlines(keepends=True) if not line.startswith("warning: "))


def refused(runner: CliRunner, args: list[str], stderr: str) -> None:
    """Exit 2 with exactly this message, and not one file written, changed or left behind."""
    before = snapshot(Path.cwd())
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert errors(result) == stderr
    assert result.stdout == ""
    assert snapshot(Path.cwd()) == before


# --- two outputs of one run on one file -------------------------------------------------------------


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(FORMATS, 2)))
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_two_formats_on_one_file_are_refused_before_the_audit(runner: CliRunner, work: Path, first: str,
                                                              second: str, force: list[str]) -> None:
    refused(runner, ["check", "org.yaml", "-f", f"{first}=x", "-f", f"{second}=x", *force],
            f"error: x is named for two outputs of this run; {TWICE}")


@pytest.mark.parametrize(("spec", "shown"), [
    ("sarif=./x", "x"),  # one path, written two ways
    ("junit=sub/../x", "sub/../x"),
    ("github=WORK/x", "WORK/x"),  # absolute
])
def test_one_file_by_two_names_is_one_file(runner: CliRunner, work: Path, spec: str, shown: str) -> None:
    (work / "sub").mkdir()
    refused(runner, ["check", "org.yaml", "-f", "json=x", "-f", spec.replace("WORK", str(work)), "--force"],
            f"error: {shown.replace('WORK', str(work))} is named for two outputs of this run; {TWICE}")


def test_outputs_linked_to_each_other_are_one_file(runner: CliRunner, work: Path) -> None:
    (work / "dangling.json").symlink_to("x.json")  # not there yet: the link points where x.json will be
    (work / "here").symlink_to(".")
    (work / "a.json").write_text("old", encoding="utf-8")
    os.link(work / "a.json", work / "hard.json")
    cases = [
        (["-f", "json=x.json", "-f", "sarif=dangling.json"], "dangling.json is the same file as x.json"),
        (["-f", "json=x.json", "-f", "sarif=here/x.json"], "here/x.json is the same file as x.json"),
        (["-f", "json=a.json", "-f", "junit=hard.json"], "hard.json is the same file as a.json"),
    ]
    for args, said in cases:
        refused(runner, ["check", "org.yaml", *args, "--force"],
                f"error: {said}, another output of this run; {TWICE}")


def test_one_file_per_organisation_of_two_formats_in_one_folder(runner: CliRunner, work: Path) -> None:
    # terminal and github both end in .txt: out/org.txt twice; the folder is not made either
    refused(runner, ["check", "org.yaml", "-f", "terminal=out/", "-f", "github=out/", "--force"],
            f"error: out/org.txt is named for two outputs of this run; {TWICE}")


def test_a_report_is_never_written_over_its_own_chart(runner: CliRunner, work: Path) -> None:
    (work / "tpl").mkdir()
    shutil.copy(Path(digimandate.__file__).parent / "render" / "templates" / "report.md.j2", work / "tpl")
    (work / "r.md").write_text("old", encoding="utf-8")
    os.link(work / "r.md", work / "r.maturity.svg")
    refused(runner, ["report", "org.yaml", "--template", "tpl", "-o", "r.md", "--force"],
            f"error: r.md is the same file as r.maturity.svg, another output of this run; {TWICE}")


def test_every_target_is_checked_before_any_is_written(runner: CliRunner, work: Path) -> None:
    (work / "b.sarif").write_text("the user's", encoding="utf-8")
    refused(runner, ["check", "org.yaml", "-f", "json=a.json", "-f", "sarif=b.sarif"], f"error: b.sarif {EXISTS}")
    result = runner.invoke(app, ["check", "org.yaml", "-f", "json=a.json", "-f", "sarif=b.sarif", "--force"])
    assert result.exit_code == 1, result.output
    assert json.loads((work / "b.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert json.loads((work / "a.json").read_text(encoding="utf-8"))["schema_version"] == 1


# --- a dangling symbolic link is a file that is there -----------------------------------------------


@pytest.mark.parametrize(("args", "hint"), [
    (["check", "org.yaml", "-f", "json=gone.json"], None),
    (["baseline", "org.yaml", "-o", "gone.json"], None),
    (["report", "org.yaml", "-o", "gone.json"], None),
    (["memo", "org.yaml", "-o", "gone.json"], None),
    (["template", "xlsx", "-o", "gone.json"], None),
    (["init", "gone.json"], "  hint: choose another name, or remove the file first\n"),
])
def test_a_dangling_link_at_an_output_is_not_replaced_without_force(runner: CliRunner, work: Path,
                                                                   args: list[str], hint: str | None) -> None:
    (work / "gone.json").symlink_to("nowhere.json")
    message = f"error: gone.json {EXISTS}" if hint is None else f"error: gone.json {EXISTS.splitlines()[0]}\n{hint}"
    refused(runner, args, message)


def test_with_force_a_dangling_link_is_replaced_not_written_through(runner: CliRunner, work: Path) -> None:
    (work / "gone.json").symlink_to("nowhere.json")
    result = runner.invoke(app, ["check", "org.yaml", "-f", "json=gone.json", "--force"])
    assert result.exit_code == 1, result.output
    assert not (work / "gone.json").is_symlink() and not (work / "nowhere.json").exists()
    assert json.loads((work / "gone.json").read_text(encoding="utf-8"))["schema_version"] == 1


# --- import: never over what it reads, the output and the report both or neither ------------------


@pytest.mark.parametrize(("args", "said"), [
    (["zt.json", "--into", "organisatie.yaml", "--report", "organisatie.yaml"],
     f"organisatie.yaml is read by this run; {NEVER}"),
    (["zt.json", "--into", "organisatie.yaml", "--report", "zt.json"], f"zt.json is read by this run; {NEVER}"),
    (["zt.json", "--report", "zt.json"], f"zt.json is read by this run; {NEVER}"),
    (["zgw:zt.json", "--report", "./zt.json"], f"zt.json is read by this run; {NEVER}"),
    (["zt.json", "-o", "zt.json"], f"zt.json is read by this run; {NEVER}"),
    # known only once the main file is read: a file it includes
    (["zt.json", "--into", "organisatie.yaml", "--report", "parts/extra.yaml"],
     f"parts/extra.yaml is read by this run; {NEVER}"),
    (["zt.json", "--into", "organisatie.yaml", "--report", "link.md"],
     f"link.md is the same file as organisatie.yaml, which this run reads; {NEVER}"),
    (["zt.json", "--into", "organisatie.yaml", "--report", "hard.md"],
     f"hard.md is the same file as zt.json, which this run reads; {NEVER}"),
    (["zt.json", "--into", "organisatie.yaml", "--report", "imported.yaml"],
     f"imported.yaml is named for two outputs of this run; {TWICE}"),
    (["zt.json", "--into", "organisatie.yaml", "-o", "out.yaml", "--report", "./out.yaml"],
     f"out.yaml is named for two outputs of this run; {TWICE}"),
    (["zt.json", "-o", "out.yaml", "--report", "same.md"],
     f"same.md is the same file as out.yaml, another output of this run; {TWICE}"),
])
def test_import_never_destroys_what_it_reads_nor_its_own_output(runner: CliRunner, proef: Path, args: list[str],
                                                                 said: str) -> None:
    (proef / "link.md").symlink_to("organisatie.yaml")
    os.link(proef / "zt.json", proef / "hard.md")
    (proef / "same.md").symlink_to("out.yaml")
    refused(runner, ["import", *args, "--force"], f"error: {said}")


def test_a_report_that_cannot_be_staged_leaves_imported_yaml_as_it_was(runner: CliRunner, proef: Path) -> None:
    assert runner.invoke(app, ["import", "zt.json", "--into", "organisatie.yaml"]).exit_code == 0
    first = (proef / "imported.yaml").read_bytes()
    more = ["import", "zt.json", str(ZGW_FIXTURE), "--concept", "--into", "organisatie.yaml"]
    refused(runner, [*more, "--report", "missing/r.md"],
            "error: cannot write missing/r.md: No such file or directory\n"
            "  hint: check that the folder exists and that you may write there\n")
    assert (proef / "imported.yaml").read_bytes() == first
    assert runner.invoke(app, [*more, "--report", "r.md"]).exit_code == 0  # the same run, where it can be written
    assert (proef / "imported.yaml").read_bytes() != first


def test_a_report_that_cannot_be_put_in_place_leaves_imported_yaml_as_it_was(
        runner: CliRunner, proef: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert runner.invoke(app, ["import", "zt.json", "--into", "organisatie.yaml"]).exit_code == 0
    first = (proef / "imported.yaml").read_bytes()
    real_link, real_replace = os.link, os.replace

    def failing(real):  # type: ignore[no-untyped-def]
        def call(src: object, dst: object, *args: object, **kwargs: object) -> None:
            if os.fspath(dst) == "r.md":  # type: ignore[arg-type]
                raise OSError(errno.EIO, "Input/output error")
            real(src, dst, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "link", failing(real_link))
    monkeypatch.setattr(os, "replace", failing(real_replace))
    refused(runner, ["import", "zt.json", str(ZGW_FIXTURE), "--concept", "--into", "organisatie.yaml",
                     "--report", "r.md"],
            "error: cannot write r.md: Input/output error\n"
            "  hint: check that the folder exists and that you may write there\n")
    assert (proef / "imported.yaml").read_bytes() == first


HOSTILE_SOURCE = "zt\nschema_version: 2\nsystems: [x]\n##[error]x `<img src=x onerror=alert(1)>` ``::warning::y.json"


def test_a_hostile_source_name_stays_a_name_in_the_header_the_report_and_the_messages(runner: CliRunner,
                                                                                       proef: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    shutil.copy(ZGW_API, proef / HOSTILE_SOURCE)
    result = runner.invoke(app, ["import", HOSTILE_SOURCE, "--internal", "--into", "organisatie.yaml",
                                 "--report", "r.md", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert not any(line.startswith(("::", "##[")) for line in result.stderr.splitlines())
    imported = (proef / "imported.yaml").read_text(encoding="utf-8")
    shown = one_line(HOSTILE_SOURCE)  # the name as every one-line text shows it
    assert "\n" not in shown and shown.startswith("zt schema_version: 2 systems: [x] ")
    assert imported.splitlines()[0] == f"{HEADER} from: {shown}"
    assert is_generated(proef / "imported.yaml")
    written = yaml.safe_load(imported)
    assert set(written) <= {"sources", "departments", "people", "channels", "systems", "processes"}
    assert [s["reference"] for s in written["sources"]] == [shown]  # recorded as a source: still one line of text
    report = (proef / "r.md").read_text(encoding="utf-8")
    assert not any(line.startswith(("::", "##[", "schema_version")) for line in report.splitlines())
    html = markdown_it.MarkdownIt("commonmark").render(report)
    assert "<img" not in html  # only as text: &lt;img
    assert html.count("<h2>") == 2  # the source and what a person still fills in; no heading of the name's
    escaped = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert f"<h2><code>{escaped}</code> (ZGW zaaktypen)</h2>" in html


def test_a_hostile_source_name_keeps_its_json_value_and_its_error_on_one_line(runner: CliRunner,
                                                                               proef: Path) -> None:
    shutil.copy(ZGW_API, proef / HOSTILE_SOURCE)
    result = runner.invoke(app, ["import", HOSTILE_SOURCE, "--internal", "-f", "json", "--report", "r.json"])
    assert result.exit_code == 0, result.output
    assert json.loads((proef / "r.json").read_text(encoding="utf-8"))["sources"][0]["source"] == HOSTILE_SOURCE
    (proef / HOSTILE_SOURCE).write_bytes(b"hello\n")
    result = runner.invoke(app, ["import", HOSTILE_SOURCE, "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"{one_line(HOSTILE_SOURCE)}: error: cannot tell what kind of source "
                             "this is\n  hint: sources are Open Formulieren exports and statistics, zaaktypen (JSON "
                             "or zip), UPL-actueel.csv and the spreadsheet (xlsx or CSV); digimandate import --help "
                             "names every kind\n")


def test_a_line_break_in_a_file_name_reaches_the_github_file_property_escaped(runner: CliRunner,
                                                                              work: Path) -> None:
    name = "org%\n::error::x,y.yaml"
    shutil.move(work / "org.yaml", work / name)
    result = runner.invoke(app, ["check", name, "-f", "github", "--exit-zero"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert lines[0].startswith("::error file=org%25%0A%3A%3Aerror%3A%3Ax%2Cy.yaml,line=")


# --- standard output that cannot be written ---------------------------------------------------------

needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


def _cli(args: list[str], cwd: Path, stdout: object, env: dict[str, str] | None = None,
         preexec_fn: object = None) -> subprocess.CompletedProcess[str]:
    """The installed command line, as a user runs it: ``python -m digimandate``."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C", **(env or {})}
    environment.pop("DIGIMANDATE_LANG", None)
    return subprocess.run([sys.executable, "-m", "digimandate", *args], cwd=cwd, env=environment, text=True,
                          stdout=stdout, stderr=subprocess.PIPE, preexec_fn=preexec_fn, check=False)


@needs_dev_full
@pytest.mark.parametrize(("args", "env"), [
    # once exit 1, as if all went well: unbuffered, a write took part of the result and lost the rest
    (["check", str(SMALL), "-f", "sarif"], {"PYTHONUNBUFFERED": "1"}),
    (["--help"], {}),  # printed by typer, outside any command, and ending in main()
])
@pytest.mark.external  # starts the command as a process of its own: run with -m external
def test_a_full_standard_output_is_exit_2_for_the_real_command(tmp_path: Path, args: list[str],
                                                               env: dict[str, str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _cli(args, tmp_path, stdout=full, env=env)
    assert (done.returncode, done.stderr) == (2, FULL)


@pytest.mark.parametrize("args", [
    *(["check", "org.yaml", "-f", fmt] for fmt in FORMATS),
    ["check", "org.yaml", "-f", "json", "-f", "sarif=r.sarif"],
    ["baseline", "org.yaml", "-o", "-"],
    ["report", "org.yaml"],
    ["memo", "org.yaml", "-f", "html"],
    ["validate", "org.yaml"],
    ["rules", "-f", "json"],
    ["explain", "M007"],
    ["schema"],
    ["init", "-"],
    ["--version"],
    ["import", "zt.json", "--dry-run"],
    ["import", "zt.json"],  # the report, after imported.yaml
])
@needs_dev_full
def test_a_full_standard_output_is_exit_2_in_every_command(work: Path, args: list[str],
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    shutil.copy(ZGW_API, work / "zt.json")
    # standard output on /dev/full, in this process: every write of it fails as on a full disk (set here,
    # in the test itself: capsys puts its own back when the test starts)
    with open("/dev/full", "w", encoding="utf-8") as full, pytest.raises(SystemExit) as ended:
        monkeypatch.setattr(sys, "stdout", full)
        app([*args, "--lang", "en"] if args[0] not in ("schema", "--version") else args, prog_name="digimandate")
    assert ended.value.code == 2
    warnings_left_out = [line for line in capsys.readouterr().err.splitlines(keepends=True)
                         if not line.startswith("warning: ")]
    assert "".join(warnings_left_out) == FULL


@pytest.mark.external  # starts the command as a process of its own: run with -m external
def test_a_file_size_limit_is_exit_2_for_standard_output(tmp_path: Path) -> None:
    def limit() -> None:  # ulimit -f 4: Python ignores SIGXFSZ, so a write past it fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    with open(tmp_path / "out.json", "w", encoding="utf-8") as out:
        done = _cli(["check", str(SMALL), "-f", "json", "-f", "sarif=r.sarif"], tmp_path, stdout=out,
                    preexec_fn=limit)
    assert (done.returncode, done.stderr) == (2, "error: cannot write r.sarif: File too large\n"
                                                 "  hint: check that the folder exists and that you may write there\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no r.sarif, no temporary file
    with open(tmp_path / "out.json", "w", encoding="utf-8") as out:
        done = _cli(["check", str(SMALL), "-f", "json"], tmp_path, stdout=out, preexec_fn=limit)
    assert (done.returncode, done.stderr) == (2, f"error: cannot write standard output: File too large\n{STDOUT_HINT}")


# --- signals ---------------------------------------------------------------------------------------

# The CLI with one step of writing made to wait for the test: it says "waiting" on standard error and
# reads a line from standard input, which never comes; the test sends the signal while it waits.
WAITING = """
import sys
from digimandate.cli import output
from digimandate.cli.app import main

def waits(real):
    def call(*args, **kwargs):
        sys.stderr.write("waiting\\n")
        sys.stderr.flush()
        sys.stdin.readline()
        return real(*args, **kwargs)
    return call

name = sys.argv.pop(1)
setattr(output, name, waits(getattr(output, name)))
sys.argv[0] = "digimandate"
main()
"""


def _default_signals() -> None:
    """In the child: the signals as a shell leaves them, whatever the test runner ignores (nohup, xdist)."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


@pytest.mark.parametrize(("sig", "step"), [  # _write: a file being written; commit_all: all written, none moved
    (signal.SIGTERM, "_write"), (signal.SIGTERM, "commit_all"), (signal.SIGHUP, "_write"),
])
@pytest.mark.external  # starts the command as a process of its own: run with -m external
def test_a_signal_while_writing_leaves_no_temporary_file(work: Path, sig: signal.Signals, step: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C"}
    run = subprocess.Popen([sys.executable, "-c", WAITING, step, "check", "org.yaml", "-f", "json=a.json",
                            "-f", "sarif=b.sarif"], cwd=work, env=env, text=True, stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_default_signals)
    try:
        assert run.stderr is not None and run.stdout is not None
        assert run.stderr.readline() == "waiting\n"
        assert any(p.name.startswith(f".a.json.{run.pid}.") for p in work.iterdir())  # the staged file
        run.send_signal(sig)
        code = run.wait(timeout=60)  # standard input stays open: only the signal can end the wait
        out, err = run.stdout.read(), run.stderr.read()
    finally:
        run.kill()
        run.communicate()
    assert (code, out, err) == (130, "", "")  # as Ctrl-C: quietly, exit 130
    assert sorted(p.name for p in work.iterdir()) == ["org.yaml"]


@pytest.mark.external  # starts the command as a process of its own: run with -m external
def test_sigterm_while_blocked_on_a_pipe_nobody_reads_ends_the_run(work: Path) -> None:
    # the JSON result of the large example fills the pipe many times over: the run blocks in a write
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C"}
    run = subprocess.Popen([sys.executable, "-m", "digimandate", "check", str(EXAMPLES / "large-municipality.yaml"),
                            "-f", "json", "-f", "sarif=r.sarif"], cwd=work, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, preexec_fn=_default_signals)
    try:
        assert run.stdout is not None
        assert run.stdout.read(1) == b"{"  # it runs, with its handlers, and writes
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert (run.returncode, err) == (130, b"")
    assert sorted(p.name for p in work.iterdir()) == ["org.yaml", "r.sarif"]  # put in place before the output


# --- temporary files of earlier runs ------------------------------------------------------------------


def _gone_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


def test_a_run_clears_stale_temporary_files_of_its_own_outputs_only(runner: CliRunner, work: Path) -> None:
    gone, alive, now = _gone_pid(), 1, time.time()
    leftovers = {  # name: (seconds since last written, removed?)
        f".x.json.{gone}.abcd_123.tmp": (120, True),  # its writer is gone and it rested a minute
        f".x.json.{gone}.abcd_124.tmp": (5, False),  # its writer may be another container's, still writing
        f".x.json.{alive}.abcd_125.tmp": (120, False),  # its writer runs
        f".x.json.{alive}.abcd_126.tmp": (7200, True),  # an hour: no run stages a file that long
        ".x.json.abcd_127.tmp": (7200, True),  # the shape of earlier versions, without a pid
        ".x.json.abcd_128.tmp": (120, False),
        f".y.json.{gone}.abcd_129.tmp": (7200, False),  # not an output of this run
        f".x.json.{gone}.ABCDEFGH.tmp": (7200, False),  # not a name mkstemp makes
        f".x.json.{gone}.abcd_130.tmp.bak": (7200, False),
        f"x.json.{gone}.abcd_131.tmp": (7200, False),
        ".x.json.99999999999999999999999.abcd_133.tmp": (120, False),  # no process has that id, nor can
    }
    for name, (age, _) in leftovers.items():
        (work / name).write_text("half", encoding="utf-8")
        os.utime(work / name, (now - age, now - age))
    link = work / f".x.json.{gone}.abcd_132.tmp"  # a link is never a temporary file of ours
    link.symlink_to("org.yaml")
    os.utime(link, (now - 7200, now - 7200), follow_symlinks=False)
    result = runner.invoke(app, ["check", "org.yaml", "-f", "json=x.json"])
    assert result.exit_code == 1, result.output
    kept = sorted(name for name, (_, removed) in leftovers.items() if not removed)
    assert sorted(p.name for p in work.iterdir()) == sorted([*kept, link.name, "org.yaml", "x.json"])
    assert (work / "org.yaml").read_bytes() == SMALL.read_bytes()


def test_a_temporary_file_names_its_output_and_its_process(tmp_path: Path) -> None:
    staged = output.stage(tmp_path / "r.json", "{}")
    try:
        assert staged.tmp.name.startswith(f".r.json.{os.getpid()}.") and staged.tmp.name.endswith(".tmp")
    finally:
        staged.discard()
    long_name = "a" * 250 + ".json"  # the temporary file's name would be longer than a file name may be
    output.write_atomic(tmp_path / long_name, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [long_name]


# --- init and template ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_init_dash_prints_the_starter_file(runner: CliRunner, work: Path, lang: str) -> None:
    result = runner.invoke(app, ["init", "-", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == (starter("nl" if lang == "nl" else "en"), "")
    assert sorted(p.name for p in work.iterdir()) == ["org.yaml"]


def test_template_csv_over_a_file_is_exit_2(runner: CliRunner, work: Path) -> None:
    for force in ([], ["--force"]):
        refused(runner, ["template", "csv", "-o", "org.yaml", *force],
                "error: org.yaml is not a folder; the CSV template is one file per sheet, in a folder\n"
                "  hint: name a new or existing folder, for example -o spreadsheet/\n")
    assert runner.invoke(app, ["template", "csv", "-o", "sheets/", "--lang", "en"]).exit_code == 0
    first = next(iter(template("csv", "en")))
    refused(runner, ["template", "csv", "-o", "sheets"], f"error: sheets/{first} {EXISTS}")
    assert runner.invoke(app, ["template", "csv", "-o", "sheets", "--force"]).exit_code == 0
