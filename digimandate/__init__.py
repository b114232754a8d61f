"""digimandate: audit the cross-departmental mandate for digital service delivery."""

from __future__ import annotations

__version__ = "0.1.0"
