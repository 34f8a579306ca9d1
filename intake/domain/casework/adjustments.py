"""Reasonable adjustments: recorded, agreed or refused, and kept under review (Equality Act 2010; LGSCO Code
5.6; rules-reference §10 item 26).

Examples of adjustments: an advocate or representative as the channel, phone instead of writing, easy read,
more time, a single point of contact. What the person asked for is kept as they wrote it; the audit trail
carries only the kind, never their words. An agreed adjustment always has a review date; a review either
moves it on or ends the adjustment. A closed case's adjustment may still be reviewed (the person may still be
in touch, for example with the Ombudsman); the audit trail says the case was closed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.data import adjustments as records
from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError, given_reason, require_not_future
from intake.models import AdjustmentKind, ReasonableAdjustment, Representation, StaffUser


def _review_date(review_on: date | None, today: date) -> date:
    if review_on is None:
        raise CaseworkError("Enter a review date: an agreed adjustment must be kept under review.")
    if review_on < today:
        raise CaseworkError("The review date is in the past. Enter today or a later date.")
    return review_on


def record(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    *,
    kind: AdjustmentKind,
    requested: str,
    agreed: bool,
    refusal_reason: str | None,
    review_on: date | None,
    today: date,
) -> ReasonableAdjustment:
    """Record an adjustment asked for, and whether it was agreed (with a review date) or not (with the reason)."""
    if not rep.is_open:
        raise CaseworkError("This case is closed. Record a new adjustment on their new case if they get in touch.")
    asked = given_reason(requested, "what they asked for")
    if agreed:
        review, why_not = _review_date(review_on, today), None
    else:
        review, why_not = None, given_reason(refusal_reason, "why the adjustment was not agreed")
    adjustment = ReasonableAdjustment(
        representation_id=rep.id,
        kind=kind,
        requested=asked,
        agreed=agreed,
        refusal_reason=why_not,
        recorded_by=staff.email,
        review_on=review,
    )
    session.add(adjustment)
    session.flush()
    decision = f"agreed, review by {review.isoformat()}" if review is not None else "not agreed"
    record_event(
        session,
        "adjustment_recorded",
        representation=rep,
        staff=staff,
        detail=f"adjustment {adjustment.id} ({kind.value}): {decision}",
    )
    return adjustment


def review(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    adjustment_id: int,
    *,
    reviewed_on: date,
    note: str,
    next_review_on: date | None,
    end: bool,
    today: date,
) -> ReasonableAdjustment:
    """Record a review: the adjustment goes on to ``next_review_on``, or ends (``end``) on the review date."""
    adjustment = records.adjustment_on_case(session, rep.id, adjustment_id)
    if adjustment is None:
        raise CaseworkError("Select one of this case's adjustments.")
    if not adjustment.in_force:
        raise CaseworkError("Only an agreed adjustment that has not ended can be reviewed.")
    require_not_future(reviewed_on, today, "review date")
    found = given_reason(note, "what the review found")
    if end:
        adjustment.review_on, adjustment.ended_on = None, reviewed_on
        outcome = "ended"
    else:
        adjustment.review_on = _review_date(next_review_on, today)
        outcome = f"next review by {adjustment.review_on.isoformat()}"
    adjustment.reviewed_on, adjustment.review_note = reviewed_on, found
    closed = "" if rep.is_open else " (the case is closed)"
    record_event(
        session,
        "adjustment_reviewed",
        representation=rep,
        staff=staff,
        detail=f"adjustment {adjustment.id} ({adjustment.kind.value}) reviewed {reviewed_on.isoformat()}: "
        f"{outcome}{closed}",
    )
    return adjustment
