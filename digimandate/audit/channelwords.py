"""Lists of channel kinds in a text, fitted to the channels an organisation has recorded."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from digimandate.i18n import Lang

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
# The counter and e-mail go too where the organisation has none: an agency without a counter is not told to
# connect its counter, nor to agree with its counter staff. Post reaches every organisation, recorded as a
# channel or not. In a pair the verb that follows agrees with the one kind left ("telefoon wijst").
LISTED_KINDS = ("counter", "email")
# The plural verbs that follow a pair of kinds in the checklist's texts, and their singular.
_SINGULAR: dict[Lang, dict[str, str]] = {
    "nl": {"wijzen": "wijst", "kunnen": "kan", "geven": "geeft"},
    "en": {"point": "points", "give": "gives"},
}
# A quotation is given as it was said, channels and all: a quoted sentence, ending in its own full stop (a norm's
# title in quotation marks has none, and is fitted as the norm is).
_QUOTED = re.compile(r'"[^"\n]*[.!?]"')


@cache
def _kind_list(lang: Lang) -> re.Pattern[str]:
    words = [*_KIND_WORDS[lang], *(w[:1].upper() + w[1:] for w in _KIND_WORDS[lang])]
    word = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    conj = "en|of" if lang == "nl" else "and|or"
    verb = "|".join(_SINGULAR[lang])
    return re.compile(rf"(?<![\w-])(?P<list>(?:{word})(?:, (?:{word}))*(?: (?:{conj}) (?:{word}))?)(?![\w-])"
                      rf"(?P<verb> (?:{verb})(?!\w))?")


@lru_cache(maxsize=8192)  # the same texts come back for every entity a rule finds, and in every document
def fit_channels(text: str, kinds: frozenset[str], lang: Lang) -> str:
    """Lists of channel kinds without the kinds this organisation does not have that it may well lack."""
    words = _KIND_WORDS[lang]
    conjunctions = (" en ", " of ") if lang == "nl" else (" and ", " or ")

    def kind_of(word: str) -> str:
        return words[word[:1].lower() + word[1:]]

    def shorter(match: re.Match[str]) -> str:
        listed, verb = match.group("list"), match.group("verb") or ""
        conj = next((c for c in conjunctions if c in listed), None)
        items = listed.replace(conj, ", ").split(", ") if conj else listed.split(", ")
        keep = [w for w in items if kind_of(w) not in OPTIONAL_KINDS or kind_of(w) in kinds]
        # a norm about e-mail alone ("e-mail, chat, app en sociale media") keeps its e-mail
        keep = [w for w in keep if kind_of(w) not in LISTED_KINDS or kind_of(w) in kinds] or keep
        if len(items) < 2 or len(keep) == len(items) or not keep:
            return match.group()
        capital = items[0][:1].isupper()
        keep = [w[:1].lower() + w[1:] for w in keep]
        if len(keep) == 1:  # one kind is named with its article: "mede-eigenaar van de website"
            # "of the website, app or chat" has its article; "via website, app of chat" ends in "a " but has none
            had = capital or _ARTICLE_BEFORE.search(match.string[:match.start()].lower()) is not None
            out = keep[0] if had else _SINGLE[lang].get(keep[0], keep[0])
            verb = " " + _SINGULAR[lang][verb.strip()] if verb else ""
        else:
            out = ", ".join(keep[:-1]) + (conj or ", ") + keep[-1]
        return (out[:1].upper() + out[1:] if capital else out) + verb

    def outside_quotes(part: str) -> str:
        part = _kind_list(lang).sub(shorter, part)
        if "social" not in kinds:  # "een e-mail of bericht via sociale media": only what the organisation has
            for before, after in _SOCIAL_MESSAGE[lang]:
                part = part.replace(before, after)
        return _A_EMAIL.sub(r"\1n e-mail", part) if lang == "en" else part

    out, at = [], 0
    for quote in _QUOTED.finditer(text):
        out += [outside_quotes(text[at:quote.start()]), quote.group()]
        at = quote.end()
    return "".join([*out, outside_quotes(text[at:])])
