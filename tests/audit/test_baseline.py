"""Baselines: fail only on new findings and list the ones that are fixed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-municipality.yaml"


def test_baseline_round_trip(tmp_path: Path) -> None:
    runner = CliRunner()
    org = tmp_path / "organisation.yaml"
    org.write_bytes(SMALL.read_bytes())
    base = tmp_path / "baseline.json"
    result = runner.invoke(app, ["baseline", str(org), "-o", str(base), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stderr == f"wrote {base} with 46 findings\n"  # 45, and B007: the vision runs out within a year
    assert runner.invoke(app, ["check", str(org), "--baseline", str(base), "--fail-on", "info"]).exit_code == 0

    # one finding fixed (owner added), one new (a channel without owner)
    text = org.read_text(encoding="utf-8")
    text = text.replace("    department: ruimte\n    intake:", "    department: ruimte\n    owner: rob\n    intake:", 1)
    text = text.replace("type: email}", "type: email}\n  - {id: chat, name: Chat, type: chat}")
    org.write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["check", str(org), "--baseline", str(base), "-f", "json", "--fail-on", "info"])
    assert out.exit_code == 1
    data = json.loads(out.stdout)
    assert [f["rule"] for f in data["findings"]] == ["C002", "C006"]  # the new chat: no owner, nothing measured
    fixed = [(e["rule"], e["entity"]) for e in data["baseline"]["fixed"]]
    assert ("O001", "processes/melding-openbare-ruimte") in fixed
    assert len(data["baseline"]["matched"]) > 30
    terminal = runner.invoke(app, ["check", str(org), "--baseline", str(base), "--lang", "en"]).stdout
    assert "fixed since the baseline: O001 processes/melding-openbare-ruimte (remove it from the baseline)" in terminal


def test_baseline_never_overwrites(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    base.write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(app, ["baseline", str(SMALL), "-o", str(base), "--lang", "en"])
    assert result.exit_code == 2
    assert base.read_text(encoding="utf-8") == "keep"


def test_broken_baseline(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    base.write_text('{"schema_version": 1,\n "tool": ', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(SMALL), "--baseline", str(base), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"{base}:2:10: error: not a digimandate baseline: Expecting value\n"
                             "  hint: write one with `digimandate baseline FILE -o BASELINE`\n")


def test_a_lone_surrogate_from_a_baseline_is_written_escaped_not_a_crash(tmp_path: Path) -> None:
    # JSON may spell a lone surrogate (\ud800), which orjson refuses and UTF-8 cannot hold: the entry
    # comes back in the result's "fixed" list, written by the Python writer, escaped, and safe to print.
    base = tmp_path / "baseline.json"
    entry = {"fingerprint": "0000000000000000", "rule": "M001", "entity": "x\ud800y", "message": "gone \ud800 ##[e]"}
    base.write_text(json.dumps({"schema_version": 1, "tool": {"name": "digimandate", "version": "0.1.0"},
                                "created": "2026-11-01",
                                "organisations": [{"name": "Gemeente Dijkveld", "entries": [entry]}]}),
                    encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(SMALL), "--baseline", str(base), "-f", "json", "--exit-zero"])
    assert out.exit_code == 0, out.stderr
    assert '"entity": "x\\ud800y"' in out.stdout and '"message": "gone \\ud800 ##\\u005be]"' in out.stdout
    assert json.loads(out.stdout)["baseline"]["fixed"] == [entry]
