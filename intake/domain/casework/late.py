"""Late complaints: the date of the grounds, and a decision with reasons when it is more than 12 months before
the complaint (reg 9; LGSCO Code 2.2; rules-reference §10 item 5).

A late complaint is flagged, never refused automatically. The decision answers the Ombudsman's two questions:
was there good reason not to complain sooner, and can it still be considered effectively and fairly. A refusal
is recorded with the ``out_of_time`` reason and answers stage 1; an acceptance lets the complaint go on.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import procedure as records
from intake.domain.audit import record_event
from intake.domain.casework import refusals
from intake.domain.casework.rules import (
    CaseworkError,
    given_reason,
    open_stage,
    require_complaint,
    require_open,
    today_in_london,
)
from intake.domain.clock import LATE_COMPLAINT_MONTHS
from intake.models import LateComplaintDecision, Representation, StaffUser

EARLIEST_GROUNDS = date(1950, 1, 1)


def late_since(rep: Representation) -> date:
    """Grounds before this day make the complaint late."""
    return rep.received_on - relativedelta(months=LATE_COMPLAINT_MONTHS)


def is_late(rep: Representation) -> bool:
    return rep.grounds_on is not None and rep.grounds_on < late_since(rep)


def record_grounds(session: Session, rep: Representation, staff: StaffUser, grounds_on: date) -> bool:
    """When what they complain about happened (or they first knew of it). Returns whether that makes it late."""
    require_open(rep)
    require_complaint(rep)
    if grounds_on > rep.received_on:
        raise CaseworkError(
            f"What happened cannot be after the complaint was received ({rep.received_on:%-d %B %Y}). "
            "Enter when it happened, or when they first knew of it."
        )
    if grounds_on < EARLIEST_GROUNDS:
        raise CaseworkError("Enter a date after 1950.")
    if records.late_decision_for(session, rep.id) is not None and grounds_on != rep.grounds_on:
        raise CaseworkError("The late-complaint decision is already made on the date recorded. Add a note instead.")
    rep.grounds_on = grounds_on
    late = is_late(rep)
    record_event(
        session,
        "grounds_recorded",
        representation=rep,
        staff=staff,
        detail=f"grounds {grounds_on.isoformat()}" + ("; late: needs a decision" if late else ""),
    )
    return late


def awaiting_decision(session: Session, rep: Representation) -> bool:
    return is_late(rep) and records.late_decision_for(session, rep.id) is None


def require_decided(session: Session, rep: Representation) -> None:
    if awaiting_decision(session, rep):
        raise CaseworkError(
            "This complaint came more than 12 months after what happened. Record the decision on the late "
            "complaint first: it is never refused without one."
        )


def decide(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    *,
    good_reason: bool,
    can_consider_fairly: bool,
    accept: bool,
    reasons: str,
    today: date | None = None,
) -> LateComplaintDecision:
    require_open(rep)
    if not is_late(rep):
        raise CaseworkError("Only a complaint made more than 12 months after what happened needs this decision.")
    if records.late_decision_for(session, rep.id) is not None:
        raise CaseworkError("The decision on this late complaint is already recorded.")
    why = given_reason(reasons, "the reasons for the decision")
    day = today or today_in_london()
    decision = LateComplaintDecision(
        representation_id=rep.id,
        good_reason=good_reason,
        can_consider_fairly=can_consider_fairly,
        accepted=accept,
        reasons=why,
        decided_on=day,
        decided_by=staff.email,
    )
    session.add(decision)
    record_event(session, "late_complaint_" + ("accepted" if accept else "refused"), representation=rep, staff=staff)
    if not accept:
        stage = open_stage(rep)
        if stage is not None:
            stage.responded_on, stage.outcome = day, None
        refusals.record(session, rep, staff, stage.number if stage is not None else 1, "out_of_time", why, day)
    return decision
