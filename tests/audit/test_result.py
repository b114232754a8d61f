"""The audit result: what was found, small to keep and to send, messages written out only when asked."""

from __future__ import annotations

import pickle
import sys

from digimandate.audit.flow import audit_file
from digimandate.audit.result import ChecklistId
from digimandate.audit.specs import RuleSet, fill, fill_values
from digimandate.model.document import parse_document
from digimandate.model.org import unset_paths
from tests.conftest import EXAMPLES

LARGE = EXAMPLES / "large-municipality.yaml"


def test_a_result_holds_neither_the_rule_set_nor_the_organisation(ruleset: RuleSet) -> None:
    result = audit_file(LARGE, ruleset)
    data = pickle.dumps(result)
    for name in (b"RuleSet", b"ActiveRule", b"OrgModel", b"Process", b"OrgFile"):
        assert name not in data, name
    assert pickle.loads(data) == result  # and it comes back whole, as from a worker process
    assert result.checklists == (ChecklistId("tip16", ruleset.checklists[0].version),)
    assert {o.rule for o in result.outcomes} == set(ruleset.rules)


def test_findings_share_their_templates_and_write_messages_in_either_language(ruleset: RuleSet) -> None:
    result = audit_file(LARGE, ruleset)
    o001 = [f for f in result.findings if f.rule == "O001"]
    assert len(o001) == 18
    assert len({id(f.text) for f in o001}) == 1 and len({id(f.names) for f in o001}) == 1
    f = o001[0]
    assert f.message("nl") == f.message_nl and f.message("en") == f.message_en
    assert f.arg("name") in f.message_nl and f.arg("name") in f.message_en
    assert "{" not in f.message_nl + f.message_en
    assert f.arg("no such value", "-") == "-"


def test_a_finding_is_smaller_than_its_two_messages(ruleset: RuleSet) -> None:
    result = audit_file(LARGE, ruleset)
    kept = sum(sys.getsizeof(f.values) for f in result.findings)
    written = sum(sys.getsizeof(f.message_nl) + sys.getsizeof(f.message_en) for f in result.findings)
    assert kept * 3 < written


def test_a_message_filled_by_position_reads_as_filled_by_name() -> None:
    template = "{name} ({id}) has {n} {{braces}} and {missing}; {name} again {}"
    names, values = ("id", "name", "n"), ("p1", "Paspoort {x}", "3")
    expected = fill(template, dict(zip(names, values, strict=True)))
    assert fill_values(template, names, values) == expected
    assert expected == "Paspoort {x} (p1) has 3 {{braces}} and {missing}; Paspoort {x} again {}"


def test_unset_paths_are_the_same_for_every_model_of_one_shape() -> None:
    doc = parse_document("schema_version: 1\norganisation: {name: X}\n"
                         "processes: [{id: a, name: A}, {id: b, name: B, owner: null}, {id: c, name: C}]\n")
    a, b, c = (unset_paths(p) for p in doc.model.processes)
    assert a == c and a is not c  # planned once, yet each its own list
    assert "owner" in a and "owner" not in b
    assert "volume.total" in a


def test_a_decimal_value_is_written_with_a_comma_in_dutch() -> None:
    from digimandate.audit.result import Finding
    from digimandate.audit.specs import Text
    from digimandate.errors import Location

    f = Finding(rule="M018", name="x", dimension="mandate", severity="medium", level=1,
                text=Text(nl="{who} besteedt {fte} fte, minder dan {min_fte}", en="{who} spends {fte} fte, below {min_fte}"),
                message_key="m", entity="mandates/a", location=Location("o.yaml", 1, 1),
                names=("who", "fte", "min_fte"), values=("www.dijkveld.nl", "0.3", "0.5"))
    assert f.message("nl") == "www.dijkveld.nl besteedt 0,3 fte, minder dan 0,5"  # a name with a dot stays a name
    assert f.message("en") == "www.dijkveld.nl spends 0.3 fte, below 0.5"


