"""Writing reports and memos: one per organisation, a checked template, never over an input."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digimandate.audit.result import AuditResult
from digimandate.cli.run import Run, output_names
from digimandate.cli.safety import Inputs, Target, check_targets
from digimandate.cli.settings import AuditOptions
from digimandate.errors import Term, UsageError
from digimandate.i18n import Lang, t
from digimandate.model.loader import Limits
from digimandate.render.common import Audited
from digimandate.render.formats import FORMATS

if TYPE_CHECKING:
    from digimandate.render.doc.stages import Reactie, Stage, StageName

Warn = Callable[[str], None]


@dataclass(frozen=True)
class StageRequest:
    """What ``report --stage`` was given: the stage, a version, the reactie, the nawoord, the previous reactie."""

    name: str | None = None  # None: a report without a stage, as written before stages existed
    version: str | None = None
    reactie: Path | None = None
    nawoord: Path | None = None
    previous_reactie: Path | None = None

    def check_definitief(self, req: DocRequest, org_types: list[str | None]) -> None:
        """A reactie or nawoord without ``--stage definitief``: the hint names the body the concept goes to."""
        from digimandate.render.doc.words import kind

        kinds = {kind(org_type) for org_type in org_types}
        # a folder of organisations of more than one kind: each goes to its own executive
        body = Term(f"doc_executive_{kinds.pop()}") if len(kinds) == 1 else Term("stage_executive_any")
        for opt, path in (("--reactie", self.reactie), ("--nawoord", self.nawoord)):
            if path is not None and self.name != "definitief" and req.kind == "report":
                raise UsageError("stage_needs_definitief", option=opt, executive=body)

    def check(self, req: DocRequest) -> None:
        """Options that belong together, refused before anything is audited."""
        given = [(opt, path) for opt, path in (("--stage", self.name), ("--doc-version", self.version),
                                                ("--reactie", self.reactie), ("--nawoord", self.nawoord),
                                                ("--previous-reactie", self.previous_reactie)) if path]
        # a memo takes the executive's response only: its follow-up comes after what that response promised
        beyond = [(opt, path) for opt, path in given if opt != "--reactie"] if req.kind == "memo" else given
        if given and (beyond or req.template is not None) and (req.kind != "report" or req.template is not None):
            raise UsageError("stage_report_only", option=(beyond or given)[0][0])
        if self.name == "definitief" and self.reactie is None:
            raise UsageError("stage_definitief_needs_reactie")
        if self.previous_reactie is not None and req.previous is None:
            raise UsageError("stage_previous_reactie_needs_previous")


@dataclass(frozen=True)
class DocRequest:
    """What ``report`` or ``memo`` was asked."""

    kind: str  # "report" or "memo"
    output_text: str | None  # as typed: a trailing slash asks for a folder
    file: Path = Path("organisation.yaml")  # an organisation file, or a folder of them
    options: AuditOptions = field(default_factory=AuditOptions)
    limits: Limits = field(default_factory=Limits)
    template: Path | None = None
    previous: Path | None = None
    to: str | None = None
    sender: str | None = None
    force: bool = False
    names: bool = False  # staff names beside the job design: the consultant's copy only
    fmt: str = "md"  # one of render.formats.document_formats()
    audience: str = "directie"  # who decides on a memo: directie or college
    reference: Path | None = None  # a Word file whose house style a docx takes
    stage: StageRequest = field(default_factory=StageRequest)
    day: date | None = None  # --date: the date the document carries

    @property
    def output(self) -> Path | None:
        """Where to write; None for standard output."""
        return None if self.output_text in (None, "-") else Path(self.output_text)

    @property
    def per_organisation(self) -> bool:
        """``-o DIR/`` (or an existing folder) asks for one document per organisation."""
        text = self.output_text
        return text is not None and text != "-" and (text.endswith(("/", os.sep)) or Path(text).is_dir())


def suffix(req: DocRequest) -> str:
    """The file name ending of one document in a folder of documents."""
    ext = ".md" if req.template is not None else "." + FORMATS[req.fmt].extension
    return ext if req.kind == "report" else f".memo{ext}"


def template_name(kind: str) -> str:
    """The template file a ``--template`` folder must hold for this kind of document."""
    return f"{kind}.md.j2"


def check_template(kind: str, template: Path | None) -> None:
    """A ``--template`` that is not a folder with the template in it is an error, not the built-in one."""
    if template is None:
        return
    if not template.is_dir():
        raise UsageError("template_not_folder", folder=str(template))
    # present is enough: a pipe, a device or a link out of the folder is refused, located, when it is read
    if not os.path.lexists(template / template_name(kind)):
        raise UsageError("template_missing", folder=str(template), file=template_name(kind))


def pick_previous(items: list[dict[str, Any]], result: AuditResult, file: str, lang: Lang,
                  warn: Warn) -> dict[str, Any] | None:
    """The earlier result of this organisation: the matching one of a folder result; a warning on a mismatch."""

    def same(item: dict[str, Any]) -> bool:
        org = item.get("organisation") or {}
        return bool(org.get("name") == result.organisation_name and org.get("code") == result.organisation_code)

    match = next((item for item in items if same(item)), None)
    if match is not None:
        return match
    if len(items) > 1:
        warn(t("previous_not_found", lang, file=file, name=result.organisation_name))
        return None
    org = items[0].get("organisation") or {}
    other = str(org.get("name") or "?") + (f" ({org['code']})" if org.get("code") else "")
    this = result.organisation_name + (f" ({result.organisation_code})" if result.organisation_code else "")
    warn(t("previous_other_org", lang, file=file, other=other, name=this))
    return items[0]


def document(run: Run, req: DocRequest, say: Warn) -> None:
    """Audit the file (or folder) and write the report or memo; warnings and what was written go to ``say``."""
    req.stage.check(req)
    check_template(req.kind, req.template)
    run.audit([req.file], keep_models=True)  # the documents describe the organisation
    if run.exit_code:
        return
    req.stage.check_definitief(req, [result.organisation_type for result in run.results])
    for path, lang in write_documents(run, req, say):
        say(t("written", lang, file=str(path)))


def write_documents(run: Run, req: DocRequest, warn: Warn) -> list[tuple[Path, Lang]]:
    """Render every document in full, refuse before writing anything, then write; returns what was written."""
    from digimandate.cli.output import to_stdout, write_files
    from digimandate.render.advice import load_previous_results, version_changes

    results = run.results
    stdout_only = req.output is None
    per_org = req.per_organisation
    if len(results) > 1 and not per_org:
        raise UsageError(f"{req.kind}_needs_folder", count=len(results))
    if req.template is None and FORMATS[req.fmt].binary and stdout_only:
        raise UsageError("docx_needs_output")
    if req.reference is not None and (not FORMATS[req.fmt].styled or req.template is not None):
        raise UsageError("reference_docx_needs_docx")  # a house style silently ignored would surprise
    earlier = load_previous_results(req.previous) if req.previous else None
    written, note = _written(req, run.lang_for(results[0]) if results else "en")
    stage, answered = _stage_inputs(req, len(results), written)  # read and checked before any document is made
    names = output_names(results) if per_org else []
    targets = [_target(req, names[i] if per_org else None) for i in range(len(results))]
    if not stdout_only:  # refuse before any document is made (a Word report takes a second or more)
        check_targets([Target(p, req.force) for target in targets if target is not None for p in _files(req, target)],
                      _inputs(run, req))
    planned: list[tuple[Path | None, str | bytes, Lang, bool]] = []  # where, what, language, a document
    assert run.settings is not None
    for i, (result, model) in enumerate(zip(results, run.models, strict=True)):
        assert model is not None, "documents are made from audits that kept their organisation"
        audited = Audited(result, run.settings.ruleset, model)
        lang = run.lang_for(result)
        target = targets[i]
        previous = pick_previous(earlier, result, str(req.previous), lang, warn) if earlier else None
        if previous is not None:  # a new checklist version measures differently: say so, then compare
            for cid, before, after in version_changes(result, previous):
                warn(t("previous_version_differs", lang, id=cid, before=before, after=after))
        if req.template is None:
            planned += _client_document(audited, req, lang, written, previous, target, stage, answered)
            continue
        planned += _template_document(audited, req, lang, written, previous, target)
    if stdout_only:
        for _, data, _, _ in planned:
            to_stdout(data)
        return []
    files = [(Target(path, req.force), data) for path, data, _, _ in planned if path is not None]
    journal = _journal(req, stage, [path for path, _, _, document in planned if document and path is not None],
                       written)
    # again, all at once: nothing appeared meanwhile, and no two documents (or charts) share a file
    write_files([*files, *journal], _inputs(run, req),
                folders=[req.output] if per_org and req.output is not None else [])
    if note:
        warn(note)
    return [(path, lang) for path, _, lang, document in planned if document and path is not None]


def _journal(req: DocRequest, stage: Any, written: list[Path], day: date) -> list[tuple[Target, str]]:
    """A concept or definitief report of an audit run in steps: its step in the audit folder's journal, too."""
    from digimandate.cli.procedure import journal_entry

    # a memo that takes the executive's response is no step of the audit: only a report is
    if stage is None or req.kind != "report" or not written or not _in_steps(req):
        return []
    return [journal_entry(req.file.parent, stage.name, written, day, req.file)]


