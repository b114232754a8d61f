"""The commented starter file that ``digimandate init`` writes."""

from __future__ import annotations

import os
from pathlib import Path

from digimandate.errors import UsageError
from digimandate.i18n import Lang
from digimandate.textsafe import one_line

_COMMENTS: dict[str, dict[str, str]] = {
    "head": {
        "nl": "Beschrijving van een organisatie voor digimandate (organisatiemodel versie 1).\n"
              "# Laat weg wat je niet weet: een regel meldt dan \"niet vastgelegd\" (niet aangetoond) en telt\n"
              "# voor geen niveau. Weet je dat iets er niet is, schrijf dan null of []: \"owner: null\" legt vast\n"
              "# dat er geen eigenaar is, \"mandates: []\" dat er geen mandaat is; dat is een vastgesteld feit.\n"
              "# Controleer met: digimandate check {file}",
        "en": "Organisation description for digimandate (organisation model version 1).\n"
              "# Leave out what you do not know: a rule then says \"not recorded\" (not shown) and it counts for\n"
              "# no level. When you know something is not there, write null or []: \"owner: null\" records that\n"
              "# there is no owner, \"mandates: []\" that there is no mandate; that is an observed fact.\n"
              "# Check it with: digimandate check {file}",
    },
    "governance": {
        "nl": "Bestuurlijk commitment: sponsor in de directie, omarmde koers, rapportage.",
        "en": "Board commitment: sponsor in management, embraced course, reporting.",
    },
    "departments": {
        "nl": "Afdelingen; function: communicatie | kcc | ict | publiekszaken | vakafdeling | staf | directie | informatiebeheer | other",
        "en": "Departments; function: communicatie | kcc | ict | publiekszaken | vakafdeling | staf | directie | informatiebeheer | other",
    },
    "people": {"nl": "Mensen; elk hoort bij een afdeling.", "en": "People; each belongs to one department."},
    "mandates": {
        "nl": "Mandaten; scope: organisation is het afdelingsoverstijgende mandaat van tip 16.",
        "en": "Mandates; scope: organisation is the cross-departmental mandate of tip 16.",
    },
    "approval": {
        "nl": "[]: vastgelegd dat niemand per wijziging toestemming geeft (weglaten: onbekend)",
        "en": "[]: recorded that nobody approves each change (left out: unknown)",
    },
    "deputy": {
        "nl": "null: vastgelegd dat er geen vervanger is (weglaten: niet vastgelegd)",
        "en": "null: recorded that there is no deputy (left out: not recorded)",
    },
    "channels": {
        "nl": "Kanalen; type: website | app | email | phone | counter | post | social | chat | video",
        "en": "Channels; type: website | app | email | phone | counter | post | social | chat | video",
    },
    "systems": {
        "nl": "Systemen; type mailbox en paper betekenen: hier wordt met de hand verwerkt.",
        "en": "Systems; type mailbox and paper mean: handled by hand here.",
    },
    "processes": {
        "nl": "Producten en diensten: eigenaar, hoe aanvragen binnenkomen en waar ze landen.",
        "en": "Products and services: owner, how requests come in and where they land.",
    },
}

