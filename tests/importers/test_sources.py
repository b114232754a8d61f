"""Every local sample and the populated exports built from them, through run_import."""

from __future__ import annotations

from pathlib import Path

import pytest

from digimandate.errors import UsageError
from digimandate.importers.api import Imported, ImportRequest, run_import
from digimandate.importers.common import SourceError
from tests.importers.builders import (
    EMAIL,
    OPENFORMS,
    UPL,
    ZGW,
    ZGW_API,
    ZGW_FIXTURE,
    api_zaaktype,
    bulk_export,
    form_export,
    zaaktype_export,
)

MAIN = """schema_version: 1
organisation: {name: Gemeente Proef, type: gemeente, audit_date: 2026-11-01}
departments:
  - {id: inkomen, name: Inkomen, function: vakafdeling}
  - {id: publiekszaken, name: Publiekszaken, function: publiekszaken}
channels:
  - {id: www, name: www.proef.nl, type: website}
"""


def run(tmp_path: Path, *sources: str | Path, main: str | None = MAIN, **kw: object) -> Imported:
    into = None
    if main is not None:
        into = tmp_path / "organisation.yaml"
        into.write_text(main, encoding="utf-8")
    return run_import(ImportRequest([str(s) for s in sources], into, **kw))  # type: ignore[arg-type]


def new(imp: Imported, section: str) -> dict[str, dict[str, object]]:
    """The new entities of a section as written, without the source they cite (test_citations checks that)."""
    return {e.id: {k: v for k, v in e.as_yaml_dict().items() if k != "source"} for e in imp.merged.new[section]}


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("sample,name,slug", [
    ("simple_form_2.zip", "vraag-of-klacht", "voorbeeld-vraag-of-klacht-bd39ec"),  # before 2.3
    ("dynamische-keuzelijsten.zip", "dynamische-keuzelijsten", "dynamische-keuzelijsten"),  # 2.3 to 2.x
    ("children-flow.zip", "children-flow", "children-flow"),  # current
])
def test_each_openforms_generation_gives_a_form_intake_landing_in_the_form_system(
        tmp_path: Path, sample: str, name: str, slug: str) -> None:
    imp = run(tmp_path, OPENFORMS / sample)
    proc = new(imp, "processes")[name]
    assert proc["refs"] == [f"openforms:{slug}"]
    assert proc["intake"] == [{"channel": "www", "form": True, "lands_in": "open-formulieren"}]  # the org's website
    assert new(imp, "systems") == {"open-formulieren": {"id": "open-formulieren", "name": "Open Formulieren",
                                                        "type": "forms"}}
    assert new(imp, "channels") == {}
    warning = [n for n in imp.notes if n.key == "imp_form_no_backend"]
    assert [n.where for n in warning] == [f"{sample}!forms.json[0]"]


def test_email_backend_lands_in_a_mailbox_named_after_the_address(tmp_path: Path) -> None:
    path = write(tmp_path, "export.zip", form_export("children-flow.zip", [EMAIL], name="Parkeervergunning",
                                                     slug="parkeervergunning"))
    imp = run(tmp_path, path)
    assert new(imp, "systems") == {"mailbox-info-example-nl": {
        "id": "mailbox-info-example-nl", "name": "info@example.nl", "type": "mailbox",
        "refs": ["email:info@example.nl"]}}
    assert new(imp, "processes")["parkeervergunning"]["intake"] == [
        {"channel": "www", "form": True, "lands_in": "mailbox-info-example-nl"}]


def test_legacy_single_backend_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "old.zip", form_export("simple_form_2.zip", legacy=("email", EMAIL["options"])))
    imp = run(tmp_path, path)
    assert new(imp, "processes")["vraag-of-klacht"]["intake"] == [
        {"channel": "www", "form": True, "lands_in": "mailbox-info-example-nl"}]


