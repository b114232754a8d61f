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
