"""JUnit XML for GitLab, Jenkins and Azure: one test case per rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from xml.etree import ElementTree as ET

from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.i18n import Lang, counted, t
from digimandate.render.formats import PLAIN, Screen
from digimandate.textsafe import one_line


def render(result: AuditResult, rules: RuleSet, lang: Lang) -> str:
    """Render the result as a JUnit XML report."""
    # Every value passes one_line: XML 1.0 cannot hold most control characters at all (a parser
    # refuses the file), and a line break in a name would start a line of its own in the report.
    suite = ET.Element("testsuite", name=one_line(f"digimandate: {result.organisation_name}"))
    if result.config is not None:  # the configuration these cases were judged with
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="config", value=one_line(result.config))
    tests = failures = errors = skipped = 0
    waived_by_rule: dict[str, int] = {}
    for w in result.waived:
        waived_by_rule[w.finding.rule] = waived_by_rule.get(w.finding.rule, 0) + 1
    active = {f.rule: [] for f in result.findings}  # type: dict[str, list[str]]
    for f in result.findings:
        severity = t("sev_" + f.severity, lang)  # in the language of the message beside it
        active[f.rule].append(one_line(f"{f.location}: [{severity}] {f.message(lang)} ({f.entity})"))
    for outcome in result.outcomes:
        rule = rules.rules[outcome.rule]
        spec = rule.spec
        case = ET.SubElement(suite, "testcase", classname=f"digimandate.{spec.dimension}",
                             name=f"{spec.id} {spec.name}", file=one_line(result.file))
        tests += 1
        lines = active.get(spec.id, [])
        if outcome.status == "error":
            errors += 1
            ET.SubElement(case, "error", message=one_line(t("term_rule_error", lang, rule=spec.id,
                                                            error=outcome.error or "")),
                          type="internal")
        elif lines:
            failures += 1
            failure = ET.SubElement(case, "failure", message=one_line(f"{spec.title.get(lang)} ({len(lines)})"),
                                    type=rule.severity)
            failure.text = "\n".join(lines)
        elif outcome.status in ("not_applicable", "disabled"):
            skipped += 1
            key = "junit_not_applicable" if outcome.status == "not_applicable" else "doc_disabled"
            ET.SubElement(case, "skipped", message=t(key, lang))
        if spec.id in waived_by_rule:
            out = ET.SubElement(case, "system-out")
            out.text = t("junit_waived", lang, count=counted(waived_by_rule[spec.id], "noun_finding", lang))
    for f in result.findings:
        if f.kind == "meta":
            tests += 1
            failures += 1
            case = ET.SubElement(suite, "testcase", classname=f"digimandate.{f.dimension}",
                                 name=one_line(f"{f.rule} {f.entity}"), file=one_line(f.location.file))
            failure = ET.SubElement(case, "failure", message=one_line(f.message(lang)), type=f.severity)
            failure.text = one_line(f"{f.location}: {f.message(lang)}")
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    root = ET.Element("testsuites", name="digimandate", tests=str(tests), failures=str(failures),
                      errors=str(errors), skipped=str(skipped))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write(results: Sequence[AuditResult], rules: RuleSet, lang_for: Callable[[AuditResult], Lang],
          screen: Screen = PLAIN) -> Iterator[str]:
    """One JUnit report, with a suite per result."""
    if len(results) == 1:
        yield render(results[0], rules, lang_for(results[0]))
    else:
        yield combine([render(r, rules, lang_for(r)) for r in results])


def combine(documents: list[str]) -> str:
    """Merge single-organisation reports into one ``testsuites`` element."""
    root = ET.Element("testsuites", name="digimandate")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for doc in documents:
        for suite in ET.fromstring(doc.split("\n", 1)[1]):
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