def test_the_findings_of_one_rules_message_share_one_head(ruleset: RuleSet) -> None:
    result = audit_file(LARGE, ruleset)
    o001 = [f for f in result.findings if f.rule == "O001"]
    assert len({id(f.head) for f in o001}) == 1
    f = o001[0]
    assert (f.head.rule, f.head.severity, f.head.level, f.head.text) == (f.rule, f.severity, f.level, f.text)
    assert f.head.basis == f.basis and f.head.kind == f.kind == "check"


def test_a_finding_made_field_by_field_equals_one_made_under_its_head_and_pickles_back() -> None:
    from digimandate.audit.result import Finding, finding_head
    from digimandate.audit.specs import Text
    from digimandate.errors import Location

    text = Text(nl="{name} ontbreekt", en="{name} is missing")
    made = Finding("P001", "p.owner", "processes", "high", 2, text, "none", "processes/a", Location("o.yaml", 3, 5),
                   ("name",), ("A",), "not_recorded", "check", ("s1",))
    head = finding_head("P001", "p.owner", "processes", "high", 2, text, "none", "not_recorded")
    under = Finding.of(head, "processes/a", Location("o.yaml", 3, 5), ("name",), ("A",), ("s1",))
    assert made == under and hash(made) == hash(under) and made.head is head
    assert (made.entity, made.location.line, made.names, made.values, made.sources) == (
        "processes/a", 3, ("name",), ("A",), ("s1",))
    back = pickle.loads(pickle.dumps(made))
    assert type(back) is Finding and back == made and back.message("en") == "A is missing"
    assert repr(made).startswith("Finding(rule='P001', name='p.owner', dimension='processes', severity='high', "
                                 "level=2, text=")
    assert made != Finding("P001", "p.owner", "processes", "high", 2, text, "none", "processes/b",
                           Location("o.yaml", 3, 5), ("name",), ("A",), "not_recorded", "check", ("s1",))


def test_an_entitys_values_are_looked_up_once_unless_a_rules_parameter_fills_one(ruleset: RuleSet) -> None:
    from dataclasses import replace
    from typing import Any

    from digimandate.audit.engine import _findings
    from digimandate.audit.rules.api import NO_ARGS, Hit

    doc = parse_document("schema_version: 1\norganisation: {name: X}\nprocesses: [{id: a, name: Aanvraag}]\n")
    item = {"id": "a", "name": "Aanvraag", "_path": "processes/a"}
    hits = [Hit("processes/a", "not_recorded", NO_ARGS, None, "not_recorded", item)]
    shared: dict[Any, Any] = {}
    o001 = ruleset.rules["O001"]
    first = _findings(doc, o001, hits, shared)[0]
    again = _findings(doc, ruleset.rules["O005"], hits, shared)[0]
    assert first.values == ("Aanvraag", "a") and again.values is first.values  # looked up once, kept once
    # a parameter named as a value the message keeps ("who") fills it: that rule's values are its own
    with_who = _findings(doc, replace(o001, params={**o001.params, "who": "de eigenaar"}), hits, shared)[0]
    assert with_who.arg("who") == "de eigenaar" and first.arg("who") == ""


def test_a_product_name_ending_in_a_verb_stands_apart_in_every_message(ruleset: RuleSet) -> None:
    # "Parkeervergunning aanvragen", "Melding openbare ruimte doen": a name that ends in a verb is named as
    # "het product ..." / "the product ...", never glued to the sentence's own verb ("Aanvragen voor ... aanvragen via")
    name = "Melding openbare ruimte doen"
    checked = 0
    for rule in ruleset.rules.values():
        if rule.spec.check is None or getattr(rule.spec.check, "each", None) != "processes":
            continue
        for text in rule.spec.messages.values():
            for lang, template in (("nl", text.nl), ("en", text.en)):
                for field in ("{name}", "{process}"):
                    if field not in template:
                        continue
                    checked += 1
                    filled = template.replace(field, name)
                    article = "het product " if lang == "nl" else "the product "
                    assert f"{article}{name}".lower() in filled.lower(), (rule.id, template)
                    assert "aanvragen aanvragen" not in filled and "doen heeft" not in filled, (rule.id, template)
    assert checked > 40