_BODY = """\
schema_version: 1

organisation:
  name: {name}
  type: gemeente
  language: {lang}
  audit_date: 2026-11-01

# {governance}
governance:
  sponsor: secretaris
  portfolio_holder: {portfolio}
  vision:
    title: {vision}
    adopted_by: [directie, college]
    adopted_on: 2025-01-01
  reporting:
    frequency: quarterly
    last_report: 2026-09-30
    includes_digital_uptake: true

# {departments}
departments:
  - {{id: directie, name: Directie, function: directie}}
  - {{id: communicatie, name: Communicatie, function: communicatie}}
  - {{id: kcc, name: Klantcontactcentrum, function: kcc}}
  - {{id: ict, name: ICT, function: ict}}
  - {{id: publiekszaken, name: Publiekszaken, function: publiekszaken}}

# {people}
people:
  - {{id: secretaris, name: {secretary}, department: directie}}
  - {{id: adviseur, name: {adviser}, department: kcc}}
  - {{id: teamleider, name: {lead}, department: publiekszaken}}
  - {{id: it, name: {it}, department: ict}}

# {mandates}
mandates:
  - id: digitale-dienstverlening
    topic: {topic}
    holders: [adviseur, teamleider]
    deputy: null  # {deputy}
    scope: organisation
    granted_by: directie
    announced: true
    powers:
      make_proposals: true
      demand_cooperation: true
      act_without_approval: [website, forms]
    needs_approval_from: []  # {approval}
    fte: 0.8
    works_in: [kcc, publiekszaken]
    receives_results: true

# {channels}
channels:
  - {{id: website, name: www.example.nl, type: website, owner: communicatie, co_owners: [kcc]}}
  - {{id: telefoon, name: "14 0000", type: phone, owner: kcc, promotes_digital: true, assisted_digital: true}}

# {systems}
systems:
  - {{id: zaaksysteem, name: Zaaksysteem, type: zaaksysteem, owner: ict}}
  - {{id: formulieren, name: Formulieren, type: forms, owner: ict, delivers_to: zaaksysteem}}

# {processes}
processes:
  - id: parkeervergunning
    name: {product}
    department: publiekszaken
    owner: teamleider
    intake:
      - {{channel: website, form: true, lands_in: formulieren}}
"""

_VALUES = {
    "nl": {"name": "Gemeente Voorbeeld", "portfolio": "Wethouder Dienstverlening", "vision": "Werken vanuit de bedoeling",
           "secretary": "De Gemeentesecretaris", "adviser": "Adviseur Digitale Dienstverlening",
           "lead": "Teamleider Publiekszaken", "it": "Applicatiebeheerder", "topic": "digitale dienstverlening",
           "product": "Parkeervergunning aanvragen"},
    "en": {"name": "Example Municipality", "portfolio": "Alderman for Services", "vision": "Working from the intent",
           "secretary": "The Municipal Secretary", "adviser": "Digital Services Adviser",
           "lead": "Public Affairs Team Lead", "it": "Application Manager", "topic": "digital service delivery",
           "product": "Apply for a parking permit"},
}


DEFAULT_NAMES = ("organisation.yaml", "organisatie.yaml")  # what check, report and memo look for without a file


def starter(lang: Lang, file: str = "organisation.yaml") -> str:
    """Return the starter file text in ``lang``; its first comment checks ``file``, the name it is written as."""
    comments = {k: v[lang] for k, v in _COMMENTS.items()}
    head = comments.pop("head").replace("{file}", file)
    return f"# {head}\n" + _BODY.format(lang=lang, **comments, **_VALUES[lang])


def default_file(file: Path) -> Path:
    """The file a command audits: ``file``; the default organisation.yaml becomes organisatie.yaml when only that is there."""
    if file == Path(DEFAULT_NAMES[0]) and not os.path.lexists(file) and os.path.lexists(DEFAULT_NAMES[1]):
        return Path(DEFAULT_NAMES[1])
    return file


def target(file: Path, lang: Lang) -> Path:
    """Where ``init`` writes: ``file``, or inside it when it is a folder (organisatie.yaml in Dutch)."""
    if file.is_dir():
        return file / DEFAULT_NAMES[1 if lang == "nl" else 0]
    return file


def write_starter(file: Path, lang: Lang) -> bool:
    """Write the starter file, never over an existing one (``init`` has no --force); whether a file was written.

    ``-`` prints it on standard output instead of writing a file named ``-``.
    """
    from digimandate.cli.output import to_stdout, write_atomic

    if str(file) == "-":
        to_stdout(starter(lang))
        return False
    if os.path.lexists(file):  # the usual hint would name --force, which init lacks; a dangling link is there too
        raise UsageError("exists", "init_exists_hint", file=str(file))
    shown = one_line(file.name if file.parent == Path() else str(file))  # a comment line, whatever the name holds
    write_atomic(file, starter(lang, shown))
    return True
