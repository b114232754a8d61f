"""Validation of the organisation model: exact, located messages for every kind of mistake."""

from __future__ import annotations

import pytest
import yaml

from digimandate.audit.cases import base_org
from digimandate.errors import InputError
from digimandate.model.document import parse_document

BASE = yaml.safe_dump(base_org(), sort_keys=False)


def errors(text: str, lang: str = "en") -> str:
    with pytest.raises(InputError) as info:
        parse_document(text)
    return info.value.format(lang)  # type: ignore[arg-type]


def replaced(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_base_is_valid() -> None:
    doc = parse_document(BASE)
    assert doc.model.organisation.name == "Gemeente Voorbeeld"
    assert doc.locate("processes/parkeervergunning", "owner").line == line_of(BASE, "owner: jan")


def test_misspelt_key_suggests_the_right_one() -> None:
    text = replaced("  owner: jan", "  ownr: jan")
    n = line_of(text, "ownr: jan")
    assert errors(text) == (f"organisation.yaml:{n}:3: error: processes[0].ownr: unknown key `ownr`\n"
                            "  hint: did you mean `owner`?")


def test_unknown_key_lists_allowed_keys() -> None:
    text = replaced("  vision:", "  colour: blue\n  vision:")
    n = line_of(text, "colour: blue")
    assert errors(text) == (
        f"organisation.yaml:{n}:3: error: governance.colour: unknown key `colour`\n"
        "  hint: allowed keys here: sponsor, portfolio_holder, vision, reporting, source"
    )


def test_enum_value_with_suggestion() -> None:
    text = replaced("type: phone", "type: phon")
    n = line_of(text, "type: phon")
    col = text.splitlines()[n - 1].index("phon") + 1
    allowed = "website, app, email, phone, counter, post, social, chat, video"
    assert errors(text) == (
        f"organisation.yaml:{n}:{col}: error: channels[1].type: expected one of {allowed}, found 'phon'\n"
        f"  hint: did you mean `phone`? allowed: {allowed}"
    )


def test_enum_value_in_dutch() -> None:
    text = replaced("granted_by: directie", "granted_by: wethouder")
    n = line_of(text, "granted_by: wethouder")
    allowed = "raad, college, directie, gemeentesecretaris, manager, none"
    assert errors(text, "nl") == (
        f"organisation.yaml:{n}:15: fout: mandates[0].granted_by: verwacht een van {allowed}, "
        f"gevonden: 'wethouder'\n  tip: toegestaan: {allowed}"
    )


def test_dangling_reference_names_known_ids() -> None:
    text = replaced("  owner: jan", "  owner: jann")
    n = line_of(text, "owner: jann")
    assert errors(text) == (
        f"organisation.yaml:{n}:10: error: processes[0].owner: unknown person `jann`\n"
        "  hint: did you mean `jan`? known people: anne, bas, carolien, jan, klaas, piet"
    )


def test_dangling_reference_in_a_list() -> None:
    text = replaced("  - carolien\n  - bas", "  - carolien\n  - bass")
    n = line_of(text, "  - bass")
    assert errors(text) == (
        f"organisation.yaml:{n}:5: error: mandates[0].holders[1]: unknown person `bass`\n"
        "  hint: did you mean `bas`? known people: anne, bas, carolien, jan, klaas, piet"
    )


def test_duplicate_id() -> None:
    text = replaced("- id: ict\n", "- id: kcc\n")
    first, second = [i for i, line in enumerate(text.splitlines(), 1) if line.endswith("id: kcc")]
    message = errors(text)
    assert message.startswith(
        f"organisation.yaml:{second}:7: error: departments[3].id: duplicate id `kcc` in departments "
        f"(first at line {first})\n  hint: every entry in departments needs its own id"
    )


def test_bad_id() -> None:
    text = replaced("- id: telefoon", "- id: Telefoon Nummer")
    n = line_of(text, "Telefoon Nummer")
    assert errors(text).startswith(
        f"organisation.yaml:{n}:7: error: channels[1].id: id 'Telefoon Nummer' is not valid\n"
        "  hint: ids use lower-case letters, digits, - and _, and start with a letter or digit (e.g. telefoon-nummer)"
    )


def test_wrong_type() -> None:
    text = replaced("fte: 1.2", "fte: veel")
    n = line_of(text, "fte: veel")
    assert errors(text) == (f"organisation.yaml:{n}:8: error: mandates[0].fte: expected a number, found 'veel'\n"
                            "  hint: write a value of the expected kind, e.g. 0.8")


def test_text_expected_but_number_found() -> None:
    text = replaced("name: Gemeente Voorbeeld", "name: 42")
    assert errors(text) == ("organisation.yaml:3:9: error: organisation.name: expected text, found 42\n"
                            '  hint: write a value of the expected kind, e.g. "some text"')


def test_missing_required_key() -> None:
    text = replaced("  name: Gemeente Voorbeeld\n", "")
    assert errors(text) == ("organisation.yaml:3:3: error: organisation.name: required key `name` is missing\n"
                            "  hint: add `name:` to this entry")


def test_out_of_range_score() -> None:
    text = replaced("autonomy: 6", "autonomy: 9")
    n = line_of(text, "autonomy: 9")
    assert errors(text) == (f"organisation.yaml:{n}:15: error: mandates[0].job_survey.autonomy: 9 is out of range: <= 7\n"
                            "  hint: job survey scores run from 1 to 7; counts and FTE are never negative; "
                            "a year without requests has no volume: leave it out")


def test_schema_version_missing_and_unsupported() -> None:
    assert errors("organisation: {name: X}\n") == (
        "organisation.yaml:1:1: error: `schema_version` is missing\n"
        "  hint: add `schema_version: 1` at the top of the file"
    )
    assert errors("schema_version: 2\norganisation: {name: X}\n") == (
        "organisation.yaml:1:17: error: schema_version: schema_version 2 is not supported; "
        "this digimandate reads version 1\n"
        "  hint: write `schema_version: 1`, or upgrade digimandate for a newer model"
    )


def test_digital_above_total() -> None:
    text = replaced("digital: 800", "digital: 1800")
    n = line_of(text, "digital: 1800")
    assert errors(text) == (
        f"organisation.yaml:{n}:14: error: processes[0].volume.digital: volume.digital (1800) is larger than "
        "volume.total (1000)\n  hint: the digital requests are a part of all requests"
    )


def test_errors_are_all_reported_in_file_order() -> None:
    text = replaced("  owner: jan", "  owner: jann").replace("fte: 1.2", "fte: veel")
    lines = [line for line in errors(text).splitlines() if not line.startswith("  ")]
    assert len(lines) == 1  # type errors stop before references are resolved
    text = replaced("  owner: jan", "  owner: jann").replace("designer: piet", "designer: pit")
    lines = [line for line in errors(text).splitlines() if not line.startswith("  ")]
    assert [line.split(": ")[2] for line in lines] == ["processes[0].owner", "processes[0].designer"]


def test_minimal_file_is_valid() -> None:
    doc = parse_document("schema_version: 1\norganisation: {name: Gemeente Klein}\n")
    assert doc.model.processes == [] and doc.model.governance is None


def test_duplicate_process_with_different_keys_is_a_clean_error() -> None:
    text = BASE + "- id: parkeervergunning\n  name: Tweede\n  steps:\n  - {name: x, medium: digital}\n  - {name: y, medium: digital}\n"
    message = errors(text)
    assert "duplicate id `parkeervergunning` in processes" in message


def test_a_dutch_hint_names_the_section_in_dutch() -> None:
    text = ("schema_version: 1\norganisation: {name: X}\ndepartments: [{id: a, name: A, function: kcc}]\n"
            "people: [{id: p, name: P, department: b}]\n")
    assert errors(text, "nl") == ("organisation.yaml:4:39: fout: people[0].department: onbekende afdeling `b`\n"
                                  "  tip: bekende afdelingen: a")
    twice = "schema_version: 1\norganisation: {name: X}\ndepartments: [{id: a, name: A, function: kcc}, " \
            "{id: a, name: B, function: ict}]\n"
    assert errors(twice, "nl") == ("organisation.yaml:3:53: fout: departments[1].id: dubbel id `a` in afdelingen "
                                   "(eerst op regel 3)\n  tip: elk onderdeel in afdelingen heeft een eigen id nodig")