def _in_steps(req: DocRequest) -> bool:
    """The report is of an audit run in steps: one organisation file with the journal beside it."""
    from digimandate.cli.procedure import JOURNAL

    return str(req.file) != "-" and not req.file.is_dir() and (req.file.parent / JOURNAL).is_file()


def _written(req: DocRequest, lang: Lang) -> tuple[date, str]:
    """The date the document carries: --date, else the stage's date in the journal, else today.

    A concept or definitief report of an audit run in steps is refused when a step before it (the
    nota, the concept) carries a later date. With the date what to say when the journal gave it.
    """
    from digimandate.clock import today

    name = req.stage.name
    if name is None and req.kind == "memo" and req.day is None and _in_steps(req):
        return _memo_day(req, lang)
    if name is None or not _in_steps(req):
        return req.day or today(), ""
    from digimandate.cli.procedure import JOURNAL, check_order, check_reply_period, step_date

    folder = req.file.parent
    day, recorded = step_date(folder, name, req.day, req.limits)
    check_order(folder, name, day, req.limits)
    if name == "concept":
        check_reply_period(folder, day, req.file, req.limits)
    return day, t("proc_dated_as_recorded", lang, date=day.isoformat(), journal=JOURNAL) if recorded else ""


def _memo_day(req: DocRequest, lang: Lang) -> tuple[date, str]:
    """A memo of an audit run in steps presents its report: dated as the journal dated that report (the concept,
    or with the executive's response the definitief), so that its dates follow the report's; else today."""
    from digimandate.cli.procedure import JOURNAL, step_date

    step = "definitief" if req.stage.reactie is not None else "concept"
    day, recorded = step_date(req.file.parent, step, None, req.limits)
    return day, t("proc_memo_dated_as_report", lang, date=day.isoformat(), journal=JOURNAL,
                  report=t(f"proc_step_doc_{step}", lang)) if recorded else ""


