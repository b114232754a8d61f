"""The C loader gives exactly what the Python builder gives, or hands the document back to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digimandate.errors import InputError
from digimandate.model import loader
from digimandate.model.loader import Limits, load_bytes
from tests.conftest import ROOT
from tests.model.cload_compare import YAML_FILES, assert_same
from tests.strategies import YAML_LIKE, examples, keys, values

BOUNDED = settings(max_examples=examples(200), deadline=2000, suppress_health_check=[HealthCheck.too_slow])

if os.environ.get("DIGIMANDATE_REQUIRE_CLOAD") and not loader.fast_loader_active():
    pytest.fail("DIGIMANDATE_REQUIRE_CLOAD is set but the C loader is not active", pytrace=False)
pytestmark = pytest.mark.skipif(not loader.fast_loader_active(), reason="C loader not installed (pip install ./fast)")


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_yaml_file_loads_the_same(path: Path) -> None:
    assert assert_same(path.read_bytes())


def test_a_generated_large_organisation_loads_the_same() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    assert assert_same(generate(300).encode("utf-8"))


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                      # anchors and aliases
    "a: !!int 3\n",                          # explicit tag
    "a: !custom x\n",                         # unknown tag
    "a: 1\na: 2\n",                           # duplicate key
    "<<: {a: 1}\n",                           # merge key
    "a: 1\n---\nb: 2\n",                      # two documents
    "a: 2026-02-30\n",                        # impossible date
    "1: x\n",                                 # key that is not text
    "? [a]\n: x\n",                           # list as key
    "a: [1, 2\n",                             # syntax error
    "- a\n- b\n",                             # root not a mapping
    "just text\n",                            # root scalar
    "",                                       # empty
    "a: {b: {c: {d: 1}}}\n",                  # deeper than the limit below
])
def test_uncommon_documents_go_back_to_the_python_builder(text: str) -> None:
    limits = Limits(max_depth=3)
    assert loader._fast_load(text.encode("utf-8"), "f.yaml", limits) is None


def test_the_node_limit_goes_back_to_the_python_builder() -> None:
    raw = b"a: [" + b", ".join(b"x" for _ in range(50)) + b"]\n"
    assert loader._fast_load(raw, "f.yaml", Limits(max_nodes=20)) is None
    with pytest.raises(InputError) as exc:
        load_bytes(raw, "f.yaml", Limits(max_nodes=20))
    assert exc.value.problems[0].key == "too_many_nodes"


def test_an_impossible_date_keeps_its_located_message() -> None:
    with pytest.raises(InputError) as exc:
        load_bytes(b"name: x\nwhen: 2026-02-30\n", "f.yaml")
    assert exc.value.format("en") == (
        "f.yaml:2:7: error: 2026-02-30 is not a valid date\n"
        "  hint: write dates as YYYY-MM-DD, for example 2026-11-01"
    )


BIDI_TEXTS = [
    ('organisation: {name: "Gemeente \\u202EAB", audit_date: 2026-11-01}\n', "2:22", "U+202E (character 10)"),
    ("organisation: {name: Gemeente \u2066AB\u2069, audit_date: 2026-11-01}\n", "2:22", "U+2066 (character 10)"),
    ("organisation:\n  name: '\u202aGemeente'\n  audit_date: 2026-11-01\n", "3:9", "U+202A (character 1)"),
]


@pytest.mark.parametrize(("text", "where", "what"), BIDI_TEXTS)
def test_a_bidirectional_control_is_refused_alike_after_either_loader(monkeypatch: pytest.MonkeyPatch, text: str,
                                                                     where: str, what: str) -> None:
    from digimandate.model.document import parse_document

    text = "schema_version: 1\n" + text
    assert assert_same(text.encode("utf-8"))  # the C loader takes the document and builds what Python builds
    messages = []
    for cload in (loader._CLOAD, None):
        monkeypatch.setattr(loader, "_CLOAD", cload)
        with pytest.raises(InputError) as exc:
            parse_document(text, "f.yaml")
        messages.append(exc.value.format("en"))
    assert messages[0] == messages[1] == (
        f"f.yaml:{where}: error: organisation.name: the text holds the bidirectional control character {what}, "
        "which reverses or changes the order of what follows\n"
        "  hint: remove the character; it makes a text read otherwise than it is")


def test_scalars_resolve_as_in_the_python_builder() -> None:
    text = (
        "a: 0o7\nb: 0x1F\nc: 1_000\nd: 3.5\ne: .inf\nf: yes\ng: No\nh: ~\ni: null\nj:\nk: 2026-01-01\n"
        "l: 2026-01-01 10:00:00\nm: '123'\nn: \"true\"\no: |\n  block\np: >\n  folded\nq: -12\nr: +5\n"
        "s: on\nt: =\nu: é\nv: ''\nw: [1, 'x', y, {z: 1}]\n"
    )
    assert assert_same(text.encode("utf-8"))


def test_utf16_with_a_byte_order_mark_loads_the_same() -> None:
    assert assert_same("a: é\nb: [1, 2]\n".encode("utf-16"))


@BOUNDED
@given(st.dictionaries(keys, values, min_size=1, max_size=6), st.booleans())
def test_what_pyyaml_writes_loads_the_same(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    assert_same(text.encode("utf-8"))


@BOUNDED
@given(st.text(alphabet=st.sampled_from(YAML_LIKE), max_size=200))
def test_yaml_like_text_loads_the_same_or_goes_back(text: str) -> None:
    assert_same(text.encode("utf-8"), Limits(max_nodes=10_000))


@BOUNDED
@given(st.binary(max_size=400))
def test_arbitrary_bytes_load_the_same_or_go_back(raw: bytes) -> None:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return  # load_bytes refuses these before any parser sees them
    assert_same(raw, Limits(max_nodes=10_000))


def test_very_deep_nesting_goes_back_and_gets_the_depth_message() -> None:
    raw = b"a: " + b"[" * 500 + b"]" * 500 + b"\n"
    assert loader._fast_load(raw, "f.yaml", Limits()) is None
    with pytest.raises(InputError) as exc:
        load_bytes(raw, "f.yaml")
    assert exc.value.problems[0].key == "too_deep"


def test_repeated_loads_do_not_grow_memory() -> None:
    import gc
    import resource

    raw = (ROOT / "examples" / "large-municipality.yaml").read_bytes()
    hostile = [b"a: &x 1\nb: *x\n", b"a: [1, 2\n", b"a: 2026-02-30\n", b"a: 1\na: 2\n", b"? [a]\n: x\n"]

    def run() -> int:
        for _ in range(60):
            loader._fast_load(raw, "f.yaml", Limits())
            for text in hostile:
                loader._fast_load(text, "f.yaml", Limits())
        gc.collect()
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    run()
    before = run()
    after = run()
    assert after - before < 2048  # KB: a leak of one loaded file per call would be far more


def test_the_built_in_libyaml_is_the_vendored_release() -> None:
    title = (ROOT / "fast" / "libyaml" / "SOURCE.md").read_text(encoding="utf-8")
    assert loader.fast_loader_version() == "0.2.5"
    assert title.startswith(f"# LibYAML {loader.fast_loader_version()}, vendored\n")


@pytest.mark.skipif(sys.platform == "win32", reason="symbol visibility is an ELF and Mach-O matter")
def test_the_extension_exports_only_its_entry_point() -> None:
    import ctypes

    import digimandate_cload

    library = ctypes.CDLL(digimandate_cload.__file__)
    assert hasattr(library, "PyInit_digimandate_cload")
    # Hidden, so that neither PyYAML's libyaml nor any other copy in the process can take their place.
    for name in ("yaml_parser_initialize", "yaml_parser_parse", "yaml_event_delete", "yaml_get_version"):
        assert not hasattr(library, name), name


def test_the_c_loader_needs_nothing_from_pyyaml_s_extension() -> None:
    # PyYAML without its libyaml: the C loader still runs, and agrees with the pure-Python parser.
    code = (
        "import sys; sys.modules['yaml._yaml'] = None\n"
        "import yaml; assert not yaml.__with_libyaml__\n"
        "from digimandate.model import loader; assert loader.fast_loader_active()\n"
        "from tests.model.cload_compare import YAML_FILES, assert_same\n"
        "print(sum(assert_same(p.read_bytes()) for p in YAML_FILES), len(YAML_FILES))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DIGIMANDATE_PURE_PYTHON"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    taken, total = map(int, done.stdout.split())
    assert taken == total >= 10
