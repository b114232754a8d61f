"""The memo as a document model: a DT-notitie for the directie or a collegevoorstel for the executive."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from digimandate.audit.result import AuditResult
from digimandate.audit.specs import WEIGHTS, Text
from digimandate.i18n import Lang, t
from digimandate.render.advice import Progress
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.actions import (
    Recommendation,
    first,
    not_shown,
    observed,
    recommendations,
    split,
    unlabelled,
    with_values,
)
from digimandate.render.doc.adapter import basis, graded, level, reason, top_entity
from digimandate.render.doc.bundles import action_dues, bundles, due_date, numbers
from digimandate.render.doc.common import (
    DocContext,
    body_name,
    counted,
    decision,
    level_text,
    mandate_granter,
    peildatum,
    place_noun,
    promised_due,
    rejected,
    review_paras,
    schedule,
    short_list,
    vision_paras,
)
from digimandate.render.doc.model import BoardDocument, Fields, Items, Para, Section
from digimandate.render.doc.names import Names, why
from digimandate.render.doc.owners import Owners
from digimandate.render.doc.services import services_only
from digimandate.render.doc.sources import argued_unsourced
from digimandate.render.doc.words import fit_document, one_holder

Audience = Literal["directie", "college"]
BODIES: tuple[Audience, ...] = ("directie", "college")
MAX_DECISIONS = 6  # decision points in one memo, the point to record missing facts included
PLACES = ("processes/", "channels/", "mandates/")  # entities a memo names where a norm is not met


def with_params(rec: Recommendation) -> Recommendation:
    """The recommendation with the parameters in force written into its decision ("once every 365 days")."""
    rule = rec.rule
    spec = rule.spec
    chosen = rec.decision_text()  # the rule's decision, or the one for the message all its findings give
    if chosen is None or not rule.params:
        return rec
    # the decision's argument is its finding, which labels the threshold as the checklist's own norm already
    texts = {lang: with_values(unlabelled(chosen.get(lang), rec.labelled(lang), lang), rule.params, lang)
             for lang in ("nl", "en")}
    filled = Text(nl=texts["nl"], en=texts["en"])
    exact = rec.exact
    if exact is not None and exact.decision is not None:
        key = rec.findings[0].message_key
        updated = spec.model_copy(update={"by_message": {**spec.by_message,
                                                         key: exact.model_copy(update={"decision": filled})}})
    else:
        updated = spec.model_copy(update={"decision": filled})
    return replace(rec, rule=replace(rule, spec=updated))


# A sentence ends at a full stop, question or exclamation mark (after a closing quotation mark too) before a capital
# or an opening quotation mark: "art. 2:1" and "bijv. een" do not end one.
_SENTENCE_END = re.compile('(?<=[.!?])(["\u201d]?)\\s+(?=[A-Z"\u201c])')


def first_sentence(text: str) -> str:
    """The first sentence of a norm's reason: a memo argues each decision point in one."""
    found = _SENTENCE_END.search(text)
    return text if found is None else text[:found.start()] + found.group(1)


@dataclass(frozen=True)
class Plan:
    """What one body is asked to decide: what was observed to fall short, and the facts to record first."""

    decide: list[Recommendation]  # the observed part of each recommendation, in the report's order
    record: list[Recommendation]  # the parts that rest on facts nobody recorded: one point, to record them
    left: tuple[Recommendation, ...] = ()  # decisions of this body beyond MAX_DECISIONS, left to the advice report

    @property
    def rest(self) -> int:
        """How many decisions of this body are left to the advice report."""
        return len(self.left)

    @property
    def points(self) -> int:
        """How many decision points the memo to this body has."""
        return len(self.decide) + (1 if self.record else 0)


