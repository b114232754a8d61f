"""Who carries out an action, by the roles the organisation file records: a title, never a name."""

from __future__ import annotations

from digimandate.i18n import Lang, t
from digimandate.render.common import Audited
from digimandate.render.doc.actions import Recommendation
from digimandate.render.doc.common import body_name, role_name, short_list
from digimandate.render.doc.fmt import joined
from digimandate.render.doc.names import role_title

# The roles the checklist names by the department they lead, and that department's function in the file.
_DEPARTMENT_HEADS = {"kcc_head": "kcc", "ict_head": "ict"}


class Owners:
    """The people and departments of one organisation, as roles in the words of a document's language."""

    def __init__(self, a: Audited, lang: Lang) -> None:
        self.a, self.lang, self.r = a, lang, a.result

    def tx(self, key: str, **args: object) -> str:
        """A catalogue text in the document's language."""
        return t(key, self.lang, **args)

    def title_of(self, person: str | None) -> str | None:
        """A person's role as the file records it ("de teamleider Burgerzaken"); never their name."""
        found = next((p for p in self.a.model.people if p.id == person), None) if person else None
        if found is None or not found.title:
            return None
        return role_title(found.title, self.lang, self.a.result.language)

    def head_of(self, department: str | None) -> str | None:
        """Who leads a department, by role: its manager's title, else its head."""
        dept = next((d for d in self.a.model.departments if d.id == department), None) if department else None
        if dept is None:
            return None
        return self.title_of(dept.manager) or self.tx("doc_memo_owner_head", department=dept.name)

    def lead(self) -> str:
        """Who leads for the directie: the sponsor by role where recorded, else the directie appoints one."""
        gov = self.a.model.governance
        return (self.title_of(gov.sponsor) if gov is not None else None) or self.tx("doc_memo_owner_directie")

    def owner(self, rec: Recommendation) -> str:
        """Who carries out a decision point, by the role the file records; who appoints one where none is."""
        model = self.a.model
        role = rec.role
        if role == "process_owners":
            procs = [p for p in model.processes if f"processes/{p.id}" in rec.entities]
            return self._recorded([self.title_of(p.owner) for p in procs], "doc_memo_owner_appoint_process")
        if role == "channel_owners":
            chans = [c for c in model.channels if f"channels/{c.id}" in rec.entities]
            return self._recorded([self.head_of(c.owner) for c in chans], "doc_memo_owner_appoint_channel")
        if role in _DEPARTMENT_HEADS:
            return self.for_role(role)
        if role == "college":
            gov = model.governance
            return gov.portfolio_holder if gov and gov.portfolio_holder else body_name("college", self.r, self.lang)
        if role in (None, "directie"):
            return self.lead()
        return role_name(role, self.r, self.lang)

    def for_role(self, role: str | None) -> str:
        """A role the checklist names, as this organisation fills it where the file records who: the KCC's head by
        the title of its manager ("de teamleider KCC")."""
        function = _DEPARTMENT_HEADS.get(role or "")
        if function is not None:
            dept = next((d for d in self.a.model.departments if d.function == function), None)
            return (self.head_of(dept.id) if dept else None) or role_name(role, self.r, self.lang)
        return role_name(role, self.r, self.lang)

    def checker(self, entity: str) -> str | None:
        """Who can say whether a fact about a place holds: its channel's or product's owner by role, else the head of
        the department it belongs to; None for a place of another kind (the norm's own role answers)."""
        section, _, ident = entity.partition("/")
        ident = ident.partition("/")[0]
        model = self.a.model
        if section == "channels":
            chan = next((c for c in model.channels if c.id == ident), None)
            return self.head_of(chan.owner) if chan is not None else None
        if section == "processes":
            proc = next((p for p in model.processes if p.id == ident), None)
            return (self.title_of(proc.owner) or self.head_of(proc.department)) if proc is not None else None
        return None

    def doer(self, rec: Recommendation) -> str:
        """Who carries out an action in a list of actions: for products, channels and the KCC the role the file
        records (or who appoints one where none is); otherwise the role the checklist names, with its stand-in."""
        if rec.role in ("process_owners", "channel_owners", *_DEPARTMENT_HEADS):
            return self.owner(rec)
        return role_name(rec.role, self.r, self.lang)

    def _recorded(self, roles: list[str | None], appoint: str) -> str:
        """The roles recorded for the places of an action, and who appoints one for a place without: both where
        some places have an owner and some have none."""
        known = list(dict.fromkeys(r for r in roles if r))
        if not roles or not all(roles):
            known.append(self.tx(appoint))
        if len(known) > 3:
            return short_list(known, self.lang, 3)
        return joined(known, self.lang)  # "de teamleider Burgerzaken en een proceseigenaar die de directie aanwijst"
