"""Maturity levels and scores from rule outcomes (model v2 lives in digimandate.ladder)."""

from __future__ import annotations

from digimandate.ladder import TOP_LEVEL, score, score_of

__all__ = ["TOP_LEVEL", "score", "score_of"]
