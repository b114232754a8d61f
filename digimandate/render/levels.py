"""How a maturity level reads (model v2): a number, or "–" with the reason why there is none."""

from __future__ import annotations

from digimandate.audit.result import AuditResult, Coverage, DimensionScore, Evidence
from digimandate.i18n import Lang, t


def level_text(level: int | None, lang: Lang) -> str:
    """The level as shown: its number, or "–"."""
    return t("level_none", lang) if level is None else str(level)


def level_name(level: int | None, reason: str | None, lang: Lang) -> str:
    """The level's name, or why there is none ("niet getoetst", "onvoldoende gegevens ...")."""
    if level is not None:
        return t(f"level_{level}", lang)
    return reason_text(reason, None, lang)


def reason_text(reason: str | None, reason_level: int | None, lang: Lang) -> str:
    """Why a level is missing or stops below a rung."""
    if reason == "insufficient_evidence":
        return t("reason_insufficient_evidence", lang)
    if reason == "level_not_assessed":
        return t("reason_level_not_assessed", lang, level=reason_level or "")
    return t("reason_not_assessed", lang)


def dimension_reason(ds: DimensionScore, lang: Lang) -> str:
    """The reason of one dimension, or "" when it has none."""
    if ds.level is None or ds.reason == "level_not_assessed":
        return reason_text(ds.reason, ds.reason_level, lang)
    return ""


def percent(share: float | None, lang: Lang) -> str:
    """A share as a whole percentage ("93%")."""
    return "-" if share is None else f"{share:.0%}"


def score_text(value: float | None, lang: Lang, missing: str | None = None) -> str:
    """A score as its reader writes it: "11,1" in Dutch, "11.1" in English; ``missing`` (or "n.v.t.") for none."""
    if value is None:
        return missing if missing is not None else t("term_na_score", lang)
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nl" else text


def evidence_text(evidence: Evidence, lang: Lang) -> str:
    """"onderbouwing: 40 van 52 toetsingen beslist op vastgelegde feiten (77%)", and those without a source."""
    if evidence.unsourced:
        return t("term_evidence_unsourced", lang, decided=evidence.established, checks=evidence.checks,
                 share=percent(evidence.share, lang), unsourced=evidence.unsourced)
    return t("term_evidence", lang, decided=evidence.established, checks=evidence.checks,
             share=percent(evidence.share, lang))


def coverage_text(cov: Coverage, lang: Lang) -> str:
    """"224 van 240 (93%)"."""
    return t("coverage_line", lang, passed=cov.passed, applicable=cov.applicable, share=percent(cov.share, lang))


def maturity_line(result: AuditResult, lang: Lang, score: str) -> str:
    """The one-line verdict: level and name, or that there is none and why."""
    m = result.maturity
    if m.level is None:
        return t("term_maturity_none", lang, org=result.organisation_name, reason=reason_text(m.reason, None, lang),
                 score=score)
    return t("term_maturity", lang, org=result.organisation_name, level=m.level, name=t(f"level_{m.level}", lang),
             score=score)
