"""Many organisations in one run: folders, order, the summary table, one output per organisation."""

from __future__ import annotations

import concurrent.futures
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from digimandate.audit.specs import RuleSet
from digimandate.cli import batch
from digimandate.cli.app import app
from digimandate.cli.batch import FileAudit, audit_all, expand
from digimandate.errors import InputError
from digimandate.model.loader import Limits
from digimandate.render.json_format import render as render_json
from tests.conftest import EXAMPLES, audited


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "clients"
    (root / "noord").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(EXAMPLES / "small-municipality.yaml", root / "noord" / "dijkveld.yaml")
    shutil.copy(EXAMPLES / "mature-municipality.yaml", root / "lingewaard.yml")
    shutil.copy(EXAMPLES / "english-agency.yaml", root / ".hidden" / "agency.yaml")
    shutil.copy(EXAMPLES / "checklists" / "rivierenstad-extra.yaml", root / "checklist.yaml")
    (root / "notes.txt").write_text("schema_version: 1\n", encoding="utf-8")
    return root


def test_expand_finds_organisation_files_only(tmp_path: Path) -> None:
    root = folder(tmp_path)
    assert expand([root]) == [root / "lingewaard.yml", root / "noord" / "dijkveld.yaml"]
    single = EXAMPLES / "english-agency.yaml"
    assert expand([single, root]) == [single, root / "lingewaard.yml", root / "noord" / "dijkveld.yaml"]


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Audits in worker processes even for a few small files, as for many large ones; the test fails if none ran."""
    monkeypatch.setattr(batch, "PARALLEL_FILES", 2)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    pools = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    yield
    assert pools, "no worker was started"


def test_a_few_small_files_are_audited_in_this_process(monkeypatch: pytest.MonkeyPatch, ruleset: RuleSet) -> None:
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 8)
    small = [EXAMPLES / "small-municipality.yaml", EXAMPLES / "mature-municipality.yaml"]
    assert not batch._pays(small)
    assert batch._pays(small * 8)  # sixteen files
    assert batch._pays([EXAMPLES / "large-municipality.yaml"] * 3)  # over 256 kB

    def no_workers(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_workers)
    outcomes = list(audit_all(small, ruleset, Limits(), ()))
    assert [p for p, _ in outcomes] == small


@pytest.mark.usefixtures("in_workers")
def test_parallel_audit_keeps_order_and_errors(tmp_path: Path, ruleset: RuleSet) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\norganisation: {name: X, type: stad}\n", encoding="utf-8")
    files = [EXAMPLES / "small-municipality.yaml", broken, EXAMPLES / "mature-municipality.yaml"]
    outcomes = list(audit_all(files, ruleset, Limits(), ()))
    assert [p for p, _ in outcomes] == files
    assert isinstance(outcomes[1][1], InputError)
    assert outcomes[1][1].format("en").startswith(f"{broken}:2:")  # survives the trip from a worker
    assert [getattr(getattr(o, "result", None), "organisation_name", None) for _, o in outcomes] == [
        "Gemeente Dijkveld", None, "Gemeente Lingewaard-Noord"]


def test_check_a_folder(tmp_path: Path) -> None:
    root = folder(tmp_path)
    result = CliRunner().invoke(app, ["check", str(root), "--lang", "en", "--no-config"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    start = lines.index("2 organisations")
    assert lines[start + 1].split() == ["organisation", "level", "critical", "high", "medium", "low", "info", "file"]
    assert lines[start + 2].split()[:3] == ["Gemeente", "Lingewaard-Noord", "5"]
    assert lines[start + 3].split()[:3] == ["Gemeente", "Dijkveld", "1"]


def test_one_result_per_organisation(tmp_path: Path) -> None:
    root = folder(tmp_path)
    out = tmp_path / "results"
    result = CliRunner().invoke(app, ["check", str(root), "-f", f"json={out}/", "-f", f"sarif={out}/", "--no-config"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["dijkveld.json", "dijkveld.sarif", "lingewaard.json",
                                                     "lingewaard.sarif"]
    assert json.loads((out / "lingewaard.json").read_text(encoding="utf-8"))["maturity"]["level"] == 5


def test_empty_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"error: no organisation files found in {tmp_path}\n"
                             "  hint: name organisation files, or a folder with YAML files that start with "
                             "`schema_version:`\n")


def test_same_file_names_in_different_folders_get_distinct_outputs(tmp_path: Path) -> None:
    root = tmp_path / "clients"
    for town in ("noord", "zuid"):
        (root / town).mkdir(parents=True)
        shutil.copy(EXAMPLES / "mature-municipality.yaml", root / town / "organisation.yaml")
    out = tmp_path / "results"
    result = CliRunner().invoke(app, ["check", str(root), "-f", f"json={out}/", "--no-config"])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["noord-organisation.json", "zuid-organisation.json"]


@pytest.mark.usefixtures("in_workers")
def test_results_from_workers_match_audits_in_this_process(ruleset: RuleSet) -> None:
    files = [EXAMPLES / "small-municipality.yaml", EXAMPLES / "large-municipality.yaml"]
    for keep_models in (True, False):
        outcomes = [o for _, o in audit_all(files, ruleset, Limits(), (), keep_models=keep_models)]
        for path, outcome in zip(files, outcomes, strict=True):
            here = audited(path, ruleset)
            assert isinstance(outcome, FileAudit)
            assert render_json(outcome.result, ruleset, "nl") == render_json(here.result, ruleset, "nl")
            assert outcome.result == here.result  # every finding, outcome and score, as audited here
            assert (outcome.model == here.model) if keep_models else outcome.model is None


def test_a_baseline_of_a_folder(tmp_path: Path) -> None:
    root = folder(tmp_path)
    result = CliRunner().invoke(app, ["baseline", str(root), "--no-config", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    organisations = json.loads(result.stdout)["organisations"]
    assert [o["name"] for o in organisations] == ["Gemeente Lingewaard-Noord", "Gemeente Dijkveld"]
    assert organisations[1]["entries"][0]["rule"] == "B001"


def test_hostile_files_in_a_folder_fail_alone_and_cleanly(tmp_path: Path) -> None:
    root = tmp_path / "clients"
    root.mkdir()
    shutil.copy(EXAMPLES / "mature-municipality.yaml", root / "a-good.yaml")
    head = b"schema_version: 1\n"
    hostile = {
        "b-binary.yaml": head + bytes(range(256)) * 4,
        "c-not-utf8.yaml": head + b"organisation: {name: \xff\xfe}\n",
        "d-deep.yaml": head + b"organisation: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "e-aliases.yaml": head + b"a: &a [x, x, x, x, x, x, x, x, x]\n"
                          + b"".join(b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n"
                                     % ((ord("b") + i,) * 2 + (ord("a") + i,) * 9) for i in range(12)),
        "f-large.yaml": head + b"organisation: {name: " + b"x" * 200_000 + b"}\n",
    }
    for name, data in hostile.items():
        (root / name).write_bytes(data)
    result = CliRunner().invoke(app, ["check", str(root), "--no-config", "--lang", "en", "--max-bytes", "100000"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(root))]
    assert sorted({line[len(str(root)) + 1:].split(":")[0] for line in errors}) == sorted(hostile)
    assert "Gemeente Lingewaard-Noord: maturity level 5" in result.stdout
