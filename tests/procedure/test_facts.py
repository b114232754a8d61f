"""The facts an audit asks for, and the sources a paragraph cites: what applies, what is recorded, in which order."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.model.document import parse_document
from digimandate.model.facts import by_entity, subjects, unset, value_of
from digimandate.model.register import cited, cited_in, entity_node, entity_nodes
from tests.conftest import EXAMPLES

BASE = """schema_version: 1
organisation: {name: Gemeente Proef, audit_date: 2026-11-01}
governance:
  portfolio_holder: null
departments:
  - {id: kcc, name: KCC, function: kcc}
channels:
  - {id: web, name: Website, type: website, owner: kcc, satisfaction_measured: true}
  - {id: tel, name: Telefoon, type: phone, owner: kcc, promotes_digital: true, assisted_digital: true,
     satisfaction_measured: false}
processes:
  - id: melding
    name: Melding
    department: kcc
    intake: [{channel: tel}]
"""


def asked(text: str) -> list[str]:
    return [s.ident for s in unset(parse_document(text).model)]


def test_only_facts_that_apply_and_are_left_out_are_asked() -> None:
    idents = asked(BASE)
    assert "governance#governance.portfolio_holder" not in idents  # null records that there is none
    assert "governance#governance.sponsor" in idents
    assert not any(i.startswith("channels/") for i in idents)  # an online channel is not asked assisted facts
    assert "processes/melding#last_user_test" not in idents  # no form, no user test of it
    assert "processes/melding#owner" in idents and "processes/melding#department" not in idents


def test_a_form_brings_its_user_test_and_a_channel_its_owner() -> None:
    text = BASE.replace("intake: [{channel: tel}]", "intake: [{channel: web, form: true}]").replace(
        "type: phone, owner: kcc,", "type: phone,")
    idents = asked(text)
    assert "processes/melding#last_user_test" in idents
    assert "channels/tel#owner" in idents


def test_a_fact_cites_the_sources_nearest_to_it_without_duplicates() -> None:
    data = {"processes": [{"id": "p", "source": ["a", "b"], "service_norm": {"source": ["b", "c", "c"]},
                           "volume": {"total": 3}}],
            "governance": {"source": ["g"], "vision": {"source": ["v"]}}}
    assert cited(data, "processes/p", "service_norm.published") == ("b", "c")
    assert cited(data, "processes/p", "volume.total") == ("a", "b")  # the volume cites none: the product's
    assert cited(data, "processes/p", "owner") == ("a", "b")
    assert cited(data, "governance", "governance.vision.adopted_on") == ("v",)
    assert cited(data, "governance", "governance.portfolio_holder") == ("g",)
    assert cited(data, "processes/other", "owner") == ()


def test_entities_looked_up_at_once_are_those_looked_up_one_by_one() -> None:
    data = {"processes": [{"id": "p", "source": ["a"]}, "x", {"id": "p", "source": ["b"]}, {"id": 3},
                          {"id": "q/r", "source": ["c"]}],
            "channels": {"id": "c"}, "governance": {"source": ["g"]}, "mandates": []}
    nodes = entity_nodes(data)
    assert nodes == {"governance": data, "processes/p": data["processes"][0], "processes/q/r": data["processes"][4]}
    for entity in ("governance", "processes/p", "processes/q/r", "processes/3", "channels/c", "mandates/m"):
        assert nodes.get(entity) is entity_node(data, entity)
        assert cited_in(nodes.get(entity), "owner") == cited(data, entity, "owner")
    model = parse_document((EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")).model
    items = by_entity(model)
    assert len(items) == 1 + len(model.mandates) + len(model.channels) + len(model.processes)
    assert all(value_of(model, s, items[s.entity]) == value_of(model, s) for s in subjects(model))


CONFIDENTIAL = BASE + """sources:
  - {id: gesprek, type: interview, title: Gesprek met de teamleider KCC, provided_by: teamleider KCC,
     obtained: 2026-10-20, confidential: true}
  - {id: besluit, type: document, title: Collegebesluit 2024/118, reference: "p. 3", dated: 2024-05-02}
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_confidential_source_is_cited_by_type_and_date_only(folder: Path) -> None:
    text = CONFIDENTIAL.replace("    department: kcc\n", "    department: kcc\n    source: [gesprek]\n")
    text = text.replace("  portfolio_holder: null\n", "  portfolio_holder: Wethouder\n  source: [besluit]\n")
    (folder / "organisation.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["bevindingen", "organisation.yaml", "--no-config", "--lang", "nl"])
    assert result.exit_code == 0, result.output
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    assert "Het product valt onder de afdeling KCC. (bron: interview, 20 oktober 2026)" in nota
    assert ("De portefeuillehouder voor dienstverlening is de wethouder. "
            "(bron: Collegebesluit 2024/118 (document), 2 mei 2024)") in nota
    assert "| interview, 20 oktober 2026 | vertrouwelijk | – |" in nota
    assert "| Collegebesluit 2024/118 (document), 2 mei 2024 | p. 3 | – |" in nota
    assert "Gesprek met" not in nota and "teamleider KCC" not in nota


def test_the_hand_written_file_is_read_never_written(folder: Path) -> None:
    shutil.copy(Path(__file__).parents[2] / "examples" / "small-municipality.yaml", folder / "organisation.yaml")
    before = (folder / "organisation.yaml").read_bytes()
    for step in ("opzet", "uitvraag", "bevindingen"):
        result = CliRunner().invoke(app, [step, "organisation.yaml", "--no-config"])
        assert result.exit_code == 0, result.output
    assert (folder / "organisation.yaml").read_bytes() == before


MANDATE = BASE + """people:
  - {id: adviseur, name: Adviseur digitaal, department: kcc}
  - {id: collega, name: Collega digitaal, department: kcc}
mandates:
  - id: web
    topic: website
    holders: [adviseur]
    works_in: [kcc]
    scope: departments
    departments: [kcc]
    granted_by: directie
    granted_on: 2025-03-03
    decision: Directiebesluit 2025/7
    announced: true
    powers: {make_proposals: false, demand_cooperation: true, act_without_approval: [website, forms]}
"""


def nota_of(folder: Path, text: str, lang: str = "nl") -> str:
    (folder / "organisation.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["bevindingen", "organisation.yaml", "--no-config", "--lang", lang, "--force"])
    assert result.exit_code == 0, result.output
    return (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")


def test_each_paragraph_states_one_fact_as_a_sentence(folder: Path) -> None:
    nota = nota_of(folder, MANDATE)
    for sentence in ("Het mandaat is belegd bij een medewerker van KCC.",
                     "De houder werkt bij KCC.",
                     "Het mandaat is een afdelingsmandaat en reikt niet over de hele organisatie.",
                     "Het mandaat is verleend door de directie.",
                     "Het mandaat is verleend op 3 maart 2025.",
                     'Het mandaat is vastgelegd in het stuk "Directiebesluit 2025/7".',
                     "Het mandaat is in de organisatie bekendgemaakt.",
                     "Het mandaat geeft niet het recht voorstellen te doen.",
                     "Het mandaat geeft het recht medewerking van afdelingen te vragen.",
                     "Wie het mandaat houdt, mag zonder toestemming van anderen beslissen over website en formulieren.",
                     "Het kanaal wijst klanten op de digitale weg.",
                     "Bij het kanaal worden tevredenheid en klachten niet gemeten.",
                     "Er is geen portefeuillehouder voor dienstverlening aangewezen."):
        assert sentence in nota
    # no "label: value" line left: every numbered paragraph of a recorded fact is a sentence without a colon
    facts = nota.split("## Niet aangetoonde feiten")[0]
    numbered = [line for line in facts.splitlines() if line[:1].isdigit()]
    assert numbered and not [line for line in numbered if ":" in line.partition(" (")[0]]
    assert "Aanvragen komen binnen via Telefoon; waar ze terechtkomen is niet vastgelegd." in nota
    english = nota_of(folder, MANDATE.replace("holders: [adviseur]", "holders: [adviseur, collega]"), "en")
    assert "The holders work in KCC." in english and "The mandate was granted by the management board." in english


def test_every_fact_has_a_sentence_for_each_value_it_can_take() -> None:
    from digimandate.i18n import CATALOG
    from digimandate.model.facts import FACTS

    for fact in FACTS:
        if fact.kind == "bool":
            wanted = [f"proc_state_{fact.key}_yes", f"proc_state_{fact.key}_no"]
        elif fact.key == "mandates_scope":
            wanted = [f"proc_state_{fact.key}_{v}" for v in fact.values]
        else:
            wanted = [f"proc_state_{fact.key}", f"proc_state_{fact.key}_none"]
        assert [k for k in wanted if k not in CATALOG] == [], fact.key


def test_the_request_does_not_ask_a_fact_the_nota_skips_as_moot() -> None:
    """The small example's course is adopted by no one: no date of adoption is asked, as the nota names none."""
    from digimandate.cli.run import Run
    from digimandate.cli.settings import AuditOptions
    from digimandate.model.facts import moot, open_facts
    from digimandate.render.common import Audited
    from digimandate.render.doc.to_markdown import render_markdown
    from digimandate.render.doc.uitvraag import build_guide, questions

    run = Run(AuditOptions(no_config=True))
    run.audit([EXAMPLES / "small-municipality.yaml"], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    a = Audited(run.results[0], run.settings.ruleset, run.models[0])
    skipped = [s for s in unset(a.model) if moot(a.model, s)]
    assert [s.ident for s in skipped] == ["governance#governance.vision.adopted_on"]
    for lang, asked in (("nl", "Op welke datum is de koers vastgesteld?"), ("en", "On what date was the course adopted?")):
        request = questions(a, lang)  # type: ignore[arg-type]
        assert "governance#governance.vision.adopted_on" not in {q.ident for q in request}
        assert {q.ident for q in request} == {s.ident for s in open_facts(a.model)}
        guide = render_markdown(build_guide(a, request, lang, date(2026, 9, 14)))  # type: ignore[arg-type]
        assert asked not in guide