def plan(recs: list[Recommendation], body: str, blocking: Collection[str] = (),
         result: AuditResult | None = None) -> Plan:
    """The decision points of one body: the same for its own memo and for what another memo says of it.

    What the report puts first (``first``: the most urgent actions and what holds the level) is always a decision
    point: of its own body, or of the directie where the checklist names none, since the directie commissions the
    work of the line.
    """
    leading = {rec.rule.id for rec in first(observed(recs), blocking)}
    decide: list[Recommendation] = []
    record: list[Recommendation] = []
    holding = set(blocking)
    for rec in recs:
        owner = deciding_body(rec, leading)  # the body that decides this rule, or this message of it
        seen, missing = split(rec)
        if seen is not None and owner == body:
            decide.append(seen)
        # recording facts is the directie's work whoever decides once they are known, and a fact that holds the
        # level back is recorded even where no body decides the norm: one point, in the DT-notitie only
        if missing is not None and body == "directie" and (owner is not None or rec.rule.id in holding):
            record.append(missing)
    room = MAX_DECISIONS - (1 if record else 0)
    must = [rec for rec in decide if rec.rule.id in leading]
    room = max(room - len(must), 0)
    # the directie decides what the report puts first, no more: its other actions stay in the report, named by
    # recommendation, so the DT-notitie and the report's summary list the same things; another body decides
    # what the report asks of it, since no other document puts that to it
    others = [] if body == "directie" else [rec.rule.id for rec in decide if rec.rule.id not in leading][:room]
    kept = {rec.rule.id for rec in must} | set(others)
    chosen = [rec for rec in decide if rec.rule.id in kept]
    if result is not None:  # a decision whose fact has no source waits for that fact: after those ready to take
        chosen.sort(key=lambda rec: argued_unsourced(rec.findings, result))
    return Plan(chosen, record, tuple(rec for rec in decide if rec.rule.id not in kept))


def proposal_points(a: Audited, recs: list[Recommendation], blocking: Collection[str] = (),
                    final: bool = True) -> int:
    """How many decision points the proposal to the executive has: none where it gets an information memo.

    With the definitief report: taking note of the report, one point per recommendation the executive decides, the
    mandate where the file records who grants it, and informing the council. With the concept, which the executive
    answers in bestuurlijk wederhoor: taking note, responding, and the mandate. The one count both memos give of it.
    """
    mandate = 1 if mandate_granter(a, "en") is not None else 0
    if not final:
        return 2 + mandate
    own = plan(recs, "college", blocking)
    return 2 + len(own.decide) + mandate if own.points or mandate else 0


def deciding_body(rec: Recommendation, leading: Collection[str]) -> str | None:
    """The body that decides: the checklist's, else the directie for an action the report puts first."""
    if rec.decided_by:
        return rec.decided_by
    return "directie" if rec.rule.id in leading else None


REST_DECIDED_MONTHS = 1  # the decisions a memo leaves to the report: taken before the first of their work is due


