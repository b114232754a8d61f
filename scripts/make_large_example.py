"""Write examples/large-municipality.yaml from the Uniforme Productnamenlijst (UPL).

Usage: python scripts/make_large_example.py [UPL-actueel.csv] [OUT]

Products marked for municipalities (Gemeente=X), less those a national body, a province or a water board
delivers (by their legal basis), become processes; who owns them, how requests come in and where they land
are drawn with a fixed seed, so the file is reproducible.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEFAULT_UPL = HERE / "tests" / "data" / "samples" / "upl-sdg" / "UPL-actueel.csv"
COUNT = 240

DEPARTMENTS = [
    ("publiekszaken", "Publiekszaken", "publiekszaken",
     ("paspoort", "identiteitskaart", "rijbewijs", "verhuizing", "uittreksel", "naam", "geboorte",
      "huwelijk", "overlijden", "nationaliteit", "verklaring", "adres", "brp", "erkenning")),
    ("vergunningen", "Vergunningen en Handhaving", "vakafdeling",
     ("vergunning", "ontheffing", "melding", "omgevings", "bouw", "sloop", "kap", "evenement", "horeca",
      "drank", "standplaats", "exploitatie", "handhaving")),
    ("sociaal-domein", "Sociaal Domein", "vakafdeling",
     ("bijstand", "uitkering", "schuld", "wmo", "jeugd", "zorg", "participatie", "minima", "kwijtschelding",
      "bijzondere", "leerlingenvervoer", "inburgering", "mantelzorg", "voorziening", "toeslag")),
    ("belastingen", "Belastingen", "vakafdeling", ("belasting", "woz", "heffing", "leges", "aanslag")),
    ("openbare-ruimte", "Openbare Ruimte", "vakafdeling",
     ("afval", "container", "parkeer", "boom", "straat", "riolering", "grond", "begraaf", "graf", "openbare")),
]
FALLBACK = "economie"
OWNERS = {
    "publiekszaken": ["wendy", "hakan", "sofie"],
    "vergunningen": ["pieter", "lisa", "mark", "jolanda"],
    "sociaal-domein": ["ayse", "ruud", "carla", "bram"],
    "belastingen": ["gert", "mila"],
    "openbare-ruimte": ["frank", "yvonne", "dennis"],
    "economie": ["iris", "vincent", "noor"],
}


# Legal bases (the Grondslag column: "WHT_art_7") of products another body delivers, not the municipality:
# the UPL marks Huurtoeslag, AOW or Studiefinanciering for municipalities too, because they inform about them.
# Benefits and allowances (SVB, UWV, Belastingdienst, DUO), residence (IND), the land registry, police permits
# and the Wlz assessment (CIZ); provincial regulations and permits, and water-board permits.
NOT_MUNICIPAL = ("AOW_", "Anw_", "WHT_", "Wzt_", "Wko_art_1_5", "WSF_", "WIA_", "WAO_", "Wajong_", "VW_", "VB_",
                 "Kadw_", "WPosMol_", "WWM_", "Visserijwet_", "Wlz_art_3_2", "pr_", "Ontgrw_", "WLV_", "VWB_art_3b",
                 "Wp_", "Wtw_")


def not_municipal(basis: str) -> bool:
    """Whether a legal basis is one a national body, a province or a water board carries out."""
    code = basis.rsplit("/", 1)[-1]
    return any(code.startswith(n) if n.endswith("_") else code == n or code.startswith(n + "_")
               for n in NOT_MUNICIPAL)


def read_products(path: Path) -> list[tuple[str, str]]:
    """Unique (name, URI) pairs of products a municipality delivers, in file order.

    Marked for municipalities (Gemeente) and with at least one legal basis that is the municipality's own to
    carry out: Persoonsgebonden budget stays (Wmo, Jeugdwet), Huurtoeslag goes.
    """
    names: dict[str, str] = {}
    bases: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Gemeente"] != "X" or "nog niet" in row["UniformeProductnaam"]:
                continue
            names.setdefault(row["URI"], row["UniformeProductnaam"])
            bases.setdefault(row["URI"], []).append(row["Grondslag"])
    return [(name, uri) for uri, name in names.items() if not all(b and not_municipal(b) for b in bases[uri])]


# The UPL writes every name in lower case; these words are written otherwise in Dutch.
SPELLING = {"aow": "AOW", "digid": "DigiD", "eherkenning": "eHerkenning", "bsn": "BSN", "nederland": "Nederland",
            "nederlanderschap": "Nederlanderschap"}


def display_name(name: str) -> str:
    """A product name as a reader writes it: a capital first letter, acronyms and proper names as spelled."""
    words = []
    for word in name.split(" "):
        core = word.strip("()").split("-")
        fixed = "-".join(SPELLING.get(part, part) for part in core)
        words.append(word.replace(word.strip("()"), fixed) if word.strip("()") else word)
    text = " ".join(words)
    first = words[0].strip("()").split("-")[0]
    return text if first in SPELLING.values() else text[:1].upper() + text[1:]


def department_of(name: str) -> str:
    """Guess the department that delivers a product from words in its name."""
    lower = name.lower()
    for dept_id, _, _, words in DEPARTMENTS:
        if any(w in lower for w in words):
            return dept_id
    return FALLBACK


def slug(text: str, taken: set[str]) -> str:
    """A unique id from a product name."""
    base = "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")
    while "--" in base:
        base = base.replace("--", "-")
    base = base[:60].strip("-") or "product"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def q(text: str) -> str:
    """Quote a YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build(products: list[tuple[str, str]]) -> str:
    """Render the organisation as YAML text."""
    rng = random.Random(16)
    out = [
        "# yaml-language-server: $schema=../digimandate/schemas/organisation-v1.schema.json",
        "#",
        f"# A large municipality with {COUNT} products named after the Uniforme Productnamenlijst",
        "# (products a municipality delivers). Generated by scripts/make_large_example.py; do not edit by hand.",
        "schema_version: 1",
        "",
        "organisation:",
        "  name: Gemeente Rivierenstad",
        "  type: gemeente",
        "  inhabitants: 182000",
        "  language: nl",
        "  audit_date: 2026-11-01",
        "",
        "governance:",
        "  source: [raadsbesluit]",
        "  sponsor: directeur",
        "  portfolio_holder: Wethouder Dienstverlening en Digitalisering",
        "  vision: {title: Rivierenstad Dichtbij, adopted_by: raad, adopted_on: 2024-06-27}",
        "  reporting: {frequency: quarterly, last_report: 2026-10-15, includes_digital_uptake: true}",
        "",
        "departments:",
        "  - {id: directie, name: Concerndirectie, function: directie, source: [organogram]}",
        "  - {id: communicatie, name: Communicatie, function: communicatie, source: [organogram]}",
        "  - {id: kcc, name: Klantcontactcentrum, function: kcc, source: [organogram]}",
        "  - {id: ict, name: Informatievoorziening en ICT, function: ict, source: [organogram]}",
    ]
    for dept_id, name, function, _ in DEPARTMENTS:
        out.append(f"  - {{id: {dept_id}, name: {name}, function: {function}, source: [organogram]}}")
    out.append(f"  - {{id: {FALLBACK}, name: Economie en Ondernemen, function: vakafdeling, source: [organogram]}}")
    out += ["", "people:",
            "  - {id: directeur, name: Hanneke Brouwer, department: directie, title: Algemeen directeur}",
            "  - {id: regisseur, name: Sven Dekker, department: kcc, title: Regisseur digitale dienstverlening}",
            "  - {id: ontwerper, name: Lieke Prins, department: kcc, title: Procesontwerper}",
            "  - {id: architect, name: Omar Haddou, department: ict, title: Informatiearchitect}"]
    for dept_id, owners in OWNERS.items():
        for person in owners:
            out.append(f"  - {{id: {person}, name: {person.capitalize()} ({dept_id}), department: {dept_id}}}")
    out += [
        "",
        "mandates:",
        "  - id: digitale-dienstverlening",
        "    topic: digitale dienstverlening",
        "    source: [directiebesluit]",
        "    holders: [regisseur, ontwerper]",
        "    scope: organisation",
        "    granted_by: directie",
        "    granted_on: 2024-09-01",
        "    review_on: 2027-09-01",
        "    decision: Directiebesluit 2024-17",
        "    announced: true",
        "    powers: {make_proposals: true, demand_cooperation: true, act_without_approval: [forms, banners]}",
        "    needs_approval_from: [communicatie]",
        "    other_duties: [klantcontactstrategie]",
        "    fte: 1.5",
        "    works_in: [kcc, publiekszaken, sociaal-domein]",
        "    receives_results: true",
        "",
        "channels:",
        "  - {id: website, name: www.rivierenstad.nl, type: website, owner: communicatie, source: [kanalenplan]}",
        "  - {id: mijn, name: MijnRivierenstad, type: website, owner: kcc, co_owners: [publiekszaken],"
        " source: [kanalenplan]}",
        "  - {id: telefoon, name: '14 0999', type: phone, owner: kcc, promotes_digital: true, assisted_digital: true,"
        " source: [kanalenplan]}",
        "  - {id: balie, name: Stadswinkel, type: counter, owner: publiekszaken, promotes_digital: false,"
        " source: [kanalenplan]}",
        "  - {id: email, name: info@rivierenstad.nl, type: email, owner: kcc, source: [kanalenplan]}",
        "  - {id: post, name: Postbus 1, type: post, owner: kcc, source: [kanalenplan]}",
        "",
        "systems:",
        "  - {id: zaaksysteem, name: Open Zaak, type: zaaksysteem, owner: ict}",
        "  - {id: belastingsysteem, name: Belastingsysteem, type: backoffice, owner: belastingen}",
        "  - {id: postbus, name: Functionele mailbox, type: mailbox, owner: kcc}",
        "  - {id: postkamer, name: Postkamer, type: paper, owner: kcc}",
        "",
        "processes:",
    ]
    taken: set[str] = set()
    for name, uri in products[:COUNT]:
        dept = department_of(name)
        pid = slug(name, taken)
        owner = rng.choice(OWNERS[dept]) if rng.random() > 0.08 else None
        web = rng.random() > 0.15
        form_lands = rng.choices(["zaaksysteem", "postbus", None], [0.8, 0.15, 0.05])[0]
        if dept == "belastingen" and form_lands == "zaaksysteem":
            form_lands = "belastingsysteem"
        assisted = rng.choice(["telefoon", "balie", "email", "post"])
        assisted_lands = rng.choices(["zaaksysteem", "postbus", "postkamer"], [0.7, 0.2, 0.1])[0]
        out.append(f"  - id: {pid}")
        out.append(f"    name: {q(display_name(name))}")
        out.append(f"    upl: {uri}")
        out.append(f"    department: {dept}")
        out.append("    source: [procesinventarisatie]")
        if owner:
            out.append(f"    owner: {owner}")
        if web:
            out.append("    designer: ontwerper")
            if rng.random() > 0.1:
                out.append("    it_contact: architect")
        out.append("    intake:")
        if web:
            channel = "mijn" if rng.random() > 0.4 else "website"
            lands = f", lands_in: {form_lands}" if form_lands else ""
            out.append(f"      - {{channel: {channel}, form: true{lands}}}")
        out.append(f"      - {{channel: {assisted}, lands_in: {assisted_lands}}}")
        if rng.random() > 0.3:
            total = rng.randint(20, 8000)
            digital = int(total * rng.uniform(0.3, 0.95)) if web else 0
            out.append(f"    volume: {{year: 2025, total: {total}, digital: {digital}, source: [zaakregistratie]}}")
        if rng.random() > 0.25:
            out.append("    kpis: [doorlooptijd, digitaal aandeel]")
        if web and rng.random() > 0.5:
            out.append(f"    last_user_test: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}")
    out += [
        "",
        "# Where the facts come from; entities cite them with `source: [...]`.",
        "sources:",
        "  - {id: raadsbesluit, type: document, title: Raadsbesluit visie Rivierenstad Dichtbij, dated: 2024-06-27,"
        " obtained: 2026-09-03}",
        "  - {id: directiebesluit, type: document, title: Directiebesluit 2024-17 regie digitale dienstverlening,"
        " provided_by: directiesecretariaat, dated: 2024-09-01, obtained: 2026-09-03}",
        "  - {id: zaakregistratie, type: register, title: 'Open Zaak, aantallen zaken per zaaktype over 2025',"
        " provided_by: informatiebeheer, dated: 2026-01-10, obtained: 2026-09-20}",
        "  - {id: organogram, type: document, title: Organogram en afdelingsplannen 2026, provided_by: HR,"
        " dated: 2026-01-01, obtained: 2026-09-03}",
        "  - {id: kanalenplan, type: document, title: Kanalenplan Rivierenstad 2025-2028, provided_by: KCC,"
        " dated: 2025-03-01, obtained: 2026-09-03}",
        "  - {id: procesinventarisatie, type: document,"
        " title: 'Procesinventarisatie 2026: per product de eigenaar, de kanalen en waar aanvragen landen',"
        " provided_by: procesontwerper, dated: 2026-06-30, obtained: 2026-09-10}",
    ]
    return "\n".join(out) + "\n"


def main() -> None:
    """Read the UPL and write the example."""
    upl = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_UPL
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "examples" / "large-municipality.yaml"
    products = read_products(upl)
    target.write_text(build(products), encoding="utf-8")
    print(f"wrote {target} with {min(COUNT, len(products))} of {len(products)} products")


if __name__ == "__main__":
    main()
