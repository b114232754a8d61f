"""The client documents: checklist data for actions, Dutch formatting, priorities, client text, Word files."""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from digimandate.audit.cases import apply_patch, base_org
from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from digimandate.cli.run import Run
from digimandate.cli.settings import AuditOptions
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.actions import action_text, recommendations
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.memo import build_memo
from digimandate.render.doc.report import build_report
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES, ROOT, yaml_text

EPOCH = "1795000000"  # 2026-11-18


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return CliRunner()


def audit(path: Path, checklists: tuple[Path, ...] = ()) -> Audited:
    run = Run(AuditOptions(checklists=checklists))
    run.audit([path], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    return Audited(run.results[0], run.settings.ruleset, run.models[0])


@functools.cache
def example(name: str) -> Audited:
    """The audit of an example, made once for the tests that only read it (an audit is frozen)."""
    return audit(EXAMPLES / f"{name}.yaml")


# ---------------------------------------------------------------- checklist data


def test_every_rule_is_an_action_with_effort_and_role(ruleset: RuleSet) -> None:
    for rule in ruleset.rules.values():
        spec = rule.spec
        assert spec.effort in ("small", "medium", "large"), spec.id
        assert spec.role is not None and spec.action is not None, spec.id
        for lang in ("nl", "en"):
            names = {n for _, n, _, _ in string.Formatter().parse(spec.action.get(lang)) if n}
            assert names <= set(spec.params), (spec.id, names)
        if spec.decided_by is not None:
            assert spec.decision is not None, spec.id
        assert all(a in ruleset.rules and a != spec.id for a in spec.after), spec.id


def test_prerequisites_have_no_cycle(ruleset: RuleSet) -> None:
    after = {r.id: set(r.spec.after) for r in ruleset.rules.values()}
    done: set[str] = set()
    while after:
        ready = {k for k, v in after.items() if v <= done}
        assert ready, f"cycle among {sorted(after)}"
        done |= ready
        after = {k: v for k, v in after.items() if k not in ready}


# ---------------------------------------------------------------- Dutch and English formatting


def test_numbers_and_dates_in_each_language() -> None:
    assert fmt.number(12.3, "nl") == "12,3" and fmt.number(12.3, "en") == "12.3"
    assert fmt.count(40000, "nl") == "40.000" and fmt.count(40000, "en") == "40,000"
    assert fmt.percent(224 / 240, "nl") == "93%"
    assert fmt.long_date(date(2027, 5, 2), "nl") == "2 mei 2027"
    assert fmt.long_date(date(2027, 5, 2), "en") == "2 May 2027"


@pytest.mark.parametrize(("day", "expected"), [
    (date(2027, 5, 2), date(2027, 5, 3)),  # a Sunday
    (date(2027, 4, 27), date(2027, 4, 28)),  # Koningsdag
    (date(2025, 4, 26), date(2025, 4, 28)),  # Saturday before Koningsdag on a Sunday (27 April 2025)
    (date(2026, 4, 6), date(2026, 4, 7)),  # Easter Monday
    (date(2026, 5, 14), date(2026, 5, 15)),  # Ascension Day
    (date(2025, 5, 5), date(2025, 5, 6)),  # Liberation Day in a lustrum year
    (date(2026, 12, 25), date(2026, 12, 28)),  # Christmas, Boxing Day, a weekend
    (date(2026, 11, 18), date(2026, 11, 18)),  # an ordinary Wednesday
])
def test_follow_up_falls_on_a_working_day(day: date, expected: date) -> None:
    assert fmt.working_day(day) == expected


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 12, 3), 3, date(2027, 3, 3)),  # the same day of the month, across a new year
    (date(2026, 12, 3), 6, date(2027, 6, 3)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),  # February is shorter: its last day
    (date(2027, 11, 30), 3, date(2028, 2, 29)),  # a leap year
    (date(2027, 3, 31), -1, date(2027, 2, 28)),  # back a month
    (date(2027, 1, 15), -1, date(2026, 12, 15)),
])
def test_deadlines_count_calendar_months(day: date, months: int, expected: date) -> None:
    assert fmt.add_months(day, months) == expected


