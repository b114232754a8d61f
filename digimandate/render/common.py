"""Small helpers shared by the machine-readable renderers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from digimandate import DOCS_URL
from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.model.org import OrgModel


@dataclass(frozen=True)
class Audited:
    """What a document is about: the result, the rule catalogue it was judged by, and the organisation."""

    result: AuditResult
    rules: RuleSet
    model: OrgModel


# SARIF and GitHub know three levels; critical and high block, medium warns, the rest informs.
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}


def rule_url(rule_id: str) -> str:
    """The rule's section in the published rule reference."""
    return f"{DOCS_URL}#{rule_id.lower()}"


def relative_uri(file: str) -> tuple[str, bool]:
    """A URI for a file: relative to the working folder when it lies below it (True), else absolute."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri(), False
    return quote(path.as_posix().removeprefix("./")), True


def github_escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's data (or property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def in_github_actions() -> bool:
    """Tell whether we run as a GitHub Actions step."""
    return os.environ.get("GITHUB_ACTIONS") == "true"
