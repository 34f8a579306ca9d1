"""Stage 3: the review panel (reg 19): three independent people, one the chair, none the stage 2 Independent
Person, meeting within 30 working days of the request (rules-reference §10 items 18, 19).

The complainant may bring their advocate and one other person of their choice, and either may speak for them:
both are recorded. Once the panel has a date, the stage's running clock is the panel's report (5 working days
after the meeting, reg 20); see ``stage3`` for the report and the council's response.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    calendar_for,
    person_name,
    require_not_paused,
    require_open,
    same_person,
    stage_numbered,
    started_stage,
)
from intake.models import PanelMember, Representation, StaffUser, Stage

PANEL_SIZE = 3
MEET_WITHIN = clock.STATUTORY.stages[3].respond  # 30 working days from the request (reg 19(4))


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
    stage2 = stage_numbered(rep, 2)
    independent = stage2.independent_person if stage2 is not None else None
    if independent and any(same_person(n, independent) for n in names):
        raise CaseworkError("The stage 2 Independent Person cannot sit on the review panel.")
    return [chair_name] + [n for n in names if n is not chair_name]


def _check_meeting(stage: Stage, settings: Settings, meeting_on: date) -> None:
    start = stage.requested_on or stage.started_on
    latest = stage.panel_due_on or calendar_for(settings).add_working_days(stage.started_on, MEET_WITHIN)
    if meeting_on < start:
        raise CaseworkError("The panel cannot meet before the request.")
    if meeting_on > latest:
        raise CaseworkError(f"The panel must meet within 30 working days of the request: by {latest:%-d %B %Y}.")


def _companions(advocate: str, companion: str) -> tuple[str | None, str | None]:
    who, other = person_name(advocate) or None, person_name(companion) or None
    if who and other and same_person(who, other):
        raise CaseworkError("The advocate and the other person they bring must be two different people.")
    return who, other


def record_panel(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    members: Sequence[str],
    chair: str,
    meeting_on: date,
    *,
    advocate: str = "",
    companion: str = "",
) -> Stage:
    """The panel, its chair and its date (which may be ahead), and who comes with the complainant."""
    require_open(rep)
    require_not_paused(rep)
    stage = started_stage(rep, 3, "A panel is recorded")
    if stage.panel_report_on is not None:
        raise CaseworkError("The panel has already reported. Its members and date can no longer change.")
    names = _members(rep, members, chair)
    if stage.panel_due_on is None:
        stage.panel_due_on = stage.due_on
    _check_meeting(stage, settings, meeting_on)
    stage.panel_advocate, stage.panel_companion = _companions(advocate, companion)
    stage.panel = [PanelMember(position=i, name=n, chair=i == 1) for i, n in enumerate(names, start=1)]
    stage.panel_members = "\n".join(names)
    stage.panel_meeting_on = meeting_on
    # The next clock: the panel's report, 5 working days after it meets (reg 20).
    stage.panel_report_due_on = calendar_for(settings).add_working_days(meeting_on, clock.PANEL_REPORT_DAYS)
    stage.due_on = stage.panel_report_due_on
    record_event(
        session, "panel_recorded", representation=rep, staff=staff, detail=f"meeting on {meeting_on.isoformat()}"
    )
    return stage
