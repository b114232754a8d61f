"""YAML text to plain data plus a 1-based position for every mapping, key and list item."""

from __future__ import annotations

import hashlib
import importlib
import math
import os
import re
from array import array
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from sys import intern
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from digimandate.errors import InputError, Location, Problem, Term, excerpt, os_reason, problem
from digimandate.reading import STDIN, decode_utf8, read_input

try:  # libyaml is an order of magnitude faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Pos = tuple[int, int]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_NODES = 5_000_000
DEFAULT_MAX_DEPTH = 64

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + n for n in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_CONSTRUCTOR = SafeConstructor()


# Positions are packed into 64-bit slots of an array (line and column in 32 bits apiece): a large
# file has hundreds of thousands of them, and Python ints or tuples would take several times the memory.
_BITS = 32
_MASK = (1 << _BITS) - 1


def pack(pos: Pos) -> int:
    """One int for a (line, column) position."""
    return (pos[0] << _BITS) | pos[1]


def unpack(packed: int) -> Pos:
    """The (line, column) position of a packed int."""
    return (packed >> _BITS, packed & _MASK)


class LMap(dict[str, Any]):
    """A mapping that remembers the file it comes from and where it, each key and each value stands."""

    __slots__ = ("pos", "spots", "src")

    def __init__(self, pos: Pos, src: str = "") -> None:
        super().__init__()
        self.pos = pos
        self.src = src  # the file, as shown to users (an organisation may span several files)
        self.spots = array("Q")  # per key, in key order: key position, value position

    def place(self, key: str, key_at: Pos, value_at: Pos) -> None:
        """Record where the key just added and its value stand."""
        self.spots.append(pack(key_at))
        self.spots.append(pack(value_at))

    def _slot(self, key: str) -> int:
        for i, name in enumerate(self):
            if name == key:
                return 2 * i
        raise KeyError(key)

    def key_at(self, key: str) -> Pos:
        """Where ``key`` stands."""
        return unpack(self.spots[self._slot(key)])

    def value_at(self, key: str) -> Pos:
        """Where the value of ``key`` stands."""
        return unpack(self.spots[self._slot(key) + 1])

    def location(self) -> Location:
        """Where the mapping starts."""
        return Location(self.src, *self.pos)

    def key_location(self, key: str) -> Location:
        """The file, line and column of ``key``."""
        return Location(self.src, *self.key_at(key))

    def value_location(self, key: str) -> Location:
        """The file, line and column of the value of ``key``."""
        return Location(self.src, *self.value_at(key))

    def positions_only(self) -> LMap:
        """A copy with the same keys and positions but no values (the values may then be freed)."""
        stub = dict.__new__(LMap)  # every slot is set below: no need for __init__'s fresh array
        stub.update(dict.fromkeys(self))
        stub.pos = self.pos
        stub.src = self.src
        stub.spots = self.spots
        return stub


class LList(list[Any]):
    """A list that remembers the file it comes from and where it and each item stands."""

    __slots__ = ("pos", "spots", "src")

    def __init__(self, pos: Pos, src: str = "") -> None:
        super().__init__()
        self.pos = pos
        self.src = src
        self.spots = array("Q")  # packed positions of the items

    def item_at(self, index: int) -> Pos:
        """Where item ``index`` stands."""
        return unpack(self.spots[index])

    def item_location(self, index: int) -> Location:
        """The file, line and column of item ``index`` (an included item keeps its own file)."""
        item = self[index]
        src = item.src if isinstance(item, (LMap, LList)) else self.src
        return Location(src, *self.item_at(index))


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile files from exhausting time or memory."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_nodes: int = DEFAULT_MAX_NODES
    max_depth: int = DEFAULT_MAX_DEPTH
    too_large_hint: str = "too_large_hint"  # a fixed limit (a checklist, the configuration) names no --max-bytes
    root_hint: str = "root_not_mapping_hint"  # what the file starts with: an organisation file's, unless told
    empty_hint: str = "empty_file_hint"


