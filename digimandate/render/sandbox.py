"""The sandbox every Markdown template renders in: what a template reaches, how long and how much it may run."""

from __future__ import annotations

import codecs
import itertools
import math
import os
import re
import sys
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import update_wrapper
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from jinja2 import (
    BaseLoader,
    Environment,
    TemplateError,
    TemplateNotFound,
    TemplatesNotFound,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.ext import Extension
from jinja2.filters import make_attrgetter
from jinja2.lexer import Token, TokenStream
from jinja2.loaders import split_template_path
from jinja2.parser import Parser
from jinja2.runtime import Context, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import Namespace, _PassArg, pass_context
from markupsafe import Markup

from digimandate.errors import InputError, Location, Problem, problem
from digimandate.reading import decode_utf8, read_input

T = TypeVar("T")

# The limits, read when they apply (tests lower them). A template file: the built-in report template is
# 5 KB; Jinja2 compiles 256 KB of template in about five seconds and 300 MB, a megabyte in 18 s and 1 GB.
MAX_TEMPLATE_BYTES = 256 * 1024
# Wall time of one document, compiling included: the built-in report of a 10,000-process organisation
# with four findings per process (50 million characters) takes about six seconds.
MAX_SECONDS = 60.0
# Everything a template writes: the document, and what macros and blocks write on the way.
MAX_WRITTEN = 200_000_000
# Everything the template builds, as Python counts its size (sys.getsizeof, and 50 bytes an item of a
# list or dictionary): without it, a hundred `{% set %}` of a 20-million-character text would all be kept.
MAX_BUILT = 500_000_000
# One text that an operator, a method or a filter builds from smaller ones ('x' * n, a ~ b, center, join, ...).
MAX_TEXT = 20_000_000
# One list built so ([x] * n, a + b, batch, slice, split, a filter that lists a text), or the steps of one
# loop; range() keeps Jinja2's sandbox limit.
MAX_ITEMS = 1_000_000
MAX_RANGE = 100_000
# Digits of a number built by * or **: Python turns no integer longer than this into text anyway.
MAX_DIGITS = 4_300

# Filters a Markdown document has no use for and that would need limits of their own: HTML (urlize,
# xmlattr, tojson), object dumps (pprint), chance (random: the same input gives the same document) and
# hard line breaks (wordwrap: it breaks a long word in time quadratic in its length, 15 s for a
# million characters at width 1, in one call the clock cannot stop).
LEFT_OUT_FILTERS = ("pprint", "random", "tojson", "urlize", "wordwrap", "xmlattr")
# The encodings str.encode and bytes.decode take: codecs written in C. Punycode, in Python, encodes
# 8,000 characters in 12 s and 32,000 in 50 s.
ENCODINGS = frozenset({"utf-8", "utf-16", "utf-32", "ascii", "iso8859-1", "cp1252"})


class TemplateProblem(Exception):
    """A rule or limit of the sandbox, as a catalogue message; ``where`` when no template line shows it."""

    def __init__(self, key: str, hint: str, where: tuple[str, int] | None = None, /, **args: Any) -> None:
        super().__init__(key)
        self.key, self.hint, self.where, self.args_ = key, hint, where, args


def _text_fits(size: int) -> None:
    if size > MAX_TEXT:
        raise TemplateProblem("template_text_too_long", "template_value_hint", limit=MAX_TEXT)


def _items_fit(size: int) -> None:
    if size > MAX_ITEMS:
        raise TemplateProblem("template_list_too_long", "template_value_hint", limit=MAX_ITEMS)


def _digits_fit(digits: float) -> None:
    if digits > MAX_DIGITS:
        raise TemplateProblem("template_number_too_long", "template_value_hint", limit=MAX_DIGITS)


def _take(values: Iterable[Any]) -> list[Any]:
    """The items of an iterable as a list, refused past MAX_ITEMS before more are taken."""
    items = list(itertools.islice(values, MAX_ITEMS + 1))
    _items_fit(len(items))
    return items


def _weight(value: Any) -> int:
    """What a value built by a template counts against MAX_BUILT: its size, and 50 bytes an item."""
    if isinstance(value, (str, bytes, bytearray)):
        return sys.getsizeof(value)
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return sys.getsizeof(value) + 50 * len(value)
    return 0


def _sized_fits(value: str | bytes | list[Any] | tuple[Any, ...], size: int) -> None:
    if isinstance(value, (str, bytes)):
        _text_fits(size)
    else:
        _items_fit(size)


def _digits(number: int) -> float:
    return math.log10(abs(number)) if number else 0.0


def _whole(text: str) -> int:
    """A number written in a format, where a longer one than fits counts as too large."""
    return int(text) if len(text) < 18 else 10**18


def _range(*args: int) -> range:
    """range() as templates have it: at most MAX_RANGE numbers."""
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:  # more numbers than Python can count
        size = MAX_RANGE + 1
    if size > MAX_RANGE:
        raise TemplateProblem("template_list_too_long", "template_value_hint", limit=MAX_RANGE)
    return numbers


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


def _printf_size(fmt: str | bytes, values: Any) -> int:
    """At most how long ``fmt % values`` comes out: every field as wide as the widest value and pad."""
    text = fmt if isinstance(fmt, str) else fmt.decode("latin-1")
    items = list(values.values()) if isinstance(values, Mapping) else list(values) \
        if isinstance(values, tuple) else [values]
    widest = max((len(str(v)) for v in items), default=0)
    numbers = [abs(v) for v in items if isinstance(v, int)]
    pad = fields = 0
    for field in _PRINTF.finditer(text):
        fields += 1
        for part in field.groups():
            if part == "*":  # the width is one of the values
                pad = max(pad, *numbers, 0)
            elif part:
                pad = max(pad, _whole(part))
    return len(text) + fields * (widest + pad)


def _replace_size(text: Any, old: Any, new: Any, count: Any) -> int:
    """At most how long ``text.replace(old, new, count)`` comes out."""
    kind = str if isinstance(text, str) else (bytes, bytearray)
    if not isinstance(old, kind) or not isinstance(new, kind) or len(new) <= len(old):
        return len(text)  # shorter, or a TypeError from replace itself
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * (len(new) - len(old))


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would pass a limit, before it is computed."""
    sized = (str, bytes, list, tuple)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(times, int):
                _sized_fits(seq, len(seq) * max(times, 0))
                return
        if isinstance(left, int) and isinstance(right, int):
            _digits_fit(_digits(left) + _digits(right))
    elif operator == "+":
        if isinstance(left, sized) and isinstance(right, sized):
            _sized_fits(left, len(left) + len(right))
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0:
            _digits_fit(_digits(left) * right)
    elif operator == "%" and isinstance(left, (str, bytes)):
        _text_fits(_printf_size(left, right))


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a method of a text or number that would build a text past the limit; ``join`` gets a list."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, (str, bytes, bytearray, int)):
        return args
    for value in (*args, *kwargs.values()):  # a width, a length or a tab size: center, zfill, to_bytes, ...
        if isinstance(value, int):
            _text_fits(abs(value))
    if isinstance(owner, int):
        return args
    name = getattr(obj, "__name__", "")
    if name in ("encode", "decode"):
        _encoding_allowed(args[0] if args else kwargs.get("encoding", "utf-8"))
    if name == "join" and args:
        items = _take(args[0])
        _text_fits(sum(len(i) for i in items if isinstance(i, (str, bytes))) + len(owner) * max(len(items) - 1, 0))
        return (items, *args[1:])
    if name == "replace" and len(args) >= 2:
        _text_fits(_replace_size(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1)))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        _text_fits(len(owner) + tabs * (size if isinstance(size, int) else 0))
    elif name in ("split", "rsplit"):
        cut = args[1] if len(args) > 1 else kwargs.get("maxsplit", -1)
        if not isinstance(cut, int) or cut < 0 or cut > MAX_ITEMS:  # split as far as the limit: one more is too many
            _items_fit(len(owner.split(args[0] if args else kwargs.get("sep"), MAX_ITEMS)))
    elif name == "splitlines":
        if isinstance(owner, str):
            breaks = sum(owner.count(b) for b in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
        else:
            breaks = owner.count(b"\n") + owner.count(b"\r")
        _items_fit(breaks + 1)
    elif name == "translate" and args and isinstance(args[0], Mapping):
        longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1)
        _text_fits(len(owner) * max(longest, 1))
    return args


def _encoding_allowed(encoding: Any) -> None:
    try:
        name = codecs.lookup(encoding).name if isinstance(encoding, str) else ""
    except LookupError:  # Python's own error says so
        return
    if name not in ENCODINGS:
        raise TemplateProblem("template_encoding", "template_encoding_hint", encoding=str(encoding))


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any = None) -> Any:
    """A filter's argument after the value, given by position or by name."""
    return args[index] if len(args) > index else kwargs.get(name, default)


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


FilterCall = tuple[Any, tuple[Any, ...], dict[str, Any]]


def _center(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    _text_fits(_int(_arg(args, kwargs, 0, "width", 80)))
    return value, args, kwargs


def _indent(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    width = _arg(args, kwargs, 0, "width", 4)
    step = len(width) if isinstance(width, str) else _int(width)
    _text_fits(step)
    text = str(value)
    _text_fits(len(text) + (text.count("\n") + 1) * step)
    return value, args, kwargs


def _replace(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    old, new = _arg(args, kwargs, 0, "old", ""), _arg(args, kwargs, 1, "new", "")
    _text_fits(_replace_size(str(value), str(old), str(new), _arg(args, kwargs, 2, "count")))
    return value, args, kwargs


def _join(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    items = _take(value)
    attribute, glue = _arg(args, kwargs, 1, "attribute"), _arg(args, kwargs, 0, "d", "")
    if attribute is not None:  # taken here, so that what is measured is what is joined
        items = [*map(make_attrgetter(env, attribute), items)]
    _text_fits(sum(len(str(i)) for i in items) + len(str(glue)) * max(len(items) - 1, 0))
    return items, (glue,), {}


def _format(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    _text_fits(_printf_size(str(value), kwargs or args))
    return value, args, kwargs


def _batch(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    _items_fit(_int(_arg(args, kwargs, 0, "linecount")))
    return value, args, kwargs


def _slice(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    _items_fit(_int(_arg(args, kwargs, 0, "slices")))
    return _take(value), args, kwargs  # slice lists its value first


def _sum(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    if not isinstance(_arg(args, kwargs, 1, "start", 0), (int, float)):  # lists added one by one: quadratic
        raise TemplateProblem("template_sum_numbers", "template_sum_numbers_hint")
    return value, args, kwargs


def _listed(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    # a filter that makes a list of its value: a 20-million-character text would be 20 million items
    return _take(value), args, kwargs


def _lazy_listed(env: Sandbox, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> FilterCall:
    # reverse turns a text around as a text, and lists only what it cannot reverse otherwise
    return (value if hasattr(value, "__reversed__") or isinstance(value, str) else _take(value)), args, kwargs


# What a filter is checked for before it runs, by name; the other filters make nothing much larger
# than what they are given.
FILTER_CHECKS: dict[str, Callable[[Sandbox, Any, tuple[Any, ...], dict[str, Any]], FilterCall]] = {
    "center": _center, "indent": _indent, "replace": _replace, "join": _join, "format": _format,
    "batch": _batch, "slice": _slice, "sum": _sum,
    "list": _listed, "sort": _listed, "unique": _listed, "groupby": _listed, "reverse": _lazy_listed,
}


class _MeasuredFormatter(SandboxedFormatter):
    """``str.format`` in the sandbox, refusing a width or precision or a result past the limit."""

    size = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self.size = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        for number in re.findall(r"\d+", format_spec):
            _text_fits(_whole(number))
        text = super().format_field(value, format_spec)
        self.size += len(text)
        _text_fits(self.size)
        return text


class _MeasuredEscapeFormatter(_MeasuredFormatter, SandboxedEscapeFormatter):
    """``Markup.format`` in the sandbox, measured as ``str.format``."""


class _Clock(Extension):
    """Compiling counts towards the time limit too: the sandbox's clock ticks at every token."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        env = self.environment
        assert isinstance(env, Sandbox)
        for token in stream:
            env.compiling = (stream.filename or stream.name or "", token.lineno)
            env.tick()
            yield token


class _Generator(CodeGenerator):
    """Jinja2's code, with every loop step and every piece of output passing the sandbox's checks."""

    line = 1

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        self.line = getattr(node, "lineno", None) or self.line
        env = self.environment
        assert isinstance(env, Sandbox)
        env.compiling = (self.filename or self.name or "", self.line)
        env.tick()
        return super().visit(node, *args, **kwargs)

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        try:
            super().visit_Template(node, frame)
        except RecursionError:  # expressions within each other, such as 1 + 1 + ... + 1
            raise TemplateProblem("template_too_deep", "template_too_deep_hint",
                                  (self.filename or self.name or "", _deep_line(node) or self.line)) from None

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        # a loop that writes nothing never reaches the output's checks: every step ticks the clock
        guard = nodes.Call(nodes.EnvironmentAttribute("iterate"), [node.iter], [], None, None, lineno=node.lineno)
        node.iter = guard.set_environment(self.environment)
        super().visit_For(node, frame)

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.tally({super()._output_const_repr(group)})"

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        self.write("environment.tally(")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # Jinja2's own, with the parts measured before they are joined: `a ~ a` doubles a text
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"{join}(environment.measured((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


def _deep_line(root: nodes.Node, depth: int = 100) -> int | None:
    """The line of the first node nested deeper than ``depth`` (found without recursion), if any."""
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if level > depth:
            return node.lineno
        stack.extend((child, level + 1) for child in node.iter_child_nodes())
    return None


def _template_line(source: str, python_line: int | None) -> int:
    """The template line of a line of the Python code Jinja2 generated, by the code's own debug_info."""
    found = re.search(r"^debug_info = '([0-9=&]*)'$", source, re.MULTILINE)
    line = 1
    if found is None or python_line is None:
        return line
    for pair in filter(None, found.group(1).split("&")):
        template_line, code_line = map(int, pair.split("="))
        if code_line <= python_line:
            line = template_line
    return line


class TemplateLoader(BaseLoader):
    """Templates of the ``--template`` folder, then the built-in ones, read as every input is read.

    A template and what it includes lie inside their folder: a symbolic link that leads out is
    refused, so a template folder from someone else cannot pull in a file such as ~/.ssh/id_rsa or
    /proc/self/environ and write it into the document.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self.files: set[str] = set()  # the names templates were compiled under, to find them in a traceback

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, the name it is shown under, and that it stays as read."""
        pieces = split_template_path(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            shown = str(path)
            try:
                real = path.resolve()
            except (OSError, RuntimeError):  # a loop of links: reading says so
                real = path.absolute()
            if not real.is_relative_to(folder.resolve()):
                raise TemplateProblem("template_outside", "template_outside_hint", (shown, 1), folder=str(folder))
            text = decode_utf8(read_input(path, MAX_TEMPLATE_BYTES, shown), shown)
            self.files.add(shown)
            return text, shown, lambda: True
        raise TemplateNotFound(template)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with a clock, budgets for what is written and built, limits on what grows.

    The immutable sandbox refuses names that start with ``_`` (so ``__class__``, ``__globals__``, ...),
    Python's internal attributes and every method that changes a list, dictionary or set. On top of it:
    the globals are only ``range`` (at most MAX_RANGE numbers) and ``namespace``; a few filters are left
    out (LEFT_OUT_FILTERS); every loop step, call, operator, filter and piece of output checks the
    clock; everything written counts against MAX_WRITTEN and everything built against MAX_BUILT; and an
    operator, method or filter that would build a text, list or number past its limit is refused
    before it runs.
    """

    intercepted_binops = frozenset({"+", "*", "**", "%"})
    code_generator_class = _Generator

    def __init__(self, loader: TemplateLoader, filters: dict[str, Callable[..., Any]], **options: Any) -> None:
        super().__init__(loader=loader, extensions=[_Clock], **options)
        self.files = loader.files
        self.globals.clear()
        self.globals.update(range=_range, namespace=Namespace)
        for name in LEFT_OUT_FILTERS:
            del self.filters[name]
        self.filters.update(filters)
        self.filters = {name: self._guarded(name, f) for name, f in self.filters.items()}
        self.deadline = math.inf
        self.seconds = MAX_SECONDS
        self.written = self.built = 0
        self.compiling: tuple[str, int] | None = None  # the file and line being compiled, if any

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """Raise the failure of a template as it is, with Python's own traceback.

        Jinja2 rewrites every frame of the traceback to read as a template line, compiling code per
        frame: seconds for a template that recursed a thousand frames deep before it was stopped.
        ``_where`` finds the template line from the frames itself.
        """
        if isinstance(sys.exc_info()[1], TemplateSyntaxError):  # one frame, and it sets the error's source
            super().handle_exception(source)
        raise  # called in jinja2's except block: its exception, as it is

    def start(self) -> None:
        """Start the clock and the budgets of one document."""
        self.seconds = MAX_SECONDS
        self.deadline = time.monotonic() + self.seconds
        self.written = self.built = 0

    def charge(self, value: T) -> T:
        """Count a value the template built against MAX_BUILT."""
        self.built += _weight(value)
        if self.built > MAX_BUILT:
            self.spend(0)
        return value

    def spend(self, size: int) -> None:
        """Count ``size`` bytes built against MAX_BUILT."""
        self.built += size
        if self.built > MAX_BUILT:
            raise TemplateProblem("template_built_too_much", "template_built_too_much_hint", limit=MAX_BUILT)

    def tick(self) -> None:
        """Refuse to go on past the time limit."""
        if time.monotonic() > self.deadline:
            raise TemplateProblem("template_too_slow", "template_too_slow_hint", seconds=f"{self.seconds:g}")

    def tally(self, text: str) -> str:
        """Count a piece of output, written to the document or into a macro or block."""
        self.written += len(text)
        if self.written > MAX_WRITTEN:
            raise TemplateProblem("template_too_much", "template_too_much_hint", limit=MAX_WRITTEN)
        if time.monotonic() > self.deadline:  # tick() inlined: this runs for every piece of output
            self.tick()
        return text

    def iterate(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a ``{% for %}`` loop, the clock ticking at each, at most MAX_ITEMS of them."""
        for step, item in enumerate(iterable):
            self.tick()
            if step == MAX_ITEMS:  # loop.length would make a list of them all
                _items_fit(step + 1)
            yield item

    def measured(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """The parts of ``a ~ b``, once their joined length is known to fit."""
        size = sum(len(p) if isinstance(p, str) else len(str(p)) for p in parts)
        _text_fits(size)
        self.spend(size)  # as the text it makes
        return parts

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """``a.__init__`` of an undefined ``a``: the error names ``a``, not the Undefined's ``__init__``."""
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        return super().unsafe_undefined(obj, attribute)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``+``, ``*``, ``**`` and ``%``, refused when the result would pass a limit."""
        self.tick()
        _check_binop(operator, left, right)
        return self.charge(super().call_binop(context, operator, left, right))

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call from a template: a method of a text or number may not build a text past the limit."""
        self.tick()
        return self.charge(super().call(context, obj, *_check_call(obj, args, kwargs), **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` as Jinja2's sandbox has them, measured (see _MeasuredFormatter)."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or \
                value.__name__ not in ("format", "format_map"):
            return None
        owner = value.__self__
        if not isinstance(owner, str):
            return None
        kind = type(owner)
        mapping = value.__name__ == "format_map"
        formatter: _MeasuredFormatter = (_MeasuredEscapeFormatter(self, escape=owner.escape)
                                         if isinstance(owner, Markup) else _MeasuredFormatter(self))

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if mapping:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            self.tick()
            return self.charge(kind(formatter.vformat(owner, args, kwargs)))

        return update_wrapper(wrapper, value)

    def _guarded(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """A filter that ticks the clock and is checked first (FILTER_CHECKS).

        It takes the context, as Jinja2 never runs such a filter while compiling: `'x'|center(10**7)`
        would otherwise be worked out then, and its result written into the compiled code.
        """
        passes = _PassArg.from_obj(func)
        check = FILTER_CHECKS.get(name)

        @pass_context
        def guarded(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
            self.tick()
            if check is not None:
                value, args, kwargs = check(self, value, args, kwargs)
            if passes is _PassArg.context:
                return self.charge(func(context, value, *args, **kwargs))
            if passes is _PassArg.eval_context:
                return self.charge(func(context.eval_ctx, value, *args, **kwargs))
            if passes is _PassArg.environment:
                return self.charge(func(self, value, *args, **kwargs))
            return self.charge(func(value, *args, **kwargs))

        return guarded

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        self.compiling = (filename or name or "", 1)
        parser = Parser(self, source, name, filename)
        try:
            return parser.parse()
        except RecursionError:  # brackets or tags within each other deeper than the parser can follow
            raise TemplateProblem("template_too_deep", "template_too_deep_hint",
                                  (filename or name or "", parser.stream.current.lineno)) from None

    def _compile(self, source: str, filename: str) -> types.CodeType:
        try:
            return super()._compile(source, filename)
        except (SyntaxError, RecursionError) as exc:  # Python's compiler: too many blocks or brackets nested
            raise TemplateProblem("template_too_deep", "template_too_deep_hint",
                                  (filename, _template_line(source, getattr(exc, "lineno", None)))) from None
        finally:
            self.compiling = None


def names_used(env: Sandbox, name: str) -> frozenset[str] | None:
    """The names a template and every template it names take from the values passed in; None where that is unknown.

    A document computes only the values its template can read. Unknown (a template named by an expression, or one
    that cannot be read or parsed) means all of them: rendering then reports any failure as it would anyway.
    """
    from jinja2 import meta

    loader = env.loader
    assert loader is not None
    names: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    try:
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            source, filename, _ = loader.get_source(env, current)
            tree = env.parse(source, current, filename)
            names |= meta.find_undeclared_variables(tree)
            for other in meta.find_referenced_templates(tree):
                if other is None:
                    return None
                todo.append(other)
    except Exception:  # rendering reads and parses the template again, and locates the failure
        return None
    finally:
        env.compiling = None  # the parse above is no part of rendering
    return frozenset(names)


def render(env: Sandbox, name: str, context: dict[str, Any], builtin: bool) -> str:
    """Render a template in the sandbox; any failure of one's own template is located bad input (exit 2).

    The output is taken piece by piece, each piece counted (``tally``) and the clock checked. A failure
    of a built-in template is a bug and is raised as it is.
    """
    env.start()
    try:
        return "".join(env.get_template(name).generate(context))
    except InputError:
        raise
    except Exception as exc:
        if builtin:  # a bug: said with the template line it failed on
            where = _template_frame(exc)
            if where is not None and sys.version_info >= (3, 11):
                exc.add_note(f"in template {where[0]}, line {where[1]}")
            raise
        raise InputError([_problem(exc, env, name)]) from None


def _problem(exc: Exception, env: Sandbox, name: str) -> Problem:
    """The located problem a failed template is: its file and line, what went wrong, and a hint."""
    if isinstance(exc, TemplateSyntaxError):
        here = Location(exc.filename or name, exc.lineno or 1, 1)
        return problem(here, "", "template_syntax", "template_syntax_hint", problem=exc.message or str(exc))
    where = _where(exc, env) or (name, 1)
    here = Location(where[0], where[1], 1)
    if isinstance(exc, TemplateProblem):
        return problem(here, "", exc.key, exc.hint, **exc.args_)
    if isinstance(exc, RecursionError):
        return problem(here, "", "template_too_deep", "template_too_deep_hint")
    if isinstance(exc, SecurityError):
        return problem(here, "", "template_unsafe", "template_unsafe_hint", problem=exc.message or str(exc))
    if isinstance(exc, UndefinedError):
        return problem(here, "", "template_undefined", "template_undefined_hint", problem=exc.message or str(exc))
    if isinstance(exc, TemplateNotFound):
        missing = ", ".join(map(str, exc.templates)) if isinstance(exc, TemplatesNotFound) else str(exc.name)
        return problem(here, "", "template_not_found", "template_not_found_hint", name=missing)
    if isinstance(exc, TemplateError):
        return problem(here, "", "template_failed", "template_failed_hint", problem=exc.message or str(exc))
    return problem(here, "", "template_failed", "template_failed_hint", problem=f"{type(exc).__name__}: {exc}")


def _where(exc: Exception, env: Sandbox) -> tuple[str, int] | None:
    """Where a template failed: as the problem says, the line being compiled, or the innermost template line.

    Jinja2 rewrites the traceback of a failure while rendering so that a template's frames carry the
    template's file and line.
    """
    if isinstance(exc, TemplateProblem) and exc.where is not None:
        return exc.where
    if env.compiling is not None:
        return env.compiling
    return _template_frame(exc, env.files)


def _template_frame(exc: BaseException, files: set[str] | None = None) -> tuple[str, int] | None:
    """The innermost frame of template code in a failure's traceback, as the template's file and line.

    ``files``: only templates compiled under these names (one's own, not the built-in ones).
    """
    found = None
    tb = exc.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None and (files is None or template.filename in files):
            found = (template.filename or "", template.get_corresponding_lineno(tb.tb_lineno))
        tb = tb.tb_next
    return found


__all__ = ["MAX_SECONDS", "MAX_TEMPLATE_BYTES", "MAX_WRITTEN", "Sandbox", "TemplateLoader", "TemplateProblem",
           "names_used", "render"]