def _target(req: DocRequest, name: str | None) -> Path | None:
    """Where one organisation's document goes: the output, a file in the output folder, or standard output."""
    if name is not None:
        assert req.output is not None
        return req.output / (name + suffix(req))
    return req.output


def _files(req: DocRequest, target: Path) -> list[Path]:
    """The files one document writes: the document, its chart beside a Markdown report, a definitief's letter."""
    from digimandate.render.doc.letter import letter_name

    letter = [target.parent / letter_name(target.name)] if _letter_beside(req) else []
    if _chart_beside(req):
        return [target.parent / chart_name(target), target, *letter]
    return [target, *letter]


def _letter_beside(req: DocRequest) -> bool:
    """A definitief report gets the executive's information letter to the elected body beside it."""
    return req.kind == "report" and req.template is None and req.stage.name == "definitief"


def _chart_beside(req: DocRequest) -> bool:
    """A Markdown report keeps its maturity chart as an SVG file beside it (HTML and Word hold it inside)."""
    return req.kind == "report" and (req.template is not None or FORMATS[req.fmt].chart_apart)


def chart_name(target: Path) -> str:
    """The chart's file name beside a report: ``advies.md`` -> ``advies.maturity.svg``."""
    return f"{target.stem}.maturity.svg"


def _inputs(run: Run, req: DocRequest) -> Inputs:
    """Every file a document run reads: the audit's, the earlier result, the Word style and the template folder."""
    inputs = run.inputs()
    inputs.add(req.previous, req.reference, req.stage.reactie, req.stage.nawoord, req.stage.previous_reactie,
               *(sorted(req.template.iterdir()) if req.template else ()))
    if req.kind == "report" and not req.file.is_dir():
        from digimandate.model.dossier import REACTIONS

        if (req.file.parent / REACTIONS).is_file():  # a report of an audit run in steps reads the reactions
            inputs.add(req.file.parent / REACTIONS)
    return inputs