@dataclass(frozen=True)
class Loaded:
    """A loaded YAML document: its data, the file name shown to users, and a content hash."""

    data: LMap
    file: str
    sha256: str
    parts: tuple[str, ...] = ()  # the real paths of the files it includes

    def at(self, pos: Pos) -> Location:
        """Turn a position into a Location in this file."""
        return Location(self.file, pos[0], pos[1])

    def locate(self, *path: str | int) -> Location:
        """Where a nested key or list item stands; as far as the path exists, else its nearest parent."""
        node: Any = self.data
        pos = self.data.pos
        for part in path:
            if isinstance(node, LMap) and isinstance(part, str) and part in node:
                pos = node.key_at(part)
                node = node[part]
            elif isinstance(node, LList) and isinstance(part, int) and 0 <= part < len(node):
                pos = node.item_at(part)
                node = node[part]
            else:
                break
        return self.at(pos)


def load_file(path: Path, limits: Limits = Limits(), display: str | None = None) -> Loaded:
    """Read ``path`` (``-``: standard input) and load it, turning every failure into a located InputError."""
    if str(path) == STDIN:
        name = display if display is not None else STDIN_NAME
    else:
        name = display if display is not None else str(path)
        if path.is_dir():
            try:
                with os.scandir(path):
                    pass
            except OSError as exc:  # a folder below a folder audit that cannot be listed
                raise InputError([problem(Location(name, 1, 1), "", "folder_unreadable", "file_unreadable_hint",
                                          reason=os_reason(exc))]) from None
            raise InputError([problem(Location(name, 1, 1), "", "is_directory", "is_directory_hint")])
    raw = read_input(path, limits.max_bytes, name, limits.too_large_hint, "is_directory_hint")
    return load_bytes(raw, name, limits)


STDIN_NAME = "<stdin>"


def load_bytes(raw: bytes, file: str, limits: Limits = Limits()) -> Loaded:
    """Load YAML bytes into an LMap, or raise InputError."""
    if len(raw) > limits.max_bytes:
        here = Location(file, 1, 1)
        raise InputError(
            [problem(here, "", "too_large", limits.too_large_hint, size=len(raw), limit=limits.max_bytes)]
        )
    decode_utf8(raw, file)  # only to check: libyaml reads the bytes itself (the text is freed at once)
    sha = hashlib.sha256(raw).hexdigest()
    data = _fast_load(raw, file, limits)
    if data is None:  # not the common case, or no C loader: the Python builder words every error
        data = _Builder(file, limits).build(raw)
    return Loaded(data, file, sha)


def _describe(value: Any) -> str:
    """Name the kind of a loaded value for messages."""
    if isinstance(value, LMap):
        return "mapping"
    if isinstance(value, LList):
        return "list"
    if value is None:
        return "null"
    return excerpt(value) if isinstance(value, str) else repr(value)


class _Frame:
    """A mapping or list under construction."""

    __slots__ = ("anchor", "container", "key", "key_at", "size")

    def __init__(self, container: LMap | LList, anchor: str | None) -> None:
        self.container = container
        self.anchor = anchor
        self.key: str | None = None
        self.key_at = 0  # packed position of the pending key
        self.size = 1


# What the YAML reader says most often, as a term of the catalogue; anything else is shown as it says it.
_YAML_PROBLEMS = {
    "did not find expected ',' or '}'": Term("yaml_problem_flow_mapping"),
    "did not find expected ',' or ']'": Term("yaml_problem_flow_sequence"),
    "did not find expected key": Term("yaml_problem_key"),
    "did not find expected node content": Term("yaml_problem_node"),
    "did not find expected '-' indicator": Term("yaml_problem_dash"),
    "could not find expected ':'": Term("yaml_problem_colon"),
    "mapping values are not allowed in this context": Term("yaml_problem_mapping_here"),
    "mapping values are not allowed here": Term("yaml_problem_mapping_values"),
    "found character that cannot start any token": Term("yaml_problem_token"),
    "found unexpected end of stream": Term("yaml_problem_end"),
}


def _has_tab(text: str, pos: Pos) -> bool:
    """Tell whether the line of a syntax error (or the one before) holds a tab."""
    lines = text.splitlines()
    return any("\t" in lines[i] for i in (pos[0] - 1, pos[0] - 2) if 0 <= i < len(lines))


