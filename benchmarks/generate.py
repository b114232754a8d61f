"""Generate a v1 organisation with N processes (deterministic), for benchmarks and scaling tests."""

from __future__ import annotations

import random
import sys
from pathlib import Path

DEPARTMENTS = [("communicatie", "communicatie"), ("kcc", "kcc"), ("ict", "ict"), ("publiekszaken", "publiekszaken"),
               ("vergunningen", "vakafdeling"), ("sociaal", "vakafdeling"), ("belastingen", "vakafdeling"),
               ("directie", "directie")]
SERVICE = ["publiekszaken", "vergunningen", "sociaal", "belastingen"]


def generate(processes: int, seed: int = 16, sparse: bool = False) -> str:
    """An organisation file with ``processes`` products; owners scale with it so no rule turns trivial.

    ``sparse``: most facts of each product are left out, as in a file a consultant has only begun,
    so that almost every product fails several rules (about four findings per product).
    """
    if sparse:
        return _sparse(processes, generate(0, seed))
    rng = random.Random(seed)
    owners = max(4, processes // 10)
    out = [
        "schema_version: 1",
        "organisation:",
        f"  name: Benchmark {processes}",
        "  type: gemeente",
        "  language: nl",
        "  audit_date: 2026-11-01",
        "governance:",
        "  sponsor: p0",
        "  portfolio_holder: Wethouder",
        "  vision: {title: Koers, adopted_by: college, adopted_on: 2024-01-01}",
        "  reporting: {frequency: quarterly, last_report: 2026-10-01, includes_digital_uptake: true}",
        "departments:",
    ]
    out += [f"  - {{id: {d}, name: {d.capitalize()}, function: {f}}}" for d, f in DEPARTMENTS]
    out.append("people:")
    out.append("  - {id: p0, name: Sponsor, department: directie}")
    out += [f"  - {{id: o{i}, name: Eigenaar {i}, department: {SERVICE[i % len(SERVICE)]}}}" for i in range(owners)]
    out += [
        "mandates:",
        "  - id: digitaal",
        "    holders: [o0, o1]",
        "    scope: organisation",
        "    granted_by: directie",
        "    decision: Besluit 1",
        "    announced: true",
        "    review_on: 2027-06-01",
        "    powers: {make_proposals: true, demand_cooperation: true, act_without_approval: [website, forms]}",
        "    needs_approval_from: []",
        "    other_duties: []",
        "    fte: 1.0",
        "    works_in: [publiekszaken, vergunningen]",
        "    receives_results: true",
        "channels:",
        "  - {id: website, name: Website, type: website, owner: communicatie, co_owners: [kcc]}",
        "  - {id: telefoon, name: Telefoon, type: phone, owner: kcc, promotes_digital: true, assisted_digital: true}",
        "  - {id: balie, name: Balie, type: counter, owner: publiekszaken, promotes_digital: true}",
        "systems:",
        "  - {id: zaak, name: Zaaksysteem, type: zaaksysteem, owner: ict}",
        "  - {id: mail, name: Mailbox, type: mailbox, owner: kcc}",
        "processes:",
    ]
    for i in range(processes):
        dept = SERVICE[i % len(SERVICE)]
        out.append(f"  - id: product-{i}")
        out.append(f"    name: Product nummer {i}")
        out.append(f"    department: {dept}")
        if rng.random() > 0.05:
            out.append(f"    owner: o{rng.randrange(owners)}")
        out.append("    designer: o1")
        if rng.random() > 0.1:
            out.append("    it_contact: o2")
        out.append("    intake:")
        out.append(f"      - {{channel: website, form: true, lands_in: {'mail' if rng.random() < 0.1 else 'zaak'}}}")
        out.append(f"      - {{channel: {rng.choice(['telefoon', 'balie'])}, lands_in: zaak}}")
        out.append("    steps:")
        out.append(f"      - {{name: Beoordelen, medium: {rng.choice(['digital', 'manual', 'print'])}}}")
        total = rng.randint(10, 5000)
        out.append(f"    volume: {{year: 2025, total: {total}, digital: {int(total * rng.random())}}}")
        out.append("    kpis: [doorlooptijd]")
        out.append(f"    last_user_test: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
    return "\n".join(out) + "\n"


def _sparse(processes: int, head: str) -> str:
    """Products with a name and a department only, after the full head of a generated organisation."""
    out = [head.rstrip("\n").removesuffix("processes:").rstrip("\n"), "processes:"]
    for i in range(processes):
        out.append(f"  - {{id: product-{i}, name: Product nummer {i}, department: {SERVICE[i % len(SERVICE)]}}}")
    return "\n".join(out) + "\n"


# Lines of a generated organisation that a municipality may lack: leaving some out varies the levels.
OPTIONAL = ("  vision: ", "  reporting: ", "    announced: true", "    review_on: ", "    kpis: ",
            "    last_user_test: ", "    receives_results: true", "    it_contact: ")


def municipalities(count: int, seed: int = 20, processes: tuple[int, int] = (150, 600)) -> list[tuple[str, str]]:
    """``count`` municipalities as (file name, text), deterministic for a seed: a folder to compare.

    Sizes in products and inhabitants vary; about one in eight records no inhabitants, one in five is
    findings-heavy (``sparse``), and each leaves out some optional facts, so that levels differ.
    """
    rng = random.Random(seed)
    out = []
    for i in range(count):
        n = rng.randint(*processes)
        text = generate(n, seed=seed * 1000 + i, sparse=rng.random() < 0.2)
        lines = [line for line in text.splitlines()
                 if not (line.startswith(OPTIONAL) and rng.random() < 0.3)]
        head = [f"  name: Gemeente Proef {i + 1:03d}"]
        if rng.random() > 0.125:
            head.append(f"  inhabitants: {int(rng.lognormvariate(10.2, 0.9))}")
        lines = [x for line in lines for x in (head if line.startswith("  name: Benchmark") else [line])]
        out.append((f"proef-{i + 1:03d}.yaml", "\n".join(lines) + "\n"))
    return out


def main() -> None:
    """Write benchmarks/data/org-N.yaml for each N given (default 100 1000 10000)."""
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    folder = Path(__file__).resolve().parent / "data"
    folder.mkdir(exist_ok=True)
    for n in sizes:
        path = folder / f"org-{n}.yaml"
        path.write_text(generate(n), encoding="utf-8")
        print(f"{path} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
