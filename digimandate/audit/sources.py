"""The chain norm -> finding -> source: the file's register of sources, and what the verdict rests on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from digimandate.audit.result import NO_SOURCE, Finding, SourceEntry, SourceEvidence
from digimandate.model.document import OrgFile

SOURCE_TYPES = ("document", "interview", "observation", "register", "data")
# Findings at these severities should rest on more than one type of source (triangulation).
WEIGHTY = frozenset({"critical", "high"})


def source_entries(doc: OrgFile) -> tuple[SourceEntry, ...]:
    """The register of sources of ``doc``, in file order (duplicates left out)."""
    return tuple(
        SourceEntry(s.id, s.type, s.title, s.reference, s.provided_by, s.dated, s.obtained, bool(s.confidential))
        for s in doc.sources.values()
    )


def types_of(finding: Finding, doc_types: Mapping[str, str]) -> tuple[str, ...]:
    """The types of the sources a finding cites (``none`` when it cites none), in a fixed order."""
    found = {doc_types[i] for i in finding.sources if i in doc_types}
    return tuple(t for t in SOURCE_TYPES if t in found) or (NO_SOURCE,)


def source_evidence(doc: OrgFile, findings: Iterable[Finding]) -> SourceEvidence:
    """Observed findings and citing entities per source type, and weighty findings resting on one type."""
    if not doc.sources:
        return SourceEvidence()
    doc_types: dict[str, str] = {s.id: s.type for s in doc.sources.values()}
    by_type: Counter[str] = Counter()
    single: list[Finding] = []
    for f in findings:
        if f.basis != "observed" or f.kind != "check":
            continue
        kinds = types_of(f, doc_types)
        by_type.update(kinds)
        if f.severity in WEIGHTY and len(kinds) == 1 and kinds[0] != NO_SOURCE:
            single.append(f)
    per_entity: dict[str, set[str]] = {}
    for path, ids in doc.cited.items():
        per_entity.setdefault(path, set()).update(doc_types[i] for i in ids if i in doc_types)
    for (path, _), ids in doc.cited_parts.items():  # a volume's source is a source of its product
        per_entity.setdefault(path, set()).update(doc_types[i] for i in ids if i in doc_types)
    entities: Counter[str] = Counter()
    for found in per_entity.values():
        entities.update(found)
    order = (*SOURCE_TYPES, NO_SOURCE)
    return SourceEvidence(
        findings_by_type=tuple((t, by_type[t]) for t in order if by_type[t]),
        entities_by_type=tuple((t, entities[t]) for t in SOURCE_TYPES if entities[t]),
        single_type=tuple(single),
    )
