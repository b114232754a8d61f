"""The terminal view: findings grouped by dimension, then the maturity summary."""

from __future__ import annotations

import bisect
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from digimandate.audit.result import AuditResult, Finding, severities
from digimandate.audit.specs import RuleSet
from digimandate.i18n import Lang, counted, t
from digimandate.render.formats import PLAIN, Screen
from digimandate.render.levels import dimension_reason, evidence_text, level_text, maturity_line, score_text
from digimandate.textsafe import one_line

STYLES = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}


Segment = tuple[str, str]  # text and rich style ("" for none)
MIN_WIDTH = 80


@dataclass
class Line:
    """One logical line: styled segments, and how far a wrapped continuation is indented."""

    parts: list[Segment]
    hang: int = 4

    @property
    def text(self) -> str:
        """The line without styles."""
        return "".join(p for p, _ in self.parts)


def render(result: AuditResult, rules: RuleSet, lang: Lang, color: bool = False, width: int | None = None) -> str:
    """Render for a person at a terminal; with ``color`` through rich, else as plain text.

    With ``width`` (a terminal's, at least 80 columns) long lines wrap between words; without
    it every finding stays on one line, as tools that read the output line by line expect.
    """
    if not color:
        return "".join(chunks(result, rules, lang, width))
    lines: Iterable[Line] = _lines(result, rules, lang)
    if width is not None:
        lines = [part for line in lines for part in wrap(line, max(width, MIN_WIDTH))]
    from rich.console import Console
    from rich.markup import escape

    markup = "".join("".join(f"[{style}]{escape(text)}[/]" if style else escape(text) for text, style in line.parts)
                     + "\n" for line in lines)
    buf = io.StringIO()
    # soft_wrap: the lines are wrapped already (or must not be); rich would break them again. No emoji codes:
    # a location "file.yaml:100:5" or a name ":smile:" is text, never a picture.
    console = Console(file=buf, force_terminal=True, width=max(width or 0, MIN_WIDTH), highlight=False,
                      soft_wrap=True, emoji=False)
    console.print(markup, end="")
    return buf.getvalue()


def chunks(result: AuditResult, rules: RuleSet, lang: Lang, width: int | None = None) -> Iterator[str]:
    """The plain view (no colour) in pieces of a thousand lines, so that it is never whole in memory."""
    lines: Iterable[Line] = _lines(result, rules, lang)
    if width is not None:
        lines = (part for line in lines for part in wrap(line, max(width, MIN_WIDTH)))
    for batch in _batched(lines, 1000):
        yield "".join([line.text + "\n" for line in batch])


def _batched(lines: Iterable[Line], size: int) -> Iterator[list[Line]]:
    batch: list[Line] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write(results: Sequence[AuditResult], rules: RuleSet, lang_for: Callable[[AuditResult], Lang],
          screen: Screen = PLAIN) -> Iterator[str]:
    """Each result's view; after several, a line per organisation. Plain text is made as it is written."""
    for i, result in enumerate(results):
        if i:
            yield "\n"
        if screen.color:
            yield render(result, rules, lang_for(result), color=True, width=screen.width)
        else:
            yield from chunks(result, rules, lang_for(result), screen.width)
    if len(results) > 1:
        yield "\n" + summary_table(list(results), lang_for(results[0]))


