"""The comparative report: several organisations against one normenkader, side by side, without a ranking."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from digimandate.audit.specs import ActiveRule, RuleSet
from digimandate.compare.profile import NO_SIZE, NOT_MUNICIPAL, SIZE_BOUNDS, Median, Profile, Verdict, median
from digimandate.i18n import Lang, counted, t
from digimandate.render.doc import fmt
from digimandate.render.doc.common import short_list
from digimandate.render.doc.compare_svg import level_grid
from digimandate.render.doc.model import BoardDocument, Fields, Figure, Items, Para, Section, Table

COLUMNS = 6  # organisations per table: more do not fit a printed page beside the norm
NAMED = 6  # up to this many organisations a difference names them; beyond, it counts them
FIGURE_ROWS = 25  # organisations per figure: more would not fit one printed page
POINTS = 2  # strongest and weakest points per organisation
ASSESSED: tuple[Verdict, ...] = ("meets", "partly", "fails", "not_established")


@dataclass(frozen=True)
class CompareOptions:
    """What the comparison was asked: language, date written, ranking, medians per size class."""

    lang: Lang
    written: date
    rank: bool = False
    against_median: bool = False


def ordered(profiles: list[Profile], rank: bool) -> list[Profile]:
    """By name; with ``rank``, by overall level (highest first, no level last), then by name."""
    by_name = sorted(profiles, key=lambda p: (p.name.casefold(), p.name))
    if not rank:
        return by_name
    return sorted(by_name, key=lambda p: -(p.level or 0))


def distinct(profiles: list[Profile]) -> list[Profile]:
    """Profiles whose names repeat get a number ("Gemeente X (2)"): every column and row must say whose it is."""
    seen: dict[str, int] = {}
    for p in profiles:
        seen[p.name] = seen.get(p.name, 0) + 1
    count: dict[str, int] = {}
    out = []
    for p in sorted(profiles, key=lambda p: p.audit_date):
        if seen[p.name] > 1:
            count[p.name] = count.get(p.name, 0) + 1
            p = replace(p, name=f"{p.name} ({count[p.name]})")
        out.append(p)
    return out


class _Compare:
    """Builds the comparison of several profiles."""

    def __init__(self, profiles: list[Profile], rules: RuleSet, opts: CompareOptions) -> None:
        self.profiles = ordered(distinct(profiles), opts.rank)
        self.rules = rules
        self.opts = opts
        self.lang: Lang = opts.lang
        self.dims = [(name, dim) for name, dim in rules.dimensions.items() if dim.graded
                     and any(name in p.dimensions for p in self.profiles)]
        graded = {name for name, _ in self.dims}  # advice on the role (job design) is no norm to compare on
        self.norms = [rule for rule in rules.sorted()
                      if rule.spec.dimension in graded and any(rule.id in p.norms for p in self.profiles)]

    def tx(self, key: str, **args: Any) -> str:
        return t(key, self.lang, **args)

    def build(self) -> BoardDocument:
        tx, lang = self.tx, self.lang
        n = len(self.profiles)
        doc = BoardDocument(lang, tx("doc_cmp_title", count=fmt.count(n, lang)), tx("doc_report_subtitle"))
        doc.front.append(Fields([
            (tx("doc_cmp_field_organisations"), fmt.count(n, lang)),
            (tx("doc_field_audit_date"), self.audit_dates()),
            (tx("doc_field_written"), fmt.long_date(self.opts.written, lang)),
            (tx("doc_field_standard"), self.standard_name()),
        ]))
        doc.footer = tx("doc_cmp_footer", count=fmt.count(n, lang))
        doc.contents = tx("doc_contents")
        norms = self.per_dimension()  # with many organisations, its second part is the last: an appendix
        doc.sections = [self.summary(), self.method(), self.levels(), self.by_size(), self.common(), norms[0],
                        self.points(), *norms[1:]]
        return doc

    # ---------------------------------------------------------------- front
    def standard_name(self) -> str:
        return "; ".join(self.tx("doc_checklist_version", title=c.title.get(self.lang), version=c.version)
                         for c in self.rules.checklists)

    def audit_dates(self) -> str:
        days = sorted({date.fromisoformat(p.audit_date) for p in self.profiles})
        first, last = fmt.long_date(days[0], self.lang), fmt.long_date(days[-1], self.lang)
        return first if first == last else self.tx("doc_cmp_dates_range", first=first, last=last)

    # ---------------------------------------------------------------- sections
    def summary(self) -> Section:
        tx, lang = self.tx, self.lang
        s = Section(tx("doc_h_summary"))
        s.add(Para(tx("doc_cmp_summary", count=fmt.count(len(self.profiles), lang),
                      norms=fmt.count(len(self.norms), lang), dimensions=fmt.count(len(self.dims), lang))))
        s.add(Para(tx("doc_cmp_order_rank" if self.opts.rank else "doc_cmp_order_name")))
        everyone, nobody, differ = self.split_norms()
        s.add(Para(tx("doc_cmp_summary_common" if nobody else "doc_cmp_summary_common_no_none",
                      norms=fmt.count(len(self.norms), lang),
                      all=fmt.count(len(everyone), lang), none=fmt.count(len(nobody), lang),
                      differ=fmt.count(len(differ), lang))))
        with_level = [p for p in self.profiles if p.level is not None]
        if with_level:
            levels = sorted(p.level for p in with_level if p.level is not None)
            s.add(Para(tx("doc_cmp_summary_levels", low=levels[0], high=levels[-1],
                          median=self.median_words(median(levels)),
                          count=fmt.count(len(with_level), lang), total=fmt.count(len(self.profiles), lang))))
        without = len(self.profiles) - len(with_level)
        if without:
            s.add(Para(tx("doc_cmp_summary_no_level", count=counted(without, "doc_cmp_noun_organisation", lang))))
        return s

    def method(self) -> Section:
        tx, lang = self.tx, self.lang
        s = Section(tx("doc_h_method"))
        s.add(Para(tx("doc_cmp_method")))
        s.add(Items([tx(f"doc_cmp_explain_{v}") for v in ("meets", "partly", "fails", "not_established",
                                                          "not_applicable", "not_assessed")]))
        s.add(Para(tx("doc_cmp_method_coverage")))
        # where an organisation's file keeps a register of sources, only a fact with a source counts as established
        levels = "doc_method_levels_sourced" if any(p.sourced for p in self.profiles) else "doc_method_levels"
        s.add(Para(tx(levels, minimum=fmt.percent(self.rules.min_evidence, lang))))
        days = {p.audit_date for p in self.profiles}
        if len(days) > 1:
            s.add(Para(tx("doc_cmp_method_dates")))
        unrecorded = sum(1 for p in self.profiles if not p.audit_date_recorded)
        if unrecorded:
            s.add(Para(tx("doc_cmp_method_no_date", count=fmt.count(unrecorded, lang))))
        return s

    def levels(self) -> Section:
        tx = self.tx
        s = Section(tx("doc_cmp_h_levels"), new_page=True)
        columns = [tx("doc_cmp_col_overall"), *(dim.title.get(self.lang) for _, dim in self.dims)]
        rows = [(p.name, [p.level, *(self.level_of(p, name) for name, _ in self.dims)]) for p in self.profiles]
        s.add(Para(tx("doc_cmp_levels_intro")))
        parts = [rows[i:i + FIGURE_ROWS] for i in range(0, len(rows), FIGURE_ROWS)]
        for n, part in enumerate(parts, 1):  # a figure is never split over pages: each part fits one
            title = tx("doc_cmp_figure_title") if len(parts) == 1 else \
                tx("doc_cmp_figure_part", title=tx("doc_cmp_figure_title"), part=n, parts=len(parts))
            s.add(Figure(title, level_grid(title, tx("doc_cmp_figure_desc"), columns, part, f"cmp-levels-{n}")))
        s.blocks += self.transposed(tx("doc_col_dimension"), columns,
                                    [(name, [self.cell(v) for v in levels]) for name, levels in rows])
        s.add(Para(tx("doc_cmp_levels_legend")))
        return s

    @staticmethod
    def transposed(corner: str, labels: list[str], columns: list[tuple[str, list[str]]],
                   last: tuple[str, list[str]] | None = None) -> list[Table]:
        """One column per organisation, at most six to a table (``last``, a median, closes each): it prints."""
        size = COLUMNS - (last is not None)
        tables = []
        for i in range(0, len(columns), size):
            chunk = columns[i:i + size] + ([last] if last is not None else [])
            rows = [[label, *(cells[r] for _, cells in chunk)] for r, label in enumerate(labels)]
            tables.append(Table([corner, *(name for name, _ in chunk)], rows, [5, *([3] * len(chunk))], levels=True))
        return tables

    def level_of(self, p: Profile, dim: str) -> int | None:
        d = p.dimensions.get(dim)
        return d.level if d is not None else None

    @staticmethod
    def cell(level: int | None) -> str:
        return "–" if level is None else str(level)

    def by_size(self) -> Section:
        tx, lang = self.tx, self.lang
        s = Section(tx("doc_cmp_h_size"))
        classes: dict[str, list[Profile]] = {}
        for p in self.profiles:
            classes.setdefault(p.size_class, []).append(p)
        if set(classes) <= {NO_SIZE, NOT_MUNICIPAL}:
            s.add(Para(tx("doc_cmp_size_none")))
            return s
        s.add(Para(tx("doc_cmp_size_intro")))
        if self.opts.against_median:
            s.add(Para(tx("doc_cmp_size_against")))
        order = [str(i) for i in range(1, len(SIZE_BOUNDS) + 1)] + [NOT_MUNICIPAL, NO_SIZE]
        for key in order:
            members = classes.get(key)
            if not members:
                continue
            sub = Section(self.class_name(key))
            sub.add(Para(tx("doc_cmp_class_count", count=fmt.count(len(members), lang))))
            if key in (NO_SIZE, NOT_MUNICIPAL):
                sub.add(Para(tx("doc_cmp_class_unknown" if key == NO_SIZE else "doc_cmp_class_other",
                                names=short_list([p.name for p in members], lang, 12))))
                s.sections.append(sub)
                continue
            sub.blocks += self.class_table(members)
            s.sections.append(sub)
        return s

    def class_name(self, key: str) -> str:
        if key == NO_SIZE:
            return self.tx("doc_cmp_class_no_size")
        if key == NOT_MUNICIPAL:
            return self.tx("doc_cmp_class_not_municipal")
        i = int(key) - 1
        low = fmt.count(SIZE_BOUNDS[i], self.lang)
        if i == 0:
            return self.tx("doc_cmp_class_first", high=fmt.count(SIZE_BOUNDS[1], self.lang))
        if i == len(SIZE_BOUNDS) - 1:
            return self.tx("doc_cmp_class_last", low=low)
        return self.tx("doc_cmp_class_between", low=low, high=fmt.count(SIZE_BOUNDS[i + 1], self.lang))

    def class_table(self, members: list[Profile]) -> list[Any]:
        """The class's organisations with their levels, the class's median beside them; with differences if asked."""
        tx, lang = self.tx, self.lang
        names = ["", *(name for name, _ in self.dims)]
        medians = [median([v for p in members if (v := self.value(p, n)) is not None]) for n in names]
        compare = self.opts.against_median and len(members) > 1
        columns = []
        notes: list[str] = []
        level: list[str] = []  # organisations on the median everywhere
        for p in members:
            cells = [fmt.count(p.inhabitants or 0, lang)]
            above: list[str] = []
            below: list[str] = []
            for name, mid in zip(names, medians, strict=True):
                value = self.value(p, name)
                text = self.cell(value)
                if compare and value is not None and mid is not None:
                    diff = mid.offset(value)
                    text += f" ({'+' if diff > 0 else '±' if diff == 0 else '−'}{fmt.number(abs(diff), lang)})"
                    title = self.column_title(name)
                    (above if diff > 0 else below if diff < 0 else []).append(title)
                cells.append(text)
            columns.append((p.name, cells))
            if compare:
                if above or below:
                    notes.append(self.median_note(p.name, above, below))
                else:
                    level.append(p.name)
        middle = (tx("doc_cmp_median_row"), ["–", *("–" if m is None else self.median_cell(m) for m in medians)])
        labels = [tx("doc_cmp_col_inhabitants"), tx("doc_cmp_col_overall"),
                  *(dim.title.get(lang) for _, dim in self.dims)]
        out: list[Any] = list(self.transposed(tx("doc_cmp_col_organisation"), labels, columns, middle))
        if self.opts.against_median and len(members) == 1:
            out.append(Para(tx("doc_cmp_median_alone")))
        if level:
            notes.append(tx("doc_cmp_median_equal", orgs=short_list(level, lang, 12)))
        if notes:
            out.append(Items(notes))
        return out

    def value(self, p: Profile, name: str) -> int | None:
        return p.level if name == "" else self.level_of(p, name)

    def column_title(self, name: str) -> str:
        if name == "":
            return self.tx("doc_cmp_overall_level")
        return self.rules.dimensions[name].title.get(self.lang)

    def median_words(self, mid: Median | None) -> str:
        """The median in a sentence: "op niveau 3", or "tussen niveau 2 en 3" when it falls between two levels."""
        if mid is None or mid.low == mid.high:
            return self.tx("doc_cmp_median_at", level=mid.low if mid else 0)
        return self.tx("doc_cmp_median_between", low=mid.low, high=mid.high)

    def median_cell(self, mid: Median) -> str:
        """The median in a table: "3", or "2 à 3"."""
        if mid.low == mid.high:
            return str(mid.low)
        return self.tx("doc_cmp_median_cell_between", low=mid.low, high=mid.high)

    def median_note(self, org: str, above: list[str], below: list[str]) -> str:
        tx, lang = self.tx, self.lang
        if above and below:
            return tx("doc_cmp_median_both", org=org, above=short_list(above, lang), below=short_list(below, lang))
        if above:
            return tx("doc_cmp_median_above", org=org, above=short_list(above, lang))
        return tx("doc_cmp_median_below", org=org, below=short_list(below, lang))

    def split_norms(self) -> tuple[list[ActiveRule], list[ActiveRule], list[ActiveRule]]:
        """Norms every assessed organisation meets, norms none meets, and norms on which they differ."""
        everyone, nobody, differ = [], [], []
        for rule in self.norms:
            verdicts = [v for p in self.profiles if (v := self.verdict(p, rule.id)) in ASSESSED]
            if not verdicts:
                continue
            if all(v == "meets" for v in verdicts):
                everyone.append(rule)
            elif len(set(verdicts)) == 1 or "meets" not in verdicts:
                nobody.append(rule)
            else:
                differ.append(rule)
        return everyone, nobody, differ

    def verdict(self, p: Profile, rule: str) -> Verdict:
        found = p.norms.get(rule)
        return found.verdict if found is not None else "not_assessed"

    def common(self) -> Section:
        tx, lang = self.tx, self.lang
        s = Section(tx("doc_cmp_h_common"), new_page=True)
        everyone, nobody, differ = self.split_norms()
        for key, rules in (("doc_cmp_common_all", everyone), ("doc_cmp_common_none", nobody)):
            if rules:
                s.add(Para(tx(key, count=fmt.count(len(rules), lang))))
                s.add(Items([self.with_assessed(rule) for rule in rules]))
            else:
                s.add(Para(tx(f"{key}_empty")))
        if differ:
            s.add(Para(tx("doc_cmp_common_differ", count=fmt.count(len(differ), lang))))
            s.add(Items([f"{rule.spec.title.get(lang)}: {self.spread(rule)}" for rule in differ]))
        else:
            s.add(Para(tx("doc_cmp_common_differ_empty")))
        return s

    def with_assessed(self, rule: ActiveRule) -> str:
        """A norm's title, and at how many organisations it could be assessed when not at all of them."""
        assessed = sum(1 for p in self.profiles if self.verdict(p, rule.id) in ASSESSED)
        title = rule.spec.title.get(self.lang)
        if assessed == len(self.profiles):
            return title
        return self.tx("doc_cmp_assessed_at", norm=title, count=fmt.count(assessed, self.lang),
                       total=fmt.count(len(self.profiles), self.lang))

    def spread(self, rule: ActiveRule) -> str:
        """"voldoet bij A en B; niet bij C", or counts when there are many organisations."""
        parts = []
        many = len(self.profiles) > NAMED
        for v in ("meets", "partly", "fails", "not_established", "not_applicable", "not_assessed"):
            names = [p.name for p in self.profiles if self.verdict(p, rule.id) == v]
            if names:
                who = fmt.count(len(names), self.lang) if many else short_list(names, self.lang, NAMED)
                parts.append(self.tx("doc_cmp_spread", verdict=self.tx(f"doc_cmp_verdict_{v}"), who=who))
        return "; ".join(parts)

    def per_dimension(self) -> list[Section]:
        """Per dimension each norm at each organisation; beyond six organisations, counts here and the rest after."""
        tx, lang = self.tx, self.lang
        chunks = [self.profiles[i:i + COLUMNS] for i in range(0, len(self.profiles), COLUMNS)]
        many = len(chunks) > 1
        s = Section(tx("doc_cmp_h_norms_counted" if many else "doc_cmp_h_norms"), new_page=True)
        s.add(Para(tx("doc_cmp_norms_counted_intro" if many else "doc_cmp_norms_intro")))
        appendix = Section(tx("doc_cmp_h_appendix"), new_page=True)
        appendix.add(Para(tx("doc_cmp_norms_intro")))
        for name, dim in self.dims:
            rules = sorted((r for r in self.norms if r.spec.dimension == name), key=lambda r: (r.spec.level, r.id))
            if not rules:
                continue
            sub = Section(dim.title.get(lang))
            detail = Section(dim.title.get(lang)) if many else sub
            if many:
                sub.add(self.counts_table(rules))
                appendix.sections.append(detail)
            for chunk in chunks:
                header = [tx("doc_col_norm"), tx("doc_cmp_col_rung"), *(p.name for p in chunk)]
                rows = [[rule.spec.title.get(lang), str(rule.spec.level), *(self.norm_cell(p, rule) for p in chunk)]
                        for rule in rules]
                detail.add(Table(header, rows, [6, 2, *([3] * len(chunk))]))
            s.sections.append(sub)
        return [s, appendix] if many else [s]

    def counts_table(self, rules: list[ActiveRule]) -> Table:
        """Per norm how many organisations meet it, partly, not, not established: the overview of a large folder."""
        tx = self.tx
        kinds: tuple[Verdict, ...] = ("meets", "partly", "fails", "not_established", "not_applicable")
        rows = []
        for rule in rules:
            verdicts = [self.verdict(p, rule.id) for p in self.profiles]
            rows.append([rule.spec.title.get(self.lang), *(fmt.count(verdicts.count(k), self.lang) for k in kinds)])
        heads = [tx(f"doc_cmp_verdict_{k}") for k in kinds]
        return Table([tx("doc_col_norm"), *(h[:1].upper() + h[1:] for h in heads)], rows, [6, 2, 2, 2, 2, 2])

    def norm_cell(self, p: Profile, rule: ActiveRule) -> str:
        found = p.norms.get(rule.id)
        if found is None:
            return self.tx("doc_cmp_verdict_not_assessed")
        word = self.tx(f"doc_cmp_verdict_{found.verdict}")
        if found.verdict in ("meets", "partly", "fails") and found.applicable > 1:
            return self.tx("doc_cmp_cell_coverage", verdict=word, passed=fmt.count(found.passed, self.lang),
                           applicable=fmt.count(found.applicable, self.lang))
        return word

    def points(self) -> Section:
        tx = self.tx
        s = Section(tx("doc_cmp_h_points"), new_page=True)
        s.add(Para(tx("doc_cmp_points_intro")))
        rows = [[p.name, *self.strong_weak(p)] for p in self.profiles]
        s.add(Table([tx("doc_cmp_col_organisation"), tx("doc_cmp_col_strongest"), tx("doc_cmp_col_weakest")],
                    rows, [4, 5, 6]))
        return s

    def strong_weak(self, p: Profile) -> tuple[str, str]:
        """The two dimensions with the highest and the two with the lowest level, in words."""
        tx, lang = self.tx, self.lang
        order = {name: i for i, (name, _) in enumerate(self.dims)}
        graded = [(name, d) for name, d in p.dimensions.items() if name in order and d.level is not None]
        unknown = [name for name, d in p.dimensions.items() if name in order and d.level is None]
        if not graded:
            return tx("doc_cmp_points_none"), self.unknown_text(unknown) or tx("doc_cmp_points_none")
        levels = {d.level or 0 for _, d in graded}
        if len(levels) == 1:  # nothing stands out among the dimensions that have a level
            level = graded[0][1].level or 0
            if level <= 1:  # the lowest level is no strength, even where nothing better was measured
                lowest = tx("doc_cmp_points_all_same", level=level) if not unknown else \
                    self.unknown_text(unknown[:POINTS])
                return tx("doc_cmp_points_no_strong"), lowest
            if not unknown:
                return tx("doc_cmp_points_all_same", level=level), tx("doc_cmp_points_no_weak", level=level)
            titles = [self.rules.dimensions[name].title.get(lang) for name, _ in graded]
            return tx("doc_cmp_points_only", dims=short_list(titles, lang), level=level), \
                self.unknown_text(unknown[:POINTS])
        # highest level first; between equals the higher score, then the checklist's order
        best = sorted(graded, key=lambda x: (-(x[1].level or 0), -(x[1].score or 0), order[x[0]]))
        worst = sorted(graded, key=lambda x: (x[1].level or 0, x[1].score or 0, order[x[0]]))
        top, bottom = max(levels), min(levels)
        # a dimension at the organisation's lowest level is no strength, one at its highest no weakness
        strong = [self.point(name, d.level) for name, d in best[:POINTS] if (d.level or 0) > max(bottom, 1)]
        weak = [self.unknown_text(unknown[:POINTS])] if unknown else []
        room = POINTS - min(len(unknown), POINTS)
        weak += [self.weak_point(name, d.level, d.blocking) for name, d in worst[:room] if (d.level or 0) < top]
        return "; ".join(strong) or tx("doc_cmp_points_no_strong"), "; ".join(weak) or tx("doc_cmp_points_none")

    def point(self, name: str, level: int | None) -> str:
        return self.tx("doc_cmp_point", dim=self.rules.dimensions[name].title.get(self.lang), level=level)

    def weak_point(self, name: str, level: int | None, blocking: tuple[str, ...]) -> str:
        held = next((self.rules.rules[b].spec.title.get(self.lang) for b in blocking if b in self.rules.rules), None)
        if held is None:
            return self.point(name, level)
        return self.tx("doc_cmp_point_held", dim=self.rules.dimensions[name].title.get(self.lang), level=level,
                       norm=held)

    def unknown_text(self, names: list[str]) -> str:
        if not names:
            return ""
        titles = [self.rules.dimensions[n].title.get(self.lang) for n in names]
        return self.tx("doc_cmp_point_unknown", dims=short_list(titles, self.lang))


def build_comparison(profiles: list[Profile], rules: RuleSet, opts: CompareOptions) -> BoardDocument:
    """The comparative report of several organisations."""
    return _Compare(profiles, rules, opts).build()
