"""A Mermaid flowchart of who owns what: departments, their channels and products, and each mandate's reach."""

from __future__ import annotations

from collections import defaultdict

from digimandate.i18n import Lang, counted
from digimandate.model.org import OrgModel
from digimandate.textsafe import one_line

MAX_PRODUCTS = 6  # per department; more are summarised in one node so the picture stays readable


def label(text: str) -> str:
    """A Mermaid node label: quoted, one line, with quotes and angle brackets as entities."""
    text = one_line(" ".join(text.split()))
    # entity codes keep a label from closing its quotes, the node, or the Markdown code fence around it
    for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"),
                         ("`", "#96;")):
        text = text.replace(char, entity)
    return f'"{text}"'


def diagram(model: OrgModel, texts: dict[str, str], lang: Lang = "en", names: dict[str, str] | None = None) -> str:
    """The flowchart source; ``texts`` names the summary and fallback labels in the report's language.

    ``names``: what a reader calls a mandate and a holder ("mandates/x", "people/y"): a topic and a role, as the
    documents say them. Labels carry names only, never an id or a code of the file ("kcc", "phone").
    """
    names = names or {}
    lines = ["flowchart LR"]
    dept_ids = {d.id: f"d{i}" for i, d in enumerate(model.departments)}
    channels_by: dict[str | None, list[str]] = defaultdict(list)
    for i, c in enumerate(model.channels):
        channels_by[c.owner].append(f'c{i}(["{label(c.name)[1:-1]}"])')
    products_by: dict[str | None, list[str]] = defaultdict(list)
    for p in model.processes:
        products_by[p.department].append(p.name)
    groups: list[tuple[str, str, str | None]] = [(dept_ids[d.id], d.name, d.id) for d in model.departments]
    if channels_by.get(None) or products_by.get(None):
        groups.append(("dnone", texts["no_owner"], None))
    for node, title, dept in groups:
        lines.append(f"  subgraph {node}[{label(title)}]")
        lines.append("    direction TB")
        lines += [f"    {c}" for c in channels_by.get(dept, [])]
        products = products_by.get(dept, [])
        for j, name in enumerate(products[:MAX_PRODUCTS]):
            lines.append(f"    {node}p{j}[{label(name)}]")
        if len(products) > MAX_PRODUCTS:
            more = texts["more_products"].format(count=counted(len(products) - MAX_PRODUCTS, "noun_product", lang))
            lines.append(f"    {node}more[{label(more)}]")
        lines.append("  end")
    for i, c in enumerate(model.channels):
        for co in c.co_owners or []:
            if co in dept_ids:
                lines.append(f"  {dept_ids[co]} -- {label(texts['co_owner'])} --- c{i}")
    for i, md in enumerate(model.mandates):
        # roles, not people: the picture stands beside findings about the holders' work
        holders = ", ".join(names.get(f"people/{h}", texts["no_holder"]) for h in md.holders or []) \
            or texts["no_holder"]
        topic = names.get(f"mandates/{md.id}") or (f'"{md.topic}"' if md.topic else texts["mandate"].format(n=i + 1))
        lines.append(f"  m{i}{{{{{label(f'{topic}: {holders}')}}}}}")
        reach = list(dept_ids) if md.scope == "organisation" else list(md.departments or [])
        for dept in reach:
            if dept in dept_ids:
                lines.append(f"  m{i} -.-> {dept_ids[dept]}")
    return "\n".join(lines)
