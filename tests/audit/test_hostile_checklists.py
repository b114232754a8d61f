"""Hostile checklists: every one ends with exit 2 and a located message, never a traceback or a hang.

Each runs `digimandate check` on the small example with a checklist of its own, and takes less than
a second of CPU: the query budget stops an exponential query after about a quarter of a million steps.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from digimandate.audit import budget
from digimandate.cli.app import app
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-municipality.yaml"
# One rule; its check stands on lines 14 to 19. `scope` is `each: ...` or, to read the whole
# organisation and keep the lines where they are, `entity: organisation`.
CHECKLIST = """\
checklist: {{id: own, version: "1", title: {{nl: Eigen, en: Own}}}}
rules:
  - id: X001
    name: board.x
    dimension: board
    severity: low
    level: 3
    title: {{nl: T, en: T}}
    rationale: {{nl: R, en: R}}
    advice: {{nl: A, en: A}}
    sources: [{{ref: T16}}]
    messages:
      m: {{nl: "{nl}", en: "{en}"}}
    check:
      {scope}
      cases:
        - when: '{when}'
          message: m
{rest}"""
ROOT = "entity: organisation"
WHEN = "own.yaml:17:11: error: rules[0].check.cases[0].when: "


def checklist(when: str = "`true`", scope: str = ROOT, nl: str = "M", en: str = "M", rest: str = "") -> str:
    """A checklist with one rule whose case holds when ``when`` does (YAML single quotes doubled)."""
    return CHECKLIST.format(when=when.replace("'", "''"), scope=scope, nl=nl, en=en, rest=rest)


Run = Callable[..., Result]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    # The first command of a worker imports the CLI and loads the built-in checklist: not the checklist's time.
    CliRunner().invoke(app, ["check", str(SMALL), "--exit-zero"])


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.chdir(tmp_path)

    def invoke(text: str, lang: str = "en") -> Result:
        (tmp_path / "own.yaml").write_text(text, encoding="utf-8")
        times = []
        for _ in range(3):  # a busy machine (the rest of the suite) can slow one run: the fastest counts
            start = time.process_time()
            result = CliRunner().invoke(app, ["check", str(SMALL), "--checklist", "own.yaml", "--lang", lang])
            times.append(time.process_time() - start)
            if times[-1] < 5.0:  # a hang is what this catches: an exponential query took 13 s and more
                return result
        raise AssertionError(f"a hostile checklist must be refused within 5 s of CPU: {times}")

    yield invoke


def refused(result: Result) -> str:
    """The message of a run that must end with exit 2 and no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


DEEP = "the query nests deeper than 64 levels\n" \
       "  hint: every bracket and every operator, `!` or `*` in a row counts as a level; split the condition over " \
       "`where` and several `cases`\n"