def test_zgw_backend_links_the_form_to_its_zaaktype(tmp_path: Path) -> None:
    path = write(tmp_path, "export.zip", form_export("children-flow.zip", [ZGW], name="Testformulier"))
    imp = run(tmp_path, path, ZGW_API, internal=True)
    procs = new(imp, "processes")
    assert list(procs) == ["test"]  # one process from the zaaktype, with the form's intake
    assert procs["test"]["refs"] == ["openforms:children-flow", "zaaktype:ZT-001",
        "zaaktype:http://localhost:8003/catalogi/api/v1/zaaktypen/f609b6fe-449a-46dc-a0af-de55dc5f6774"]
    assert procs["test"]["intake"] == [{"channel": "www", "form": True, "lands_in": "zaaksysteem"}]
    assert new(imp, "systems")["zaaksysteem"]["type"] == "zaaksysteem"


def test_person_backends_are_asked_with_their_location(tmp_path: Path) -> None:
    objects = {"key": "o", "name": "Objecten", "backend": "objects_api", "options": {"objecttype": "x"}}
    path = write(tmp_path, "export.zip", form_export("children-flow.zip", [EMAIL, objects]))
    imp = run(tmp_path, path)
    asked = [n for n in imp.notes if n.kind == "person"]
    assert [n.where for n in asked] == ["export.zip!forms.json[0].registration_backends[1]"]
    assert asked[0].text("en") == ("form \"Children flow\" registers through `objects_api`: which back office "
                                   "processes it must be named by a person")


def test_inactive_forms_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "export.zip", form_export("children-flow.zip", [], active=False))
    imp = run(tmp_path, path)
    assert new(imp, "processes") == {}
    assert [n.key for n in imp.notes if n.kind == "skipped"] == ["imp_form_inactive"]


def test_bulk_export_gives_every_form(tmp_path: Path) -> None:
    bulk = bulk_export({"a": form_export("children-flow.zip", [EMAIL], name="Aanvraag A", slug="a"),
                        "b": form_export("simple_form_2.zip", None, name="Melding B", slug="b")})
    imp = run(tmp_path, write(tmp_path, "bulk.zip", bulk))
    assert sorted(new(imp, "processes")) == ["aanvraag-a", "melding-b"]
    where = {n.where for n in imp.notes if n.key == "imp_form_mapped"}
    assert where == {"bulk.zip!form_a.zip!forms.json[0]", "bulk.zip!form_b.zip!forms.json[0]"}


def test_zaaktype_api_json_skips_internal_unless_asked(tmp_path: Path) -> None:
    assert new(run(tmp_path, ZGW_API), "processes") == {}
    imp = run(tmp_path, ZGW_API, internal=True)
    assert new(imp, "processes") == {"test": {"id": "test", "name": "Test", "refs": ["zaaktype:ZT-001",
        "zaaktype:http://localhost:8003/catalogi/api/v1/zaaktypen/f609b6fe-449a-46dc-a0af-de55dc5f6774"]}}
    times = [n.text("en") for n in imp.notes if n.key == "imp_zt_times"]
    assert times == ["zaaktype ZT-001: lead time P1D, service norm P0D (not in the model)"]


def test_fixture_zaaktypen_are_concept_and_match_departments_exactly(tmp_path: Path) -> None:
    assert new(run(tmp_path, ZGW_FIXTURE), "processes") == {}
    procs = new(run(tmp_path, ZGW_FIXTURE, concept=True), "processes")
    assert procs["aanvraag-financiele-ondersteuning-ondernemers-behandelen-v4"]["department"] == "inkomen"
    assert "department" not in procs["blijvend-bewaren"]  # "blijvend_bewaren" names no department
    assert all("owner" not in p for p in procs.values())  # verantwoordelijke never becomes an owner


def test_snake_case_export_zip_takes_the_version_valid_on_the_audit_date(tmp_path: Path) -> None:
    old = api_zaaktype() | {"omschrijving": "Parkeervergunning oud", "indicatieInternOfExtern": "extern",
                            "beginGeldigheid": "2020-01-01", "eindeGeldigheid": "2025-12-31"}
    current = api_zaaktype() | {"omschrijving": "Parkeervergunning", "indicatieInternOfExtern": "extern",
                                "beginGeldigheid": "2026-01-01",
                                "productenOfDiensten": ["http://standaarden.overheid.nl/owms/terms/parkeervergunning"]}
    path = write(tmp_path, "catalogus.zip", zaaktype_export([old, current]))
    imp = run(tmp_path, path, UPL)
    assert new(imp, "processes") == {"parkeervergunning": {
        "id": "parkeervergunning", "name": "Parkeervergunning",
        "upl": "http://standaarden.overheid.nl/owms/terms/parkeervergunning", "refs": ["zaaktype:ZT-001",
        "zaaktype:http://localhost:8003/catalogi/api/v1/zaaktypen/f609b6fe-449a-46dc-a0af-de55dc5f6774"]}}
    skipped = [n for n in imp.notes if n.key == "imp_zt_not_valid"]
    assert [n.where for n in skipped] == ["catalogus.zip!ZaakType.json[0]"]