# ---------------------------------------------------------------- recommendations


def _org(tmp_path: Path, busy: int, quiet: int) -> Path:
    text = f"""schema_version: 1
organisation: {{name: Gemeente Proef, type: gemeente, audit_date: 2026-11-01}}
departments:
  - {{id: bz, name: Burgerzaken, function: publiekszaken}}
processes:
  - {{id: a, name: Stille aanvraag, department: bz, owner: null, volume: {{total: {quiet}, digital: 0}}}}
  - {{id: b, name: Drukke aanvraag, department: bz, owner: null, volume: {{total: {busy}, digital: 0}}}}
"""
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_product_with_more_requests_comes_first(tmp_path: Path) -> None:
    result = audit(_org(tmp_path, busy=40000, quiet=12))
    owner = next(rec for rec in recommendations(result) if rec.rule.id == "O001")
    assert owner.entities == ("processes/b", "processes/a") and owner.volume == 40012
    assert owner.impact == "high"
    text = render_markdown(build_report(result, DocContext("nl", date(2026, 11, 18))))
    assert ("| 1 | Wijs per product een proceseigenaar aan, bij voorkeur het hoofd van de afdeling die het product "
            "levert. Dit geldt voor de producten Drukke aanvraag en Stille aanvraag. (40.012 aanvragen per jaar) | hoog / middel |") in text


def test_volume_raises_a_rule_in_the_order(tmp_path: Path) -> None:
    low = [rec.rule.id for rec in recommendations(audit(_org(tmp_path, busy=20, quiet=12)))]
    high = [rec.rule.id for rec in recommendations(audit(_org(tmp_path, busy=400000, quiet=12)))]
    assert high.index("F005") < low.index("F005")


