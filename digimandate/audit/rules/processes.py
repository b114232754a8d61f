"""End-to-end process checks: where requests land and how they are handled."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.model.org import ASSISTED_CHANNELS, NOT_DIGITAL_SYSTEMS, Intake, Process


@check("P001")
def form_lands_in_system(ctx: Context) -> Iterator[Hit]:
    """Fire for each form intake that lands in a mailbox, on paper, or nowhere recorded."""
    seen = False
    for proc in ctx.doc.model.processes:
        for path, intake in zip(ctx.doc.intake_paths(proc), proc.intake or [], strict=True):
            if intake.form is not True:
                continue
            seen = True
            yield from _landing(ctx, path, proc, intake)
    if not seen:
        raise NotApplicable


def _landing(ctx: Context, path: str, proc: Process, intake: Intake) -> Iterator[Hit]:
    """A hit when an intake lands in a mailbox, on paper, or nowhere recorded."""
    args = {"process": proc.name, "channel": ctx.doc.channels[intake.channel].name}
    if intake.lands_in is None:
        yield Hit(path, "not_recorded", args)
        return
    system = ctx.doc.systems[intake.lands_in]
    if system.type in NOT_DIGITAL_SYSTEMS:
        yield Hit(path, "lands_in_" + system.type, {**args, "system": system.name}, "lands_in")


@check("P002")
def no_print(ctx: Context) -> Iterator[Hit]:
    """Fire for each handling step that prints or uses paper, or whose medium is not recorded."""
    seen = False
    for proc in ctx.doc.model.processes:
        for j, step in enumerate(proc.steps or [], start=1):
            seen = True
            path = f"processes/{proc.id}/steps/{j}"
            args = {"process": proc.name, "step": step.name or str(j)}
            if step.medium is None:
                yield Hit(path, "not_recorded", args)
            elif step.medium in ("print", "paper"):
                yield Hit(path, step.medium, args, "medium")
    if not seen:
        raise NotApplicable


@check("P004")
def assisted_lands_in_system(ctx: Context) -> Iterator[Hit]:
    """Fire for each phone, counter, e-mail or post intake that lands in a mailbox or on paper."""
    seen = False
    for proc in ctx.doc.model.processes:
        for path, intake in zip(ctx.doc.intake_paths(proc), proc.intake or [], strict=True):
            if ctx.doc.channels[intake.channel].type not in ASSISTED_CHANNELS:
                continue
            seen = True
            yield from _landing(ctx, path, proc, intake)
    if not seen:
        raise NotApplicable
