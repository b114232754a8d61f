"""The proposal to the executive (collegevoorstel) as a document model, in the form a bestuurssecretariaat takes.

Short formal decision lines, arguments numbered per decision, the effect for residents and businesses, costs
with their cover, risks, communication including informing the council, the author's role and a registration
number to fill in. Recording missing facts is work for the management team, never a decision of the executive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from digimandate.i18n import Lang, t
from digimandate.i18n import counted as plural
from digimandate.render.advice import Progress
from digimandate.render.common import Audited
from digimandate.render.doc import fmt, sources
from digimandate.render.doc.actions import (
    Recommendation,
    action_numbers,
    not_shown,
    observed,
    recommendations,
)
from digimandate.render.doc.adapter import basis, level
from digimandate.render.doc.bevindingen import reaction_date
from digimandate.render.doc.bundles import action_dues, bundles, numbers
from digimandate.render.doc.common import (
    DocContext,
    ResponseLike,
    body_name,
    counted,
    decision,
    level_text,
    mandate_granter,
    peildatum,
    promised_due,
    schedule,
    short_list,
    vision_paras,
)
from digimandate.render.doc.letter import inform_by
from digimandate.render.doc.memo import PLACES, plan, with_params
from digimandate.render.doc.model import BoardDocument, Fields, Items, Para, Section, Table
from digimandate.render.doc.names import Names, why
from digimandate.render.doc.stages import BESTUURLIJK_DAYS, action_words
from digimandate.render.doc.words import fit, fit_channels, fit_document, one_holder

# the bodies an organisation of each type answers to; any other type has an executive board and an owner
KINDS = ("gemeente", "provincie", "waterschap")


def kind_of(org_type: str | None) -> str:
    """gemeente, provincie, waterschap, or other: which bodies and letters the proposal names."""
    return org_type if org_type in KINDS else "other"


AWB_SUPPORT = "C005"  # the norm of article 2:1 Awb: a legal duty, so a risk where it is not shown to be met


@dataclass(frozen=True)
class Point:
    """One decision line, the arguments for it and what it costs (estimate and cover)."""

    text: str
    arguments: list[str]
    cost: tuple[str, str] = ("", "")


class _Proposal:
    """Builds the proposal to the executive for one result."""

    def __init__(self, a: Audited, ctx: DocContext, prog: Progress | None) -> None:
        self.a = a
        self.r = a.result
        self.lang: Lang = ctx.lang
        self.ctx = ctx
        self.prog = prog
        self.names = Names(a, ctx.lang)
        self.recs = recommendations(a, ctx.written)
        # one reference for every date, and the report's numbers: its bundled recommendations
        self.dates = schedule(a, ctx.written, self.recs, ctx.promised)
        self.bundles = bundles(a, ctx.lang, ctx.written, observed(self.recs), self.dates.planned)
        self.number = numbers(self.bundles)
        self.action_number = action_numbers(observed(self.recs))  # as appendix E of the report numbers them
        # a point agrees to one action: it is done when that action is, as appendix E and the DT memo date it
        self.due_of = action_dues(observed(self.recs), ctx.written, self.dates.planned)
        self.body = body_name("college", self.r, ctx.lang)
        self.plan = plan(self.recs, "college", self.r.maturity.blocking, self.r)
        self.kind = kind_of(self.r.organisation_type)

    def tx(self, key: str, **args: Any) -> str:
        return t(key, self.lang, **args)

    # ---------------------------------------------------------------- whole document
    def build(self) -> BoardDocument:
        r, tx, lang = self.r, self.tx, self.lang
        title = tx(f"prop_kind_{self.kind}")
        subject = t("doc_memo_subject", lang, org=r.organisation_name)
        doc = BoardDocument(lang, title, subject)
        gov = self.a.model.governance
        holder = gov.portfolio_holder if gov and gov.portfolio_holder else t("doc_not_recorded", lang)
        executive = body_name("college", r, lang)
        doc.front.append(Fields([
            (tx("prop_field_subject"), subject),
            (tx("prop_field_to"), self.ctx.to or executive[:1].upper() + executive[1:]),
            (tx("prop_field_portfolio"), holder),
            (tx("prop_field_author"), self.ctx.sender or ""),  # a role, filled in by hand when --from names none
            (tx("prop_field_registration"), ""),  # the secretariat's number, left to fill in
            (tx("prop_field_date"), fmt.long_date(self.ctx.written, lang)),
            (tx("prop_field_status"), tx("prop_status_decide")),
        ]))
        doc.footer = f"{title}: {r.organisation_name}"
        points = self.points() if self.ctx.final else self.concept_points()
        doc.sections = [self.decisions(points), self.introduction(), self.effect(), self.arguments(points),
                        self.risks(), self.finance(points), self.communication(), self.follow(),
                        self.attachments()]
        return doc

    # ---------------------------------------------------------------- the decisions and their arguments
    def points(self) -> list[Point]:
        """Take note of the report; agree to each recommendation the executive decides; inform the council.

        Each decision is concrete and has a date: the date of its recommendation, or of the estimate for large work.
        """
        tx, lang, r = self.tx, self.lang, self.r
        level_now = level(r.maturity)
        found = (tx("prop_argument_level", org=r.organisation_name, level=level_text(level_now, lang))
                 if level_now is not None else tx("prop_argument_no_level", org=r.organisation_name))
        # counted as the report counts them, from its "Besluit door": the bundled recommendations the executive
        # decides (alone or with the directie), not the actions inside them
        own = [b.number for b in self.bundles if "college" in b.decided_by]
        none = (tx("prop_cost_none"), "–")
        points = [Point(tx("prop_point_note", date=peildatum(r, lang)),
                        [found, tx("prop_argument_recs" if own else "prop_argument_recs_none",
                                   count=plural(len(self.bundles), "prop_noun_recommendation", lang, fmt.spelled),
                                   numbers=self.listed(own) if own else "", body=self.body)],
                        none)]
        fte = self.mandate_fte()
        # a response is asked once: its promises in one point, which quotes every action of that recommendation
        answered: dict[int, tuple[int, list[str], list[int]]] = {}
        for i, rec in enumerate(self.plan.decide):
            n = self.number[rec.rule.id]
            response = self.ctx.responses.get(n)
            what = fit(decision(with_params(rec), r, self.names, lang).rstrip("."), r.organisation_type, lang)
            what = what[:1].lower() + what[1:]
            gov = self.a.model.governance
            owner = gov.portfolio_holder if gov and gov.portfolio_holder else self.body
            args = [why(rec.rule.spec, lang), self.found(rec)]
            if i == 0:  # the competence for what follows is argued once, at the executive's first own decision
                args.append(tx(f"prop_competence_{self.kind}"))
            if rec.rule.spec.dimension == "mandate" and fte is not None:
                cost = (tx("prop_cost_fte", fte=fmt.number(fte, lang, 2)), tx("prop_cover_later"))
            elif rec.effort == "large":
                cost = (tx("prop_cost_later", date=fmt.long_date(self.estimate_due(), lang)), tx("prop_cover_later"))
            else:
                cost = (tx("prop_cost_within"), tx("prop_cover_within"))
            # the action the executive decides, quoted: the recommendation's title or its first action may be about
            # something else (reporting), and the point asks what it quotes
            quoted = fit(rec.action(lang), r.organisation_type, lang).rstrip(".")
            # a role within a Dutch sentence: "de wethouder Dienstverlening", where the file reads "Wethouder ..."
            if lang == "nl" and owner[:1].isupper() and owner[1:2].islower() and " " in owner:
                owner = "de " + owner[:1].lower() + owner[1:]
            if response is not None and (response.decision == "rejected" or response.actions):
                # the executive answered this recommendation: the point asks what its response said, by its dates
                # the quotes are actions of appendix E, not the recommendation's title: the point says which
                number = self.action_number[rec.rule.id]
                if n in answered:
                    at, quotes, numbers = answered[n]
                    if quoted not in quotes:
                        quotes.append(quoted)
                        numbers.append(number)
                    old = points[at]
                    points[at] = Point(self.answered(n, "; ".join(quotes), numbers, response),
                                       old.arguments + [x for x in args if x not in old.arguments], old.cost)
                    continue
                answered[n] = (len(points), [quoted], [number])
                points.append(Point(self.answered(n, quoted, [number], response), args, cost))
                continue
            if rec.effort == "large":
                args.append(tx("prop_argument_large", date=fmt.long_date(self.estimate_due(), lang)))
                text = tx("prop_point_agree_large", n=n, action=self.action_number[rec.rule.id], quote=quoted,
                          what=what, owner=owner, date=fmt.long_date(self.estimate_due(), lang))
            else:
                text = tx("prop_point_agree", n=n, action=self.action_number[rec.rule.id], quote=quoted, what=what,
                          owner=owner, date=fmt.long_date(self.due_of.get(rec.rule.id, self.due(n)), lang))
            if sources.argued_unsourced(rec.findings, r):  # the fact it argues from has no source: that comes first
                seen = next(f for f in rec.findings if basis(f) == "observed")
                # about the channels the organisation has, as the memo words the same fact
                kinds = frozenset(c.type for c in self.a.model.channels)
                fact = fit_channels(self.names.message(seen).rstrip("."), kinds, lang)
                fact = fact[:1].lower() + fact[1:] if fact[1:2].islower() else fact  # within a sentence
                text = tx("prop_point_establish_first", fact=fact, point=text[:1].lower() + text[1:])
            points.append(Point(text, args, cost))
        points += self.mandate_point(len(points) == 1)
        inform = inform_by(self.ctx.written)
        points.append(Point(tx(f"prop_point_inform_{self.kind}", date=fmt.long_date(inform, lang)),
                            [tx(f"prop_argument_inform_{self.kind}")], none))
        return points

    def answered(self, n: int, quoted: str, numbers: list[int], response: ResponseLike) -> str:
        """The decision on a recommendation the executive's response answered: not adopted, or its promises.

        ``quoted``: the actions of appendix E the point is about, ``numbers`` their numbers there.
        """
        actions = action_words(numbers, self.lang)  # in the order of the quotes
        if response.decision == "rejected":
            return self.tx("prop_point_rejected", n=n, quote=quoted, actions=actions)
        return self.tx("prop_point_promised", n=n, quote=quoted, actions=actions, promises=self.promises(response))

    def promises(self, response: ResponseLike) -> str:
        """The response's promises within a sentence, after a colon: "het college legt ... (..., uiterlijk ...)"."""
        # an acronym keeps its capitals
        texts = [t("stage_promise", self.lang, action=p.action, owner=p.owner, date=fmt.long_date(p.due, self.lang))
                 if p.due is not None else t("stage_promise_open", self.lang, action=p.action, owner=p.owner)
                 for p in response.actions]
        return "; ".join(x[:1].lower() + x[1:] if x[1:2].islower() else x for x in texts)

    def concept_points(self) -> list[Point]:
        """The concept goes to the executive for bestuurlijk wederhoor: take note, respond, and the mandate.

        The executive is asked to respond to the recommendations, not to adopt them: what it decides is in its
        response, which the definitief report holds; the council is informed with that report.
        """
        tx, lang, r = self.tx, self.lang, self.r
        level_now = level(r.maturity)
        found = (tx("prop_argument_level", org=r.organisation_name, level=level_text(level_now, lang))
                 if level_now is not None else tx("prop_argument_no_level", org=r.organisation_name))
        none = (tx("prop_cost_none"), "–")
        points = [Point(tx("prop_point_note_concept", date=peildatum(r, lang), body=self.body), [found], none)]
        reply = fmt.long_date(self.reaction_due(), lang)
        args = [tx("prop_argument_react", count=plural(len(self.bundles), "prop_noun_recommendation", lang,
                                                       fmt.spelled), body=self.body)]
        for rec in self.plan.decide:
            quoted = fit(rec.action(lang), r.organisation_type, lang).rstrip(".")
            args.append(tx("prop_argument_react_own", n=self.number[rec.rule.id], quote=quoted, body=self.body))
        args.append(tx(f"prop_competence_{self.kind}"))
        points.append(Point(tx("prop_point_react", date=reply, body=self.body), args, none))
        return points + self.mandate_point(False)

    def reaction_due(self) -> date:
        """When the executive's response to the concept is due: six weeks on, counted as the nota's period is (the
        Christmas holiday not counted), on a working day."""
        return reaction_date(self.ctx.written, BESTUURLIJK_DAYS)

    def mandate_point(self, competence: bool) -> list[Point]:
        """The mandate itself, where the file records who grants it: the directie grants it within the civil
        service, the executive sets the rules for it, so it agrees (definitief) or takes note (concept) explicitly.

        ``competence``: no earlier point argued the executive's competence over its own organisation.
        """
        tx, lang = self.tx, self.lang
        granter = mandate_granter(self.a, lang)
        if granter is None:
            return []
        wide = next((md for md in self.a.model.mandates if md.scope == "organisation"), None)
        if wide is not None:
            basis = tx("prop_mandate_decision", decision=wide.decision) if wide.decision else ""
        else:
            held = next((md for md in self.a.model.mandates if md.topic), None)
            basis = tx("prop_mandate_broadened", topic=held.topic) if held is not None and held.topic else ""
        args = [tx(f"prop_argument_mandate_{self.kind}", granter_cap=granter[:1].upper() + granter[1:],
                   body=self.body)]
        if competence and self.kind == "gemeente":
            args.append(tx("prop_competence_gemeente"))
        # the mandate needs its holder's time, which the DT memo frees: not "no costs" beside the time it reserves,
        # nor the staff time itself, which is the directie's decision
        cost = ((tx("prop_cost_mandate_time"), tx("prop_cover_staff")) if self.mandate_fte() is not None
                else (tx("prop_cost_none"), "–"))
        # a municipality, province or water authority has an ambtelijke organisatie; another organisation its own
        within = tx("prop_within_other" if self.kind == "other" else "prop_within_civil")
        if not self.ctx.final:
            return [Point(tx("prop_point_mandate_note", granter=granter, basis=basis, body=self.body, within=within,
                             date=fmt.long_date(self.reaction_due(), lang)), args, cost)]
        # the date the response promises for the mandate, else the estimate of the work: the mandate is agreed to
        # before or on the first deadline of the work it governs
        mandate_recs = [rec for rec in observed(self.recs) if rec.rule.spec.dimension == "mandate"]
        # the point follows what the response says of the mandate's recommendation: not adopted, no agreement;
        # partly or later, the route it chose and the date of what it promises last
        answered = [(n, r) for n in dict.fromkeys(self.number[rec.rule.id] for rec in mandate_recs
                                                  if rec.rule.id in self.number)
                    if (r := self.ctx.responses.get(n)) is not None]
        if answered:
            n, response = answered[0]
            in_point = {self.number[rec.rule.id] for rec in self.plan.decide if rec.rule.id in self.number}
            if response.decision == "rejected":
                return []
            dated = [p.due for p in response.actions if p.due is not None]
            if response.decision == "partly" and dated:
                if n in in_point:  # its promises are agreed to in that point already: a promise is asked once
                    return []
                return [Point(tx("prop_point_mandate_route", n=n, promises=self.promises(response), body=self.body,
                                 date=fmt.long_date(max(dated), lang)), args, cost)]
        promised = [d for rec in mandate_recs
                    if (d := promised_due(self.ctx.responses, self.number.get(rec.rule.id), "")) is not None]
        when = min(promised) if promised else self.estimate_due()
        return [Point(tx("prop_point_mandate", granter=granter, basis=basis, body=self.body, within=within,
                         date=fmt.long_date(when, lang)),
                      args, cost)]

    def mandate_fte(self) -> float | None:
        """The staff time the mandate needs, where an observed action on the mandate reserves it (reserves_fte)."""
        for rec in observed(self.recs):
            ref = rec.rule.spec.reserves_fte
            if ref is None:
                continue
            rule_id, _, key = ref.partition(".")
            rule = self.a.rules.rules.get(rule_id)
            value = rule.params.get(key) if rule is not None else None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
        return None

    def due(self, number: int) -> date:
        """When the report's recommendation with this number is to be done."""
        return next(b.due for b in self.bundles if b.number == number)

    def listed(self, numbers: list[int]) -> str:
        """"aanbeveling 4" or "aanbevelingen 2 en 4": the report's recommendations by number."""
        one, many = self.tx("prop_noun_recommendation").split("|")
        if len(numbers) == 1:
            return f"{one} {numbers[0]}"
        return f"{many} {', '.join(str(n) for n in numbers[:-1])} {t('doc_and', self.lang)} {numbers[-1]}"

    def found(self, rec: Recommendation) -> str:
        """What the audit found of this norm, and where."""
        norm = rec.rule.spec.title.get(self.lang)
        places = [self.names.entity(e) for e in rec.entities if e.startswith(PLACES)]
        if places:
            return self.tx("prop_argument_found_at", norm=norm, where=short_list(places, self.lang, 3))
        return self.tx("prop_argument_found", norm=norm)

    def decisions(self, points: list[Point]) -> Section:
        s = Section(self.tx("prop_h_decisions"))
        s.add(Para(self.tx("prop_decisions_intro", body=body_name("college", self.r, self.lang))))
        s.add(Items([p.text for p in points], ordered=True))
        return s

    def arguments(self, points: list[Point]) -> Section:
        """Per decision its arguments, numbered 1.1, 1.2, 2.1: a reader finds the why of each line."""
        s = Section(self.tx("prop_h_arguments"))
        for i, point in enumerate(points, 1):
            s.add(Para(point.text, label=self.tx("prop_label_point", n=i)))
            s.blocks += [Para(f"{i}.{j} {text}") for j, text in enumerate(point.arguments, 1)]
        return s

    # ---------------------------------------------------------------- the other parts
    def introduction(self) -> Section:
        r, tx = self.r, self.tx
        s = Section(tx("prop_h_introduction"))
        key = "prop_introduction" if self.ctx.final else "prop_introduction_concept"
        s.add(Para(tx(key, org=r.organisation_name, date=peildatum(r, self.lang), body=self.body)))
        if self.prog is not None:
            s.add(Para(tx("prop_progress", fixed=fmt.count(len(self.prog.fixed), self.lang),
                          open=fmt.count(len(self.prog.still_open), self.lang))))
        return s

    def effect(self) -> Section:
        """What residents and businesses notice once the decisions are carried out; never a maturity level."""
        tx = self.tx
        s = Section(tx("prop_h_effect"))
        who = tx(f"prop_public_{'gemeente' if self.kind != 'other' else 'other'}")
        dims = list(dict.fromkeys(rec.rule.spec.dimension for rec in self.plan.decide))
        known = [d for d in dims if f"prop_effect_{d}" in _catalog()]
        if not known:
            s.add(Para(tx("prop_effect_none", who=who)))
            return s
        s.add(Para(tx("prop_effect_intro", who=who)))
        s.add(Items([tx(f"prop_effect_{d}") for d in known]))
        return s

    def risks(self) -> Section:
        r, tx, lang = self.r, self.tx, self.lang
        s = Section(tx("prop_h_risks"))
        items = [t("doc_caveat_awb", lang)]
        # counted as the report counts them: norms not yet shown, never the findings behind them
        missing = len(not_shown(self.recs))
        if missing:
            items.append(tx("prop_risk_missing", count=counted(missing, "norm", lang)))
        support = [f for f in (*r.findings, *(w.finding for w in r.waived)) if f.rule == AWB_SUPPORT]
        if support:  # a legal duty not met, or not shown to be met
            observed_ = any(basis(f) == "observed" for f in support)
            risk = tx("prop_risk_awb_support" if observed_ else "prop_risk_awb_support_unknown")
            # a channel recorded as giving no help, on no source: the risk says what it rests on, as the report does
            helpless = [c for c in self.a.model.channels if c.assisted_digital is False]
            if r.sources and helpless and not any(sources.cited_numbers(tuple(c.source or ()), r) for c in helpless):
                risk += " " + tx("prop_risk_awb_no_source", channels=short_list([c.name for c in helpless], lang, 3))
            items.append(risk)
        items.append(tx("prop_risk_capacity"))
        org_wide = [md for md in self.a.model.mandates if md.scope == "organisation"]
        if org_wide and any(len(md.holders or []) == 1 for md in org_wide):
            items.append(t("doc_caveat_continuity", lang))
        s.add(Items(items))
        return s

    def finance(self, points: list[Point]) -> Section:
        """Per decision an estimate or "nog te ramen", and where the money comes from."""
        tx = self.tx
        s = Section(tx("prop_h_finance"))
        rows = [[str(i), *point.cost] for i, point in enumerate(points, 1)]
        s.add(Table([tx("prop_col_point"), tx("prop_col_estimate"), tx("prop_col_cover")], rows, [2, 6, 5]))
        return s

    def communication(self) -> Section:
        tx = self.tx
        s = Section(tx("prop_h_communication"))
        if not self.ctx.final:  # the council hears of the report with the definitief, the response in it
            s.add(Items([tx(f"prop_communication_concept_{self.kind}")]))
            return s
        s.add(Items([tx("prop_communication_internal"), tx(f"prop_communication_{self.kind}")]))
        return s

    def follow(self) -> Section:
        tx, lang = self.tx, self.lang
        s = Section(tx("prop_h_follow_up"))
        s.add(Para(tx("prop_follow_up", date=fmt.long_date(self.dates.follow_up, lang))))
        if self.dates.promised is not None and self.dates.follow_up > self.dates.planned:
            s.add(Para(tx("doc_follow_up_promised", last=fmt.long_date(self.dates.promised, lang))))
        for text in vision_paras(self.a, self.dates, lang):
            s.add(Para(text))
        other = plan(self.recs, "directie", self.r.maturity.blocking, self.r)
        if other.record:  # facts nobody recorded: the management team collects them, the executive does not
            norms = short_list([f'"{rec.rule.spec.title.get(lang)}"' for rec in other.record], lang, 3)
            s.add(Para(tx("prop_facts_dt", norms=norms, body=self.body)))
        if other.points:
            s.add(Para(tx("prop_follow_directie", count=counted(other.points, "point", lang))))
        if self.plan.rest:
            rest = plural(self.plan.rest, "prop_noun_recommendation", lang, fmt.spelled)
            s.add(Para(tx("prop_follow_rest", count=rest, body=self.body)))
        return s

    def attachments(self) -> Section:
        s = Section(self.tx("prop_h_attachments"))
        if not self.ctx.final:
            s.add(Items([self.tx("prop_attachment_concept", org=self.r.organisation_name)], ordered=True))
            return s
        s.add(Items([t("doc_attachment_report", self.lang, org=self.r.organisation_name),
                     self.tx(f"prop_attachment_{self.kind}")], ordered=True))
        return s

    def estimate_due(self) -> date:
        """When an estimate for a costly decision is due: the plan's date, before the follow-up audit."""
        return self.dates.estimate_due


def _catalog() -> dict[str, dict[str, str]]:
    from digimandate.i18n import CATALOG

    return CATALOG


def build_proposal(a: Audited, ctx: DocContext, prog: Progress | None = None) -> BoardDocument:
    """The proposal to the executive of one audit, in the words of its kind of organisation, as the memo is."""
    # the arguments quote the checklist's rationale and norm titles, written as to a municipality
    return fit_document(_Proposal(a, ctx, prog).build(), a.result.organisation_type,
                        frozenset(c.type for c in a.model.channels),
                        one_holder([len(md.holders or []) for md in a.model.mandates]))