class _Memo:
    """Builds the memo for one audience."""

    def __init__(self, a: Audited, ctx: DocContext, audience: Audience, prog: Progress | None) -> None:
        self.a = a
        self.r = a.result
        self.lang: Lang = ctx.lang
        self.ctx = ctx
        self.audience = audience
        self.prog = prog
        self.owners = Owners(a, ctx.lang)
        self.names = Names(a, ctx.lang)
        self.recs = recommendations(a, ctx.written)
        self.plan = plan(self.recs, audience, self.r.maturity.blocking, self.r)
        self.dates = schedule(a, ctx.written, self.recs, ctx.promised)
        # the report's recommendations, which name what this memo leaves to the report
        self.bundles = bundles(a, ctx.lang, ctx.written, observed(self.recs), self.dates.planned)
        # each decision point is done when its action is, as appendix E of the report dates it: a first step is not
        # dated with the recommendation's last action
        self.due_of = action_dues(observed(self.recs), ctx.written, self.dates.planned)
        self.number = numbers(self.bundles)
        # a recommendation the executive did not adopt is not decided on, nor dated
        self.rejected = rejected(ctx.responses)
        if self.rejected:
            self.plan = replace(self.plan, decide=[rec for rec in self.plan.decide
                                                   if self.number.get(rec.rule.id) not in self.rejected])

    def promised(self, rec: Recommendation) -> date | None:
        """The date the executive's response promises for this decision point's action, where it promises one."""
        # a response in either language, naming the products and channels the action concerns
        places = " ".join(self.names.entity(e) for e in rec.entities if e.startswith(PLACES))
        action = f"{rec.action('nl')} {rec.action('en')}"
        return promised_due(self.ctx.responses, self.number.get(rec.rule.id), action, rec.effort == "large", places)

    def point_due(self, rec: Recommendation) -> date:
        """When a decision point is done (small work) or its estimate is in (large work): as promised, else planned."""
        promised = self.promised(rec)
        if promised is not None:
            return promised
        return self.estimate_due() if rec.effort == "large" else self.due_of.get(rec.rule.id, self.estimate_due())

    def tx(self, key: str, **args: Any) -> str:
        return t(key, self.lang, **args)

    def build(self) -> BoardDocument:
        r, tx, lang = self.r, self.tx, self.lang
        body = body_name(self.audience, r, lang)
        # a proposal to the executive proposes something; with nothing to decide it is an information memo
        kind = tx("doc_memo_kind_inform") if self.audience == "college" and not self.plan.points \
            else tx(f"doc_memo_kind_{self.audience}")
        gov = self.a.model.governance
        holder = gov.portfolio_holder if gov and gov.portfolio_holder else tx("doc_not_recorded")
        status = tx("doc_status_decide") if self.plan.points else tx("doc_status_inform")
        doc = BoardDocument(lang, kind, tx("doc_memo_subject", org=r.organisation_name))
        fields = [
            (tx("doc_field_subject"), tx("doc_memo_subject", org=r.organisation_name)),
            (tx("doc_field_to"), self.ctx.to or body[:1].upper() + body[1:]),
            (tx("doc_field_portfolio"), holder),
        ]
        if self.ctx.sender:  # no invented author: the row is there when --from names one
            fields.append((tx("doc_field_author"), self.ctx.sender))
        fields += [(tx("doc_field_date"), fmt.long_date(self.ctx.written, lang)), (tx("doc_field_status"), status)]
        doc.front.append(Fields(fields))
        doc.footer = f"{kind}: {r.organisation_name}"
        doc.sections = [self.decisions(body), self.reason(), self.effect(), self.arguments(), self.caveats(),
                        self.finance(), self.communication(), self.follow(), self.attachments()]
        return doc

    def decisions(self, body: str) -> Section:
        tx = self.tx
        s = Section(tx("doc_h_decisions"))
        if not self.plan.points:
            s.add(Para(tx("doc_decisions_none", body=body)))
            return s
        if self.audience == "college":
            s.add(Para(tx("doc_decisions_intro", body=body)))
        elif self.ctx.final:  # the dates below are the ones the executive's response promised
            s.add(Para(tx("doc_decisions_intro_final", body=body)))
        else:  # a concept: the executive has yet to respond, so the directie's decisions are intended ones
            s.add(Para(tx("doc_decisions_intro_concept", body=body, executive=body_name("college", self.r, self.lang))))
        items = []
        reserving = self.reserving()
        for rec in self.plan.decide:
            argument = self.reasoned(rec)
            owner = self.owner(rec)
            text = decision(with_params(rec), self.r, self.names, self.lang, owner)
            if argued_unsourced(rec.findings, self.r):  # the fact it argues from has no source: that comes first
                # the argument names the fact: the point says only that it comes first
                text = tx("doc_memo_establish_first",
                          decision=text[:1].lower() + text[1:] if text[1:2].islower() else text)
            if reserving is not None and rec is reserving[0]:  # the mandate's staff time is the directie's decision
                text += " " + tx("doc_memo_decision_fte", fte=fmt.number(reserving[1], self.lang, 2))
            named = owner in text  # a commission names its owner already
            if rec.effort == "large":
                text += " " + tx("doc_memo_decision_large", date=fmt.long_date(self.point_due(rec), self.lang))
                if not named:
                    text += " " + tx("doc_memo_decision_owner", owner=owner)
            else:
                due = fmt.long_date(self.point_due(rec), self.lang)
                text += " " + (tx("doc_memo_decision_due", date=due) if named else
                               tx("doc_memo_decision_owner_due", owner=owner, date=due))
            items.append(f"{text} {tx('doc_decision_argument', text=argument)}")
        if self.plan.record:
            items.append(self.record_point())
        s.add(Items(items, ordered=True))
        return s

    def reasoned(self, rec: Recommendation) -> str:
        """Why a decision point: what was found here, then the norm's reason, which a quote at most supports.

        A practitioner's words alone argue nothing about this organisation: the argument opens with its own fact.
        """
        # the first place the argument names is the first the decision lists ("Dit geldt voor A en B": A first)
        order = {e: i for i, e in enumerate(rec.entities)}
        seen = sorted((f for f in rec.findings if basis(f) == "observed"),
                      key=lambda f: order.get(top_entity(f.entity), len(order)))
        if not seen:  # a decision point rests on an observed finding; the norm's reason alone where none is kept
            return why(rec.rule.spec, self.lang)
        fact = self.names.message(seen[0]).rstrip(".")
        others = [e for e in dict.fromkeys(top_entity(f.entity) for f in seen) if e != top_entity(seen[0].entity)]
        if others:
            fact += self.tx("doc_memo_argument_more", count=counted(len(others), place_noun(others), self.lang))
        return self.tx("doc_memo_argument_reasoned", fact=fact[:1].upper() + fact[1:],
                       reason=first_sentence(why(rec.rule.spec, self.lang, quotes=False)))

    def record_point(self) -> str:
        """One point for the facts nobody recorded: record them first, decide on them after."""
        tx = self.tx
        norms = []
        for rec in self.plan.record:
            where = self.where(rec)
            title = f'"{rec.rule.spec.title.get(self.lang)}"'
            norms.append(f"{title} ({where})" if where else title)
        text = tx("doc_memo_record", norms="; ".join(norms))
        # the caveats count every norm not yet shown: the point names the rest, so the two agree
        more = len({rec.rule.id for rec in not_shown(self.recs)} - {rec.rule.id for rec in self.plan.record})
        if more > 0:
            text += " " + tx("doc_memo_record_more", count=counted(more, "norm", self.lang))
        # recording is small work: done well before the follow-up audit, by whoever leads for the directie
        due = due_date(self.ctx.written, "small", self.dates.planned)
        text += " " + tx("doc_memo_decision_owner_due", owner=self.lead(), date=fmt.long_date(due, self.lang))
        return f"{text} {tx('doc_decision_argument', text=tx('doc_memo_record_argument'))}"

    def title_of(self, person: str | None) -> str | None:
        """A person's role as the file records it ("de teamleider Burgerzaken"); never their name."""
        return self.owners.title_of(person)

    def lead(self) -> str:
        """Who leads for the directie: the sponsor by role where recorded, else the directie appoints one."""
        return self.owners.lead()

    def owner(self, rec: Recommendation) -> str:
        """Who carries out a decision point, by the role the file records; who appoints one where none is."""
        return self.owners.owner(rec)

    def where(self, rec: Recommendation) -> str:
        """Where facts are to be recorded: per product, or the channels and mandates by name."""
        lang = self.lang
        places = [e for e in rec.entities if e.startswith(PLACES)]
        if places and all(e.startswith("processes/") for e in places):
            total = len(self.a.model.processes)
            if len(places) == total > 2:
                return self.tx("doc_memo_per_product_all", count=fmt.count(total, lang))
            key = "doc_memo_per_product_one" if len(places) == 1 else "doc_memo_per_product_other"
            return self.tx(key, names=short_list([self.names.entity(e) for e in places], lang, 3))
        return short_list([self.names.entity(e) for e in places], lang, 3)

    def reason(self) -> Section:
        r, tx = self.r, self.tx
        s = Section(tx("doc_h_reason"))
        overall = level(r.maturity)
        if overall is None:
            s.add(Para(tx("doc_memo_reason_none", org=r.organisation_name,
                          date=peildatum(r, self.lang))))
        else:
            s.add(Para(tx("doc_memo_reason", org=r.organisation_name, date=peildatum(r, self.lang),
                          level=level_text(overall, self.lang))))
        if self.prog is not None:
            s.add(Para(self.progress(self.prog)))
        return s

    def progress(self, prog: Progress) -> str:
        """What changed since the previous audit, naming only the counts that are not zero."""
        lang = self.lang
        parts = [self.tx(f"doc_memo_progress_{kind}", count=fmt.count(n, lang))
                 for kind, n in (("fixed", len(prog.fixed)), ("new", len(prog.new)), ("open", len(prog.still_open)))
                 if n]
        if not parts:
            return self.tx("doc_memo_progress_none")
        return self.tx("doc_memo_progress", parts=", ".join(parts))

    def effect(self) -> Section:
        """What carrying out the decision points achieves: a level only where they remove all that blocks it."""
        r, tx, lang = self.r, self.tx, self.lang
        s = Section(tx("doc_h_effect"))
        overall = level(r.maturity)
        if overall is not None and overall >= 5:
            s.add(Para(tx("doc_memo_effect_top")))
            return s
        if not self.plan.points:
            s.add(Para(tx("doc_memo_effect_none")))
            return s
        full = self.decided_in_full()
        touched = {rec.rule.id for rec in self.plan.decide}
        after: dict[str, int] = {}
        items = []
        for name, dim in self.a.rules.dimensions.items():
            ds = r.maturity.dimensions.get(name)
            now = level(ds)
            if ds is None or now is None or now >= 5 or not graded(self.a, name):
                continue
            blocking = set(ds.blocking)  # the unmet rules of the next rung
            if not blocking & touched:
                continue
            if blocking <= full:
                after[name] = now + 1
                items.append(tx("doc_memo_effect_reached", dim=dim.title.get(lang), before=level_text(now, lang),
                                after=level_text(now + 1, lang)))
            else:
                items.append(tx("doc_memo_effect_closer", dim=dim.title.get(lang), level=level_text(now + 1, lang),
                                norms=self.titles(blocking - full)))
        if items:
            later = any(rec.effort == "large" for rec in self.plan.decide)
            s.add(Para(tx("doc_memo_effect_when_later" if later else "doc_memo_effect_when")))
            s.add(Items(items))
        else:
            s.add(Para(tx("doc_memo_effect_prepare")))
        if overall is None:
            return s
        levels = [after.get(name, level(ds)) for name, ds in r.maturity.dimensions.items() if graded(self.a, name)]
        reached = min(lv for lv in levels if lv is not None)
        remaining = set(r.maturity.blocking) - full
        if reached > overall:
            s.add(Para(tx("doc_memo_effect", level=level_text(reached, lang),
                          description=t(f"level_{reached}_desc", lang))))
        elif remaining:
            # a norm nobody recorded a fact for is not "not met": the level waits for the fact
            unknown = {rec.rule.id for rec in self.recs if split(rec)[0] is None} & remaining
            known = remaining - unknown
            key = ("doc_memo_effect_stays_both" if known and unknown else
                   "doc_memo_effect_stays" if known else "doc_memo_effect_stays_unknown")
            s.add(Para(tx(key, level=level_text(overall, lang), norms=self.titles(known),
                          unknown=self.titles(unknown))))
            for text in self.elsewhere(known):
                s.add(Para(text))
        else:
            s.add(Para(tx("doc_memo_effect_stays_plain", level=level_text(overall, lang))))
        return s

    def elsewhere(self, norms: set[str]) -> list[str]:
        """Which decision point of the memo to another body addresses a norm that holds the level."""
        out = []
        for body in BODIES:
            if body == self.audience:
                continue
            other = plan(self.recs, body, self.r.maturity.blocking, self.r)
            # the proposal to the executive opens with taking note of the report: its points start at 2; with the
            # concept it has one point for all the recommendations, its response
            start = 2 if body == "college" else 1
            points = [i for i, rec in enumerate(other.decide, start) if rec.rule.id in norms]
            if body == "college" and not self.ctx.final:
                points = points[:1] and [2]
            if points:
                name = body_name(body, self.r, self.lang)
                ids = {rec.rule.id for rec in other.decide if rec.rule.id in norms}
                out.append(self.tx("doc_memo_effect_elsewhere", norms=self.titles(ids), body=name,
                                   body_cap=name[:1].upper() + name[1:], points=self.listed(points)))
        return out

    def listed(self, numbers: list[int]) -> str:
        """"beslispunt 2" or "beslispunten 1 en 3", whatever the number of points of this memo."""
        one, many = self.tx("doc_noun_point").split("|")
        if len(numbers) == 1:
            return f"{one} {numbers[0]}"
        return f"{many} {', '.join(str(n) for n in numbers[:-1])} {self.tx('doc_and')} {numbers[-1]}"

    def decided_in_full(self) -> set[str]:
        """The rules whose every finding a decision point of this memo covers: no fact of them is missing."""
        missing = {rec.rule.id for rec in self.plan.record}
        return {rec.rule.id for rec in self.plan.decide if rec.rule.id not in missing}

    def titles(self, ids: set[str]) -> str:
        """Norms by title, each quoted as the statement it is, in the order of the checklist."""
        rules = self.a.rules.rules
        return short_list([f'"{rules[i].spec.title.get(self.lang)}"' for i in rules if i in ids], self.lang, 3)

    def arguments(self) -> Section:
        tx = self.tx
        s = Section(tx("doc_h_arguments"))
        if not self.recs:
            s.add(Para(tx("doc_memo_no_findings")))
            return s
        # findings, not norms: 70 findings of weight high, never the 5 norms they belong to
        high = sum(1 for f in self.r.findings if f.severity == "high")
        critical = sum(1 for f in self.r.findings if f.severity == "critical")
        key = "doc_memo_findings_critical" if critical else "doc_memo_findings" if high else "doc_memo_findings_plain"
        counts = tx(key, count=counted(len(self.r.findings), "finding", self.lang),
                    urgent=fmt.count(high + critical, self.lang))
        if self.plan.points:  # each decision point argues itself, from the facts found: no list to repeat them
            s.add(Para(f"{counts} {tx('doc_memo_findings_per_point')}"))
            return s
        s.add(Para(f"{counts} {tx('doc_memo_findings_main')}"))
        parts = [(part, part is seen) for rec in self.recs for seen, missing in [split(rec)]
                 for part in (seen, missing) if part is not None]
        # the heaviest first: a first step (the approval per change) does not push out the norm it serves
        parts.sort(key=lambda part: -WEIGHTS[part[0].rule.severity])
        s.add(Items([self.argument(rec, observed) for rec, observed in parts[:3]]))
        return s

    def argument(self, rec: Recommendation, observed: bool) -> str:
        """A norm not met where a recorded fact falls short, or not shown where the fact was not recorded."""
        norm = rec.rule.spec.title.get(self.lang)
        places = [self.names.entity(e) for e in rec.entities if e.startswith(PLACES)]
        if not places:
            return self.tx("doc_memo_argument_plain" if observed else "doc_memo_argument_unrecorded_plain", norm=norm)
        return self.tx("doc_memo_argument" if observed else "doc_memo_argument_unrecorded", norm=norm,
                       where=short_list(places, self.lang, 3))

    def caveats(self) -> Section:
        r, tx = self.r, self.tx
        s = Section(tx("doc_h_caveats"))
        items = [tx("doc_caveat_awb")]
        if self.mandate_points():  # only a decision on the mandate shifts powers to its holder
            items.append(tx("doc_caveat_wor"))
        # counted as the report counts them: norms not yet shown, never the findings behind them
        missing = len(not_shown(self.recs))
        if missing:
            items.append(tx("doc_caveat_missing", count=counted(missing, "norm", self.lang)))
        scored = r.maturity.dimensions
        unknown = [dim.title.get(self.lang) for name, dim in self.a.rules.dimensions.items()
                   if name in scored and graded(self.a, name) and level(scored[name]) is None]
        if unknown and level(r.maturity) is not None:
            dims = unknown[0] if len(unknown) == 1 else \
                f"{', '.join(unknown[:-1])} {tx('doc_and')} {unknown[-1]}"
            thin = all(reason(r.maturity.dimensions[name]) == "insufficient_evidence"
                       for name, dim in self.a.rules.dimensions.items() if dim.title.get(self.lang) in unknown)
            items.append(tx("doc_caveat_insufficient" if thin else "doc_caveat_not_assessed", dims=dims))
        org_wide = [md for md in self.a.model.mandates if md.scope == "organisation"]
        if org_wide and any(len(md.holders or []) == 1 for md in org_wide):
            items.append(tx("doc_caveat_continuity"))
        if r.waived:
            items.append(tx("doc_caveat_waived", count=counted(len(r.waived), "finding", self.lang)))
        s.add(Items(items))
        return s

    def finance(self) -> Section:
        """What can be decided now (small or medium effort) and what is first worked out with an estimate."""
        tx, lang = self.tx, self.lang
        s = Section(tx("doc_h_finance"))
        if not self.plan.points:
            s.add(Para(tx("doc_finance_none")))
            return s
        fte = self.reserved_fte()
        if fte is not None:
            s.add(Para(tx("doc_finance_fte", fte=fmt.number(fte, lang, 2))))
        now: list[int] = []
        efforts: set[str] = set()
        later: list[int] = []
        for i, rec in enumerate(self.plan.decide, 1):
            if rec.effort == "large":
                later.append(i)
            else:
                now.append(i)
                efforts.add(rec.effort)
        if self.plan.record:  # recording facts is small work
            now.append(self.plan.points)
            efforts.add("small")
        if now:
            effort = tx(f"doc_grade_{efforts.pop()}") if len(efforts) == 1 else tx("doc_memo_effort_mixed")
            s.add(Para(tx("doc_memo_finance_now", points=self.numbers(now), effort=effort)))
        if later:  # every estimate is in by then: the latest date a large decision point names
            dues = {self.point_due(rec) for rec in self.plan.decide if rec.effort == "large"}
            # points due on different days: each keeps its own, so the paragraph never contradicts one of them
            key = "doc_memo_finance_large" if len(dues) == 1 else "doc_memo_finance_large_dates"
            s.add(Para(tx(key, points=self.numbers(later), date=fmt.long_date(max(dues), lang))))
        return s

    def reserved_fte(self) -> float | None:
        """The staff time the first decision point that reserves some names (the checklist's reserves_fte)."""
        found = self.reserving()
        return found[1] if found is not None else None

    def reserving(self) -> tuple[Recommendation, float] | None:
        """The first decision point that reserves staff time, and how much (the checklist's reserves_fte)."""
        for rec in self.plan.decide:
            ref = rec.rule.spec.reserves_fte
            if ref is None:
                continue
            rule_id, _, key = ref.partition(".")
            rule = self.a.rules.rules.get(rule_id)
            value = rule.params.get(key) if rule is not None else None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return rec, float(value)
        return None

    def numbers(self, numbers: list[int]) -> str:
        """"beslispunt 2", "beslispunten 1, 3 en 4" or "alle beslispunten"."""
        one, many = self.tx("doc_noun_point").split("|")
        if len(numbers) == self.plan.points > 1:
            return self.tx("doc_memo_all_points")
        if len(numbers) == 1:
            return f"{one} {numbers[0]}"
        listed = ", ".join(str(n) for n in numbers[:-1])
        return f"{many} {listed} {self.tx('doc_and')} {numbers[-1]}"

    def estimate_due(self) -> date:
        """When an estimate for a costly decision point is due: a quarter year on, before the follow-up audit."""
        return self.dates.estimate_due

    def mandate_points(self) -> bool:
        """Whether a decision point grants or changes a mandate."""
        return any(rec.rule.spec.dimension == "mandate" for rec in self.plan.decide)

    def communication(self) -> Section:
        """The mandate is announced only when a decision point grants or changes it."""
        tx = self.tx
        s = Section(tx("doc_h_communication"))
        if not self.plan.points:
            key = "doc_memo_communication_inform"
        elif self.mandate_points():
            announced = any(md.scope == "organisation" and md.announced for md in self.a.model.mandates)
            key = "doc_memo_communication_change" if announced else "doc_communication"
        else:
            key = "doc_memo_communication_owners"
        s.add(Para(tx(key)))
        return s

    def follow(self) -> Section:
        r, tx, lang = self.r, self.tx, self.lang
        s = Section(tx("doc_h_follow_up"))
        when = fmt.long_date(self.dates.follow_up, lang)
        if self.plan.points:
            s.add(Para(tx("doc_follow_up", date=when)))
        elif self.recs:
            s.add(Para(tx("doc_memo_follow_up_inform", date=when)))
        else:
            s.add(Para(tx("doc_memo_follow_up_clean", date=when)))
        if self.dates.promised is not None and self.dates.follow_up > self.dates.planned:
            s.add(Para(tx("doc_follow_up_promised", last=fmt.long_date(self.dates.promised, lang))))
        for text in vision_paras(self.a, self.dates, lang) + review_paras(self.a, self.dates, lang):
            s.add(Para(text))
        rest = self.left_numbers(self.plan, self.audience) if self.plan.points else []
        if rest:
            s.add(Para(self.left(rest, body_name(self.audience, r, lang))))
        if self.rejected and self.ctx.reacted is not None:
            s.add(Para(tx("doc_memo_not_adopted", executive=body_name("college", r, lang),
                          date=fmt.long_date(self.ctx.reacted, lang), recommendations=self.listed_recs(self.rejected))))
        for body in BODIES:
            other = plan(self.recs, body, r.maturity.blocking, r) if body != self.audience else None
            if other is None or not (other.points or (body == "college" and proposal_points(
                    self.a, self.recs, r.maturity.blocking, self.ctx.final))):
                continue
            name = body_name(body, r, lang)
            # the count of the other document as it stands: the proposal adds taking note and informing the council
            count = proposal_points(self.a, self.recs, r.maturity.blocking, self.ctx.final) if body == "college" \
                else other.points
            if body == "college" and self.ctx.responses and mandate_granter(self.a, "en") is not None:
                # a mandate the response did not adopt is not agreed to: the proposal has no point on it
                ns = sorted({self.number[rec.rule.id] for rec in self.recs
                             if rec.rule.spec.dimension == "mandate" and rec.rule.id in self.number})
                first = next((self.ctx.responses[n] for n in ns if n in self.ctx.responses), None)
                if first is not None and first.decision == "rejected":
                    count -= 1
            s.add(Para(tx("doc_memo_follow_other", body=name, count=counted(count, "point", lang))))
            rest = self.left_numbers(other, body)
            if rest:
                s.add(Para(self.left(rest, name)))
        return s

    def left_numbers(self, chosen: Plan, body: str) -> list[int]:
        """The report's recommendations this body decides that hold an action the memo does not put to it."""
        decided = {rec.rule.id for rec in chosen.decide}
        # an action no body is named for is the directie's, as the report's "Besluit door" has it
        return [b.number for b in self.bundles if body in b.decided_by and b.number not in self.rejected
                and any(rec.rule.id not in decided and (rec.decided_by or "directie") == body for rec in b.actions)]

    def rest_decided(self, numbers: list[int]) -> date:
        """When the decisions left to the report are taken: within a month, and before the first work they govern.

        The smallest of those actions is due two months on; where the executive's response promises one of them
        sooner, the decision comes before or on that date (never before the memo's own date).
        """
        decided = fmt.working_day(fmt.add_months(self.ctx.written, REST_DECIDED_MONTHS))
        dues = [p.due for n in numbers if (r := self.ctx.responses.get(n)) is not None for p in r.actions
                if p.due is not None and p.due >= self.ctx.written]
        dues += [self.due_of[rec.rule.id] for b in self.bundles if b.number in numbers for rec in b.actions
                 if rec.rule.id in self.due_of]
        return min([decided, *dues])

    def listed_recs(self, numbers: list[int]) -> str:
        """"aanbeveling 5" or "aanbevelingen 1, 2 en 4": the report's recommendations by number."""
        one, many = self.tx("doc_noun_recommendation").split("|")
        return f"{one} {numbers[0]}" if len(numbers) == 1 else \
            f"{many} {', '.join(str(n) for n in numbers[:-1])} {self.tx('doc_and')} {numbers[-1]}"

    def left(self, numbers: list[int], body: str) -> str:
        """The decisions left to the advice report, by the number of its recommendation, and when they are decided."""
        listed = self.listed_recs(numbers)
        return self.tx("doc_memo_follow_rest", body=body, recommendations=listed,
                       date=fmt.long_date(self.rest_decided(numbers), self.lang))

    def attachments(self) -> Section:
        s = Section(self.tx("doc_h_attachments"))
        s.add(Items([self.tx("doc_attachment_report", org=self.r.organisation_name)]))
        return s


def build_memo(a: Audited, ctx: DocContext, audience: Audience, prog: Progress | None = None) -> BoardDocument:
    """The memo of one audit for one deciding body."""
    return fit_document(_Memo(services_only(a)[0], ctx, audience, prog).build(), a.result.organisation_type,
                        frozenset(c.type for c in a.model.channels),
                        one_holder([len(md.holders or []) for md in a.model.mandates]))
