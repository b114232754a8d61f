"""Dutch and English texts for everything a user reads outside the checklists.

The texts live in ``digimandate/texts/*.json``, one catalogue split by area, each entry in the
checklists' shape ``key: {nl, en}``; ``t`` is the one way to read them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

TEXTS = Path(__file__).resolve().parent / "texts"
# The areas of the catalogue, one file each; a key lives in exactly one of them.
AREAS: tuple[str, ...] = ("messages", "documents", "importers", "help")


def _load() -> dict[str, dict[str, str]]:
    """Read every area of the catalogue (JSON: a few milliseconds, even without cached bytecode)."""
    catalog: dict[str, dict[str, str]] = {}
    for area in AREAS:
        catalog.update(json.loads((TEXTS / f"{area}.json").read_text(encoding="utf-8")))
    return catalog


# Every text by key: {"nl": ..., "en": ...}.
CATALOG: dict[str, dict[str, str]] = _load()


def t(msg: str, lang: Lang, **args: Any) -> str:
    """Return the text for ``msg`` in ``lang`` with ``args`` filled in."""
    entry = CATALOG[msg]
    text = entry[lang]
    return text.format(**args) if args else text


def default_lang() -> Lang:
    """Pick the language for messages: DIGIMANDATE_LANG, then LANG/LC_ALL, else English."""
    for var in ("DIGIMANDATE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


# Command-line help: the English text is written in cli/app.py, its Dutch translation here; metavars too.
HELP_NL: dict[str, str] = {
    "Audit whether digital service delivery has a cross-departmental mandate (Optimaal Digitaal tip 16).": "Toets of digitale dienstverlening een afdelingsoverstijgend mandaat heeft (Optimaal Digitaal tip 16).",
    "Language: nl or en.": "Taal: nl of en.",
    "An extra checklist (repeatable).": "Een extra checklist (herhaalbaar).",
    "Organisation files.": "Organisatiebestanden.",
    "Use this configuration file.": "Gebruik dit configuratiebestand.",
    "Ignore configuration files.": "Negeer configuratiebestanden.",
    "Refuse files larger than this.": "Weiger bestanden groter dan dit.",
    "Audit organisation files and show the findings and maturity levels.": "Toets organisatiebestanden en toon de bevindingen en volwassenheidsniveaus.",
    "terminal, json, sarif, junit or github; FORMAT=FILE writes a file (repeatable).": "terminal, json, sarif, junit of github; FORMAAT=BESTAND schrijft een bestand (herhaalbaar).",
    "Exit 1 when a finding is at or above this severity (default: high).": "Exitcode 1 bij een bevinding van deze ernst of hoger (standaard: high).",
    "Only these rules or prefixes (M, M00, M007).": "Alleen deze regels of voorvoegsels (M, M00, M007).",
    "Add rules or prefixes.": "Voeg regels of voorvoegsels toe.",
    "Skip rules or prefixes.": "Sla regels of voorvoegsels over.",
    "A file of extra waivers.": "Een bestand met extra uitzonderingen.",
    "Show everything as if no waiver existed.": "Toon alles alsof er geen uitzondering bestaat.",
    "Fail only on findings not in this baseline.": "Faal alleen op bevindingen die niet in deze baseline staan.",
    "Exit 0 even when findings are at or above --fail-on.": "Exitcode 0, ook bij bevindingen op of boven --fail-on.",
    "Overwrite existing output files.": "Overschrijf bestaande uitvoerbestanden.",
    "Record today's findings, so that check --baseline fails only on new ones.": "Leg de bevindingen van vandaag vast, zodat check --baseline alleen op nieuwe faalt.",
    "Where to write the baseline (- for standard output).": "Waar de baseline komt (- voor standaarduitvoer).",
    "Overwrite an existing baseline.": "Overschrijf een bestaande baseline.",
    "The JSON result of an earlier audit, to show progress.": "Het JSON-resultaat van een eerdere audit, om voortgang te tonen.",
    "Overwrite an existing file.": "Overschrijf een bestaand bestand.",
    "Write the advice report (adviesrapport) as Markdown, HTML or Word.": "Schrijf het adviesrapport als Markdown, HTML of Word.",
    "md, html (one self-contained file) or docx (Word).": "md, html (een zelfstandig bestand) of docx (Word).",
    "A Word file whose styles, header and footer to use.": "Een Word-bestand waarvan de stijlen, kop- en voettekst worden gebruikt.",
    "Who decides: directie (DT-notitie) or college (collegevoorstel).": "Wie besluit: directie (DT-notitie) of college (collegevoorstel).",
    "The organisation file.": "Het organisatiebestand.",
    "A folder with report.md.j2 to use instead.": "Een map met een eigen report.md.j2.",
    "Write the memo for the management team or the executive, as Markdown, HTML or Word.": "Schrijf de notitie voor de directie of het college, als Markdown, HTML of Word.",
    "Who the memo is for.": "Voor wie de notitie is.",
    "Who writes the memo.": "Wie de notitie schrijft.",
    "A folder with memo.md.j2 to use instead.": "Een map met een eigen memo.md.j2.",
    "Check that an organisation file is valid, without running the rules.": "Controleer of een organisatiebestand geldig is, zonder de regels te draaien.",
    "List the rules of the built-in checklist and any extra ones.": "Toon de regels van de ingebouwde checklist en eventuele extra checklists.",
    "Output format.": "Uitvoerformaat.",
    "Explain one rule: its texts, parameters, sources and an example that fails.": "Leg een regel uit: teksten, parameters, bronnen en een voorbeeld dat faalt.",
    "A rule id (M007) or name (mandate.no-approval-per-change).": "Een regel-id (M007) of naam (mandate.no-approval-per-change).",
    "Print the JSON Schema of the organisation model.": "Toon het JSON Schema van het organisatiemodel.",
    "Write a commented starter organisation file; never overwrites.": "Schrijf een startbestand met uitleg; overschrijft nooit.",
    "Where to write the starter file.": "Waar het startbestand komt.",
    "Show the version.": "Toon de versie.",
    "FILE": "BESTAND",
    "FORMAT": "FORMAAT",
    "SEVERITY": "ERNST",
    "RULES": "REGELS",
    "FOLDER": "MAP",
    "BYTES": "BYTES",
    "TEXT": "TEKST",
    "RULE": "REGEL",
    "Import entities from Open Formulieren, ZGW zaaktypen, the UPL and the spreadsheet.": "Importeer entiteiten uit Open Formulieren, ZGW-zaaktypen, de UPL en het werkblad.",
    "Source files; a kind: prefix (openforms:, zgw:, upl:, sheet:) overrides.": "Bronbestanden; een voorvoegsel (openforms:, zgw:, upl:, sheet:) bepaalt de soort.",
    "The hand-written organisation file (never written).": "Het handgeschreven organisatiebestand (wordt nooit geschreven).",
    "The machine-owned file to write (default: imported.yaml beside --into).": "Het machinebestand om te schrijven (standaard: imported.yaml naast --into).",
    "Write nothing; print the file that would be written.": "Schrijf niets; toon het bestand dat geschreven zou worden.",
    "Write the import report here (default: standard output).": "Schrijf het importverslag hierheen (standaard: standaarduitvoer).",
    "Format of the import report.": "Vorm van het importverslag.",
    "UPL product names to create stub processes for.": "UPL-productnamen waarvoor een procesaanzet wordt gemaakt.",
    "Also import concept zaaktypen.": "Importeer ook conceptzaaktypen.",
    "Also import internal zaaktypen.": "Importeer ook interne zaaktypen.",
    "Overwrite an existing report.": "Overschrijf een bestaand verslag.",
    "Write the spreadsheet template (xlsx, or a folder of CSV files) to send to departments.": "Schrijf het werkbladsjabloon (xlsx, of een map met CSV-bestanden) om naar afdelingen te sturen.",
    "xlsx or csv.": "xlsx of csv.",
    "Where to write it.": "Waar het heen moet.",
    "Overwrite existing files.": "Overschrijf bestaande bestanden.",
    "Write to this file (- for standard output; FOLDER/ for one document per organisation).": "Schrijf naar dit bestand (- voor standaarduitvoer; MAP/ voor een document per organisatie).",
    "Name the staff beside the job design (the consultant's copy).": "Noem medewerkers bij de functie-inhoud bij naam (het exemplaar van de adviseur).",
}