def cell_width(text: str) -> int:
    """The columns ``text`` takes on a terminal: a CJK character or an emoji takes two, a combining mark none."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len  # only for text beyond ASCII

    return int(cell_len(text))


def ljust_cells(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(width - cell_width(text), 0)


def _columns(text: str) -> list[int]:
    """The terminal column at which each character of ``text`` starts, and the width of the whole at the end."""
    if text.isascii():
        return list(range(len(text) + 1))
    from rich.cells import get_character_cell_size

    out = [0]
    for ch in text:
        out.append(out[-1] + get_character_cell_size(ch))
    return out


def wrap(line: Line, width: int) -> list[Line]:
    """Break a line between words so that each part fits ``width`` columns; a longer word stays whole."""
    text = line.text
    cols = _columns(text)
    if cols[-1] <= width:
        return [line]
    indent = len(text) - len(text.lstrip(" "))
    cuts: list[tuple[int, int]] = []  # (end of one part, start of the next)
    start, room = 0, width
    while cols[-1] - cols[start] > room:
        limit = bisect.bisect_right(cols, cols[start] + room) - 1  # the last index that still fits
        space = text.rfind(" ", start + (indent if not cuts else 0) + 1, limit + 1)
        if space < 0:  # a word longer than the room: it overflows rather than breaks
            space = text.find(" ", limit)
            if space < 0:
                break
        nxt = space
        while nxt < len(text) and text[nxt] == " ":
            nxt += 1
        if nxt == len(text):
            break
        cuts.append((space, nxt))
        start, room = nxt, width - line.hang
    if not cuts:
        return [line]
    bounds = [(0, cuts[0][0])] + [(a[1], b[0]) for a, b in pairwise(cuts)] + [(cuts[-1][1], len(text))]
    out = []
    for i, (a, b) in enumerate(bounds):
        lead: list[Segment] = [(" " * line.hang, "")] if i else []
        out.append(Line(lead + _slice(line.parts, a, b), line.hang))
    return out


def _slice(parts: list[Segment], a: int, b: int) -> list[Segment]:
    """The styled segments covering characters ``a`` to ``b`` of the line."""
    out: list[Segment] = []
    pos = 0
    for text, style in parts:
        lo, hi = max(a, pos), min(b, pos + len(text))
        if lo < hi:
            out.append((text[lo - pos:hi - pos], style))
        pos += len(text)
    return out



def _finding(f: Finding, lang: Lang) -> Line:
    sev = t(f"sev_{f.severity}", lang)
    return Line([(f"  {one_line(str(f.location))}: ", ""), (f"[{sev}]", STYLES[f.severity]),
                 (f" {one_line(f.message(lang))} ", ""), (f"({f.rule} {f.name})", "dim")], hang=6)


def _plain(text: str, style: str = "", hang: int = 4) -> Line:
    # one_line: a name from the file must not start a line of its own (in a GitHub Actions log,
    # `::error ...` is a workflow command) nor reach the terminal as an ANSI escape
    return Line([(one_line(text), style)], hang)


def _lines(result: AuditResult, rs: RuleSet, lang: Lang) -> Iterator[Line]:
    """The view line by line, made as it is written."""
    m = result.maturity
    # folder audits print several organisations one after the other: each starts with its name
    yield _plain(t("term_org_header", lang, org=result.organisation_name, file=result.file), "bold")
    if result.config is not None:  # which settings judged these findings: never a configuration unseen
        yield _plain(t("term_config", lang, file=result.config), "dim")
    yield Line([])
    by_dimension: dict[str, list[Finding]] = {}  # in one pass: tens of thousands of findings, not one per dimension
    meta: list[Finding] = []
    for f in result.findings:
        rule = f.head
        if rule.kind == "meta":
            meta.append(f)
        else:
            by_dimension.setdefault(rule.dimension, []).append(f)
    for name, dim in rs.dimensions.items():
        findings = by_dimension.get(name)
        if not findings:
            continue
        ds = m.dimensions.get(name)
        head = f"{dim.title.get(lang)} ({name})"
        if ds is not None:
            head += (f" · {t('term_level', lang)} {level_text(ds.level, lang)}"
                     f" · {t('term_score', lang)} {score_text(ds.score, lang)}")
        yield _plain(head, "bold underline")
        yield from (_finding(f, lang) for f in findings)
        yield Line([])
    if meta:
        yield _plain(t("term_waiver_findings", lang), "bold underline")
        yield from (_finding(f, lang) for f in meta)
        yield Line([])
    if result.waived:
        yield _plain(t("term_waived", lang, count=len(result.waived)), "bold underline")
        for w in result.waived:
            f = w.finding
            yield _plain(f"  {f.location}: {f.message(lang)} ({f.rule})", "dim", hang=6)
            yield _plain("    " + t("term_waiver_terms", lang, reason=w.reason, owner=w.owner,
                                         expires=w.expires.isoformat(), justification=w.justification), "dim",
                              hang=6)
        yield Line([])
    if result.baseline_used:
        yield _plain(t("term_baseline", lang, count=counted(len(result.baselined), "noun_finding", lang)), "bold")
        for e in result.baseline_fixed:
            yield _plain("  " + t("term_baseline_fixed", lang, rule=e.rule, entity=e.entity), "green", hang=6)
        yield Line([])
    for o in result.errors:
        yield _plain(t("term_rule_error", lang, rule=o.rule, error=o.error or ""), "bold red")
        yield Line([])
    yield _plain(one_line(maturity_line(result, lang, score_text(m.score, lang))), "bold")
    yield _plain("  " + evidence_text(m.evidence, lang), "dim")
    yield from _dimension_rows(result, rs, lang)
    count = len(result.findings)
    if count == 0:
        summary = t("term_no_findings", lang)
    else:
        summary = counted(count, "noun_finding", lang)
    parts = []
    by_severity = severities(result.findings)
    for sev in ("critical", "high", "medium", "low", "info"):
        n = by_severity[sev]
        if n:
            parts.append(f"{t('sev_' + sev, lang)} {n}")
    if parts:
        summary += " (" + ", ".join(parts) + ")"
    yield _plain(summary)
    if result.not_applicable:
        yield _plain(t("term_not_applicable", lang, rules=", ".join(result.not_applicable)), "dim")
    disabled = [o.rule for o in result.outcomes if o.status == "disabled"]
    if disabled:
        yield _plain(t("term_disabled", lang, rules=", ".join(disabled)), "dim")


def _dimension_rows(result: AuditResult, rs: RuleSet, lang: Lang) -> list[Line]:
    """The summary per dimension, in columns that stay aligned whatever a score reads ("n.v.t.")."""
    m = result.maturity
    labels = {name: one_line(dim.title.get(lang)) for name, dim in rs.dimensions.items()
              if name in m.dimensions}
    pad = max((cell_width(v) for v in labels.values()), default=10)
    scores = {name: score_text(m.dimensions[name].score, lang) for name in labels}
    score_pad = max([5, *(len(v) for v in scores.values())])
    rows = []
    for name, label in labels.items():
        ds = m.dimensions[name]
        if ds.blocking and ds.level is not None:
            nxt = t("term_next", lang, level=ds.level + 1, rules=", ".join(ds.blocking))
        elif ds.level == 5:
            nxt = t("term_top", lang)
        else:
            nxt = dimension_reason(ds, lang)
        color = ("dim" if ds.level is None else "green" if ds.level >= 4 else "yellow" if ds.level == 3
                 else "red")
        score = f"  {t('term_score', lang)} {scores[name]:>{score_pad}}  "
        head = f"  {ljust_cells(label, pad)}  "
        level = f"{t('term_level', lang)} {level_text(ds.level, lang)}"
        # a wrapped list of blocking rules continues under the start of that list
        rows.append(Line([(head, ""), (level, color), (score, ""), (nxt, "")],
                         hang=cell_width(head) + cell_width(level) + cell_width(score)))
    return rows


def summary_table(results: list[AuditResult], lang: Lang) -> str:
    """One line per organisation: level and findings by severity."""
    order = ("critical", "high", "medium", "low", "info")
    head = [t("sum_organisation", lang), t("term_level", lang), *(t(f"sev_{s}", lang) for s in order),
            t("sum_file", lang)]
    rows = [head]
    for r in results:
        found = severities(r.findings)
        counts = [str(found[s]) for s in order]
        rows.append([one_line(r.organisation_name), level_text(r.maturity.level, lang), *counts, one_line(r.file)])
    widths = [max(cell_width(row[i]) for row in rows) for i in range(len(head))]
    lines = [t("sum_title", lang, count=counted(len(results), "noun_organisation", lang))]
    for row in rows:
        cells = [ljust_cells(row[0], widths[0])] + [" " * (w - cell_width(c)) + c
                                                    for c, w in zip(row[1:-1], widths[1:-1], strict=True)]
        lines.append("  " + "  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"
