"""`digimandate status`: which step an audit folder is in, and what the next step needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from digimandate.cli.procedure import JOURNAL, STEPS, read_journal
from digimandate.errors import UsageError
from digimandate.i18n import Lang, t
from digimandate.model.loader import Limits
from digimandate.textsafe import one_line


def status_text(folder: Path, lang: Lang, limits: Limits = Limits()) -> str:
    """Every step with the date it was taken and its files, then the next step and what it needs."""
    if folder.is_file():
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError("proc_no_folder", folder=str(folder))
    steps = read_journal(folder, limits)
    last: dict[str, dict[str, Any]] = {}
    for entry in steps:
        last[entry["step"]] = entry
    lines = [t("proc_status_title", lang, folder=one_line(str(folder)))]
    if not steps:
        lines.append("  " + t("proc_status_empty", lang, journal=JOURNAL))
    for step in STEPS:
        found = last.get(step)
        if found is None:
            lines.append(f"  [ ] {t(f'proc_step_name_{step}', lang)}")
            continue
        entry = found
        files = ", ".join(one_line(str(f)) for f in entry.get("files") or [])
        when = entry.get("date")
        lines.append(f"  [x] {t(f'proc_step_name_{step}', lang)}: {when} ({files})")
        detail = _detail(step, entry, lang)
        if detail:
            lines.append(f"      {detail}")
    nxt = next((s for s in STEPS if s not in last), None)
    done = [s for s in STEPS if s in last]
    if done and nxt is not None and STEPS.index(nxt) < STEPS.index(done[-1]):
        nxt = None if done[-1] == STEPS[-1] else STEPS[STEPS.index(done[-1]) + 1]
    organisation = one_line(str(steps[-1].get("organisation", "organisation.yaml"))) if steps else "organisation.yaml"
    pending = last.get("reacties", {}).get("pending")
    if isinstance(pending, int) and pending:
        lines.append(t("proc_status_pending", lang, count=pending))
    if nxt is None:
        lines.append(t("proc_status_done", lang))
    else:
        lines.append(t("proc_status_next", lang, step=t(f"proc_step_name_{nxt}", lang)))
        lines.append("  " + t(f"proc_status_needs_{nxt}", lang, file=str(folder / organisation)))
    return "\n".join(lines) + "\n"


def _detail(step: str, entry: dict[str, Any], lang: Lang) -> str:
    """What a step recorded besides its files: questions asked, answers in, reactions decided."""
    if step == "uitvraag" and isinstance(entry.get("questions"), int):
        return t("proc_status_questions", lang, count=entry["questions"])
    if step == "antwoorden" and isinstance(entry.get("answered"), int):
        return t("proc_status_answers", lang, count=entry["answered"], open=entry.get("open", 0))
    if step == "reacties" and isinstance(entry.get("reactions"), int):
        return t("proc_status_reactions", lang, count=entry["reactions"], changes=entry.get("changes", 0))
    return ""
