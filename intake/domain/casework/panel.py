"""Stage 3: the review panel (reg 19): three independent people, one the chair, none the stage 2 Independent
Person, meeting within 30 working days of the request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    calendar_for,
    person_name,
    require_open,
    same_person,
    started_stage,
)
from intake.models import Representation, StaffUser, Stage

PANEL_SIZE = 3
MEET_WITHIN = 30  # working days from the request (reg 19(4))


def _members(rep: Representation, members: Sequence[str], chair: str) -> list[str]:
    """The panel's names, chair first, checked against the rules."""
    names = [person_name(m) for m in members if person_name(m)]
    if len(names) != PANEL_SIZE:
        raise CaseworkError("A review panel has exactly 3 members.")
    if len({" ".join(n.casefold().split()) for n in names}) != PANEL_SIZE:
        raise CaseworkError("The 3 panel members must be different people.")
    chair_name = next((n for n in names if same_person(n, chair or "")), None)
    if chair_name is None:
        raise CaseworkError("Choose the chair from the 3 panel members.")
    stage2 = next((s for s in rep.stages if s.number == 2), None)
    independent = stage2.independent_person if stage2 is not None else None
    if independent and any(same_person(n, independent) for n in names):
        raise CaseworkError("The stage 2 Independent Person cannot sit on the review panel.")
    return [chair_name] + [n for n in names if n is not chair_name]


def _check_meeting(stage: Stage, settings: Mapping[str, Any], meeting_on: date) -> None:
    start = stage.requested_on or stage.started_on
    latest = stage.due_on or calendar_for(settings).add_working_days(stage.started_on, MEET_WITHIN)
    if meeting_on < start:
        raise CaseworkError("The panel cannot meet before the request.")
    if meeting_on > latest:
        raise CaseworkError(f"The panel must meet within 30 working days of the request: by {latest:%d %B %Y}.")


def record_panel(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    members: Sequence[str],
    chair: str,
    meeting_on: date,
) -> Stage:
    require_open(rep)
    stage = started_stage(rep, 3, "A panel is recorded")
    names = _members(rep, members, chair)
    _check_meeting(stage, settings, meeting_on)
    stage.panel_members = "\n".join(names)
    stage.panel_meeting_on = meeting_on
    record_event(
        session, "panel_recorded", representation=rep, staff=staff, detail=f"meeting on {meeting_on.isoformat()}"
    )
    return stage
