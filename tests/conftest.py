"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from digimandate.audit.checklist import load_ruleset
from digimandate.audit.specs import RuleSet

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The built-in checklist, loaded once."""
    return load_ruleset()
