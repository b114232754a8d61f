"""Words that fit the kind of organisation: its bodies and its public, not a municipality's by default."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from digimandate.audit.channelwords import fit_channels
from digimandate.i18n import Lang, t
from digimandate.render.doc.model import Block, BoardDocument, Fields, Items, Ownership, Para, Section, Table

__all__ = ["Bodies", "bodies", "fit", "fit_channels", "fit_document", "kind"]

_SPACES = re.compile(r" {2,}")
_SPACE_BEFORE = re.compile(r" ([,.;:])")
KINDS = ("gemeente", "provincie", "waterschap")  # with an elected body; central government is "rijk", the rest "other"
# Central government: a ministry's own part or an agency it owns. The body above its management is the ministry.
CENTRAL = ("rijk", "uitvoeringsorganisatie")


def kind(org_type: str | None) -> str:
    """The kind of organisation whose bodies and words a document uses; a file without a type is a municipality."""
    if org_type is None:
        return "gemeente"
    return org_type if org_type in KINDS else "rijk" if org_type in CENTRAL else "other"


@dataclass(frozen=True)
class Bodies:
    """Who decides and whom the organisation serves, as this kind of organisation names them."""

    executive: str  # "het college van B&W", "the executive board"
    council: str | None  # the elected body, when the kind has one
    public: str  # "inwoners", "customers"


def bodies(org_type: str | None, lang: Lang) -> Bodies:
    """The bodies and the public of an organisation of this type, with their articles ("de raad")."""
    k = kind(org_type)
    council = t(f"doc_council_{k}", lang) if k in KINDS else None  # an agency has no elected body
    return Bodies(t(f"doc_executive_{k}", lang), council, t(f"doc_public_{k}", lang))


@cache
def _pairs(k: str, lang: Lang) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """The checklist's municipal wording and what this kind of organisation says instead, with the phrase itself."""
    text = t(f"doc_fit_{k}", lang)
    out = []
    for pair in text.split(" || "):
        if "=>" in pair:
            before, after = (part.strip() for part in pair.split("=>", 1))
            # whole words only: a phrase that starts or ends with a word character does not match inside a word
            lead = r"(?<!\w)" if before[:1].isalnum() else ""
            tail = r"(?!\w)" if before[-1:].isalnum() else ""
            out.append((before, re.compile(lead + re.escape(before) + tail), after.replace("\\", r"\\")))
    return tuple(out)


def _replace(text: str, k: str, lang: Lang) -> str:
    """The phrases of ``_pairs`` replaced in turn, as they are: the words, never a group."""
    for before, pattern, after in _pairs(k, lang):
        if before in text:  # most texts hold none of the phrases: a plain search rules a phrase out soonest
            text = pattern.sub(after, text)
    return text


def one_holder(counts: list[int]) -> bool:
    """Whether every mandate that has holders has exactly one: then "de houders" is wrong wherever it stands."""
    held = [n for n in counts if n]
    return bool(held) and all(n == 1 for n in held)


def fit_holders(text: str, lang: Lang) -> str:
    """A text about "the holders" said of the one holder a mandate has: "de houder", "the holder's"."""
    return _replace(text, "one_holder", lang)


def fit(text: str, org_type: str | None, lang: Lang) -> str:
    """A text of the checklist in the words of this kind of organisation."""
    k = kind(org_type)
    if k == "gemeente":  # the checklist speaks as to a municipality already
        return text
    text = _replace(text, k, lang)
    # a phrase taken out leaves no double space and no space before a comma or a full stop
    return _SPACE_BEFORE.sub(r"\1", _SPACES.sub(" ", text))


def fit_document(doc: BoardDocument, org_type: str | None, kinds: frozenset[str],
                 single: bool = False) -> BoardDocument:
    """Every text of a document in the words of this kind of organisation, about the channels it has.

    ``single``: every mandate has one holder, so the checklist's "de houders" reads "de houder".
    """

    done: dict[str, str] = {}  # a document repeats its texts (names, column heads, the norms' words)

    def f(text: str) -> str:
        out = done.get(text)
        if out is None:
            out = fit_channels(fit(text, org_type, doc.lang), kinds, doc.lang)
            out = done[text] = fit_holders(out, doc.lang) if single else out
        return out

    def block(b: Block) -> Block:
        if isinstance(b, Para):
            return replace(b, text=f(b.text))
        if isinstance(b, Items):
            return replace(b, items=[f(x) for x in b.items])
        if isinstance(b, Table):
            return replace(b, header=[f(x) for x in b.header], rows=[[f(x) for x in row] for row in b.rows])
        if isinstance(b, Fields):
            return replace(b, rows=[(f(k), f(v)) for k, v in b.rows])
        if isinstance(b, Ownership):
            return b  # names of departments, channels and products: the organisation's own
        return b

    def section(s: Section) -> None:
        s.title = f(s.title)
        s.blocks = [block(b) for b in s.blocks]
        for sub in s.sections:
            section(sub)

    doc.front = [block(b) for b in doc.front]
    for s in doc.sections:
        section(s)
    return doc
