"""End-to-end process checks: where requests land and how they are handled."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.model.org import NOT_DIGITAL_SYSTEMS, Intake, Process, System

# Channels whose requests a person takes in (P004) and the other, online routes (P005, maturity v2).
PERSONAL_CHANNELS = frozenset({"phone", "counter", "post"})
ONLINE_ROUTES = frozenset({"website", "app", "chat", "email", "social", "video"})


@check("P001")
def form_lands_in_system(ctx: Context) -> Iterator[Hit]:
    """Fire for each form intake that lands in a mailbox, on paper, or nowhere recorded."""
    seen = False
    for proc in ctx.doc.model.processes:
        for path, intake in zip(ctx.doc.intake_paths(proc), proc.intake or [], strict=True):
            if intake.form is not True:
                continue
            seen = True
            ctx.examine(path)
            yield from _landing(ctx, path, proc, intake)
    if not seen:
        raise NotApplicable


def final_system(ctx: Context, first: System) -> tuple[System, str | None]:
    """Follow ``delivers_to`` from a system to where requests are handled.

    Returns the last system reached and, when the chain stops at a forms system, why:
    ``not_recorded`` (it does not say where it delivers) or ``nowhere`` (null: it delivers nowhere).
    A loop stops at the first repeat.
    """
    system = first
    seen = {system.id}
    while system.delivers_to is not None and system.delivers_to not in seen:
        seen.add(system.delivers_to)
        system = ctx.doc.systems[system.delivers_to]
    stop = None
    if system.delivers_to is None and system.type == "forms":
        stop = "nowhere" if system.given("delivers_to") else "not_recorded"
    return system, stop


def _landing(ctx: Context, path: str, proc: Process, intake: Intake) -> Iterator[Hit]:
    """A hit when an intake ends in a mailbox, on paper, or nowhere recorded, following delivers_to."""
    args = {"process": proc.name, "channel": ctx.doc.channels[intake.channel].name}
    if intake.lands_in is None:
        if intake.given("lands_in"):
            yield Hit(path, "lands_nowhere", args, "lands_in")
        else:
            yield Hit(path, "not_recorded", args, basis="not_recorded")
        return
    first = ctx.doc.systems[intake.lands_in]
    system, stop = final_system(ctx, first)
    if system.type in NOT_DIGITAL_SYSTEMS:
        yield Hit(path, "lands_in_" + system.type, {**args, "system": system.name}, "lands_in")
    elif stop == "not_recorded":
        yield Hit(path, "delivery_not_recorded", {**args, "system": system.name}, "lands_in", "not_recorded")
    elif stop == "nowhere":
        yield Hit(path, "not_delivered", {**args, "system": system.name}, "lands_in")


@check("P002")
def no_print(ctx: Context) -> Iterator[Hit]:
    """Fire for each handling step that prints or uses paper, or whose medium is not recorded."""
    seen = False
    for proc in ctx.doc.model.processes:
        for j, step in enumerate(proc.steps or [], start=1):
            seen = True
            path = f"processes/{proc.id}/steps/{j}"
            ctx.examine(path)
            args = {"process": proc.name, "step": step.name or str(j)}
            if step.medium is None:  # null says nothing of how the step is done either: not recorded
                yield Hit(path, "not_recorded", args, basis="not_recorded")
            elif step.medium in ("print", "paper"):
                yield Hit(path, step.medium, args, "medium")
    if not seen:
        if not ctx.doc.model.processes:
            raise NotApplicable
        # products exist but no handling step is recorded anywhere: not shown, never "not applicable";
        # a product given ``steps: []`` has no handling steps, so nothing is printed there
        ctx.examine("processes")
        if not any(p.given("steps") for p in ctx.doc.model.processes):
            yield Hit("processes", "steps_not_recorded", basis="not_recorded")


@check("P004")
def assisted_lands_in_system(ctx: Context) -> Iterator[Hit]:
    """Fire for each phone, counter or post intake that lands in a mailbox or on paper."""
    yield from _routes(ctx, PERSONAL_CHANNELS)


@check("P005")
def online_lands_in_system(ctx: Context) -> Iterator[Hit]:
    """Fire for each e-mail, chat, app, social or other online intake (not a form) that ends in a mailbox."""
    yield from _routes(ctx, ONLINE_ROUTES)


def _routes(ctx: Context, types: frozenset[str]) -> Iterator[Hit]:
    """Check the intakes through channels of ``types`` that are not forms (P001 has those)."""
    seen = False
    for proc in ctx.doc.model.processes:
        for path, intake in zip(ctx.doc.intake_paths(proc), proc.intake or [], strict=True):
            if ctx.doc.channels[intake.channel].type not in types or intake.form is True:
                continue
            seen = True
            ctx.examine(path)
            yield from _landing(ctx, path, proc, intake)
    if not seen:
        raise NotApplicable
