"""An organisation split over several files: merged entities, and every message names the right file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.errors import InputError
from digimandate.model.document import load_document

MAIN = """\
schema_version: 1
include: [products/*.yaml, mensen.yaml]
organisation: {name: Gemeente Gesplitst, type: gemeente, audit_date: 2026-11-01}
departments:
  - {id: pz, name: Publiekszaken, function: publiekszaken}
  - {id: kcc, name: KCC, function: kcc}
channels:
  - {id: web, name: Website, type: website, owner: kcc}
"""
PEOPLE = "people:\n  - {id: jan, name: Jan, department: pz}\n"
PRODUCTS = """\
processes:
  - id: paspoort
    name: Paspoort
    owner: jan
    intake: [{channel: web, form: true}]
"""


def write(tmp_path: Path, products: str = PRODUCTS, people: str = PEOPLE) -> Path:
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "burgerzaken.yaml").write_text(products, encoding="utf-8")
    (tmp_path / "mensen.yaml").write_text(people, encoding="utf-8")
    main = tmp_path / "organisation.yaml"
    main.write_text(MAIN, encoding="utf-8")
    return main


def test_included_entities_join_the_main_file(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path))
    assert [p.id for p in doc.model.processes] == ["paspoort"]
    assert [p.id for p in doc.model.people] == ["jan"]
    where = doc.locate("processes/paspoort/intake/web", "lands_in")
    assert (Path(where.file).name, where.line) == ("burgerzaken.yaml", 5)


def test_findings_name_the_included_file(tmp_path: Path) -> None:
    main = write(tmp_path)
    result = CliRunner().invoke(app, ["check", str(main), "--lang", "en", "--no-config", "--select", "P001"])
    assert f"{tmp_path}/products/burgerzaken.yaml:5:14: [high] For the product Paspoort, where the form via Website lands" \
        in result.stdout


def test_errors_in_an_included_file_name_it(tmp_path: Path) -> None:
    main = write(tmp_path, products=PRODUCTS.replace("owner: jan", "owner: jann"))
    with pytest.raises(InputError) as info:
        load_document(main)
    assert info.value.format("en") == (
        f"{tmp_path}/products/burgerzaken.yaml:4:12: error: processes[0].owner: unknown person `jann`\n"
        "  hint: did you mean `jan`? known people: jan")


def test_included_file_holds_entity_lists_only(tmp_path: Path) -> None:
    main = write(tmp_path, people="organisation: {name: X}\n")
    with pytest.raises(InputError) as info:
        load_document(main)
    assert info.value.format("en") == (
        f"{tmp_path}/mensen.yaml:1:1: error: organisation: an included file holds entity lists and sources only; "
        "`organisation` is not one\n"
        "  hint: allowed here: departments, people, mandates, channels, systems, processes, sources")


def test_include_must_stay_inside_the_folder_and_match(tmp_path: Path) -> None:
    main = tmp_path / "organisation.yaml"
    main.write_text("schema_version: 1\ninclude: [../elders.yaml, '*.yml']\norganisation: {name: X}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(main)
    assert info.value.format("en") == (
        f"{main}:2:11: error: include[0]: `../elders.yaml` points outside the folder of this file\n"
        "  hint: list files below this file's folder, for example include: [processes/*.yaml]\n"
        f"{main}:2:27: error: include[1]: `*.yml` matches no file\n"
        "  hint: list files below this file's folder, for example include: [processes/*.yaml]")


def test_the_hash_covers_the_included_files(tmp_path: Path) -> None:
    main = write(tmp_path)
    first = load_document(main).loaded.sha256
    (tmp_path / "mensen.yaml").write_text(PEOPLE.replace("Jan", "Jan B."), encoding="utf-8")
    assert load_document(main).loaded.sha256 != first


def test_a_wrong_include_type_reads_in_one_language(tmp_path: Path) -> None:
    main = write(tmp_path, people="people: {id: jan}\n")
    main.write_text(MAIN.replace("include: [products/*.yaml, mensen.yaml]", "include: mensen.yaml"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(main)
    assert info.value.format("nl").splitlines()[0] == (
        f"{tmp_path}/organisation.yaml:2:10: fout: include: verwacht een lijst, gevonden: 'mensen.yaml'")
    assert info.value.format("en").splitlines()[0] == (
        f"{tmp_path}/organisation.yaml:2:10: error: include: expected a list, found 'mensen.yaml'")
    (tmp_path / "organisation.yaml").write_text(MAIN, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(main)
    assert "verwacht een lijst, gevonden: een mapping" in info.value.format("nl")
