"""Words that fit the kind of organisation: its bodies and its public, not a municipality's by default."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from digimandate.i18n import Lang, t
from digimandate.render.doc.model import Block, BoardDocument, Fields, Items, Ownership, Para, Section, Table

_SPACES = re.compile(r" {2,}")
_SPACE_BEFORE = re.compile(r" ([,.;:])")
KINDS = ("gemeente", "provincie", "waterschap")  # every other type (an agency, a ministry) is "other"


def kind(org_type: str | None) -> str:
    """The kind of organisation whose bodies and words a document uses; a file without a type is a municipality."""
    if org_type is None:
        return "gemeente"
    return org_type if org_type in KINDS else "other"


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
def _pairs(k: str, lang: Lang) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The checklist's municipal wording and what this kind of organisation says instead."""
    text = t(f"doc_fit_{k}", lang)
    out = []
    for pair in text.split(" || "):
        if "=>" in pair:
            before, after = (part.strip() for part in pair.split("=>", 1))
            # whole words only: a phrase that starts or ends with a word character does not match inside a word
            lead = r"(?<!\w)" if before[:1].isalnum() else ""
            tail = r"(?!\w)" if before[-1:].isalnum() else ""
            out.append((re.compile(lead + re.escape(before) + tail), after))
    return tuple(out)


def one_holder(counts: list[int]) -> bool:
    """Whether every mandate that has holders has exactly one: then "de houders" is wrong wherever it stands."""
    held = [n for n in counts if n]
    return bool(held) and all(n == 1 for n in held)


def fit_holders(text: str, lang: Lang) -> str:
    """A text about "the holders" said of the one holder a mandate has: "de houder", "the holder's"."""
    for pattern, after in _pairs("one_holder", lang):
        text = pattern.sub(after.replace("\\", r"\\"), text)
    return text


def fit(text: str, org_type: str | None, lang: Lang) -> str:
    """A text of the checklist in the words of this kind of organisation."""
    k = kind(org_type)
    if k == "gemeente":  # the checklist speaks as to a municipality already
        return text
    for pattern, after in _pairs(k, lang):
        text = pattern.sub(after.replace("\\", r"\\"), text)  # the words as they are, never a group
    # a phrase taken out leaves no double space and no space before a comma or a full stop
    return _SPACE_BEFORE.sub(r"\1", _SPACES.sub(" ", text))


# Channel kinds the checklist names in lists ("chat, app, e-mail en sociale media"); an organisation without one
# of the optional kinds does not get advice about it.
_KIND_WORDS: dict[Lang, dict[str, str]] = {
    "nl": {"website": "website", "app": "app", "chat": "chat", "e-mail": "email", "sociale media": "social",
           "telefoon": "phone", "balie": "counter", "post": "post"},
    "en": {"website": "website", "app": "app", "apps": "app", "chat": "chat", "e-mail": "email",
           "social media": "social", "phone": "phone", "counter": "counter", "post": "post"},
}
_SINGLE: dict[Lang, dict[str, str]] = {"nl": {"website": "de website"}, "en": {"website": "the website"}}
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:the|a|de|het|een) $")
_A_EMAIL = re.compile(r"(?<!\w)([Aa]) e-mail")  # "a chat or e-mail message" that lost its chat
# without "bericht" the kinds left (chat, app, e-mail) are de-words: "een e-mail die", not "dat"
_SOCIAL_MESSAGE: dict[Lang, tuple[tuple[str, str], ...]] = {
    "nl": ((" of bericht via sociale media dat ", " die "), (" of bericht via sociale media", "")),
    "en": ((" or social media message", " message"),),
}
OPTIONAL_KINDS = ("app", "chat", "social")  # channels an organisation may well not have
# In a longer list ("telefoon, balie, e-mail en post") the counter and e-mail go too where the organisation has
# none: an agency without a counter is not told to connect its counter. Post reaches every organisation, recorded
# as a channel or not; a pair ("telefoon en balie wijzen") stays as the norm names it, so its verb still agrees.
LISTED_KINDS = ("counter", "email")


@cache
def _kind_list(lang: Lang) -> re.Pattern[str]:
    word = "|".join(sorted((re.escape(w) for w in _KIND_WORDS[lang]), key=len, reverse=True))
    conj = "en|of" if lang == "nl" else "and|or"
    return re.compile(rf"(?<![\w-])(?:{word})(?:, (?:{word}))*(?: (?:{conj}) (?:{word}))?(?![\w-])")


def fit_channels(text: str, kinds: frozenset[str], lang: Lang) -> str:
    """Lists of channel kinds without the optional kinds this organisation does not have."""
    words = _KIND_WORDS[lang]
    conjunctions = (" en ", " of ") if lang == "nl" else (" and ", " or ")

    def shorter(match: re.Match[str]) -> str:
        listed = match.group()
        conj = next((c for c in conjunctions if c in listed), None)
        items = listed.replace(conj, ", ").split(", ") if conj else listed.split(", ")
        keep = [w for w in items if words[w] not in OPTIONAL_KINDS or words[w] in kinds]
        if len(items) > 2:
            # a norm about e-mail alone ("e-mail, chat, app en sociale media") keeps its e-mail
            keep = [w for w in keep if words[w] not in LISTED_KINDS or words[w] in kinds] or keep
        if len(items) < 2 or len(keep) == len(items) or not keep:
            return listed
        if len(keep) == 1:  # one kind is named with its article: "mede-eigenaar van de website"
            # "of the website, app or chat" has its article; "via website, app of chat" ends in "a " but has none
            had = _ARTICLE_BEFORE.search(match.string[:match.start()].lower()) is not None
            return keep[0] if had else _SINGLE[lang].get(keep[0], keep[0])
        return ", ".join(keep[:-1]) + (conj or ", ") + keep[-1]

    text = _kind_list(lang).sub(shorter, text)
    if "social" not in kinds:  # "een e-mail of bericht via sociale media": only what the organisation has
        for before, after in _SOCIAL_MESSAGE[lang]:
            text = text.replace(before, after)
    return _A_EMAIL.sub(r"\1n e-mail", text) if lang == "en" else text


def fit_document(doc: BoardDocument, org_type: str | None, kinds: frozenset[str],
                 single: bool = False) -> BoardDocument:
    """Every text of a document in the words of this kind of organisation, about the channels it has.

    ``single``: every mandate has one holder, so the checklist's "de houders" reads "de houder".
    """

    def f(text: str) -> str:
        text = fit_channels(fit(text, org_type, doc.lang), kinds, doc.lang)
        return fit_holders(text, doc.lang) if single else text

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
