"""digimandate: audit the cross-departmental mandate for digital service delivery."""

from __future__ import annotations

__version__ = "0.1.0"

# Where the generated rule reference is published; SARIF and JUnit link each rule to its section.
DOCS_URL = "https://github.com/digimandate/digimandate/blob/main/docs/rules.md"
