"""Report stages: a concept marked on every page; a definitief report with the bestuurlijke reactie and nawoord."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from digimandate.audit.result import AuditResult
from digimandate.errors import InputError, Location, problem
from digimandate.i18n import Lang, t
from digimandate.model.loader import Limits, Loaded, load_file
from digimandate.model.org import NAME_PATTERN, TEXT_PATTERN
from digimandate.model.validate import validate_model
from digimandate.reading import MAX_SMALL_BYTES, read_text
from digimandate.render.doc import fmt
from digimandate.render.doc.bevindingen import reaction_date
from digimandate.render.doc.common import after_promises, body_name
from digimandate.render.doc.model import Block, BoardDocument, Fields, Items, Para, Section, Table

StageName = Literal["concept", "definitief"]
DEFAULT_VERSION: dict[str, str] = {"concept": "0.1", "definitief": "1.0"}
MAX_NAWOORD_BYTES = 64 * 1024  # a nawoord is a page or two, never a second report
MAX_TEXT = 5000  # characters of one free text in a reactie
# the Dutch words of practice and their English equivalents, one meaning each
DECISIONS = {"overgenomen": "adopted", "deels": "partly", "niet": "rejected",
             "adopted": "adopted", "partly": "partly", "rejected": "rejected"}

Decision = Literal["overgenomen", "deels", "niet", "adopted", "partly", "rejected"]


class Named(Protocol):
    """A recommendation as the report numbers it: what a reactie answers (a bundle of actions)."""

    def action(self, lang: Lang) -> str:
        """Its wording in ``lang``."""
        ...

    @property
    def numbers(self) -> tuple[int, ...]:
        """The numbers of its actions in appendix E."""
        ...


class Promise(BaseModel):
    """One promised action: what, by which role, by when."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    action: str = Field(min_length=1, max_length=MAX_TEXT, pattern=TEXT_PATTERN)
    # a role, as every board document names people
    owner: str = Field(min_length=1, max_length=200, pattern=NAME_PATTERN)
    due: date | None = None
    # the actions of appendix E (their numbers) that this promise carries out, optional: with them the final
    # report says which actions of the recommendation nothing was promised for
    covers: list[int] | None = Field(default=None, max_length=100)


class Response(BaseModel):
    """The reaction to one recommendation, named by its number in the report."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    recommendation: int = Field(ge=1)
    # the recommendation as the report words it, optional: a check that the number still names it
    quote: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT, pattern=TEXT_PATTERN)
    response: Decision
    actions: list[Promise] = Field(default=[], max_length=50)
    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT, pattern=TEXT_PATTERN)

    @property
    def decision(self) -> str:
        """adopted, partly or rejected, whichever language the file was written in."""
        return DECISIONS[self.response]


class ReactieFile(BaseModel):
    """The bestuurlijke reactie: the body's reaction per recommendation, and its letter in free text."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    date: date
    by: str | None = Field(default=None, min_length=1, max_length=200, pattern=NAME_PATTERN)
    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT * 4, pattern=TEXT_PATTERN)
    responses: list[Response] = Field(default=[], max_length=500)


@dataclass(frozen=True)
class Reactie:
    """A bestuurlijke reactie read from its file, and where it was read (for located messages)."""

    spec: ReactieFile
    loaded: Loaded


def load_reactie(path: Path) -> Reactie:
    """Read and validate a reactie file; a malformed one is a located input error."""
    loaded = load_file(path, Limits(max_bytes=MAX_SMALL_BYTES, too_large_hint="too_large_fixed_hint",
                                    root_hint="stage_reactie_root_hint", empty_hint="stage_reactie_root_hint"))
    return Reactie(validate_model(loaded, ReactieFile, hints={"text_too_long_hint": "stage_reactie_long_hint"}),
                   loaded)


def wordings(recs: Sequence[Named], lang: Lang) -> list[tuple[str, ...]]:
    """Each recommendation's action in the report's language, then in the other."""
    other: Lang = "en" if lang == "nl" else "nl"
    return [(rec.action(lang), rec.action(other)) for rec in recs]