def _show_tag(tag: str) -> str:
    """Write a tag the way the user wrote it (``!!python/...``)."""
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


class _Builder:
    """Builds located data straight from the parser's events (no node tree in between)."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = _MISSING
        self.documents = 0

    def fail(self, pos: Pos, msg: str, hint: str | None = None, **args: Any) -> InputError:
        """Return an InputError at ``pos``."""
        return InputError([problem(Location(self.file, pos[0], pos[1]), "", msg, hint, **args)])

    def build(self, source: bytes) -> LMap:
        """Run the parser over UTF-8 bytes and return the root mapping."""
        loader = _Loader(source)
        try:
            self.run(loader.get_event)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem_text: str | Term = (exc.problem or exc.context or "invalid YAML").strip()
            problem_text = _YAML_PROBLEMS.get(str(problem_text), problem_text)  # in the reader's language when known
            hint = "tab_hint" if _has_tab(source.decode("utf-8-sig", "replace"), pos) else "yaml_syntax_hint"
            raise self.fail(pos, "yaml_syntax", hint, problem=problem_text) from None
        except yaml.YAMLError as exc:  # reader errors: control characters and the like
            raise self.fail((1, 1), "yaml_syntax", "yaml_syntax_hint", problem=str(exc)) from None
        finally:
            loader.dispose()
        if self.root is _MISSING or self.root is None:
            raise self.fail((1, 1), "empty_file", self.limits.empty_hint)
        if not isinstance(self.root, LMap):
            raise self.fail((1, 1), "root_not_mapping", self.limits.root_hint, found=_describe(self.root))
        return self.root

    def run(self, get_event: Any) -> None:
        """Consume every event; the hot loop of loading, so the common cases are inlined."""
        stack = self.stack
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        first_chars = frozenset(FIRST_CHARS) | {""}  # an empty plain scalar is null
        while True:
            event = get_event()
            if event is None:
                return
            cls = type(event)
            if cls is scalar_event:
                mark = event.start_mark
                at = ((mark.line + 1) << 32) | (mark.column + 1)  # packed; unpacked only for a message
                value = event.value
                tag = event.tag
                if tag is None and not event.style and event.implicit[0]:
                    if value[:1] in first_chars:
                        value = self.plain(value, at)
                    elif len(value) <= 24:
                        value = intern(value)  # ids and enum values repeat as often as keys
                elif tag is not None and tag != "!":
                    value = self.scalar(event, unpack(at))
                anchor = event.anchor
                if anchor is not None:
                    self.anchors[anchor] = (value, 1)
                if not stack:
                    self.root = value
                    continue
                frame = stack[-1]
                frame.size += 1
                container = frame.container
                if isinstance(container, LList):
                    container.append(value)
                    container.spots.append(at)
                elif frame.key is None:
                    if type(value) is str and value != "<<" and value not in container:
                        frame.key = intern(value)  # a few key names repeat thousands of times: one copy
                        frame.key_at = at
                    else:
                        self.set_key(frame, value, unpack(at))  # says what is wrong with the key
                else:
                    container[frame.key] = value
                    spots = container.spots
                    spots.append(frame.key_at)
                    spots.append(at)
                    frame.key = None
            elif cls is map_start:
                mark = event.start_mark
                self.open(LMap((mark.line + 1, mark.column + 1), self.file), event)
            elif cls is seq_start:
                mark = event.start_mark
                self.open(LList((mark.line + 1, mark.column + 1), self.file), event)
            elif cls in ends:
                frame = stack.pop()
                self.add(frame.container, frame.container.pos, frame.size, frame.anchor)
            elif cls is alias_event or isinstance(event, yaml.DocumentStartEvent):
                self.handle(event)

    def set_key(self, frame: _Frame, value: Any, pos: Pos) -> None:
        """Take a scalar as the next key of a mapping."""
        container = frame.container
        if not isinstance(value, str):
            raise self.fail(pos, "key_not_text", "key_not_text_hint", key=_describe(value))
        if value == "<<":
            raise self.fail(pos, "merge_key", "merge_key_hint")
        if value in container:
            first = container.key_at(value)[0]  # type: ignore[union-attr]
            raise self.fail(pos, "duplicate_key", "duplicate_key_hint", key=value, line=first)
        frame.key = intern(value)  # the same few key names repeat thousands of times: keep one copy
        frame.key_at = pack(pos)

    def plain(self, value: str, at: int) -> Any:
        """Resolve a plain scalar whose first character may start a number, date, bool or null."""
        try:
            return resolve_plain(value)
        except BadScalar as exc:
            raise self.bad_scalar(exc, unpack(at), value) from None

    def handle(self, event: yaml.Event) -> None:
        """Process an alias or a document start (the rare events)."""
        if isinstance(event, yaml.AliasEvent):
            pos = _pos(event)
            anchor = event.anchor or ""
            if anchor not in self.anchors:
                raise self.fail(pos, "undefined_alias", "undefined_alias_hint", name=anchor)
            value, size = self.anchors[anchor]
            self.add(value, pos, size, None)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(_pos(event), "multiple_documents", "multiple_documents_hint")

    def open(self, container: LMap | LList, event: yaml.CollectionStartEvent) -> None:
        """Start a mapping or list."""
        tag = event.tag
        if tag not in (None, "!") and tag not in _ALLOWED_TAGS:
            raise self.fail(container.pos, "unknown_tag", "unknown_tag_hint", tag=_show_tag(tag))
        if tag not in (None, "!") and tag != (_STD + "map" if isinstance(container, LMap) else _STD + "seq"):
            raise self.fail(container.pos, "tag_kind_mismatch", "tag_kind_mismatch_hint", tag=_show_tag(tag),
                            found=Term("type_mapping" if isinstance(container, LMap) else "type_list"))
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(container.pos, "too_deep", "too_deep_hint", limit=self.limits.max_depth)
        if self.stack:
            top = self.stack[-1]
            if isinstance(top.container, LMap) and top.key is None:
                raise self.fail(container.pos, "key_not_text", "key_not_text_hint", key=_describe(container))
        self.stack.append(_Frame(container, event.anchor))

    def add(self, value: Any, pos: Pos, size: int, anchor: str | None) -> None:
        """Attach a finished value to its parent, counting expanded size against the limit."""
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.size > self.limits.max_nodes:
            raise self.fail(pos, "too_many_nodes", "too_many_nodes_hint", limit=self.limits.max_nodes)
        container = frame.container
        if isinstance(container, LList):
            container.append(value)
            container.spots.append(pack(pos))
            return
        if frame.key is None:
            self.set_key(frame, value, pos)
            return
        key = frame.key
        container[key] = value
        container.spots.append(frame.key_at)
        container.spots.append(pack(pos))
        frame.key = None

    def scalar(self, event: yaml.ScalarEvent, pos: Pos) -> Any:
        """Resolve an explicitly tagged scalar, refusing unknown tags."""
        value = event.value
        tag = event.tag or ""
        if tag not in _ALLOWED_TAGS or tag in (_STD + "map", _STD + "seq"):
            raise self.fail(pos, "unknown_tag", "unknown_tag_hint", tag=_show_tag(tag))
        if tag == _STD + "str":
            return value
        return self.construct(tag, value, pos)

    def construct(self, tag: str, value: str, pos: Pos) -> Any:
        """Build a typed scalar; impossible dates and the like become located errors."""
        try:
            return construct(tag, value)
        except BadScalar as exc:
            raise self.bad_scalar(exc, pos, value) from None

    def bad_scalar(self, exc: BadScalar, pos: Pos, value: str) -> InputError:
        """The located error for a scalar that cannot be built."""
        key, hint, tag = exc.args
        shown = value if len(value) <= 40 else value[:40] + "…"  # a number of 5,000 digits is not quoted whole
        return self.fail(pos, key, hint, value=shown, **({"tag": tag} if tag else {}))


class BadScalar(ValueError):
    """A scalar that looks typed but cannot be built: (message key, hint key, tag as written)."""


# YAML 1.2 core schema: only these spellings are null, booleans and numbers. YAML 1.1's yes/no/on/off,
# sexagesimal 190:20:30 and octal 021500 do not exist there, so they stay text (and a field that wants a
# boolean or a number then says how to write one); dates keep YAML 1.1's timestamp, which 1.2 leaves out.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf, "+.Inf": math.inf,
                  "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
                  ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                        r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?\Z")
# Digits an integer may have: no count, volume or year needs more, and Python refuses over 4,300.
MAX_INT_DIGITS = 18
# The characters a plain scalar must start with to be anything but text (the C loader asks only for these).
FIRST_CHARS = "0123456789+-.~nNtTfF"


def resolve_plain(value: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema, plus dates and timestamps."""
    if value.isascii() and value.isdigit():
        if value[0] == "0" and len(value) > 1:
            raise BadScalar("leading_zero", "leading_zero_hint", "")
        if len(value) > MAX_INT_DIGITS:
            raise BadScalar("number_too_long", "number_too_long_hint", "")
        return int(value)
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit() \
            and value[5:7].isdigit() and value[8:].isdigit() and value.isascii():
        try:
            return date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            raise BadScalar("impossible_date", "date_hint", "") from None
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[:1] not in FIRST_CHARS or not value.isascii():
        return value
    return _number_or_timestamp(value)


