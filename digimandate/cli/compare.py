"""`report FOLDER --compare`: every organisation of a folder audited, then one comparative report."""

from __future__ import annotations

from dataclasses import dataclass

from digimandate.cli.documents import DocRequest, Warn
from digimandate.cli.run import Run
from digimandate.errors import UsageError
from digimandate.i18n import Lang, counted, t
from digimandate.render.formats import FORMATS


@dataclass(frozen=True)
class CompareRequest:
    """What a comparison was asked besides the document: a ranking, medians per size class."""

    rank: bool = False
    against_median: bool = False


def compare(run: Run, req: DocRequest, cmp: CompareRequest, say: Warn) -> None:
    """Audit the folder and write the comparison; any file that cannot be audited stops it (exit 2)."""
    if req.template is not None:
        raise UsageError("compare_no_template")
    for option, given in (("--previous", req.previous is not None), ("--names", req.names)):
        if given:  # silently ignored, either would surprise
            raise UsageError("compare_single_option", option=option)
    if req.reference is not None and not FORMATS[req.fmt].styled:
        raise UsageError("reference_docx_needs_docx")
    if FORMATS[req.fmt].binary and req.output is None:
        raise UsageError("docx_needs_output")
    if req.per_organisation:
        raise UsageError("compare_one_file")
    from digimandate.cli.output import to_stdout, write_files
    from digimandate.cli.safety import Target, check_targets

    if req.output is not None:  # refuse before the audit of a folder, which takes a while
        check_targets([Target(req.output, req.force)], run.inputs(req.file))
    from digimandate.compare.profile import profile

    run.audit([req.file], summarise=profile)  # each worker sends back a profile, not its findings
    lang = _lang(run)
    if run.failed:  # every located error is on standard error already; a comparison without them would mislead
        say(t("compare_failed", lang, count=len(run.failed),
              total=counted(len(run.files), "noun_organisation_file", lang)))
        say(f"  {t('hint', lang)}: {t('compare_failed_hint', lang)}")
        return
    if len(run.results) < 2:
        raise UsageError("compare_needs_two", count=len(run.results))
    data = comparison(run, req, cmp, lang)
    if req.output is None:
        to_stdout(data)
        return
    write_files([(Target(req.output, req.force), data)], run.inputs())
    say(t("written", lang, file=str(req.output)))


def comparison(run: Run, req: DocRequest, cmp: CompareRequest, lang: Lang) -> bytes:
    """The comparative report of the run's results, in the asked format."""
    from digimandate.clock import today
    from digimandate.render.doc.compare import CompareOptions, build_comparison
    from digimandate.render.formats import DocumentStyle, write_document

    assert run.settings is not None
    profiles = run.summaries
    doc = build_comparison(profiles, run.settings.ruleset, CompareOptions(lang, today(), cmp.rank, cmp.against_median))
    return write_document(doc, req.fmt, DocumentStyle(req.reference))


def _lang(run: Run) -> Lang:
    """The command line's or configuration's language; else the organisations' when they share one."""
    if run.options.lang or (run.settings and run.settings.lang):
        return run.lang_for()
    langs = {result.language for result in run.results}
    return langs.pop() if len(langs) == 1 else run.lang_for()
