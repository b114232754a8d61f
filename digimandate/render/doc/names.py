"""What a client reads for an entity and a finding: names instead of ids, no YAML keys or backticks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from digimandate.audit.result import Finding
from digimandate.audit.specs import Rule, fill
from digimandate.i18n import Lang, t
from digimandate.model.org import OrgModel
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.adapter import top_entity
from digimandate.render.doc.fmt import joined
from digimandate.render.doc.words import bodies

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# "Kanaal {name}" in a checklist's message: the word "channel" before the channel's name
_CHANNEL_NAME: dict[Lang, re.Pattern[str]] = {"nl": re.compile(r"\b([Kk]anaal) \{name\}"),
                                             "en": re.compile(r"\b([Cc]hannel) \{name\}")}
_DECIMAL = re.compile(r"\d+\.\d+")  # a fraction as Python writes it: "0.3" reads "0,3" in Dutch
_ISO_IN_TEXT = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
_KEYED = re.compile(r"\s*\([^()]*`[^()]*\)")  # "(`governance` ontbreekt)": a note for the file's author


# A period in days as a reader says it: "596 dagen oud, meer dan 365" reads "ruim anderhalf jaar oud; norm: jaarlijks".
# Each pattern turns a template's placeholder into an age (a duration) or a norm (how often).
_PERIODS: dict[Lang, tuple[tuple[re.Pattern[str], str], ...]] = {
    "nl": ((re.compile(r"\{(\w+)\} dagen oud, meer dan \{(\w+)\}"), r"{\1@age} oud; norm: {\2@every}"),
           (re.compile(r", meer dan \{(\w+_days)\}(?! dagen)"), r"; norm: {\1@every}"),
           (re.compile(r"eens per \{(\w+)\} dagen"), r"{\1@every}"),
           (re.compile(r"\{(\w+)\} dagen"), r"{\1@age}")),
    "en": ((re.compile(r"\{(\w+)\} days old, more than \{(\w+)\}"), r"{\1@age} old; norm: {\2@every}"),
           (re.compile(r", more than \{(\w+_days)\}(?! days)"), r"; norm: {\1@every}"),
           (re.compile(r"once every \{(\w+)\} days"), r"{\1@every}"),
           (re.compile(r"\{(\w+)\} days"), r"{\1@age}")),
}
_MARKED = re.compile(r"\{(\w+)@(age|every)\}")


def periods(template: str, args: dict[str, object], lang: Lang) -> tuple[str, dict[str, object]]:
    """The template with every period in days said in words, and the values that fill it."""
    for pattern, replacement in _PERIODS[lang]:
        template = pattern.sub(replacement, template)
    values = dict(args)

    def said(match: re.Match[str]) -> str:
        name, kind = match.groups()
        value = args.get(name)
        if isinstance(value, str) and value.isdigit():  # a finding keeps its values as text
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return "{" + name + "}"  # not a number of days after all: as it was
        key = f"{name}__{kind}"
        values[key] = fmt.duration(value, lang) if kind == "age" else fmt.every(value, lang)
        return "{" + key + "}"

    return _MARKED.sub(said, template), values


def clean(text: str) -> str:
    """Drop notes about the file's keys and any remaining backticks."""
    return " ".join(_KEYED.sub("", text).replace("`", "").split())


_LEADING_QUOTE = re.compile(r'^"[^"]*"\s*')
_QUOTED = re.compile(r'"[^"]{40,}"')  # a practitioner's sentence; a quoted phrase ("over gaat") is part of the text
MIN_REASON = 40  # characters: a reason of its own, not a lead-in to a quote


