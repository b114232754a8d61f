"""A thin command line: each command builds a request and calls one function, which works without Typer."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from digimandate.cli import app as app_module
from digimandate.cli.documents import DocRequest, document
from digimandate.cli.run import BaselineRequest, CheckRequest, Run, baseline, check
from digimandate.cli.settings import AuditOptions
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-municipality.yaml"
MAX_STATEMENTS = 8  # parse, build the request, call, exit: more means work that belongs outside the CLI


def test_every_command_body_is_short() -> None:
    tree = ast.parse(Path(app_module.__file__).read_text(encoding="utf-8"))
    commands = [f for f in tree.body if isinstance(f, ast.FunctionDef)
                and any("command" in ast.unparse(d) for d in f.decorator_list)]
    assert len(commands) >= 10
    for func in commands:
        statements = sum(1 for node in ast.walk(func) if isinstance(node, ast.stmt)) - 1
        assert statements <= MAX_STATEMENTS, (func.name, statements)
    helper = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == "_document")
    assert [a.arg for a in helper.args.args] == ["req"]


def test_check_runs_from_a_request(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    req = CheckRequest((SMALL,), (f"json={out}",), AuditOptions(no_config=True, lang="en"), exit_zero=True)
    run = Run(req.options, req.limits)
    check(run, req, color=False, width=None)
    assert run.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["organisation"]["name"] == "Gemeente Dijkveld" and data["language"] == "en"


def test_check_without_exit_zero_sets_exit_code_one(tmp_path: Path) -> None:
    req = CheckRequest((SMALL,), (f"json={tmp_path / 'r.json'}",), AuditOptions(no_config=True))
    run = Run(req.options, req.limits)
    check(run, req, color=False, width=None)
    assert run.exit_code == 1


def test_baseline_and_document_run_from_requests(tmp_path: Path) -> None:
    said: list[str] = []
    req = BaselineRequest((SMALL,), tmp_path / "b.json", AuditOptions(no_config=True, lang="en"))
    baseline(Run(req.options, req.limits), req, said.append)
    assert said == [f"wrote {tmp_path / 'b.json'} with 46 findings"]  # B007 among them: the vision runs out within a year
    doc = DocRequest("memo", str(tmp_path / "memo.md"), SMALL, AuditOptions(no_config=True, lang="nl"))
    document(Run(doc.options, doc.limits), doc, said.append)
    assert (tmp_path / "memo.md").read_text(encoding="utf-8").startswith("# ")
    assert said[-1] == f"{tmp_path / 'memo.md'} geschreven"