def _same(a: str, b: str) -> bool:
    """Two wordings of one recommendation: equal but for spacing, case and a closing full stop."""
    def norm(text: str) -> str:
        return " ".join(text.split()).casefold().rstrip(".")
    return norm(a) == norm(b)


def check_date(reactie: Reactie, written: date, concept: date | None = None) -> None:
    """The reaction answers the concept and the final report holds it: dated between the two, or an error.

    ``concept``: the concept report's date, where the audit's journal records it.
    """
    where = reactie.loaded.at(reactie.loaded.data.value_at("date"))
    on = reactie.spec.date.isoformat()
    if reactie.spec.date > written:
        raise InputError([problem(where, "date", "stage_reactie_after_report", "stage_reactie_after_report_hint",
                                  date=on, written=written.isoformat())])
    if concept is not None and reactie.spec.date < concept:
        raise InputError([problem(where, "date", "stage_reactie_before_concept", "stage_reactie_before_concept_hint",
                                  date=on, concept=concept.isoformat())])


def check_references(reactie: Reactie, known: int | list[tuple[str, ...]], previous: bool = False) -> None:
    """Every response names a recommendation the report (or the previous report) has, and names it once.

    ``known`` is the number of recommendations, or their wordings (the report's language first, then the
    other): a response that quotes its recommendation must quote the one its number names (a corrected
    concept can renumber), in either language.
    """
    problems = []
    seen: set[int] = set()
    texts = known if isinstance(known, list) else []
    known = len(known) if isinstance(known, list) else known
    shown = f"1–{known}" if known > 1 else "1" if known else "–"
    which = "_previous" if previous else ""
    for i, r in enumerate(reactie.spec.responses):
        where = reactie.loaded.locate("responses", i, "recommendation")
        path = f"responses[{i}].recommendation"
        if r.recommendation > known:
            hint = f"stage_reactie_unknown{which}_hint" if known else f"stage_reactie_none{which}_hint"
            problems.append(problem(where, path, f"stage_reactie_unknown{which}", hint, n=r.recommendation,
                                    known=shown))
        elif r.quote is not None and texts and not any(_same(r.quote, w) for w in texts[r.recommendation - 1]):
            other = next((str(i) for i, words in enumerate(texts, 1) if any(_same(r.quote, w) for w in words)),
                         None)
            problems.append(problem(reactie.loaded.locate("responses", i, "quote"), f"responses[{i}].quote",
                                    "stage_reactie_quote", "stage_reactie_quote_moved_hint" if other else
                                    "stage_reactie_quote_hint", n=r.recommendation, other=other or "",
                                    text=texts[r.recommendation - 1][0]))
        elif r.recommendation in seen:
            problems.append(problem(where, path, "stage_reactie_twice", "stage_reactie_twice_hint",
                                    n=r.recommendation))
        seen.add(r.recommendation)
    if problems:
        raise InputError(problems)


def check_covers(reactie: Reactie, recs: Sequence[Named]) -> None:
    """A promise covers actions of the recommendation it answers, by their numbers in appendix E."""
    problems = []
    for i, r in enumerate(reactie.spec.responses):
        known = recs[r.recommendation - 1].numbers if 0 < r.recommendation <= len(recs) else ()
        for j, p in enumerate(r.actions):
            for k, number in enumerate(p.covers or []):
                if number not in known:
                    problems.append(problem(reactie.loaded.locate("responses", i, "actions", j, "covers", k),
                                            f"responses[{i}].actions[{j}].covers[{k}]", "stage_reactie_covers",
                                            "stage_reactie_covers_hint", action=number, n=r.recommendation,
                                            known=", ".join(map(str, known)) or "–"))
    if problems:
        raise InputError(problems)


def action_words(numbers: list[int], lang: Lang) -> str:
    """"actie 6", "acties 7, 10 en 14"."""
    return t("stage_covers_one" if len(numbers) == 1 else "stage_covers_many", lang,
             numbers=fmt.joined([str(n) for n in numbers], lang))