def test_upl_checks_every_process_and_suggests_the_nearest(tmp_path: Path) -> None:
    main = MAIN + ("processes:\n  - {id: p, name: Parkeren, upl: "
                   "'http://standaarden.overheid.nl/owms/terms/parkeervergunnning'}\n")
    imp = run(tmp_path, UPL, main=main)
    unknown = [n for n in imp.notes if n.key == "imp_upl_unknown"]
    assert [n.where for n in unknown] == [f"{tmp_path / 'organisation.yaml'}:9:29"]
    assert unknown[0].text("en") == ("process `p`: http://standaarden.overheid.nl/owms/terms/parkeervergunnning is "
                                     "not in the UPL list (nearest: parkeervergunning; watervergunning; marktvergunning)")


def test_upl_select_creates_stubs_and_refuses_unknown_names(tmp_path: Path) -> None:
    imp = run(tmp_path, UPL, select=("Paspoort",))
    assert new(imp, "processes")["paspoort"]["upl"] == "http://standaarden.overheid.nl/owms/terms/paspoort"
    with pytest.raises(UsageError) as err:
        run(tmp_path, UPL, select=("paspoortt",))
    assert err.value.format("en") == ('error: "paspoortt" is not a product name in the UPL\n'
                                      '  hint: did you mean "paspoort"?')


def test_a_zip_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    from tests.importers.builders import pack

    path = write(tmp_path, "photos.zip", pack({"a.jpg": b"x"}))
    with pytest.raises(SourceError) as err:
        run(tmp_path, path)
    assert err.value.format("en").startswith("photos.zip: error: this zip is not an export the tool knows")


def test_a_zip_bomb_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    from tests.importers.builders import pack

    path = write(tmp_path, "bomb.zip", pack({"forms.json": b"[" + b" " * 60_000_000 + b"]"}))
    with pytest.raises(SourceError) as err:
        run(tmp_path, path)
    assert err.value.format("en").startswith("bomb.zip!forms.json: error: unpacks to 60000002 bytes")


def test_nested_zips_are_bounded(tmp_path: Path) -> None:
    from tests.importers.builders import pack

    deep = pack({"form_a.zip": pack({"form_b.zip": pack({"forms.json": b"[]"})})})
    with pytest.raises(SourceError) as err:
        run(tmp_path, write(tmp_path, "deep.zip", deep))
    # a form zip holding another zip is no export; and nothing reads below the bulk export's level
    assert err.value.format("en").startswith("deep.zip!form_a.zip: error: this zip is not an export the tool knows")
    from digimandate.importers.common import read_zip

    with pytest.raises(SourceError) as deeper:
        read_zip(deep, "deep.zip!form_a.zip!form_b.zip", depth=2)
    assert deeper.value.format("en").startswith("deep.zip!form_a.zip!form_b.zip: error: a zip inside a zip")


def test_json_that_is_not_a_zaaktype_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"results": [{"naam": "x"}]}', encoding="utf-8")
    with pytest.raises(SourceError) as err:
        run(tmp_path, path)
    assert err.value.format("en") == (
        "x.json.results[0]: error: this JSON is not a list of zaaktypen\n"
        "  hint: give a Catalogi API response (zaaktypen), Open Zaak's catalogue export or its fixture")