def test_findings_follow_the_order_of_the_recommendations(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--lang", "en"]).stdout
    findings = text.split("## Findings per dimension", 1)[1].split("## Conclusions", 1)[0]
    # the strength rules of the mandate judge only a cross-departmental mandate, which this example lacks:
    # its processes fail most rules
    processes = findings.split("### End-to-end processes:", 1)[1].split("\n### ", 1)[0]
    numbers = [int(n) for n in re.findall(r"see recommendation (\d+)\.", processes)]
    assert len(numbers) > 3 and numbers == sorted(numbers)


def test_prerequisites_come_first() -> None:
    recs = recommendations(example("small-municipality"))
    order = [rec.rule.id for rec in recs]
    for rule_id, before in (("P005", "M001"), ("M001", "B001"), ("P002", "P001"),
                            # the departmental mandate broadened as M001 says: powers and time, departments, all
                            ("M001", "M016"), ("M001", "M017"), ("M001", "M018"),
                            # every route into a system after forms land and e-mail is connected
                            ("P004", "P001"), ("P004", "P005")):
        assert order.index(before) < order.index(rule_id)
    # the departmental mandate's reach is a step of M001's broadening: no action of its own, M001's carries it
    assert "M015" not in order and next(rec for rec in recs if rec.rule.id == "M001").merged == ("M015",)
    # the contact centre made co-owner of the website is one action with a service department co-owning it
    assert "C003" not in order and "C002" in order


def test_settings_changed_by_configuration_are_listed_without_a_file_name(tmp_path: Path) -> None:
    (tmp_path / ".digimandate.yaml").write_text("params: {F003: {min_digital_share: 0.6}}\nignore: [M014]\n",
                                                encoding="utf-8")
    org = tmp_path / "organisation.yaml"
    org.write_text((EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = audit(org)
    text = render_markdown(build_report(result, DocContext("en", date(2026, 11, 18))))
    assert ("| The digital share meets its target where the target fits | Which share of requests comes in digitally at least, for a product "
            "with a digital route: 50% changed to 60% | the settings of this audit |") in text
    assert "| The organisation-wide mandate has a deputy | switched off | the settings of this audit |" in text
    assert ".digimandate" not in text


def test_actions_take_the_parameters_in_force(tmp_path: Path) -> None:
    checklist = tmp_path / "mine.yaml"
    checklist.write_text("checklist: {id: mine, version: '1', title: {nl: Mijn, en: Mine}}\n"
                         "overrides:\n  M009: {params: {min_fte: 0.8}}\n  F003: {params: {min_digital_share: 0.7}}\n",
                         encoding="utf-8")
    result = audit(EXAMPLES / "small-municipality.yaml", (checklist,))
    # every threshold is labelled as the checklist's own norm (tip16 2.2)
    assert action_text(result.rules.rules["M009"], "nl").endswith("reserveer minstens 0,8 fte (eigen norm van de checklist).")
    assert action_text(result.rules.rules["M009"], "en").endswith("reserve at least 0.8 FTE (the checklist's own norm).")
    assert action_text(result.rules.rules["F003"], "nl").startswith(
        "Stel per product een eigen doel voor het digitale aandeel vast, bijvoorbeeld minstens 70% (eigen norm van de "
        "checklist)")
    text = render_markdown(build_report(result, DocContext("nl", date(2026, 11, 18))))
    assert ("| Het digitale aandeel haalt de doelstelling waar die past | Welk deel van de aanvragen minstens digitaal binnenkomt "
            "bij een product met een digitale route: 50% gewijzigd in 70% | Mijn |") in text
    # the small municipality's mandate has one holder: the parameter speaks of "de houder"
    assert "| De houder kan zich op dit ene thema richten | Hoeveel fte de houder minstens aan het mandaat " \
           "besteedt: 0,5 gewijzigd in 0,8 | Mijn |" in text


# ---------------------------------------------------------------- levels that were not assessed (model v2)


def test_a_dimension_without_a_level_is_not_assessed_and_never_strongest() -> None:
    kept = example("small-municipality")
    dims = dict(kept.result.maturity.dimensions)
    # job design is advice on the role (model v2), not a dimension of the ladder: take one that is
    dims["feedback"] = dataclasses.replace(dims["feedback"], level=None)  # type: ignore[arg-type]
    maturity = dataclasses.replace(kept.result.maturity, level=None, dimensions=dims)  # type: ignore[arg-type]
    result = dataclasses.replace(kept, result=dataclasses.replace(kept.result, maturity=maturity))
    for lang, word in (("nl", "niet getoetst"), ("en", "not assessed")):
        ctx = DocContext(lang, date(2026, 11, 18))
        report = render_markdown(build_report(result, ctx))
        assert f"| {'Sturen op resultaat' if lang == 'nl' else 'Feedback and results'} | – | {word} |" in report
        assert f": {word}" in report
        memo = render_markdown(build_memo(result, ctx, "directie"))
        assert "None" not in report + memo and "niveau None" not in report
    html = runner_free_html(result)
    assert "niet getoetst" in html


def runner_free_html(result: Audited) -> str:
    from digimandate.render.doc.to_html import render_html

    return render_html(build_report(result, DocContext("nl", date(2026, 11, 18))))


# ---------------------------------------------------------------- text a client reads

CLIENT_FORBIDDEN = [
    re.compile(r"`"),
    re.compile(r"\b[A-Z]\d{3}\b"),  # rule ids
    re.compile(r"\b(governance|mandates|processes|channels|people|departments)(/|\[|\.[a-z_])"),  # keys, paths
    re.compile(r"\{[a-z_]+\}"),  # a placeholder left unfilled
    re.compile(r"\b(scope|granted_by|act_without_approval|works_in|review_on|holders):"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("command", [["report"], ["memo"], ["memo", "--audience", "college"]])
@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
def test_no_paths_keys_ids_or_backticks(runner: CliRunner, tmp_path: Path, lang: str, command: list[str],
                                        example: str) -> None:
    org = tmp_path / "werkmap-van-de-adviseur" / f"{example}.yaml"
    org.parent.mkdir()
    org.write_text((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, [*command, str(org.resolve()), "--lang", lang])
    if result.exit_code != 0:  # the large example includes files beside it: run it where it lives
        result = runner.invoke(app, [*command, str((EXAMPLES / f"{example}.yaml").resolve()), "--lang", lang])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "werkmap-van-de-adviseur" not in text and str(ROOT) not in text
    # the ownership picture is drawn by the viewer, never read as text: its fence and node names are not the text
    pictures = re.findall(r"^```mermaid\n.*?^```$", text, flags=re.S | re.M)
    assert len(pictures) == (1 if command == ["report"] else 0)
    text = re.sub(r"^```mermaid\n.*?^```$", "", text, flags=re.S | re.M)
    for pattern in CLIENT_FORBIDDEN:
        found = pattern.search(text)
        assert found is None, (pattern.pattern, text[max(0, found.start() - 80):found.end() + 80] if found else "")
    assert f"{example}.yaml" not in text  # not even the input file by name: a client knows no files


DUTCH = re.compile(r"\b(het|een|niet|wordt|zijn|bij|voor|publiekszaken|college van B&W|directie|niveau|"
                   r"aanbeveling|bevinding|gemeente)\b", re.I)
ENGLISH = re.compile(r"\b(the|and|with|which|should|level|finding|public affairs|executive board)\b", re.I)


def test_catalog_texts_are_in_their_own_language() -> None:
    from digimandate.i18n import CATALOG

    for key, entry in CATALOG.items():
        if not key.startswith("doc_"):
            continue
        en, nl = (re.sub(r"\{\w+\}", "", entry[lang]) for lang in ("en", "nl"))  # placeholders are names
        assert not DUTCH.search(en), (key, en)
        assert not ENGLISH.search(nl), (key, nl)


@pytest.mark.parametrize("command", [["report"], ["memo"], ["memo", "--audience", "college"]])
def test_english_documents_hold_no_dutch(runner: CliRunner, command: list[str]) -> None:
    text = runner.invoke(app, [*command, "examples/english-agency.yaml", "--lang", "en"]).stdout
    # the organisation's own names may be anything; the tool's texts must be English
    assert not DUTCH.search(text), DUTCH.search(text)
    # an agency has no civil affairs department: its own words, in English; the co-ownership names the contact
    # centre, which makes the website a service department's too (one action for two norms)
    assert "civil affairs" not in text
    assert "Make the contact centre a co-owner of the website." in text or command != ["report"]


def test_translations_of_dutch_terms() -> None:
    from digimandate.i18n import t

    assert t("doc_executive_gemeente", "en") == "the municipal executive"
    assert t("doc_executive_gemeente", "nl") == "het college van B&W"
    result = example("small-municipality")
    assert "civil affairs" in action_text(result.rules.rules["M012"], "en")
    assert "publiekszaken" in action_text(result.rules.rules["M012"], "nl")


def test_large_report_explains_every_rule_once(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", "examples/large-municipality.yaml"]).stdout
    result = example("large-municipality")
    from digimandate.render.doc.names import why
    from digimandate.render.doc.words import fit_channels

    failing = {f.rule for f in result.result.findings}
    assert len(failing) > 10
    for rule_id in failing:
        # as the report gives it: the reason first, a practitioner's words after it
        rationale = " ".join(why(result.rules.rules[rule_id].spec, "nl").split())
        # lists of channel kinds name only the kinds the organisation has
        rationale = fit_channels(rationale, frozenset(c.type for c in result.model.channels), "nl")
        assert text.count(rationale.replace("*", "\\*").replace("_", "\\_")) == 1, rule_id
    assert "\n\nAan de norm voldoen 222 van de 240 producten (92%).\n\n" in text


# ---------------------------------------------------------------- Word


def _docx(data: bytes):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(io.BytesIO(data))


def first_headings(doc: Any, count: int = 2) -> list[str]:
    """The first headings 1 of a Word document, looking no further (python-docx looks each style up among all)."""
    return list(itertools.islice((p.text for p in doc.paragraphs if p.style.name == "Heading 1"), count))


def test_docx_reads_back_with_headings_tables_and_page_numbers(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "advies.docx"
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-f", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = _docx(out.read_bytes())
    paragraphs = doc.paragraphs
    styles = [p.style.name for p in paragraphs]  # python-docx looks each paragraph's style up among all styles
    headings = [(style, p.text) for style, p in zip(styles, paragraphs, strict=True) if style.startswith("Heading")]
    assert ("Heading 1", "Samenvatting") in headings and ("Heading 1", "Aanbevelingen") in headings
    assert ("Heading 2", "Mandaat: niveau 1 (Ad hoc)") in headings
    assert ("Heading 3", "Norm: Er is een organisatiebreed mandaat voor digitale dienstverlening") in headings
    assert styles[0] == "Title"
    tables = doc.tables
    assert len(tables) >= 8
    chart = next(t for t in tables if t.rows[1].cells[0].text == "Bestuurlijk commitment")
    assert [c.text for c in chart.rows[0].cells][1:6] == ["1", "2", "3", "4", "5"]
    recs = next(t for t in tables if t.rows[0].cells[0].text == "Nr.")
    assert [c.text for c in recs.rows[0].cells] == ["Nr.", "Actie", "Impact / inspanning", "Wie voert uit", "Na", "Gereed"]
    assert recs.rows[1].cells[1].text.startswith("Laat de goedkeuring per wijziging onder het bestaande mandaat")
    every = "\n".join([p.text for p in doc.paragraphs] +
                      [c.text for t in tables for row in t.rows for c in row.cells])
    for leftover in ("{{", "{%", "**", "`", "](", "\\|", "&lt;", "&amp;"):
        assert leftover not in every, leftover
    assert 'w:instr="PAGE"' in doc.sections[0].footer._element.xml
    # a table of contents over headings 1-2: each entry a page reference to its heading's bookmark, which
    # LibreOffice lays out and Word updates on opening (updateFields)
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("Inhoud")
    first_heading = styles.index("Heading 1")
    entries = [p for p in doc.paragraphs[start + 1:first_heading] if p.text]
    headings_1_2 = [p for style, p in zip(styles, paragraphs, strict=True) if style in ("Heading 1", "Heading 2")]
    assert [p.text for p in entries] == [f"{p.text}\t" for p in headings_1_2]
    for entry, heading in zip(entries, headings_1_2, strict=True):
        mark = re.search(r"PAGEREF (_Toc_\d+) \\h", entry._p.xml)
        assert mark is not None, entry.text
        assert f'w:name="{mark.group(1)}"' in heading._p.xml
    assert '<w:updateFields w:val="true"/>' in doc.settings.element.xml


def test_html_report_has_a_linked_table_of_contents_and_the_memo_none() -> None:
    from digimandate.render.doc.to_html import render_html

    result = example("small-municipality")
    html = render_html(build_report(result, DocContext("en", date(2026, 11, 18))))
    nav = html.split('<nav class="contents">', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="#([^"]+)">', nav)
    assert links[:2] == ["s1", "s2"] and len(links) > 10
    for anchor in links:
        assert f'id="{anchor}"' in html
    assert "<nav" not in render_html(build_memo(result, DocContext("en", date(2026, 11, 18)), "directie"))


def test_docx_takes_the_house_style(runner: CliRunner, tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt, RGBColor

    house = docx.Document()
    house.sections[0].header.paragraphs[0].text = "Gemeente Dijkveld · huisstijl"
    style = house.styles["Heading 1"]
    style.font.size = Pt(22)
    style.font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    house.add_paragraph("Voorbeeldtekst van het sjabloon")
    reference = tmp_path / "huisstijl.docx"
    house.save(str(reference))
    out = tmp_path / "notitie.docx"
    result = runner.invoke(app, ["memo", "examples/small-municipality.yaml", "-f", "docx", "-o", str(out),
                                 "--reference-docx", str(reference)])
    assert result.exit_code == 0, result.output
    doc = _docx(out.read_bytes())
    assert doc.sections[0].header.paragraphs[0].text == "Gemeente Dijkveld · huisstijl"
    assert doc.styles["Heading 1"].font.size == Pt(22)
    assert all("Voorbeeldtekst" not in p.text for p in doc.paragraphs)
    assert first_headings(doc) == ["Beslispunten", "Aanleiding"]


def test_docx_with_a_house_style_without_heading_styles(runner: CliRunner, tmp_path: Path) -> None:
    import docx

    house = docx.Document()
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle", "List Bullet", "Caption"):
        house.styles.element.remove(house.styles[name].element)
    reference = tmp_path / "kaal.docx"
    house.save(str(reference))
    out = tmp_path / "advies.docx"
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-f", "docx", "-o", str(out),
                                 "--reference-docx", str(reference)])
    assert result.exit_code == 0, result.output
    doc = _docx(out.read_bytes())
    assert first_headings(doc) == ["Samenvatting", "Reikwijdte en onderzoeksvragen"]
    assert 'w:outlineLvl w:val="0"' in doc.styles["Heading 1"].element.xml


def test_docx_refuses_stdout_and_bad_references(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-f", "docx", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == ("error: a Word document cannot be written to standard output\n"
                             "  hint: name a file with -o, for example -o advies.docx\n")
    bad = tmp_path / "huisstijl.docx"
    bad.write_text("geen word", encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-f", "docx", "--lang", "en",
                                 "-o", str(tmp_path / "a.docx"), "--reference-docx", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {bad}: the reference document is not a Word file (.docx)\n"
                             "  hint: save the house style from Word as .docx (a .dotx template or .doc will not do)\n")
    assert not (tmp_path / "a.docx").exists()
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-f", "html", "--lang", "en",
                                 "--reference-docx", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == "error: --reference-docx gives the house style of a Word document\n  hint: add -f docx\n"


def test_docx_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "advies.docx"
    out.write_bytes(b"mijn versie")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-f", "docx", "-o", str(out)])
    assert result.exit_code == 2 and out.read_bytes() == b"mijn versie"
    assert runner.invoke(app, ["report", "examples/small-municipality.yaml", "-f", "docx", "-o", str(out),
                               "--force"]).exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_control_characters_in_names_are_refused_before_any_document(runner: CliRunner, tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text('schema_version: 1\norganisation: {name: "Gemeente \\x07Bel", type: gemeente}\n'
                   'channels:\n  - {id: w, name: "web\\x1b[31m", type: website}\n', encoding="utf-8")
    for command in (["report", "-f", "docx"], ["memo", "-f", "html"]):
        result = runner.invoke(app, [*command, str(org), "-o", str(tmp_path / "out"), "--lang", "en"])
        assert result.exit_code == 2
        assert result.stderr == (
            f"{org}:2:22: error: organisation.name: the text holds the control character U+0007 (character 10)\n"
            "  hint: remove the character; control characters and a byte-order mark do not belong in a text\n"
            f"{org}:4:19: error: channels[0].name: the text holds the control character U+001B (character 4)\n"
            "  hint: remove the character; control characters and a byte-order mark do not belong in a text\n")
        assert not (tmp_path / "out").exists()


def test_an_action_asks_only_for_what_is_missing(tmp_path: Path) -> None:
    """The college adopted the vision, the directie did not: only the directie is asked, and it decides.

    (A vision of the raad meets the norm on its own since tip16 2.2, as in the large example.)
    """
    college_only = tmp_path / "college.yaml"
    college_only.write_text(yaml_text(apply_patch(base_org(), {"governance": {"vision": {"adopted_by": ["college"]}}})),
                            encoding="utf-8")
    b002 = next(rec for rec in recommendations(audit(college_only)) if rec.rule.id == "B002")
    assert {f.message_key for f in b002.findings} == {"no_directie"}
    assert b002.decided_by == "directie" and b002.role == "directie"
    assert b002.action("nl") == "Laat ook de directie de visie op dienstverlening vaststellen, die het college al vaststelde."
    large = example("large-municipality")
    assert not any(rec.rule.id == "B002" for rec in recommendations(large))
    english = example("english-agency")
    m008 = next(rec for rec in recommendations(english) if rec.rule.id == "M008")
    assert m008.action("en") == "Give the holder control of the website, without approval per change."
    m013 = next(rec for rec in recommendations(english) if rec.rule.id == "M013")
    assert m013.action("en") == "Review the mandate now (its review date has passed) and set the next review date."
    small = example("small-municipality")
    b002 = next(rec for rec in recommendations(small) if rec.rule.id == "B002")
    assert b002.exact is None and b002.decided_by == "college"  # adopted by nobody: both are asked, as the rule says


def test_advice_for_a_message_the_rule_lacks_is_refused(tmp_path: Path) -> None:
    from digimandate.audit.checklist import load_ruleset
    from digimandate.errors import InputError

    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "checklist: {id: extra, version: '1', title: {nl: Extra, en: Extra}}\n"
        "rules:\n"
        "- id: X001\n  name: x.one\n  dimension: board\n  severity: low\n  level: 2\n"
        "  title: {nl: T, en: T}\n  rationale: {nl: R, en: R}\n  advice: {nl: A, en: A}\n"
        "  sources: [{ref: T16}]\n  messages: {gone: {nl: weg, en: gone}}\n"
        "  by_message: {missing: {action: {nl: doe, en: do}}}\n"
        "  check: {each: mandates, cases: [{when: 'id == null', message: gone}]}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_ruleset([extra])
    assert "by_message names messages the rule does not have: missing" in err.value.format("en")


def test_the_conclusions_answer_the_four_questions_of_the_scope() -> None:
    large = example("large-municipality")
    text = render_markdown(build_report(large, DocContext("nl", date(2026, 11, 18))))
    conclusions = text.split("## Conclusies", 1)[1].split("\n## ", 1)[0]
    answers = [line for line in conclusions.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")]
    assert len(answers) == 4
    assert answers[0] == ("1. Heeft een persoon of compact team een echt, organisatiebreed mandaat voor digitale "
                          "dienstverlening? Nog niet. Niet voldaan: \"De houder hoeft niet voor elke wijziging "
                          "toestemming te vragen\". Ook niet voldaan, van minder gewicht: \"De houder mag website en formulieren zelf "
                          "aanpassen\" en "
                          "\"De houder werkt geregeld op de dienstverlenende afdelingen\".")
    assert "Niet aangetoond: \"De koers heeft meetbare doelen en wordt op resultaat herzien\"." in answers[1]
    # an action only where a recorded fact falls short: the owners nobody recorded are to verify, not to appoint;
    # what comes first is the summary's list, in its order
    # the largest shown impact for the least effort first: "hoog / middel" before "hoog / groot"
    assert answers[3].startswith("4. Wat moet als eerste gebeuren om het volgende niveau te bereiken? Eerst: "
                                 "Maak een dienstverlenende afdeling (KCC, publiekszaken of een vakafdeling) "
                                 "mede-eigenaar van het online kanaal.")
    assert "Maak het digitaal aanvragen of melden van het product mogelijk (22 producten, " in answers[3]
    mature = example("mature-municipality")
    text = render_markdown(build_report(mature, DocContext("en", date(2026, 11, 18))))
    assert "1. Does one person or a compact team hold a real, organisation-wide mandate for digital service " \
           "delivery? Yes: every standard for it is met." in text
    assert "4. What should be done first to reach the next level? No action: every standard tested is met" in text


def test_the_questions_are_answered_from_the_dimensions_the_checklist_names() -> None:
    large = example("large-municipality")
    dims = dict(large.rules.dimensions)
    dims["mandate"] = dims["mandate"].model_copy(update={"question": None})
    moved = dataclasses.replace(large, rules=dataclasses.replace(large.rules, dimensions=dims))
    text = render_markdown(build_report(moved, DocContext("nl", date(2026, 11, 18))))
    conclusions = text.split("## Conclusies", 1)[1].split("\n## ", 1)[0]
    first = next(line for line in conclusions.splitlines() if line.startswith("1."))
    assert first.endswith("Niet vast te stellen: er was niets aan te toetsen.")


def test_a_mandate_for_departments_is_named_as_context() -> None:
    small = example("small-municipality")
    text = render_markdown(build_report(small, DocContext("nl", date(2026, 11, 18))))
    assert ("Er is geen organisatiebreed mandaat, wel een mandaat voor afdelingen: \"website en e-formulieren\" "
            "(Communicatie). Daar begint het: de grenzen van dat mandaat (voor welke afdelingen het geldt, wat de "
            "houder zelf mag, wie wijzigingen moet goedkeuren en hoeveel tijd er is) staan hieronder als "
            "bevindingen. Het advies is het bestaande mandaat stap voor stap te verbreden, niet een nieuw mandaat "
            "naast het oude te zetten.") in text
    # each limit is a finding of its own, and the advice broadens what exists
    # one holder: the findings say "wie het houdt" or name the mandate, never "de houders"
    # who approves, by role ("de manager", "het KCC"): the names the file gives run into each other; and what the
    # holder may change alone is the exception, as the finding on the mandate's powers says
    assert ("Onder afdelingsmandaat \"website en e-formulieren\" is voor elke wijziging behalve banners toestemming "
            "nodig van: de manager, het KCC en ICT (vastgelegd feit") in text
    assert ("Aan afdelingsmandaat \"website en e-formulieren\" wordt 0,3 fte besteed, minder "
            "dan 0,5 (eigen norm van de checklist), en wie het houdt heeft 3 andere taken") in text
    assert "zonder toestemming worden aangepast: banners; niet toegestaan is: de website zelf aanpassen" in text
    assert "de houders" not in text.split("## Bijlage")[0]
    assert "Verbreed het bestaande afdelingsmandaat stap voor stap tot een organisatiebreed mandaat" in text
    mature = example("mature-municipality")  # the contact centre's mandate beside the organisation's
    assert ("Er is ook een mandaat voor afdelingen: \"kanalen van het KCC\" (Klantcontactcentrum, Publiekszaken, "
            "Sociaal Domein). Naast het organisatiebrede mandaat beperkt dat niets meer; de normen hieronder gaan over "
            "het organisatiebrede mandaat.") in render_markdown(build_report(mature, DocContext("nl", date(2026, 11, 18))))
    large = example("large-municipality")
    assert "mandaat voor afdelingen" not in render_markdown(build_report(large, DocContext("nl", date(2026, 11, 18))))


def test_the_coverage_sentence_agrees_with_how_many_meet_the_norm() -> None:
    text = render_markdown(build_report(example("small-municipality"), DocContext("nl", date(2026, 11, 18))))
    assert "\n\nAan de norm voldoet 1 van de 2 producten (50%).\n\n" in text
    # none meets it where every fact is recorded; where one is missing, none is shown to (no verdict on that one)
    assert "\n\nAan de norm voldoet geen van de 3 producten.\n\n" in text
    assert "\n\nVoor geen van de 2 kanalen is aangetoond dat aan de norm is voldaan.\n\n" in text
    assert "voldoet geen van de 2 kanalen" not in text
    assert "voldoen 1 van" not in text and "voldoen 0 van" not in text
    english = render_markdown(build_report(example("small-municipality"), DocContext("en", date(2026, 11, 18))))
    assert "\n\n1 of the 2 products meets the norm (50%).\n\n" in english
    assert "\n\nNot one of the 3 products meets the norm.\n\n" in english
    assert "\n\nFor none of the 2 channels is it shown that the norm is met.\n\n" in english


def test_the_norms_met_are_quoted_statements_in_one_sentence() -> None:
    text = render_markdown(build_report(example("small-municipality"), DocContext("nl", date(2026, 11, 18))))
    assert ('**Voldaan:** "De proceseigenaar zit in de lijn, niet bij ICT of Communicatie" en "Een proceseigenaar '
            'heeft niet te veel producten".') in text
    assert "; Een " not in text


def test_the_places_an_action_concerns_are_named_by_their_kind() -> None:
    from digimandate.render.doc.common import concerns

    assert concerns(["processes/a"], ["Melding openbare ruimte doen"], "nl") == (
        "Dit geldt voor het product Melding openbare ruimte doen.")
    assert concerns(["channels/a", "channels/b"], ["14 0321", "Balie"], "nl") == (
        "Dit geldt voor de kanalen 14 0321 en Balie.")
    assert concerns(["channels/a", "processes/b"], ["14 0321", "Parkeren"], "en") == (
        "This applies to 14 0321 and Parkeren.")  # of two kinds: named as they are