def uncovered(response: Response, numbers: Sequence[int]) -> list[int]:
    """The actions (``numbers``, of the recommendation) no promise covers; none when the promises name no actions."""
    if not any(p.covers for p in response.actions):
        return []
    done = {n for p in response.actions for n in p.covers or []}
    return [n for n in numbers if n not in done]


def load_nawoord(path: Path) -> str:
    """The auditor's nawoord: plain text or simple Markdown, UTF-8, bounded."""
    text = read_text(path, MAX_NAWOORD_BYTES)
    if not text.strip():
        raise InputError([problem(Location(str(path), 1, 1), "", "stage_nawoord_empty", "stage_nawoord_empty_hint")])
    return text


# bestuurlijk wederhoor: the executive answers the concept report within six weeks (as the collegevoorstel says)
BESTUURLIJK_DAYS = 42


@dataclass(frozen=True)
class Stage:
    """What stage a report is in, its version, and for a definitief report the reactie and nawoord."""

    name: StageName
    version: str
    reactie: Reactie | None = None
    nawoord: str | None = None
    asked_on: date | None = None  # the date of the concept the reactie answers, where the audit's journal records it


def running_head(stage: Stage, written: date, lang: Lang) -> str:
    """"Concept · versie 0.1 · 2 december 2026": on every page of the document."""
    return t("stage_running_head", lang, stage=t(f"stage_{stage.name}", lang), version=stage.version,
             date=fmt.long_date(written, lang))


_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#+\s*")