def test_a_prefix_must_agree_with_the_content(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        run(tmp_path, f"openforms:{ZGW_API}")
    assert "given as `openforms:`, but the content is a zgw source" in err.value.format("en")


def test_precedence_spreadsheet_over_zgw_over_openforms(tmp_path: Path) -> None:
    # ZT-001's verantwoordelijke is "Ontwikkelaar": here the name of a department
    main = MAIN.replace("channels:", "  - {id: ontwikkeling, name: Ontwikkelaar, function: ict}\nchannels:")
    sheet = tmp_path / "Producten.csv"
    sheet.write_bytes(b"id;naam;upl;afdeling;ontwerper;it_contact;laatste_gebruikerstest\r\n"
                      b"test;Testproduct;;publiekszaken;;;\r\n")
    form = write(tmp_path, "export.zip", form_export("children-flow.zip", [ZGW], name="Testformulier"))
    imp = run(tmp_path, form, ZGW_API, sheet, main=main, internal=True)
    procs = new(imp, "processes")
    assert list(procs) == ["test"]
    assert procs["test"]["name"] == "Testproduct"  # the spreadsheet's name and department win
    assert procs["test"]["department"] == "publiekszaken"
    assert procs["test"]["refs"] == ["openforms:children-flow", "sheet:processes/test", "zaaktype:ZT-001",
        "zaaktype:http://localhost:8003/catalogi/api/v1/zaaktypen/f609b6fe-449a-46dc-a0af-de55dc5f6774"]
    conflicts = [n.text("en") for n in imp.notes if n.kind == "conflict"]
    assert conflicts == ["`processes/test`: this source says department = ontwikkeling, `Producten.csv` says "
                         "publiekszaken, which goes first"]


def test_a_route_for_an_unknown_product_asks_a_person(tmp_path: Path) -> None:
    routes = tmp_path / "Kanalen.csv"
    routes.write_bytes(b"product;kanaal;formulier;komt_binnen_in\r\nonbekend;www;ja;\r\n")
    imp = run(tmp_path, routes)
    assert new(imp, "processes") == {}
    asked = [(n.where, n.key) for n in imp.notes if n.kind == "person"]
    assert asked == [("Kanalen.csv!A2", "imp_unknown_entity")]


def test_stand_ins_are_made_only_when_the_organisation_has_none(tmp_path: Path) -> None:
    path = write(tmp_path, "export.zip", form_export("children-flow.zip", [ZGW]))
    imp = run(tmp_path, path, main=MAIN.replace("channels:\n  - {id: www, name: www.proef.nl, type: website}\n", ""))
    assert new(imp, "channels") == {"website": {"id": "website", "name": "Website", "type": "website"}}
    asked = sorted(n.args["entity"] for n in imp.notes if n.key == "imp_stand_in")
    assert asked == ["channels/website", "systems/zaaksysteem"]


def test_a_person_of_an_unknown_department_is_not_imported(tmp_path: Path) -> None:
    people = tmp_path / "Medewerkers.csv"
    people.write_bytes(b"id;naam;afdeling;functietitel\r\nanna;Anna;inkomen;\r\nbob;Bob;onbekend;\r\n")
    imp = run(tmp_path, people)
    assert list(new(imp, "people")) == ["anna"]
    asked = [(n.where, n.text("en")) for n in imp.notes if n.kind == "person"]
    assert asked == [("Medewerkers.csv!C3", '`people/bob`: department "onbekend" refers to nothing in the '
                                            "organisation, and is required: not imported")]


def test_stuf_zds_backend_links_by_zaaktype_code_and_a_second_backend_is_noted(tmp_path: Path) -> None:
    stuf = {"key": "s", "name": "StUF", "backend": "stuf-zds-create-zaak",
            "options": {"zds_zaaktype_code": "ZT-001", "zds_zaaktype_omschrijving": "Test"}}
    path = write(tmp_path, "export.zip", form_export("children-flow.zip", [EMAIL, stuf]))
    imp = run(tmp_path, path, ZGW_API, internal=True)
    assert new(imp, "processes")["test"]["intake"] == [
        {"channel": "www", "form": True, "lands_in": "mailbox-info-example-nl"},
        {"channel": "www", "form": True, "lands_in": "zaaksysteem"}]
    noted = [n.where for n in imp.notes if n.key == "imp_backend_alternative"]
    assert noted == ["export.zip!forms.json[0].registration_backends[1]"]
