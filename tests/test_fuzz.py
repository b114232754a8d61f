"""Hostile input by machine: whatever the file holds, the answer is a result or a located input error."""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from digimandate.audit.cases import base_org
from digimandate.audit.checklist import load_ruleset
from digimandate.audit.flow import audit_document
from digimandate.cli.app import app
from digimandate.errors import InputError
from digimandate.model import loader
from digimandate.model.document import build_document
from digimandate.model.loader import Limits, LMap, dump, load_bytes
from tests.conftest import EXAMPLES
from tests.strategies import YAML_LIKE, examples, keys, values

RULES = load_ruleset()
BOUNDED = settings(max_examples=examples(150), deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def plain(value: Any) -> Any:
    """Located containers as plain dicts and lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def safe_dump(data: Any, **options: Any) -> str:
    """yaml.safe_dump's text, by LibYAML's emitter where it writes the same (tests/model/test_dump.py)."""
    fast = hasattr(yaml, "CSafeDumper") and options.get("allow_unicode") and loader._alike(data)
    text: str = yaml.dump(data, Dumper=yaml.CSafeDumper if fast else yaml.SafeDumper, **options)
    return text


def _no_yaml_breaks(data: Any) -> bool:
    # PyYAML's emitter writes NEL and the Unicode line separators raw inside quotes, where every YAML
    # reader folds them into a space: text that no organisation file needs, so left out here
    return not any(ch in json.dumps(data, default=str, ensure_ascii=False) for ch in "\x85\u2028\u2029")


@BOUNDED
@given(st.dictionaries(keys, values, min_size=1, max_size=6).filter(_no_yaml_breaks))
def test_loader_reads_back_what_its_dumper_writes(data: dict[str, Any]) -> None:
    text = dump(data)
    loaded = load_bytes(text.encode("utf-8"), "f.yaml")
    assert plain(loaded.data) == data


@BOUNDED
@given(st.binary(max_size=400))
def test_arbitrary_bytes_load_or_fail_with_a_location(raw: bytes) -> None:
    try:
        loaded = load_bytes(raw, "f.yaml", Limits(max_nodes=10_000))
    except InputError as exc:
        assert exc.problems and exc.problems[0].location.line >= 1
        assert exc.format("nl") and exc.format("en")
        return
    assert isinstance(loaded.data, LMap)


@BOUNDED
@given(st.text(alphabet=st.sampled_from(YAML_LIKE), max_size=200))
def test_yaml_like_text_never_crashes(text: str) -> None:
    with contextlib.suppress(InputError):
        load_bytes(text.encode("utf-8"), "f.yaml", Limits(max_nodes=10_000))


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, (*prefix, i))
    return out


mutation = st.tuples(st.sampled_from(["delete", "replace", "duplicate"]), st.integers(0, 10**6), values)


def mutate(data: dict[str, Any], steps: list[tuple[str, int, Any]]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for kind, pick, value in steps:
        candidates = paths(data)
        if not candidates:
            break
        path = candidates[pick % len(candidates)]
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if kind == "delete":
            del parent[last]
        elif kind == "replace":
            parent[last] = value
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return data


@BOUNDED
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_organisations_validate_or_fail_cleanly(steps: list[tuple[str, int, Any]]) -> None:
    text = safe_dump(mutate(base_org(), steps), allow_unicode=True, sort_keys=False)
    try:
        doc = build_document(load_bytes(text.encode("utf-8"), "org.yaml"))
    except InputError as exc:
        for p in exc.problems:
            assert p.location.file == "org.yaml" and p.location.line >= 1
        return
    result = audit_document(doc, RULES)
    assert result.errors == (), [o.error for o in result.errors]


@settings(max_examples=examples(40), deadline=4000, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=3))
def test_cli_exit_codes_are_only_0_1_or_2(tmp_path_factory: Any, steps: list[tuple[str, int, Any]]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "org.yaml"
    path.write_text(safe_dump(mutate(base_org(), steps), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--no-config", "-f", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output


# The shipped examples, mutated and as random bytes, through the commands a user runs: the answer is a
# result or a located input error (exit 0, 1 or 2), never a traceback or exit 3, and always in bounded time.
SHIPPED = [p for p in sorted(EXAMPLES.glob("*.yaml")) if p.name != "large-municipality.yaml"]
COMMANDS = (["validate"], ["check", "-f", "json", "--no-config"], ["report", "--no-config"],
            ["memo", "--no-config", "-f", "html"])
HOSTILE_SCALARS = st.sampled_from([
    float("nan"), float("inf"), -1e308, 10**30, -(10**18), 0, True, "yes", "on", "021500", "190:20:30", "1e3",
    "\x00", "\ufeff", "\x1b[31m", "::error::x", "##[error]x", "x" * 20_000, "", " ", "2026-02-30", "9999-12-31",
    date(9999, 12, 31), date(1, 1, 1), "\\g<0>", "{name}", "{0.__class__}", "{{ 7*7 }}", "<script>", "`x`",
])
TIME_BOUND = 30.0  # seconds for one command on a mutated example: generous, as a hang is what it catches


def _shipped(index: int) -> dict[str, Any]:
    data = plain(load_bytes(SHIPPED[index % len(SHIPPED)].read_bytes(), "example.yaml").data)
    assert isinstance(data, dict)
    return data


def _run_bounded(path: Path, command: list[str]) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(app, [command[0], str(path), *command[1:], "--lang", "nl"])
    elapsed = time.monotonic() - started
    assert result.exit_code in (0, 1, 2), (command, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert elapsed < TIME_BOUND, (command, elapsed)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.integers(0, 100), st.sampled_from(COMMANDS),
       st.lists(st.tuples(st.sampled_from(["delete", "replace", "duplicate"]), st.integers(0, 10**6),
                          st.one_of(values, HOSTILE_SCALARS)), min_size=1, max_size=4))
def test_mutated_examples_never_crash_a_command(tmp_path_factory: Any, which: int, command: list[str],
                                                steps: list[tuple[str, int, Any]]) -> None:
    path = tmp_path_factory.mktemp("mutated") / "org.yaml"
    path.write_text(dump(mutate(_shipped(which), steps)), encoding="utf-8")
    _run_bounded(path, command)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.integers(0, 100), st.sampled_from(COMMANDS),
       st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8), st.integers(0, 16)), min_size=1, max_size=6))
def test_byte_edits_of_examples_never_crash_a_command(tmp_path_factory: Any, which: int, command: list[str],
                                                      edits: list[tuple[int, bytes, int]]) -> None:
    raw = bytearray(SHIPPED[which % len(SHIPPED)].read_bytes())
    for at, insert, remove in edits:  # replace `remove` bytes at a position with `insert`
        at %= len(raw) + 1
        raw[at:at + remove] = insert
    path = tmp_path_factory.mktemp("edited") / "org.yaml"
    path.write_bytes(bytes(raw))
    _run_bounded(path, command)


@settings(max_examples=examples(45), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000), st.sampled_from(COMMANDS))
def test_random_bytes_never_crash_a_command(tmp_path_factory: Any, raw: bytes, command: list[str]) -> None:
    path = tmp_path_factory.mktemp("random") / "org.yaml"
    path.write_bytes(raw)
    _run_bounded(path, command)


@functools.cache
def _result() -> dict[str, Any]:
    out = CliRunner().invoke(app, ["check", str(EXAMPLES / "small-municipality.yaml"), "-f", "json", "--no-config"])
    data = json.loads(out.stdout)
    assert isinstance(data, dict)
    return data


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from([None, 0, -1, 1.5, True, "x", [], {}])),
                min_size=1, max_size=3))
def test_mutated_previous_results_never_crash_a_report(tmp_path_factory: Any, steps: list[tuple[int, Any]]) -> None:
    previous = tmp_path_factory.mktemp("previous") / "previous.json"
    previous.write_text(json.dumps(mutate(_result(), [("replace", pick, value) for pick, value in steps])),
                        encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(EXAMPLES / "small-municipality.yaml"), "--no-config",
                                      "--previous", str(previous), "--previous-reactie",
                                      str(EXAMPLES / "audit" / "small-municipality.reactie.yaml")])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