def why(spec: Rule, lang: Lang, quotes: bool = True) -> str:
    """A rule's rationale as a client reads it; a quote from the guidance says whose words it repeats.

    Without ``quotes`` (a memo's short argument) a practitioner's words are left out where the rationale gives its
    reason without them.

    A rationale that opens with a practitioner's words (Zeewolde, Montferland) would otherwise read as a
    statement made in the organisation audited, and as the reason itself: the reason comes first, the quote
    after it. The quotes are matched in Dutch, the guidance's language.
    """
    text = clean(spec.rationale.get(lang))
    lead = _LEADING_QUOTE.match(text)
    if lead is not None and text[lead.end():].strip():  # the reason first: a practitioner's words support it
        text = f"{text[lead.end():].strip()} {lead.group(0).strip()}"
    if not quotes:
        own = " ".join(_QUOTED.sub("", text).split())
        if len(own) > MIN_REASON:
            return own
    nl = spec.rationale.nl.replace("\u2019", "'").casefold()
    if '"' not in nl:
        return text
    who = [src.attribution for src in spec.sources
           if src.attribution and src.quote and src.quote.replace("\u2019", "'").casefold()[:25] in nl]
    if not who:
        return text
    if lang == "en":  # "Gemeente Zeewolde" is the Dutch name of the body: the place names it in English
        who = [w.removeprefix("Gemeente ") for w in who]
    joined = f" {t('doc_and', lang)} ".join(dict.fromkeys(who))
    return f"{text} ({t('doc_quote_from', lang, who=joined)})"



def role_title(title: str, lang: Lang, org_language: str | None) -> str:
    """A title of office in a sentence, with its article: "de teamleider Burgerzaken". In a Dutch sentence a Dutch
    title is lower case; an English one keeps its capitals ("the Service Design Lead")."""
    dutch = lang == "nl" and org_language != "en"
    return t("doc_memo_owner_title", lang, title=title[:1].lower() + title[1:] if dutch else title)