# Each construct that makes jmespath's parser recurse or its syntax tree deeper: nested 100 times
# (too deep), and 10 times (a query like any other).
NESTING = {
    "parentheses": lambda n: "(" * n + "@" + ")" * n,
    "not": lambda n: "!" * n + "@",
    "or": lambda n: " || ".join(["@"] * n),
    "and": lambda n: " && ".join(["@"] * n),
    "pipe": lambda n: " | ".join(["@"] * n),
    "comparisons": lambda n: " == ".join(["@"] * n),
    "not in parentheses": lambda n: "!(" * n + "@" + ")" * n,
    "multi-select lists": lambda n: "[" * n + "@" + "]" * n,
    "multi-select objects": lambda n: "{a: " * n + "@" + "}" * n,
    "sub-expressions of lists": lambda n: "processes" + ".[name" * n + "]" * n,
    "projections": lambda n: "processes" + "[*]" * n,
    "value projections": lambda n: "organisation" + ".*" * n,
    "flattens": lambda n: "processes" + "[]" * n,
    "indexes": lambda n: "processes" + "[0]" * n,
    "slices": lambda n: "processes" + "[0:1]" * n,
    "filters in a row": lambda n: "processes" + "[?name]" * n,
    "filters in filters": lambda n: "processes[?" * n + "name" + "]" * n,
    "functions": lambda n: "not_null(" * n + "@" + ")" * n,
    "expression references": lambda n: "sort_by(processes, " + "& " * n + "name)",
    "literal arrays": lambda n: "`" + "[" * n + "]" * n + "`",
    "literal objects": lambda n: "`" + '{"a": ' * n + "1" + "}" * n + "`",
    "all operators in parentheses": lambda n: "(@ | @ || @ && @ == " * (n // 4) + "@" + ")" * (n // 4),
}


@pytest.mark.parametrize("name", sorted(NESTING))
def test_deep_nesting_is_refused_before_jmespath_parses_it(run: Run, name: str) -> None:
    assert refused(run(checklist(NESTING[name](100)))) == WHEN + DEEP


@pytest.mark.parametrize("name", sorted(set(NESTING) - {"expression references"}))  # `& &` takes no value
def test_moderate_nesting_is_a_query_like_any(run: Run, name: str) -> None:
    result = run(checklist(NESTING[name](10)))
    assert result.exit_code in (0, 1), result.output


def test_an_exponential_query_written_40_times_is_too_deep(run: Run) -> None:
    assert refused(run(checklist("@" + " | [@, @][]" * 40))) == WHEN + DEEP


TOO_LONG = "  hint: split the condition over `where` and several `cases`\n"


@pytest.mark.parametrize(("query", "length"), [
    ("(" * 4000 + "@" + ")" * 4000, 8001),
    ("!" * 3000 + "@", 3001),
    (" || ".join(["@"] * 20_000), 99_996),
    ("`" + "[" * 3000 + "]" * 3000 + "`", 6002),
    ("`[" + ", ".join(["1"] * 1000) + "]`", 3002),
    ("a" * 2001, 2001),
])
def test_a_long_query_is_refused_before_it_is_read(run: Run, query: str, length: int) -> None:
    assert refused(run(checklist(query))) == (
        WHEN + f"the query is {length} characters long, more than 2000\n" + TOO_LONG)


def test_a_query_of_the_longest_length_runs(run: Run) -> None:
    query = "organisation.name != '" + "x" * 1977 + "'"
    assert len(query) == 2000
    assert run(checklist(query)).exit_code == 1


PARAM = """\
    params:
      long: {{default: "{value}", description: {{nl: L, en: L}}}}
"""


def test_a_parameter_counts_in_the_length_of_its_query(run: Run) -> None:
    text = checklist("organisation.name == $long").replace("    check:\n", PARAM.format(value="x" * 1990) + "    check:\n")
    assert refused(run(text)) == (
        "own.yaml:19:11: error: rules[0].check.cases[0].when: the query is 2015 characters long, more than 2000\n"
        + TOO_LONG)


def test_a_parameter_used_a_thousand_times_is_measured_before_it_is_filled_in(run: Run) -> None:
    when = " || ".join(["$long"] * 300)
    text = checklist(when).replace("    check:\n", PARAM.format(value="x" * 100_000) + "    check:\n")
    assert refused(run(text)) == (
        "own.yaml:19:11: error: rules[0].check.cases[0].when: the query is 30002396 characters long, more than 2000\n"
        + TOO_LONG)


# The small example holds 24 entities, so each run of a rule has this budget (budget.py).
STEPS = budget.BASE_STEPS + budget.STEPS_PER_ENTITY * 24
SIZE = budget.BASE_SIZE + budget.SIZE_PER_ENTITY * 24

BUDGET_HINT = ("  hint: a query that repeats its input (`[@, @][]`) doubles its work with every repetition; "
               "look at each item once, with a projection (`[*]`) or a filter (`[?...]`)\n")
STEPS_OVER = f"the query of rule X001 takes more than {STEPS} steps on this organisation\n" + BUDGET_HINT
SIZE_OVER = f"the query of rule X001 makes a result of more than {SIZE} items on this organisation\n" + BUDGET_HINT


def nested(k: int, inner: str, outer: Callable[[str], str]) -> str:
    """``inner`` wrapped ``k`` times in ``outer``."""
    for _ in range(k):
        inner = outer(inner)
    return inner


TEN = "[" + ", ".join(["@"] * 10) + "]"
EXPONENTIAL = {
    # doubled 20 times: a million copies of the organisation
    "doubling": ("@" + " | [@, @][]" * 20, STEPS_OVER),
    # ten copies of each item, six times over
    "fan-out": ("@" + f" | {TEN}[]" * 6, SIZE_OVER),
    # small results, exponential time: each filter runs the next on eight items
    "nested filters": (nested(8, "`true`", lambda q: f"[@, @, @, @, @, @, @, @][?{q}]"), STEPS_OVER),
    # map() runs its expression reference in jmespath's interpreter, ten times per level
    "nested map": (nested(6, TEN, lambda q: f"map(&{q}, {TEN})"), STEPS_OVER),
    # shared lists: small in memory, exponential to write out
    "to_string of shared lists": ("to_string(@" + " | [@, @]" * 25 + ")", SIZE_OVER),
    "to_string of multi-select objects": ("to_string(@" + " | {a: @, b: @}" * 25 + ")", SIZE_OVER),
    # two trees built apart: exponential to compare item by item
    "equality of built trees": ("(@" + " | [@, @]" * 25 + ") == (@" + " | [@, @]" * 25 + ")", STEPS_OVER),
    "contains of a built tree": ("contains([@" + " | [@, @]" * 25 + "], @" + " | [@, @]" * 25 + ")", STEPS_OVER),
    "sort_by over a doubled list": ("sort_by(@" + " | [@, @][]" * 16 + " | [][][], &length(@))", STEPS_OVER),
    # a flatten inside a multi-select object runs in jmespath's interpreter: four times 2**15 items
    "flatten in the interpreter": ("@" + " | [@, @][]" * 15 + " | {x: [@, @, @, @][]}.x", SIZE_OVER),
    # and so do the expression references of functions, each visit four steps
    "map over a fan-out": ("map(&[@, @], @" + " | [@, @][]" * 16 + ")", STEPS_OVER),
}


@pytest.mark.parametrize("name", sorted(EXPONENTIAL))
def test_an_exponential_query_is_stopped_by_the_budget(run: Run, name: str) -> None:
    query, message = EXPONENTIAL[name]
    assert refused(run(checklist(query))) == WHEN + message


def test_the_budget_stops_an_exponential_each_at_its_key(run: Run) -> None:
    text = checklist(scope="each: '@" + f" | {TEN}[]" * 6 + "'")
    assert refused(run(text)) == "own.yaml:15:7: error: rules[0].check.each: " + SIZE_OVER


def test_the_budget_stops_a_message_argument_that_writes_out_shared_lists(run: Run) -> None:
    text = checklist(nl="M {x}", en="M {x}", rest="          args: {x: '@" + " | [@, @]" * 25 + "'}\n")
    assert refused(run(text)) == "own.yaml:19:18: error: rules[0].check.cases[0].args.x: " + STEPS_OVER


def test_the_budget_is_told_in_dutch(run: Run) -> None:
    assert refused(run(checklist("@" + f" | {TEN}[]" * 6), lang="nl")) == (
        "own.yaml:17:11: fout: rules[0].check.cases[0].when: de query van regel X001 maakt een resultaat van "
        f"meer dan {SIZE} onderdelen op deze organisatie\n"
        "  tip: een query die zijn invoer herhaalt (`[@, @][]`) verdubbelt zijn werk bij elke herhaling; bekijk elk "
        "onderdeel één keer, met een projectie (`[*]`) of een filter (`[?...]`)\n")


def test_a_query_that_works_hard_but_not_exponentially_runs(run: Run) -> None:
    # 2**12 copies of every product, for each product: well within the budget
    result = run(checklist("length(@" + " | [@, @][]" * 12 + ") > `4096`", scope="each: processes"))
    assert result.exit_code == 1, result.output  # the example's own findings
    assert "X001" not in result.output


def test_a_type_error_quotes_a_built_tree_cut_short(run: Run) -> None:
    assert refused(run(checklist("abs(@" + " | [@, @]" * 30 + ")"))) == (
        "own.yaml:14:5: error: the query of rule X001 fails on this organisation: In function abs(), invalid type "
        "for value: [[[[...], [...]], [[...], [...]]], [[[...], [...]], [[...], [...]]]], expected one of: "
        "['number'], received: \"array\"\n"
        "  hint: give each function the type it takes: age_days a date (YYYY-MM-DD) or null, length a text or list\n")


@pytest.mark.parametrize(("line", "value", "message"), [
    ("    level: 3\n", '    level: "3"\n', "7:12: error: rules[0].level: expected a whole number, found '3'\n"
     "  hint: write a value of the expected kind, e.g. 12\n"),
    ("    level: 3\n", "    level: 3.0\n", "7:12: error: rules[0].level: expected a whole number, found 3.0\n"
     "  hint: write a value of the expected kind, e.g. 12\n"),
    ("    level: 3\n", "    level: true\n", "7:12: error: rules[0].level: expected a whole number, found true\n"
     "  hint: write a value of the expected kind, e.g. 12\n"),
    ("    severity: low\n", "    severity: low\n    enabled: 1\n", "7:14: error: rules[0].enabled: expected true or "
     "false, found 1\n  hint: write a value of the expected kind, e.g. true\n"),
    ("    severity: low\n", "    severity: low\n    enabled: 'yes'\n", "7:14: error: rules[0].enabled: expected true or "
     "false, found 'yes'\n  hint: write a value of the expected kind, e.g. true\n"),
    ("    title: {nl: T, en: T}\n", "    title: {nl: 5, en: T}\n", "8:17: error: rules[0].title.nl: expected text, "
     'found 5\n  hint: write a value of the expected kind, e.g. "some text"\n'),
])
def test_checklist_fields_take_no_value_of_another_kind(run: Run, line: str, value: str, message: str) -> None:
    assert refused(run(checklist().replace(line, value))) == "own.yaml:" + message


def test_min_evidence_is_a_number_not_text(run: Run) -> None:
    text = checklist().replace('title: {nl: Eigen, en: Own}}', "title: {nl: Eigen, en: Own}, min_evidence: '0.5'}")
    assert refused(run(text)) == (
        "own.yaml:1:79: error: checklist.min_evidence: expected a number, found '0.5'\n"
        "  hint: write a value of the expected kind, e.g. 0.8\n")


OVERRIDE = 'checklist: {{id: own, version: "1", title: {{nl: Eigen, en: Own}}}}\noverrides:\n  {rule}: {{params: {{{param}: {value}}}}}\n'


def override(rule: str, param: str, value: str) -> str:
    return OVERRIDE.format(rule=rule, param=param, value=value)


@pytest.mark.parametrize(("rule", "param", "value", "message"), [
    ("F003", "min_digital_share", ".nan", "must be a finite number, found nan"),
    ("F003", "min_digital_share", ".inf", "must be a finite number, found inf"),
    ("F003", "min_digital_share", "-.inf", "must be a finite number, found -inf"),
    ("F003", "min_digital_share", "-5", "must lie between 0 and 1, found -5"),
    ("F003", "min_digital_share", "1.01", "must lie between 0 and 1, found 1.01"),
    ("M002", "min_coverage", "2", "must lie between 0 and 1, found 2"),
    ("M002", "min_coverage", "-0.1", "must lie between 0 and 1, found -0.1"),
    ("O004", "max_processes_per_owner", "0", "must lie between 1 and 100000, found 0"),
    ("J002", "min_mps", "1.0e+6", "must lie between 1 and 343, found 1000000.0"),
])
def test_a_parameter_out_of_range(run: Run, rule: str, param: str, value: str, message: str) -> None:
    at = len(f"  {rule}: {{params: {{") + 1
    low, high = message.split("between ")[1].split(",")[0].split(" and ") if "between" in message else ("0", "1")
    defaults = {"min_digital_share": "0.5", "min_coverage": "1.0", "max_processes_per_owner": "15", "min_mps": "100"}
    assert refused(run(override(rule, param, value))) == (
        f"own.yaml:3:{at}: error: overrides.{rule}.params.{param}: parameter `{param}` of rule {rule} {message}\n"
        f"  hint: `{param}` lies between {low} and {high}, both included; its default is {defaults[param]}\n")


@pytest.mark.parametrize("digits", [19, 300, 4300, 4301])
def test_a_parameter_with_more_digits_than_any_norm_needs(run: Run, digits: int) -> None:
    # the loader refuses it before the rule sees it: float() of it would overflow in the rule
    shown = "9" * min(digits, 40) + ("…" if digits > 40 else "")
    assert refused(run(override("F003", "min_digital_share", "9" * digits))) == (
        f"own.yaml:3:38: error: {shown} is too long a number\n"
        "  hint: no count, volume or year has that many digits; write the right number, or text in quotes\n")


@pytest.mark.parametrize(("param", "value", "message"), [
    ("max_other_duties", "2.5", "takes a whole number, found 2.5\n  hint: the default of `max_other_duties` is 2\n"),
    ("max_other_duties", "true", "takes int, found True\n  hint: the default of `max_other_duties` is 2\n"),
    ("min_fte", "'0.5'", "takes float, found '0.5'\n  hint: the default of `min_fte` is 0.5\n"),
])
def test_a_parameter_of_the_wrong_kind(run: Run, param: str, value: str, message: str) -> None:
    assert refused(run(override("M009", param, value))) == (
        f"own.yaml:3:19: error: overrides.M009.params.{param}: parameter `{param}` of rule M009 {message}")


USER_PARAM = """\
    params:
      share: {{default: {default}, description: {{nl: D, en: D}}{more}}}
"""


@pytest.mark.parametrize(("default", "more", "message"), [
    (".nan", ", min: 0, max: 1",
     "13:15: error: rules[0].params.share.default: parameter `share` of rule X001 must be a finite number, found nan\n"
     "  hint: `share` lies between 0 and 1, both included; its default is nan\n"),
    ("-5", ", min: 0", "13:15: error: rules[0].params.share.default: parameter `share` of rule X001 must lie between "
     "0 and 1000000000, found -5\n  hint: `share` lies between 0 and 1000000000, both included; its default is -5\n"),
    ("1.0e+300", "", "13:15: error: rules[0].params.share.default: parameter `share` of rule X001 must lie between "
     "-1000000000 and 1000000000, found 1e+300\n"
     "  hint: `share` lies between -1000000000 and 1000000000, both included; its default is 1e+300\n"),
    ("0.5", ", min: .nan", "13:58: error: rules[0].params.share.min: parameter `share` of rule X001 must be a finite "
     "number, found nan\n"),
    ("0.5", ", min: 1, max: 0", "13:58: error: rules[0].params.share.min: the lower bound 1 of parameter `share` of "
     "rule X001 lies above its upper bound 0\n"),
])
def test_a_parameter_of_a_rule_that_is_out_of_its_own_range(run: Run, default: str, more: str, message: str) -> None:
    text = checklist().replace("    messages:\n", USER_PARAM.format(default=default, more=more) + "    messages:\n")
    assert refused(run(text)) == "own.yaml:" + message


def test_min_coverage_is_a_share_in_any_rule(run: Run) -> None:
    text = checklist().replace("    messages:\n", USER_PARAM.replace("share", "min_coverage").format(
        default="3", more="") + "    messages:\n")
    assert refused(run(text)) == (
        "own.yaml:13:22: error: rules[0].params.min_coverage.default: parameter `min_coverage` of rule X001 must lie "
        "between 0 and 1, found 3\n  hint: `min_coverage` lies between 0 and 1, both included; its default is 3\n")


SECTIONS_HINT = ("  hint: the sections of an organisation: schema_version, include, organisation, governance, "
                 "departments, people, mandates, channels, systems, processes, sources\n")


@pytest.mark.parametrize(("scope", "when", "where", "message"), [
    ("each: procesess", "`true`", "15:7: error: rules[0].check.each",
     "the organisation has no section `procesess`\n  hint: did you mean `processes`?\n"),
    ("each: things[?owner == null]", "`true`", "15:7: error: rules[0].check.each",
     "the organisation has no section `things`\n" + SECTIONS_HINT),
    (ROOT, "length(mandaten) > `0`", "17:11: error: rules[0].check.cases[0].when",
     "the organisation has no section `mandaten`\n  hint: did you mean `mandates`?\n"),
    (ROOT, "governance.sponsor == null && !contains(keys(@), 'x') || proces", "17:11: error: rules[0].check.cases[0].when",
     "the organisation has no section `proces`\n  hint: did you mean `processes`?\n"),
])
def test_a_query_over_a_section_that_does_not_exist(run: Run, scope: str, when: str, where: str, message: str) -> None:
    assert refused(run(checklist(when, scope=scope))) == f"own.yaml:{where}: {message}"


def test_null_is_no_section(run: Run) -> None:
    result = run(checklist("governance == null"))
    assert result.exit_code == 1, result.output  # the example's own findings
    assert "X001" not in result.output


BRACE_HINT = ("  hint: a placeholder is a name in braces, such as {name}; a message cannot show a brace itself\n")


@pytest.mark.parametrize("message", ["Product {name", "Product name}", "Product { name }", "Product {1}", "{{name}}"])
def test_a_brace_that_is_no_placeholder(run: Run, message: str) -> None:
    text = checklist(scope="each: processes", nl="M", en=message)
    assert refused(run(text)) == (
        "own.yaml:13:20: error: rules[0].messages.m.en: message `m` of rule X001 has a `{` or `}` that opens or "
        "closes no placeholder\n" + BRACE_HINT)


def test_a_placeholder_no_finding_fills_in(run: Run) -> None:
    text = checklist(scope="each: processes", nl="Product {naam}", en="Product {nmae}")
    assert refused(run(text)) == (
        "own.yaml:13:11: error: rules[0].messages.m.nl: message `m` of rule X001 uses {naam}, which no finding fills "
        "in\n  hint: did you mean `name`?\n"
        "own.yaml:13:33: error: rules[0].messages.m.en: message `m` of rule X001 uses {nmae}, which no finding fills "
        "in\n  hint: did you mean `name`?\n")


def test_a_placeholder_of_a_query_over_the_whole_organisation(run: Run) -> None:
    text = checklist(nl="M {organisation}", en="M {organisation}")
    assert refused(run(text)).startswith(
        "own.yaml:13:11: error: rules[0].messages.m.nl: message `m` of rule X001 uses {organisation}, which no "
        "finding fills in\n  hint: this rule fills in: schema_version\n")


def test_a_message_fills_in_fields_parameters_and_arguments(run: Run) -> None:
    text = checklist(scope="each: processes[].intake[]", nl="{channel} {form} {name} {x} {_path}",
                     en="{lands_in} {id} {x}", rest="          args: {x: channel.name}\n")
    assert run(text).exit_code in (0, 1)


def test_a_message_in_dutch(run: Run) -> None:
    text = checklist(scope="each: processes", nl="Product {naam}", en="Product {name}")
    assert refused(run(text, lang="nl")) == (
        "own.yaml:13:11: fout: rules[0].messages.m.nl: bericht `m` van regel X001 gebruikt {naam}, dat geen bevinding "
        "invult\n  tip: bedoelde je `name`?\n")
