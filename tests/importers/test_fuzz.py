"""Whatever bytes a source holds, the import ends in a located message, never a traceback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from digimandate.errors import DigimandateError
from digimandate.importers.api import ImportRequest, run_import
from tests.importers.builders import OPENFORMS, members, pack
from tests.strategies import examples

FORMS = json.loads(members(OPENFORMS / "children-flow.zip")["forms.json"])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=12)


def attempt(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            run_import(ImportRequest([str(path)], None))
        except DigimandateError as exc:  # bad input: exit 2 and a message that names the source
            assert exc.exit_code == 2
            assert exc.format("en").startswith((name, "error: "))


@settings(max_examples=examples(60), deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    attempt(data, "source.bin")


@settings(max_examples=examples(60), deadline=None)
@given(st.sampled_from(sorted(FORMS[0])), JSON)
def test_a_form_export_with_one_key_changed(key: str, value: object) -> None:
    form = dict(FORMS[0], **{key: value})
    attempt(pack({"forms.json": json.dumps([form]).encode()}), "export.zip")


@settings(max_examples=examples(60), deadline=None)
@given(JSON)
def test_any_json_as_zaaktypen(value: object) -> None:
    attempt(json.dumps(value).encode(), "zaaktypen.json")
