"""Renderers: golden files per format, SARIF against the official schema, JUnit and GitHub syntax."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from digimandate.audit.flow import audit_file
from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.jsontext import Lazy
from digimandate.render import render
from digimandate.render.common import github_escape
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


_AUDITS: dict[tuple[Path, str], tuple[RuleSet, AuditResult]] = {}


def audited(path: Path, ruleset: RuleSet, display: str) -> AuditResult:
    """The audit of a file, made once per rule set for the tests that only read it (a result is frozen)."""
    kept = _AUDITS.get((path, display))
    if kept is None or kept[0] is not ruleset:
        kept = _AUDITS[path, display] = (ruleset, audit_file(path, ruleset, display=display))
    return kept[1]


def audit(name: str, ruleset: RuleSet) -> AuditResult:
    return audited(EXAMPLES / name, ruleset, f"examples/{name}")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


EXT = {"terminal": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "github": "txt"}


@pytest.mark.parametrize("fmt", ["terminal", "json", "sarif", "junit", "github"])
@pytest.mark.parametrize(("example", "lang"), [("small-municipality.yaml", "nl"), ("english-agency.yaml", "en")])
def test_golden(fmt: str, example: str, lang: str, ruleset: RuleSet) -> None:
    text = render(audit(example, ruleset), ruleset, fmt, lang)  # type: ignore[arg-type]
    golden = GOLDEN / f"{Path(example).stem}.{lang}.{fmt}.{EXT[fmt]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs; UPDATE_GOLDEN=1 regenerates"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_sarif_validates_against_the_official_schema(path: Path, ruleset: RuleSet) -> None:
    data = json.loads(render(audit(path.name, ruleset), ruleset, "sarif", "en"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(data)


def test_sarif_content(ruleset: RuleSet) -> None:
    data = json.loads(render(audit("small-municipality.yaml", ruleset), ruleset, "sarif", "en"))
    run = data["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["M007"]["helpUri"].endswith("docs/rules.md#m007")
    assert rules["M007"]["defaultConfiguration"] == {"level": "error"}
    assert rules["M004"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["B003"]["defaultConfiguration"] == {"level": "note"}
    assert "Drop approval per change" in rules["M007"]["help"]["text"]
    result = next(r for r in run["results"] if r["ruleId"] == "C001")
    loc = result["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"] == {"uri": "examples/small-municipality.yaml",
                                                           "uriBaseId": "%SRCROOT%"}
    assert loc["physicalLocation"]["region"] == {"startLine": 67, "startColumn": 57}
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "channels/website"
    assert result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "C001"


def test_sarif_fingerprint_is_rule_and_entity(ruleset: RuleSet) -> None:
    import hashlib

    data = json.loads(render(audit("small-municipality.yaml", ruleset), ruleset, "sarif", "en"))
    result = next(r for r in data["runs"][0]["results"] if r["ruleId"] == "C001")
    expected = hashlib.sha256(b"C001|channels/website").hexdigest()[:16]
    assert result["partialFingerprints"]["digimandate/v1"] == expected


def test_junit_has_one_case_per_rule(ruleset: RuleSet) -> None:
    result = audit("small-municipality.yaml", ruleset)
    root = ET.fromstring(render(result, ruleset, "junit", "en"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 53
    assert int(root.get("tests", "0")) == 53
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    skipped = [c.get("name") for c in cases if c.find("skipped") is not None]
    assert len(failed) == int(suite.get("failures", "0")) == len({f.rule for f in result.findings})
    assert sorted(s.split()[0] for s in skipped if s) == sorted(result.not_applicable)
    assert "M007" in result.not_applicable  # the only mandate is departmental (model v2)
    c001 = next(c for c in cases if (c.get("name") or "").startswith("C001"))
    failure = c001.find("failure")
    assert failure is not None and "examples/small-municipality.yaml:67:57" in (failure.text or "")


def test_github_annotations(ruleset: RuleSet) -> None:
    lines = render(audit("small-municipality.yaml", ruleset), ruleset, "github", "en").splitlines()
    c001 = next(line for line in lines if "C001" in line)
    assert c001.startswith("::error file=examples/small-municipality.yaml,line=67,col=57,"
                           "title=C001 channels.online-owned-by-communicatie-only (high)::Channel www.dijkveld.nl")
    assert any(line.startswith("::warning ") for line in lines)
    assert any(line.startswith("::notice ") for line in lines)
    assert lines[-1].startswith("::notice title=digimandate::Gemeente Dijkveld: maturity level 1")


def test_github_escaping() -> None:
    assert github_escape("50% a\nb") == "50%25 a%0Ab"
    assert github_escape("a:b,c", prop=True) == "a%3Ab%2Cc"


def materialised(value: Any) -> Any:
    """The data with every lazily made array made."""
    if isinstance(value, Lazy):
        return [materialised(v) for v in value.items]
    if isinstance(value, dict):
        return {k: materialised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [materialised(v) for v in value]
    return value


@pytest.mark.parametrize("example", [*EXAMPLE_FILES, ROOT / "tests" / "data" / "awkward.yaml"], ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_json_is_exactly_what_json_dumps_writes(example: Path, lang: str, ruleset: RuleSet) -> None:
    from digimandate.render.json_format import render as render_json
    from digimandate.render.json_format import result_dict

    result = audited(example, ruleset, str(example.name) + ' "quoted" é\u2028\x01')
    expected = json.dumps(materialised(result_dict(result, lang)), indent=2, ensure_ascii=False) + "\n"  # type: ignore[arg-type]
    text = render_json(result, ruleset, lang)  # type: ignore[arg-type]
    # json.dumps writes U+2028 raw; the renderer writes it as \u2028: the same JSON value
    assert text == expected.replace("\u2028", "\\u2028")
    assert json.loads(text) == json.loads(expected)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("level", [1, 2])
def test_findings_written_from_their_shared_parts_read_as_their_dictionaries(lang: str, level: int) -> None:
    from digimandate.audit.result import Finding
    from digimandate.audit.specs import Text
    from digimandate.errors import Location
    from digimandate.jsontext import indented_json
    from digimandate.render.json_format import finding_dict, finding_texts

    text = Text(nl='Bij het product {name} worden aanvragen geteld: "{fte}" fte \\ {missing}',
                en='For "{name}" requests are counted: {fte} fte \\ {missing}')
    odd = ["Bijstand aanvragen", 'a "quoted"\\name', "line\nbreak\t\x01", "c1\x85\u2028\u202e", "lone \ud800",
           "www.x.nl", "é€😀", "{braces}"]
    findings = [
        Finding("P001", "p.x", "processes", "high", 2, text, "m", f"processes/{name.replace(chr(0xd800), '')}",
                Location(f'o "{i % 2}".yaml', i + 1, 3), ("name", "fte"), (name, "0.5"),
                "not_recorded" if i % 3 else "observed", "check", ("s1", "s\u2028") if i % 2 else ())
        for i, name in enumerate(odd)
    ]
    findings.append(Finding("P002", "p.y", "processes", "low", 1, text, "m", "processes/x", Location("o.yaml", 1, 1)))
    texts = list(finding_texts(findings, lang, level))  # type: ignore[arg-type]
    assert texts == [indented_json(finding_dict(f, lang), level) for f in findings]  # type: ignore[arg-type]
    assert "Bijstand aanvragen worden aanvragen geteld: \\\"0,5\\\" fte" in texts[0] or lang == "en"  # Dutch decimals