class Names:
    """Display names of the entities of one audit."""

    def __init__(self, a: Audited, lang: Lang) -> None:
        model = a.model
        self.model = model
        self.rules = a.rules
        self.lang = lang
        self.names: dict[str, str] = {}
        for section in ("departments", "channels", "systems", "processes"):
            for item in getattr(model, section):
                self.names[f"{section}/{item.id}"] = item.name
        self.channels = {f"channels/{c.id}": c for c in reversed(model.channels)}  # the first of an id
        self.mandates_by = {f"mandates/{m.id}": m for m in reversed(model.mandates)}
        depts = {d.id: d.name for d in model.departments}
        self.people: dict[str, str] = {}  # real names: only to take them out of a text
        self.roles: dict[str, str] = {}  # each person's role as a sentence names it
        for person in model.people:
            self.people[person.id] = person.name
            # board papers name roles, not people: "Vergunningverlener (Ruimte en Vergunningen)"
            dept = depts.get(person.department, person.department)
            self.names[f"people/{person.id}"] = (f"{person.title} ({dept})" if person.title
                                                 else t("doc_person_in", lang, department=dept))
            if person.title:
                # "de teamleider Burgerzaken", not "... (Burgerzaken)": the title names its department already
                where = "" if dept and dept.casefold() in person.title.casefold() else f" ({dept})"
                self.roles[person.id] = role_title(person.title, lang, a.result.language) + where
            else:
                self.roles[person.id] = t("doc_person_in", lang, department=dept)
        # a mandate without a topic is named by its place in the file, never by its id
        self.mandate_ids = {md.id: f'"{md.topic}"' if md.topic else t("doc_mandate_untitled", lang, n=i)
                            for i, md in enumerate(model.mandates, 1)}
        for md in model.mandates:
            self.names[f"mandates/{md.id}"] = self.mandate_ids[md.id]
        self.names["governance"] = t("doc_entity_governance", lang)
        self.names["organisation"] = a.result.organisation_name
        # the body reported to and deciding, as this kind of organisation calls it ("het college van B&W")
        self.executive = bodies(a.result.organisation_type, lang).executive

    def without_people(self, text: str) -> str:
        """Drop people's names given beside a role ("manager (Marleen de Boer)"): board papers name roles."""
        for name in self.people.values():
            text = text.replace(f" ({name})", "")
        return text

    def entity(self, path: str) -> str:
        """The name of the top-level entity a path points into."""
        top = top_entity(path)
        if top in self.names:
            return self.names[top]
        section = top.partition("/")[0]
        return self.names.get(section, t("doc_entity_organisation", self.lang))

    def role(self, person: str) -> str:
        """A person in a sentence, by role: "de teamleider Burgerzaken", "de adviseur digitale dienstverlening
        (Communicatie)"; an unknown id as it is written."""
        return self.roles.get(person, person)

    def mandate(self, ident: str) -> str:
        """A mandate by its topic, or by its place in the file when it has none."""
        return self.names.get(f"mandates/{ident}", ident)

    def message(self, f: Finding) -> str:
        """The finding's message with names for ids, without notes about the file's keys."""
        spec = self.rules.rules[f.rule].spec
        template = spec.messages.get(f.message_key)
        if template is None:
            return clean(f.message(self.lang))
        wording = template.get(self.lang)
        if f.entity.startswith("channels/"):
            wording = self.channel_kind(wording, top_entity(f.entity))
        args: dict[str, object] = dict(self.rules.rules[f.rule].params)
        args.update(f.args)
        for key, value in args.items():  # a date reads as a date in this language, not as 2025-03-15
            if isinstance(value, date):
                args[key] = fmt.long_date(value, self.lang)
            elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
                args[key] = self.date(value)
            elif isinstance(value, float) or (isinstance(value, str) and _DECIMAL.fullmatch(value)):
                args[key] = fmt.number(float(value), self.lang, 2)
        if f.entity.startswith("mandates/") and "id" in args:
            args["id"] = self.mandate(str(args["id"]))
        refs = self.approving(f)
        if refs:  # the finding lists the approvers as the file names them; a reader reads them as roles, in words
            args["who"] = approvers(refs, self.model, self.lang)
        if "mandates" in args:
            args["mandates"] = ", ".join(self.mandate(m.strip()) for m in str(args["mandates"]).split(","))
        text = fill(*periods(wording, args, self.lang))
        if "{" in text:  # the finding did not keep every value: its own message, with the mandate named
            text = f.message(self.lang)
            for ident, name in self.mandate_ids.items():
                text = re.sub(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", _literal(name), text)
        return clean(_ISO_IN_TEXT.sub(lambda m: self.date(m.group()), text))

    def approving(self, f: Finding) -> list[str]:
        """Who must approve a change under the mandate a finding names as approving (its ``who``), as the file says."""
        held = self.mandates_by.get(top_entity(f.entity)) if f.entity.startswith("mandates/") and f.arg("who") else None
        return list(held.needs_approval_from or []) if held is not None else []

    def channel_kind(self, wording: str, entity: str) -> str:
        """"Kanaal {name}" said as what the channel is: "Telefoon 14 0321", "E-mail info@..."; "Balie gemeentehuis".

        A name that says its kind already ("Balie gemeentehuis") stands alone.
        """
        channel = self.channels.get(entity)
        if channel is None:
            return wording
        kind = t(f"doc_channel_kind_{channel.type}", self.lang)
        alone = kind.casefold() in channel.name.casefold()

        def said(m: re.Match[str]) -> str:
            if alone:
                return "{name}"
            return (kind[:1].upper() + kind[1:] if m.group(1)[:1].isupper() else kind) + " {name}"

        return _CHANNEL_NAME[self.lang].sub(said, wording)

    def date(self, iso: str) -> str:
        """An ISO date as a reader writes it ("15 maart 2025"); anything else as it was."""
        try:
            return fmt.long_date(date.fromisoformat(iso), self.lang)
        except ValueError:
            return iso


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that inserts ``text`` as it is: a name is data, and re.sub would read `\\1` in it."""
    return lambda _match: text


# Functions an organisation has one department of, named by what they do ("het KCC") rather than by name.
APPROVER_FUNCTIONS = frozenset({"kcc", "ict", "communicatie", "directie"})


def approvers(refs: list[str], model: OrgModel, lang: Lang) -> str:
    """Who must approve a change, in words: "de manager, het KCC en ICT"; never an id."""
    departments = {d.id: d for d in model.departments}
    of_function = Counter(d.function for d in model.departments)
    words = []
    for ref in refs:
        dept = departments.get(ref)
        if dept is None:  # "manager": the holders' own manager, a role
            words.append(t("doc_approver_manager", lang))
        elif dept.function in APPROVER_FUNCTIONS and of_function[dept.function] == 1:
            words.append(t(f"doc_approver_{dept.function}", lang))
        else:  # a department whose function does not say which one it is
            words.append(dept.name)
    return joined(list(dict.fromkeys(words)), lang)