def _number_or_timestamp(value: str) -> Any:
    """A YAML 1.2 number or a timestamp; any other text stays text."""
    if _INT.match(value):
        digits = value.lstrip("+-")
        if digits[0] == "0" and len(digits) > 1:
            raise BadScalar("leading_zero", "leading_zero_hint", "")
        if len(digits) > MAX_INT_DIGITS:
            raise BadScalar("number_too_long", "number_too_long_hint", "")
        return int(value)
    if _OCT.match(value) or _HEX.match(value):
        if len(value) > MAX_INT_DIGITS + 2:
            raise BadScalar("number_too_long", "number_too_long_hint", "")
        return int(value, 8 if value[1] == "o" else 16)
    if value in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[value]
    if _FLOAT.match(value):
        if len(value) > 100:  # a float this long only hides a huge integer or a needless precision
            raise BadScalar("number_too_long", "number_too_long_hint", "")
        return float(value)
    if _TIMESTAMP.match(value):
        try:
            return _CONSTRUCTOR.construct_yaml_timestamp(ScalarNode(_STD + "timestamp", value))
        except (ValueError, OverflowError):
            raise BadScalar("impossible_date", "date_hint", "") from None
    return value


def construct(tag: str, value: str) -> Any:
    """Build an explicitly tagged scalar under the same YAML 1.2 rules, or raise BadScalar."""
    shown = _show_tag(tag)
    if tag == _STD + "null":
        if value in _NULLS:
            return None
    elif tag == _STD + "bool":
        if value in _BOOLS:
            return _BOOLS[value]
    elif tag == _STD + "int":
        if _INT.match(value) or _OCT.match(value) or _HEX.match(value):
            return _number_or_timestamp(value)
    elif tag == _STD + "float":
        if _INT.match(value) or _FLOAT.match(value) or value in _SPECIAL_FLOAT:
            return float(_number_or_timestamp(value))
    elif tag == _STD + "timestamp":
        if _TIMESTAMP.match(value):
            return resolve_plain(value)  # a date or a timestamp, as when it is written without the tag
        raise BadScalar("impossible_date", "date_hint", "")
    raise BadScalar("bad_tagged_value", "bad_tagged_value_hint", shown)


class Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text that YAML 1.1 or this loader's YAML 1.2 would read as no text.

    PyYAML writes `1e3` or `0o17` plain, since YAML 1.1 reads them as text; this loader reads them as
    numbers. Telling the dumper's resolver of the YAML 1.2 forms too makes it quote them.
    """


_DUMPER_RESOLVERS = [
    (_STD + "float", re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), list("-+.0123456789")),
    (_STD + "int", re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$"), list("-+0123456789")),
]
for _tag, _regexp, _first in _DUMPER_RESOLVERS:
    Dumper.add_implicit_resolver(_tag, _regexp, _first)


_CSafeDumper: type | None = getattr(yaml, "CSafeDumper", None)
if _CSafeDumper is not None:

    class _FastDumper(_CSafeDumper):  # type: ignore[valid-type,misc]
        """The same dumper with LibYAML's emitter, for data on which it writes what PyYAML's writes."""

    for _tag, _regexp, _first in _DUMPER_RESOLVERS:
        _FastDumper.add_implicit_resolver(_tag, _regexp, _first)

# Text on one line that both emitters treat alike. LibYAML escapes what lies outside the Basic Multilingual Plane
# and NEL, which PyYAML writes as they are, and folds double-quoted text over lines in its own way; text with a
# line break, a line separator, a tab or a control character is left to PyYAML.
_ALIKE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_ATOMS = frozenset({bool, int, float, type(None), date})  # exactly: a datetime gets a tag written differently


def _alike(data: Any) -> bool:
    """Tell whether LibYAML's emitter writes ``data`` byte for byte as PyYAML's does."""
    if type(data) not in (dict, list):  # a scalar document gets an end marker from PyYAML only
        return False
    stack = [data]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str:
            if not _ALIKE.fullmatch(item):
                return False
        elif kind is dict:
            for key, value in item.items():
                # PyYAML writes an empty key as a complex one (`? ''`), and counts a long key's length in
                # characters where LibYAML counts bytes
                if not ((type(key) is str and 0 < len(key.encode()) <= 64 and _ALIKE.fullmatch(key))
                        or type(key) in _ATOMS):
                    return False
                stack.append(value)
        elif kind is list:
            stack.extend(item)
        elif kind not in _ATOMS:
            return False
    return True


def dump(data: Any, **options: Any) -> str:
    """YAML text that this loader reads back as ``data`` (block style, keys in order, Unicode as is)."""
    options.setdefault("sort_keys", False)
    options.setdefault("allow_unicode", True)
    # LibYAML's emitter is ten times faster than PyYAML's, which is written in Python; it is used only where it
    # writes the same bytes, so that what is written does not depend on whether PyYAML was built with LibYAML
    fast = _CSafeDumper is not None and options.get("allow_unicode") and _alike(data)
    return str(yaml.dump(data, Dumper=_FastDumper if fast else Dumper, **options))


def _pos(event: yaml.Event) -> Pos:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


# The interface of the C loader this builder expects (fast/cload.c, CLOAD_API): configure, load, libyaml_version.
CLOAD_API = 1


def _configure_fast_loader() -> Any:
    """The C loader (with its own libyaml), set up to build LMap/LList; None when not installed or not wanted.

    It is its own distribution, digimandate-cload (``pip install ./fast``), so that digimandate is
    pure Python. One built for another interface (its ``API``) is left unused: the Python builder loads.
    """
    if os.environ.get("DIGIMANDATE_PURE_PYTHON"):
        return None
    try:
        cload = importlib.import_module("digimandate_cload")
    except ImportError:  # not installed: the Python builder loads
        return None
    if getattr(cload, "API", None) != CLOAD_API:
        return None
    cload.configure(LMap, LList, array, resolve_plain, FIRST_CHARS, True)
    return cload


_CLOAD = _configure_fast_loader()


def fast_loader_active() -> bool:
    """Tell whether loading goes through the C loader."""
    return _CLOAD is not None


def fast_loader_version() -> str | None:
    """The version of the LibYAML built into the C loader, or None when the Python builder loads."""
    return None if _CLOAD is None else str(_CLOAD.libyaml_version())


def _fast_load(raw: bytes, file: str, limits: Limits) -> LMap | None:
    """Load with the C loader when it is there and the document is the common case."""
    if _CLOAD is None:
        return None
    result: LMap | None = _CLOAD.load(raw, file, limits.max_depth, limits.max_nodes)
    return result


class _Missing:
    pass


_MISSING: Any = _Missing()

__all__ = ["Dumper", "LList", "LMap", "Limits", "Loaded", "Pos", "Problem", "dump", "load_bytes", "load_file"]
