"""A complaint's points, each with an outcome and remedy per stage; the stage's outcome follows from them.

rules-reference §10 item 27: the outcome is recorded per stage and per issue. The officer sums each point up
in a line ("No reply to calls since March"): the child's own words stay where they are, on the case.

How a stage's outcome follows from its points (``derive``): withdrawn points drop out (all withdrawn: the
stage is withdrawn); resolved points count as neither (all resolved: resolved); of the rest, every one upheld
is upheld, none upheld or partly upheld is not upheld, and anything between is partly upheld.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from intake.data import procedure as records
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    REASON_LIMIT,
    CaseworkError,
    open_stage,
    require_complaint,
    require_open,
)
from intake.domain.sanitise import clean_text
from intake.models import ComplaintPoint, Outcome, PointOutcome, Representation, StaffUser, Stage

SUMMARY_LIMIT = 300
MOST_POINTS = 20
POINT_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD, Outcome.RESOLVED, Outcome.WITHDRAWN)


def derive(outcomes: Iterable[Outcome]) -> Outcome:
    """The stage's outcome from its points' outcomes (see the module's docstring)."""
    live = [o for o in outcomes if o is not Outcome.WITHDRAWN]
    if not live:
        return Outcome.WITHDRAWN
    decided = [o for o in live if o is not Outcome.RESOLVED]
    if not decided:
        return Outcome.RESOLVED
    if all(o is Outcome.UPHELD for o in decided):
        return Outcome.UPHELD
    if not any(o in (Outcome.UPHELD, Outcome.PARTLY_UPHELD) for o in decided):
        return Outcome.NOT_UPHELD
    return Outcome.PARTLY_UPHELD


def stage_outcome(points: Sequence[ComplaintPoint], stage_number: int) -> Outcome | None:
    """The outcome the points give the stage; None when the complaint has no points. Every point needs one."""
    if not points:
        return None
    missing = [p for p in points if p.outcome_at(stage_number) is None]
    if missing:
        raise CaseworkError(
            f"Record the stage {stage_number} outcome of every point first: “{missing[0].summary}” has none."
        )
    return derive(o.outcome for p in points if (o := p.outcome_at(stage_number)) is not None)


def add_point(session: Session, rep: Representation, staff: StaffUser, summary: str) -> ComplaintPoint:
    require_open(rep)
    require_complaint(rep)
    text = clean_text(summary)
    if not text:
        raise CaseworkError("Enter what the point is about, in a line.")
    if len(text) > SUMMARY_LIMIT:
        raise CaseworkError(f"A point's summary must be {SUMMARY_LIMIT} characters or fewer.")
    existing = records.points_for(session, rep.id)
    if len(existing) >= MOST_POINTS:
        raise CaseworkError(f"A complaint can have at most {MOST_POINTS} points.")
    point = ComplaintPoint(representation_id=rep.id, position=len(existing) + 1, summary=text)
    session.add(point)
    session.flush()
    record_event(session, "point_added", representation=rep, staff=staff, detail=f"point {point.position}")
    return point


def _deciding_stage(rep: Representation) -> Stage:
    stage = open_stage(rep)
    if stage is None or stage.due_on is None:
        raise CaseworkError("Outcomes are recorded for the stage that is running: no stage is running now.")
    return stage


def record_point_outcome(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    point_id: int,
    outcome: Outcome,
    remedy: str | None,
    today: date,
) -> PointOutcome:
    """The running stage's decision on one point, and what puts it right (recorded again, it is replaced)."""
    require_open(rep)
    stage = _deciding_stage(rep)
    point = records.point_on_case(session, rep.id, point_id)
    if point is None:
        raise CaseworkError("Select a point of this complaint.")
    if outcome not in POINT_OUTCOMES:
        raise CaseworkError("Select the outcome from the list.")
    what_puts_it_right = clean_text(remedy)[:REASON_LIMIT] or None
    found = point.outcome_at(stage.number)
    if found is None:
        found = PointOutcome(point_id=point.id, stage_number=stage.number, recorded_on=today)
        point.outcomes.append(found)
    found.outcome, found.remedy, found.recorded_on, found.recorded_by = outcome, what_puts_it_right, today, staff.email
    record_event(
        session,
        "point_outcome_recorded",
        representation=rep,
        staff=staff,
        detail=f"point {point.position} at stage {stage.number}: {outcome.value}",
    )
    return found
