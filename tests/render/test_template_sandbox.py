"""One's own template (`--template`) renders in a sandbox: no code, bounded in size and time, every failure located."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.render import sandbox
from tests.conftest import EXAMPLES

TPL = "tpl/report.md.j2"
UNSAFE = ("a template reads the values the document passes in; it cannot reach names that start with _, "
          "change a list or dictionary, or run Python")
UNDEFINED = "fix the template; a `{{ name }}` must be one of the names the document passes in"
VALUE = "a template makes no text, list or number that large; check the numbers on this line"
DEEP = "a template that includes itself or a macro that calls itself never ends; otherwise nest less deeply"
FAILED = "fix the expression on this line"
# Every attempt at code writes this file if it gets through.
TOUCH = "os.popen('touch MARK').read()"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    return CliRunner()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder: an organisation file and an empty template folder."""
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "org.yaml")
    (tmp_path / "tpl").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def render(runner: CliRunner, text: str | bytes, kind: str = "report", lang: str = "en") -> Result:
    """Write the template and make the document with it."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    Path("tpl", f"{kind}.md.j2").write_bytes(data)
    return runner.invoke(app, [kind, "org.yaml", "--template", "tpl", "--lang", lang])


def refused(result: Result, where: str, message: str, hint: str) -> None:
    """Exit 2 with the one located message, no document, and nothing run."""
    assert result.exit_code == 2, result.output
    assert result.stderr == f"{where}: error: {message}\n  hint: {hint}\n"
    assert result.stdout == ""
    assert not Path("MARK").exists()


def test_a_template_renders_with_what_it_may_use(runner: CliRunner, work: Path) -> None:
    text = ("# {{ tx('report_title', org=org) }}\n"
            "{% set ns = namespace(count=0) %}{% for d in dimensions %}{% set ns.count = ns.count + 1 %}{% endfor %}"
            "{{ ns.count }} {{ range(3)|join(',') }} {{ '%s-%s'|format(1, 2) }} {{ '{}/{}'.format(3, 4) }} "
            "{{ 'a' ~ 'b' * 2 }} {{ [1] + [2] }} {{ 2 ** 10 }} {{ 'x'|center(5)|replace(' ', '.') }}|"
            "{% for x in 'ab' %}{{ loop.cycle('o', 'e') }}{% endfor %} {{ level_name|upper }} {{ org|reverse }}\n")
    result = render(runner, text)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("# Advice report on digital service delivery: Gemeente Dijkveld\n"
                             "6 0,1,2 1-2 3/4 abb \\[1, 2\\] 1024 ..x..|oe AD HOC dlevkjiD etneemeG\n")


def test_a_template_reads_every_value_it_or_a_template_it_names_uses(runner: CliRunner, work: Path) -> None:
    # a document computes only the values its templates read: those read in an included template too, and all of
    # them where a template is named by an expression
    Path("tpl/part.j2").write_text("{{ actions|length }} {{ appendix|length }} {{ changed|length }} "
                                   "{{ document.title }}\n", encoding="utf-8")
    Path("tpl/late.j2").write_text("{{ jobs|length }} {{ ranked|length }}\n", encoding="utf-8")
    result = render(runner, "{% include 'part.j2' %}")
    assert (result.exit_code, result.stdout) == (0, "5 53 0 Advice report: Gemeente Dijkveld\n"), result.output
    result = render(runner, "{% include 'part.j2' %}{% set late = 'late.j2' %}{% include late %}")
    # 15 ranked actions: B007's is folded into B002's, M015's into M001's
    assert (result.exit_code, result.stdout) == (0, "5 53 0 Advice report: Gemeente Dijkveld\n1 15\n"), result.output
    Path("tpl/m.j2").write_text("{{ decisions|length }} {{ facts|length }} {{ recommendations|length }} "
                                "{{ status }} {{ document.title }}\n", encoding="utf-8")
    result = render(runner, "{% import 'm.j2' as m with context %}{% include 'm.j2' %}", kind="memo")
    assert (result.exit_code, result.stdout) == (0, "6 11 5 for decision Memo to the management team\n"), result.output


# Attempts at running code or reaching Python's internals; each line writes MARK if it gets through.
ESCAPES = [
    ("{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}", "'cycler' is undefined", UNDEFINED),
    ("{{ joiner.__init__.__globals__.os.popen('touch MARK').read() }}", "'joiner' is undefined", UNDEFINED),
    ("{{ lipsum.__globals__['os'].popen('touch MARK').read() }}", "'lipsum' is undefined", UNDEFINED),
    (f"{{{{ namespace.__init__.__globals__.os.{TOUCH} }}}}",
     "access to attribute '__init__' of 'type' object is unsafe.", UNSAFE),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "access to attribute '__class__' of 'str' object is unsafe.", UNSAFE),
    ("{{ ''['__class__'] }}", "access to attribute '__class__' of 'str' object is unsafe.", UNSAFE),
    ("{{ (''|attr('__class__')).__base__ }}", "access to attribute '__class__' of 'str' object is unsafe.", UNSAFE),
    ("{{ '{0.__class__.__base__.__subclasses__}'.format('') }}",
     "access to attribute '__class__' of 'str' object is unsafe.", UNSAFE),
    ("{{ tx.__call__.__globals__['__builtins__']['__import__']('os').system('touch MARK') }}",
     "access to attribute '__call__' of 'Texts' object is unsafe.", UNSAFE),
    ("{{ tx.__dict__ }}", "access to attribute '__dict__' of 'Texts' object is unsafe.", UNSAFE),
    ("{{ finding_message.__globals__['__builtins__'] }}",
     "access to attribute '__globals__' of 'function' object is unsafe.", UNSAFE),
    ("{{ range.__globals__['os'] }}", "access to attribute '__globals__' of 'function' object is unsafe.", UNSAFE),
    ("{{ (dimensions|map('string')).gi_frame.f_globals }}",
     "access to attribute 'gi_frame' of 'generator' object is unsafe.", UNSAFE),
    ("{{ self.__init__.__globals__ }}", "access to attribute '__init__' of 'TemplateReference' object is unsafe.",
     UNSAFE),
    ("{% for d in dimensions %}{{ loop._iterator }}{% endfor %}",
     "access to attribute '_iterator' of 'LoopContext' object is unsafe.", UNSAFE),
    ("{{ dimensions.append(1) }}", "access to attribute 'append' of 'list' object is unsafe.", UNSAFE),
    ("{{ dimensions.clear() }}", "access to attribute 'clear' of 'list' object is unsafe.", UNSAFE),
    ("{% set last = dimensions.pop() %}", "access to attribute 'pop' of 'list' object is unsafe.", UNSAFE),
    ("{{ dimensions[0].update({'name': 'x'}) }}", "access to attribute 'update' of 'dict' object is unsafe.",
     UNSAFE),
    ("{{ dimensions[0].findings.clear() }}", "access to attribute 'clear' of 'list' object is unsafe.", UNSAFE),
]


@pytest.mark.parametrize(("line", "problem", "hint"), ESCAPES, ids=[e[0][:40] for e in ESCAPES])
def test_no_way_out_of_the_sandbox(runner: CliRunner, work: Path, line: str, problem: str, hint: str) -> None:
    result = render(runner, f"# {{{{ org }}}}\n\n{line}\n")
    message = ("the template uses something that is not there: " if hint == UNDEFINED
               else "a template may not do this: ") + problem
    refused(result, f"{TPL}:3:1", message, hint)


def test_the_messages_are_in_the_run_s_language(runner: CliRunner, work: Path) -> None:
    result = render(runner, "{{ dimensions.append(1) }}\n", kind="memo", lang="nl")
    assert result.exit_code == 2
    assert result.stderr == (
        "tpl/memo.md.j2:1:1: fout: dit mag een sjabloon niet: access to attribute 'append' of 'list' object is "
        "unsafe.\n  tip: een sjabloon leest de waarden die het document meegeeft; het komt niet bij namen die met _ "
        "beginnen, verandert geen lijst of woordenboek en voert geen Python uit\n")


TEXT = f"this would make a text of more than {sandbox.MAX_TEXT} characters"
LIST = f"this would make a list or loop of more than {sandbox.MAX_ITEMS} items"
# Each would take minutes or gigabytes if it ran; each is refused before it starts.
TOO_LARGE = [
    ("{{ range(10**9)|list|length }}", f"this would make a list or loop of more than {sandbox.MAX_RANGE} items"),
    ("{% for i in range(10**100) %}{% endfor %}", f"this would make a list or loop of more than {sandbox.MAX_RANGE} items"),
    ("{{ 'x' * 10**9 }}", TEXT),
    ("{{ 10**9 * org }}", TEXT),
    ("{{ [0] * 10**9 }}", LIST),
    ("{{ 2 ** (10**9) }}", f"this would make a number of more than {sandbox.MAX_DIGITS} digits"),
    ("{{ 7 ** 4000 * 7 ** 4000 }}", f"this would make a number of more than {sandbox.MAX_DIGITS} digits"),
    ("{{ '%*d' % (10**9, 1) }}", TEXT),
    ("{{ '%.999999999f' % 1.5 }}", TEXT),
    ("{{ '%s' * 1000 % ((org * 100000,) * 1000) }}", TEXT),
    ("{{ '{:>999999999}'.format(1) }}", TEXT),
    ("{{ '{:.999999999f}'.format(1.5) }}", TEXT),
    ("{{ '{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}'.format(org * 2000000) }}", TEXT),
    ("{{ '%s'|format(org * 100) }}{{ '%999999999s'|format(1) }}", TEXT),
    ("{{ org.center(10**9) }}", TEXT),
    ("{{ (1).to_bytes(10**9, 'big') }}", TEXT),
    ("{{ ('x' * 10**6).replace('x', 'y' * 30) }}", TEXT),
    ("{{ ('\\t' * 10**6).expandtabs(100) }}", TEXT),
    ("{{ ('y' * 1000).join(range(30000)|map('string')) }}", TEXT),
    ("{{ 'x'|center(10**9) }}", TEXT),
    ("{{ ('x' * 10**6)|replace('x', 'y' * 30) }}", TEXT),
    ("{{ ('a\\n' * 10**6)|indent(100) }}", TEXT),
    ("{{ range(100000)|join('y' * 1000) }}", TEXT),
    ("{{ dimensions|join('y' * 10**7, attribute='name') }}", TEXT),
    ("{{ [1]|batch(10**8, 'x')|list }}", LIST),
    ("{{ [1]|slice(10**8, 'x')|list }}", LIST),
    ("{{ (org * 10**6)|list|length }}", LIST),
    ("{{ (org * 10**5)|select|sort|length }}", LIST),
    ("{{ (org * 10**5)|select|reverse|first }}", LIST),
    ("{{ (org * 10**5)|slice(2)|first|length }}", LIST),
    ("{{ ('a b ' * 10**6).split()|length }}", LIST),
    ("{{ ('a\\n' * 10**6).splitlines()|length }}", LIST),
    ("{% set l = range(100000)|list %}{{ (l + l + l + l + l + l + l + l + l + l + l)|length }}", LIST),
    ("{% set a = 'x' * 10**7 %}{% set b = a ~ a ~ a %}", TEXT),
    ("{% macro twice(s, n) %}{% if n %}{{ twice(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ twice('x', 40) }}", TEXT),
]


@pytest.mark.parametrize(("line", "problem"), TOO_LARGE, ids=[t[0][:40] for t in TOO_LARGE])
def test_nothing_grows_past_its_limit(runner: CliRunner, work: Path, line: str, problem: str) -> None:
    refused(render(runner, f"# {{{{ org }}}}\n{line}\n"), f"{TPL}:2:1", problem, VALUE)


def test_a_loop_takes_so_many_steps(runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_ITEMS", 1000)
    # loop.length lists every step first
    refused(render(runner, "# {{ org }}\n{% for c in org * 100 %}{{ loop.length if loop.first }}{% endfor %}\n"),
            f"{TPL}:2:1", "this would make a list or loop of more than 1000 items", VALUE)


def test_sum_adds_numbers_only(runner: CliRunner, work: Path) -> None:
    # sum(start=[]) adds lists one by one, each time copying all before: quadratic, in one call
    refused(render(runner, "{{ (range(1000)|batch(1)|list)|sum(start=[]) }}\n"), f"{TPL}:1:1",
            "sum adds up numbers only", "put lists together in a for loop")


def test_only_encodings_written_in_c(runner: CliRunner, work: Path) -> None:
    # punycode is Python and quadratic: 32,000 characters take 50 s in one call
    refused(render(runner, "{{ org.encode('utf8') }}\n{{ (org * 10000).encode('punycode') }}\n"), f"{TPL}:2:1",
            "a template encodes only as UTF-8, UTF-16, UTF-32, ASCII, Latin-1 or cp1252, not as punycode",
            "a Markdown document needs no other encoding; leave this encode() or decode() out")
    result = render(runner, "{{ org.encode('Latin-1').decode(encoding='CP1252') }}\n")
    assert result.stdout == "Gemeente Dijkveld\n"


def test_a_template_may_write_so_much(runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_WRITTEN", 100_000)
    # inside a macro nothing reaches the document until the macro ends: the budget counts it as written
    text = ("# {{ org }}\n{% macro m() %}{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endmacro %}\n"
            "{{ m() }}\n")
    refused(render(runner, text), f"{TPL}:2:1", "the template writes more than 100000 characters",
            "look for a loop or macro that writes without end; what macros and blocks write counts too")


def test_a_template_may_build_so_much(runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_BUILT", 1_000_000)
    # each value is small enough, and each is kept: together they are not
    text = "# {{ org }}\n" + "".join(f"{{% set v{i} = 'x' * 100000 %}}" for i in range(9)) + "\n{% set last = org * 10000 %}\n"
    refused(render(runner, text), f"{TPL}:3:1", "the template builds more than 1000000 bytes of texts and lists in all",
            "look for a loop or macro that builds ever larger values, or keeps many large values with set")


def test_a_template_may_run_so_long(runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.2)
    # loops that write nothing: the clock ticks at every step
    text = "# {{ org }}\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    refused(render(runner, text), f"{TPL}:3:1", "the template runs longer than 0.2 seconds",
            "look for loops within loops or a macro that calls itself; a document may take at most 0.2 seconds")


def test_a_macro_without_end_is_stopped_by_the_clock(runner: CliRunner, work: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.2)
    # 2**60 calls, never deeper than 60: no recursion limit stops it
    text = "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(60) }}\n"
    refused(render(runner, text), f"{TPL}:1:1", "the template runs longer than 0.2 seconds",
            "look for loops within loops or a macro that calls itself; a document may take at most 0.2 seconds")


DEEP_CASES = [
    ("a\n{% include 'report.md.j2' %}\n", 2),
    ("a\n{% extends 'report.md.j2' %}\n", 2),
    ("{% macro m() %}\n{{ m() }}\n{% endmacro %}\n{{ m() }}\n", 2),
    ("{% for x in dimensions recursive %}\n{{ loop(dimensions) }}\n{% endfor %}\n", 2),
    ("a\nb\n{{ " + "(" * 300 + "1" + ")" * 300 + " }}\n", 3),  # the parser
    ("a\n\n{{ " + " + ".join(["1"] * 3000) + " }}\n", 3),  # the code generator
    ("a\nb\nc\n" + "\n".join(f"{{% for a{i} in [1] %}}" for i in range(25)) + "{% endfor %}" * 25 + "\n", 24),  # Python
]


@pytest.mark.parametrize(("text", "line"), DEEP_CASES, ids=["include", "extends", "macro", "loop", "brackets",
                                                            "sum", "for"])
def test_what_nests_without_end_is_located(runner: CliRunner, work: Path, text: str, line: int) -> None:
    refused(render(runner, text), f"{TPL}:{line}:1", "templates, macros or brackets nest too deeply here", DEEP)


def test_a_failing_expression_is_located(runner: CliRunner, work: Path) -> None:
    refused(render(runner, "# {{ org }}\n\n{{ 1 / 0 }}\n"), f"{TPL}:3:1",
            "the template fails here: ZeroDivisionError: division by zero", FAILED)
    refused(render(runner, "{{ finding_message(dimensions[0]) }}\n"), f"{TPL}:1:1",
            "the template fails here: AttributeError: 'dict' object has no attribute 'message'", FAILED)


def test_a_failure_in_an_included_template_is_located_there(runner: CliRunner, work: Path) -> None:
    Path("tpl/parts").mkdir()
    Path("tpl/parts/level.j2").write_text("level {{ level }}\n\n{{ 10 // 0 }}\n", encoding="utf-8")
    refused(render(runner, "# {{ org }}\n{% include 'parts/level.j2' %}\n"), "tpl/parts/level.j2:3:1",
            "the template fails here: ZeroDivisionError: integer division or modulo by zero", FAILED)


def test_texts_of_the_catalogue(runner: CliRunner, work: Path) -> None:
    refused(render(runner, "# {{ org }}\n{{ tx('report_titel', org=org) }}\n"), f"{TPL}:2:1",
            "tx('report_titel'): no such text in the catalogue",
            "the texts are in digimandate/texts/*.json, those of the documents in templates.json; check the spelling")
    refused(render(runner, "{{ tx('report_title', organisation=org) }}\n"), f"{TPL}:1:1",
            "tx('report_title') needs a value for org", "pass it: tx('report_title', org=...)")


def test_syntax_and_names(runner: CliRunner, work: Path) -> None:
    refused(render(runner, "# {{ org }}\n{% if level %}\n"), f"{TPL}:2:1",
            "the template cannot be parsed: Unexpected end of template. Jinja was looking for the following tags: "
            "'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
            "check the Jinja2 syntax on this line: every tag and expression closed, every block ended")
    refused(render(runner, "# {{ org }}\n{{ organisatie }}\n"), f"{TPL}:2:1",
            "the template uses something that is not there: 'organisatie' is undefined", UNDEFINED)
    for left_out in sandbox.LEFT_OUT_FILTERS:
        refused(render(runner, f"{{{{ org|{left_out} }}}}\n"), f"{TPL}:1:1", "the template cannot be parsed: No filter "
                f"named '{left_out}'.",
                "check the Jinja2 syntax on this line: every tag and expression closed, every block ended")


def test_an_include_names_a_file_in_the_folder(runner: CliRunner, work: Path) -> None:
    hint = "put {name} in the --template folder; an include names a file relative to that folder"
    refused(render(runner, "a\n{% include 'parts/none.j2' %}\n"), f"{TPL}:2:1",
            "there is no template parts/none.j2", hint.format(name="parts/none.j2"))
    refused(render(runner, "a\n{% include '../org.yaml' %}\n"), f"{TPL}:2:1",
            "there is no template ../org.yaml", hint.format(name="../org.yaml"))


def test_a_template_file_is_read_as_every_input(runner: CliRunner, work: Path) -> None:
    refused(render(runner, "# Organisatie {{ org }}\nNiveau: {{ level }}, café\n".encode("latin-1")),
            f"{TPL}:2:25", "the file is not valid UTF-8 (byte 0xe9 cannot be decoded)",
            "save the file as UTF-8 in your editor")
    Path("tpl/part.j2").write_bytes(b"caf\xe9\n")
    refused(render(runner, "{% include 'part.j2' %}\n"), "tpl/part.j2:1:4",
            "the file is not valid UTF-8 (byte 0xe9 cannot be decoded)", "save the file as UTF-8 in your editor")
    limit = sandbox.MAX_TEMPLATE_BYTES
    refused(render(runner, "x" * (limit + 1)), f"{TPL}:1:1",
            f"file is {limit + 1} bytes, more than the limit of {limit} bytes",
            "--max-bytes is for organisation files; this file has a fixed limit, so make it smaller")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX matter")
def test_a_template_that_is_a_pipe_is_refused_without_waiting(runner: CliRunner, work: Path) -> None:
    os.mkfifo("tpl/report.md.j2")  # no writer: reading it would wait for ever
    result = runner.invoke(app, ["report", "org.yaml", "--template", "tpl", "--lang", "en"])
    refused(result, f"{TPL}:1:1", "is not a regular file (but a device, pipe or socket)",
            "name a regular file; to read from a pipe, use - for standard input")
    os.remove("tpl/report.md.j2")
    os.mkfifo("tpl/part.j2")
    refused(render(runner, "{% include 'part.j2' %}\n"), "tpl/part.j2:1:1",
            "is not a regular file (but a device, pipe or socket)",
            "name a regular file; to read from a pipe, use - for standard input")


@pytest.mark.skipif(sys.platform == "win32" or not Path("/dev/zero").exists(), reason="needs /dev/zero and links")
def test_a_link_out_of_the_folder_is_refused(runner: CliRunner, work: Path) -> None:
    hint = "copy the file into the folder instead of linking to it"
    os.symlink("/dev/zero", "tpl/report.md.j2")  # endless zeros
    result = runner.invoke(app, ["report", "org.yaml", "--template", "tpl", "--lang", "en"])
    refused(result, f"{TPL}:1:1", "leads outside the template folder tpl", hint)
    os.remove("tpl/report.md.j2")
    os.symlink(work / "org.yaml", "tpl/part.j2")  # any file the user can read, written into the document
    refused(render(runner, "{% include 'part.j2' %}\n"), "tpl/part.j2:1:1", "leads outside the template folder tpl",
            hint)


def test_a_failing_built_in_template_is_a_bug_raised_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text("a\n{% if true %}\n{{ 1 // 0 }}\n{% endif %}\n", encoding="utf-8")
    env = sandbox.Sandbox(sandbox.TemplateLoader([tmp_path]), {})
    with pytest.raises(ZeroDivisionError) as info:
        sandbox.render(env, "t.md.j2", {}, builtin=True)
    assert info.value.__notes__ == [f"in template {tmp_path / 't.md.j2'}, line 3"]


def test_a_recursion_a_thousand_templates_deep_is_located_without_rewriting_each_frame(
        runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # jinja2 would compile a fake frame for every template frame of the traceback; the sandbox reads the frames
    rewritten: list[object] = []
    monkeypatch.setattr("jinja2.debug.fake_traceback", lambda *args: rewritten.append(args))
    refused(render(runner, "a\n{% include 'report.md.j2' %}\n"), f"{TPL}:2:1",
            "templates, macros or brackets nest too deeply here", DEEP)
    assert rewritten == []