def _stage_inputs(req: DocRequest, count: int, written: date) -> tuple[Stage | None, Reactie | None]:
    """The report's stage with its reactie and nawoord read, and the reactie to the previous report."""
    from digimandate.render.doc.stages import DEFAULT_VERSION, Stage, load_nawoord, load_reactie

    sr = req.stage
    if count > 1 and (sr.reactie or sr.previous_reactie):  # a reactie answers one organisation's report
        raise UsageError("stage_one_organisation", count=count)
    before = load_reactie(sr.previous_reactie) if sr.previous_reactie else None
    if sr.name is None and (req.kind != "memo" or sr.reactie is None):
        return None, before
    # a memo with the executive's response goes with the definitief report
    name: StageName = "concept" if sr.name == "concept" else "definitief"
    reactie = load_reactie(sr.reactie) if sr.reactie else None
    asked_on = _concept_date(req) if count == 1 and reactie is not None else None
    if reactie is not None:
        from digimandate.render.doc.stages import check_date

        # the reaction answers the concept and the final report holds it: concept ≤ reaction ≤ final report
        check_date(reactie, written, asked_on)
    return Stage(name, sr.version or DEFAULT_VERSION[name], reactie,
                 load_nawoord(sr.nawoord) if sr.nawoord else None, asked_on), before


def _last_step(req: DocRequest, step: str) -> date | None:
    """The date of the latest ``step`` the journal of an audit run in steps records (none outside such a run)."""
    from digimandate.cli.procedure import read_journal

    if not _in_steps(req):
        return None
    dates = [entry["date"] for entry in read_journal(req.file.parent, req.limits) if entry["step"] == step]
    return dates[-1] if dates else None


def _nota_sent(req: DocRequest) -> date | None:
    """The date of the latest nota van bevindingen the journal of an audit run in steps records."""
    return _last_step(req, "bevindingen")


def _concept_date(req: DocRequest) -> date | None:
    """The date of the latest concept report the journal of an audit run in steps records."""
    return _last_step(req, "concept")


def _client_document(a: Audited, req: DocRequest, lang: Lang, written: date, previous: dict[str, Any] | None,
                     target: Path | None, stage: Stage | None = None,
                     before: Reactie | None = None) -> list[tuple[Path | None, str | bytes, Lang, bool]]:
    """The report or memo built once as a document model and rendered in the asked format.

    A Markdown report written to a file gets its maturity chart as an SVG file beside it, named in the text;
    on standard output the chart stays a table.
    """
    from digimandate.render.doc.memo import Audience
    from digimandate.render.doc.publish import build, chart_of
    from digimandate.render.doc.svg import chart_svg
    from digimandate.render.formats import DocumentStyle, write_document

    audience: Audience = "college" if req.audience == "college" else "directie"
    doc = build(a, req.kind, lang, written, audience, req.to, req.sender, previous, names=req.names,
                stage=stage, previous_reactie=before)
    if req.kind == "report" and stage is not None and not req.file.is_dir():
        from digimandate.model.dossier import recorded_reactions
        from digimandate.render.doc.wederhoor import add_wederhoor

        # an audit run in steps: the officials' reactions to the nota, recorded beside the organisation file; where
        # the nota went out and none came back, the account says so, as the audit plan promised
        add_wederhoor(doc, recorded_reactions(req.file.parent, req.limits), _nota_sent(req))
    letter: list[tuple[Path | None, str | bytes, Lang, bool]] = []
    if target is not None and stage is not None and _letter_beside(req):
        from digimandate.render.doc.letter import build_letter, letter_name

        text = write_document(build_letter(a, stage, lang, written), req.fmt, DocumentStyle(req.reference))
        letter = [(target.parent / letter_name(target.name), text, lang, True)]
    figure = chart_of(doc) if target is not None and _chart_beside(req) else None
    if figure is None or target is None:
        return [(target, write_document(doc, req.fmt, DocumentStyle(req.reference)), lang, True), *letter]
    svg = chart_svg(figure).replace("<svg ", '<svg version="1.1" ', 1)
    return [(target.parent / chart_name(target), f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}\n', lang, False),
            (target, write_document(doc, req.fmt, DocumentStyle(req.reference, chart_name(target))), lang, True),
            *letter]


def _template_document(a: Audited, req: DocRequest, lang: Lang, written: date,
                       previous: dict[str, Any] | None,
                       target: Path | None) -> list[tuple[Path | None, str | bytes, Lang, bool]]:
    """A document from the user's own Markdown template (``--template``), with the chart beside a report."""
    from digimandate.render.documents import DocOptions, maturity_chart, memo, report

    chart_file = chart_name(target) if target is not None and req.kind == "report" else None
    opts = DocOptions(lang=lang, written=written, template_dir=req.template, previous=previous,
                      chart_file=chart_file, to=req.to, sender=req.sender, names=req.names)
    out: list[tuple[Path | None, str | bytes, Lang, bool]] = []
    if target is not None and chart_file is not None:  # the chart first, so a report never lacks it
        out.append((target.parent / chart_file, maturity_chart(a, lang), lang, False))
    out.append((target, report(a, opts) if req.kind == "report" else memo(a, opts), lang, True))
    return out
