"""Generated files are current: the rule reference and the organisation schema."""

from __future__ import annotations

from digimandate.audit.specs import RuleSet
from digimandate.model.schemas import ORGANISATION_SCHEMA, organisation_schema_text
from digimandate.render.rules_doc import markdown
from tests.conftest import ROOT


def test_rules_doc_is_current(ruleset: RuleSet) -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(ruleset), "docs/rules.md is stale: run `digimandate rules -f markdown > docs/rules.md`"


def test_rules_doc_covers_every_rule(ruleset: RuleSet) -> None:
    text = markdown(ruleset)
    for rule_id in ruleset.rules:
        assert f"### {rule_id}\n" in text


def test_organisation_schema_is_current() -> None:
    assert ORGANISATION_SCHEMA.read_text(encoding="utf-8") == organisation_schema_text(), (
        "run `digimandate schema > digimandate/model/schemas/organisation-v1.schema.json`"
    )


def test_examples_validate_against_the_json_schema() -> None:
    import json

    import jsonschema
    import yaml

    schema = json.loads(ORGANISATION_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)  # once, as jsonschema.validate would for each example
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        # JSON Schema knows no dates: compare the text form, as an editor would see it.
        validator(schema).validate(json.loads(json.dumps(data, default=str)))


def yaml_blocks(text: str) -> list[str]:
    return [block.split("```", 1)[0] for block in text.split("```yaml\n")[1:]]


def test_readme_examples_are_valid(tmp_path: object) -> None:
    import yaml

    from digimandate.audit.config import ConfigFile
    from digimandate.model.document import parse_document

    blocks = yaml_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    organisations = [b for b in blocks if b.startswith("schema_version: 1")]
    assert organisations
    for block in organisations:
        parse_document(block)
    configs = [b for b in blocks if b.startswith("select:")]
    assert configs
    for block in configs:
        ConfigFile.model_validate(yaml.safe_load(block))


def _documented() -> list[tuple[str, str]]:
    """README.md and the docs written by hand (docs/rules.md is generated), each as (name, text)."""
    files = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "rules.md")]
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def test_readme_and_docs_count_the_rules_the_checklist_has(ruleset: RuleSet) -> None:
    """Every "N rules", "N built-in rules" and "N of the M built-in rules" matches the checklist.

    A measurement says which checklist it ran with ("held 40 rules when these figures were measured").
    """
    import re

    from digimandate.audit.specs import PythonCheck

    total = len(ruleset.rules)
    python = sum(isinstance(r.spec.check, PythonCheck) for r in ruleset.rules.values())
    seen = 0
    for name, text in _documented():
        flat = " ".join(text.split())
        for match in re.finditer(r"(?<!held )\b(\d+) (?:built-in )?rules\b", flat):
            assert int(match.group(1)) == total, (name, match.group(0))
            seen += 1
        for match in re.finditer(r"\b(\d+) of the (\d+) built-in rules are written this way; the other (\d+)", flat):
            assert (int(match.group(1)), int(match.group(2)), int(match.group(3))) == \
                (total - python, total, python), (name, match.group(0))
            seen += 1
    assert seen >= 3


def test_every_rule_id_in_readme_and_docs_is_known(ruleset: RuleSet) -> None:
    """A rule id the README or docs name is one `rules` lists and `explain` knows."""
    import re

    from typer.testing import CliRunner

    from digimandate.cli.app import app

    listed = CliRunner().invoke(app, ["rules", "--lang", "en"]).stdout
    named: dict[str, str] = {}  # each id once, with the first place that names it: explain runs once per id
    for name, text in _documented():
        for rule_id in set(re.findall(r"\b([BMCOPFJW]\d{3})\b", text)):
            named.setdefault(rule_id, name)
    for rule_id, name in sorted(named.items()):
        assert rule_id in ruleset.rules or rule_id in ruleset.meta, (name, rule_id)
        assert f"  {rule_id}  " in listed, (name, rule_id)
        assert CliRunner().invoke(app, ["explain", rule_id, "--lang", "en"]).exit_code == 0, (name, rule_id)


def test_the_ladder_in_the_maturity_doc_is_the_checklists(ruleset: RuleSet) -> None:
    text = (ROOT / "docs" / "maturity.md").read_text(encoding="utf-8")
    table = text.split("## The ladder of the built-in checklist", 1)[1].split("\n\n", 2)[1]
    documented = {}
    for row in table.splitlines()[2:]:
        name, *rungs = [cell.strip() for cell in row.strip("|").split("|")]
        documented[name] = [sorted(r.split(", ")) for r in rungs]
    graded = {n for n, d in ruleset.dimensions.items() if d.graded}
    expected = {name: [sorted(r.id for r in ruleset.rules.values() if r.spec.dimension == name and r.spec.level == level)
                       for level in (2, 3, 4, 5)] for name in graded}
    assert documented == expected
    advisory = sorted(r.id for r in ruleset.rules.values() if r.spec.dimension not in graded)
    assert f"(`job`: {', '.join(advisory)})" in text
    assert "docs/maturity.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_docs_and_tests_name_the_checklists_current_version(ruleset: RuleSet) -> None:
    from tests.audit.test_scoring import VERSION

    (builtin,) = [c for c in ruleset.checklists if c.id == "tip16"]
    assert builtin.version == VERSION
    assert f"(now {builtin.version})" in (ROOT / "docs" / "maturity.md").read_text(encoding="utf-8")
    assert f'"checklists": [{{"id": "tip16", "version": "{builtin.version}"}}]' in (ROOT / "README.md").read_text(
        encoding="utf-8")
