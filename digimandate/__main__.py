"""Run the CLI with ``python -m digimandate``."""

from __future__ import annotations

from digimandate.cli.app import main

main()
