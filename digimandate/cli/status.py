"""`digimandate status`: which step an audit folder is in, and what the next step needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from digimandate.cli.procedure import JOURNAL, STEPS, read_journal
from digimandate.errors import UsageError
from digimandate.i18n import Lang, counted, t
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
        when = one_line(str(entry.get("date")))
        lines.append(f"  [x] {t(f'proc_step_name_{step}', lang)}: {when} ({files})")
        detail = _detail(step, entry, lang)
        if detail:
            lines.append(f"      {detail}")
    nxt = next((s for s in STEPS if s not in last), None)
    done = [s for s in STEPS if s in last]
    if done and nxt is not None and STEPS.index(nxt) < STEPS.index(done[-1]):
        nxt = None if done[-1] == STEPS[-1] else STEPS[STEPS.index(done[-1]) + 1]
    # the organisation file the next step works on: the newest one a step wrote, else the one it read
    newest = steps[-1].get("produced") or steps[-1].get("organisation") if steps else None
    organisation = one_line(str(newest or "organisation.yaml"))
    pending = last.get("reacties", {}).get("pending")
    if isinstance(pending, int) and pending:
        lines.append(t("proc_status_pending", lang, count=counted(pending, "proc_noun_reaction", lang)))
    if nxt is None:
        lines.append(t("proc_status_done", lang))
    else:
        lines.append(t("proc_status_next", lang) + " " + t(f"proc_status_needs_{nxt}", lang,
                                                           file=one_line(str(folder / organisation))))
    return "\n".join(lines) + "\n"


def _detail(step: str, entry: dict[str, Any], lang: Lang) -> str:
    """What a step recorded besides its files: questions asked, answers in, reactions decided."""
    def n(key: str, noun: str) -> str:
        value = entry.get(key)
        return counted(value if isinstance(value, int) else 0, f"proc_noun_{noun}", lang)

    if step == "uitvraag" and isinstance(entry.get("questions"), int):
        return n("questions", "question")
    if step == "antwoorden" and isinstance(entry.get("answered"), int):
        return t("proc_status_answers", lang, answers=n("answered", "answer"), open=n("open", "open_question"))
    if step == "reacties" and isinstance(entry.get("reactions"), int):
        return t("proc_status_reactions", lang, reactions=n("reactions", "reaction"), changes=n("changes", "change"))
    return ""