def text_blocks(text: str) -> list[Block]:
    """Free text as paragraphs and lists: blank lines part paragraphs, "- " or "1." starts a list item.

    Simple Markdown is read for its structure only; emphasis and links stay as typed (the document escapes them).
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_LIST.match(line) for line in lines):
            ordered = bool(re.match(r"^\s*\d", lines[0]))
            blocks.append(Items([_LIST.sub("", line).strip() for line in lines], ordered=ordered))
        else:
            blocks.append(Para(" ".join(_HEADING.sub("", line).strip() for line in lines)))
    return blocks


def promise_text(p: Promise, lang: Lang) -> str:
    """"Mandaat vastleggen (gemeentesecretaris, uiterlijk 30 juni 2027)"; with the actions it covers, if named."""
    due = fmt.long_date(p.due, lang) if p.due is not None else ""
    if not p.covers:
        return t("stage_promise" if p.due else "stage_promise_open", lang, action=p.action, owner=p.owner, date=due)
    covers = action_words(sorted(set(p.covers)), lang)
    return t("stage_promise_covers" if p.due else "stage_promise_open_covers", lang, action=p.action, owner=p.owner,
             date=due, covers=covers)


def reactie_section(stage: Stage, recs: Sequence[Named], result: AuditResult, lang: Lang) -> Section:
    """The chapter "Bestuurlijke reactie en nawoord": the reaction per recommendation, its letter, the nawoord."""
    s = Section(t("stage_h_chapter", lang), new_page=True)
    reactie = stage.reactie
    body = body_name("college", result, lang)
    if reactie is None:
        s.add(Para(t("stage_reactie_none", lang, body=body)))
    else:
        spec = reactie.spec
        by = spec.by or body
        s.add(Para(t("stage_reactie_intro", lang, by=by, date=fmt.long_date(spec.date, lang))))
        sub = Section(t("stage_h_reactie", lang))
        if spec.text:
            sub.blocks += text_blocks(spec.text)
        answered = {r.recommendation: r for r in spec.responses}
        rows = []
        for i, rec in enumerate(recs, 1):
            r = answered.get(i)
            if r is None:
                rows.append([str(i), rec.action(lang), t("stage_decision_none", lang), "–"])
                continue
            promised = "; ".join(promise_text(p, lang) for p in r.actions) or "–"
            rows.append([str(i), rec.action(lang), t(f"stage_decision_{r.decision}", lang), promised])
        if rows:
            sub.add(Table([t("doc_col_nr", lang), t("stage_col_recommendation", lang), t("stage_col_response", lang),
                           t("stage_col_promised", lang)], rows, [2, 7, 3, 7]))
        else:
            sub.add(Para(t("doc_recs_none", lang)))
        missing = [str(i) for i in range(1, len(recs) + 1) if i not in answered]
        if missing:
            key = "stage_reactie_missing_one" if len(missing) == 1 else "stage_reactie_missing"
            numbers = missing[0] if len(missing) == 1 else \
                f"{', '.join(missing[:-1])} {t('doc_and', lang)} {missing[-1]}"
            sub.add(Para(t(key, lang, by=by, numbers=numbers)))
        for r in sorted(spec.responses, key=lambda r: r.recommendation):
            left = uncovered(r, recs[r.recommendation - 1].numbers) if r.decision != "rejected" else []
            if left:  # adopted, yet some of its actions have no promise: the reader is told which
                key = "stage_reactie_uncovered_one" if len(left) == 1 else "stage_reactie_uncovered"
                sub.add(Para(t(key, lang, n=r.recommendation, body=body,
                               numbers=fmt.joined([str(n) for n in left], lang))))
        for r in sorted(spec.responses, key=lambda r: r.recommendation):
            if r.text:
                sub.add(Para(r.text, label=t("stage_label_recommendation", lang, n=r.recommendation)))
        s.sections.append(sub)
    naw = Section(t("stage_h_nawoord", lang))
    if stage.nawoord:
        naw.blocks += text_blocks(stage.nawoord)
    else:
        naw.add(Para(t("stage_nawoord_none", lang)))
    s.sections.append(naw)
    return s


def _after_promises(doc: BoardDocument, reactie: Reactie, follow_up: date, by: str) -> None:
    """A follow-up audit measures what was promised: after the last promised date, not before it."""
    dues = [p.due for r in reactie.spec.responses for p in r.actions if p.due is not None]
    if not dues:
        return
    later = after_promises(follow_up, dues)  # the one rule every document follows
    if later <= follow_up:  # the plan's follow-up leaves the promises their quarter already
        return
    old = t("doc_recs_follow_up", doc.lang, date=fmt.long_date(follow_up, doc.lang))
    new = t("stage_follow_up_after_promises", doc.lang, by=by[:1].upper() + by[1:],
            last=fmt.long_date(max(dues), doc.lang), date=fmt.long_date(later, doc.lang))
    # every other mention of the follow-up (a mandate review before it) moves with it: one date in the report
    before, after = fmt.long_date(follow_up, doc.lang), fmt.long_date(later, doc.lang)

    def swap(section: Section) -> None:
        section.blocks = [Para(new) if isinstance(b, Para) and b.text == old
                          else Para(b.text.replace(before, after), label=b.label)
                          if isinstance(b, Para) and before in b.text else b for b in section.blocks]
        for sub in section.sections:
            swap(sub)

    for section in doc.sections:
        swap(section)


def _promised_dues(doc: BoardDocument, reactie: Reactie, recs: Sequence[Named]) -> None:
    """A recommendation the executive committed to is done by the date it promised, not by the one advised."""
    lang = doc.lang
    due = t("doc_field_due", lang)
    promised = {r.recommendation: max(dues) for r in reactie.spec.responses
                for dues in [[p.due for p in r.actions if p.due is not None]] if dues}
    answered = {r.recommendation: r for r in reactie.spec.responses}
    titles = {t("doc_bundle_heading", lang, n=i, title=rec.action(lang)): i
              for i, rec in enumerate(recs, 1) if i in promised}

    def when(n: int) -> str:
        """The promised date; where the promises leave actions of the recommendation out, for which actions."""
        day = fmt.long_date(promised[n], lang)
        left = uncovered(answered[n], recs[n - 1].numbers)
        if not left:
            return t("stage_due_promised", lang, date=day)
        covered = [x for x in recs[n - 1].numbers if x not in left]
        return t("stage_due_promised_part", lang, date=day, covered=action_words(covered, lang),
                 left=action_words(left, lang))

    advised, said = t("doc_col_due", lang), t("stage_col_due_advised", lang)

    def swap(section: Section) -> None:
        for b in section.blocks:  # the actions' own dates are the advice the promises answer, and say so
            if isinstance(b, Table):
                b.header[:] = [said if cell == advised else cell for cell in b.header]
        n = titles.get(section.title)
        if n is not None:
            for b in section.blocks:
                if isinstance(b, Fields):
                    b.rows[:] = [(label, when(n)) if label == due else (label, value) for label, value in b.rows]
        for sub in section.sections:
            swap(sub)

    for section in doc.sections:
        swap(section)


def _final_wording(doc: BoardDocument) -> None:
    """No sentence of a concept in a definitief report: what was to be done before it is final reads as said."""
    from digimandate.i18n import CATALOG

    lang = doc.lang
    # each template as a pattern: its {count} is whatever count the report wrote
    swaps = [(re.compile("^" + "(?P<count>.+?)".join(map(re.escape, CATALOG[concept][lang].split("{count}"))) + "$"),
              final) for concept, final in CONCEPT_ONLY.items()]

    def swap(section: Section) -> None:
        for i, b in enumerate(section.blocks):
            for pattern, final in swaps:
                found = pattern.match(b.text) if isinstance(b, Para) else None
                if isinstance(b, Para) and found is not None:
                    section.blocks[i] = Para(t(final, lang, **found.groupdict()), label=b.label)
        for sub in section.sections:
            swap(sub)

    for section in doc.sections:
        swap(section)


# the texts of the report that speak of a concept (to be strengthened before it is final), and their final wording
CONCEPT_ONLY = {"doc_method_single_one": "stage_method_single_one",
                "doc_method_single_other": "stage_method_single_other"}


def apply_stage(doc: BoardDocument, stage: Stage | None, recs: Sequence[Named], result: AuditResult,
                written: date, follow_up: date | None = None) -> BoardDocument:
    """Mark a report with its stage on every page; give a definitief one its chapter after the recommendations."""
    if stage is None:
        return doc
    lang = doc.lang
    doc.running_head = running_head(stage, written, lang)
    rows = [(t("stage_field_stage", lang), t(f"stage_{stage.name}", lang)),
            (t("stage_field_version", lang), stage.version)]
    fields = next((b for b in doc.front if isinstance(b, Fields)), None)
    if fields is not None:
        fields.rows.extend(rows)
    else:
        doc.front.insert(0, Fields(rows))
    method = next((s for s in doc.sections if s.title == t("doc_h_method", lang)), None)
    body = body_name("college", result, lang)
    if method is not None and stage.name == "concept":
        method.add(Para(t("stage_method_concept", lang, body=body)))
    elif method is not None and stage.reactie is not None:
        by = stage.reactie.spec.by or body
        method.add(Para(t("stage_method_definitief", lang, body=body, by=by,
                          date=fmt.long_date(stage.reactie.spec.date, lang), chapter=t("stage_h_chapter", lang))))
        if stage.asked_on is not None:  # a response after its six weeks is said, with the day the term ended
            term = reaction_date(stage.asked_on, BESTUURLIJK_DAYS)
            if stage.reactie.spec.date > term:
                method.add(Para(t("stage_method_late", lang, asked=fmt.long_date(stage.asked_on, lang),
                                  term=fmt.long_date(term, lang))))
    if stage.name == "definitief" and stage.reactie is not None:
        _promised_dues(doc, stage.reactie, recs)
        if follow_up is not None:
            _after_promises(doc, stage.reactie, follow_up, stage.reactie.spec.by or body)
    if stage.name == "definitief":
        _final_wording(doc)
        chapter = reactie_section(stage, recs, result, lang)
        heading = t("doc_h_recommendations", lang)
        at = next((i + 1 for i, s in enumerate(doc.sections) if s.title == heading), len(doc.sections))
        doc.sections.insert(at, chapter)
    return doc
