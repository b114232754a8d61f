"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from digimandate.audit.checklist import load_ruleset
from digimandate.audit.flow import audit_document
from digimandate.audit.specs import RuleSet
from digimandate.model.document import load_document, parse_document
from digimandate.render.common import Audited

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The built-in checklist, loaded once."""
    return load_ruleset()


def audited(path: Path, rules: RuleSet, **kwargs: Any) -> Audited:
    """An audit of a file with its organisation kept, as documents need them."""
    doc = load_document(path)
    return Audited(audit_document(doc, rules, **kwargs), rules, doc.model)


def audited_text(text: str, rules: RuleSet, **kwargs: Any) -> Audited:
    """An audit of organisation YAML text with its organisation kept."""
    doc = parse_document(text)
    return Audited(audit_document(doc, rules, **kwargs), rules, doc.model)
