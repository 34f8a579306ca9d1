"""What came of a complaint beyond its stages: the Ombudsman's referral and any compensation paid."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError, given_reason, require_not_future
from intake.models import LgoResult, Representation, StaffUser

MOST_PENCE = 100_000_00


def record_lgo(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    referred_on: date,
    result: LgoResult | None,
    today: date | None = None,
) -> None:
    if referred_on < rep.received_on:
        raise CaseworkError("The referral date cannot be before the case was received.")
    require_not_future(referred_on, today, "referral date")
    rep.lgo_referred_on = referred_on
    rep.lgo_result = result
    record_event(
        session,
        "lgo_recorded",
        representation=rep,
        staff=staff,
        detail=f"referred {referred_on.isoformat()}" + (f"; {result.value}" if result else ""),
    )


def record_compensation(session: Session, rep: Representation, staff: StaffUser, pence: int, detail: str) -> None:
    if pence < 0:
        raise CaseworkError("Enter an amount of £0 or more.")
    if pence > MOST_PENCE:
        raise CaseworkError("Enter an amount under £100,000.")
    rep.compensation_pence = pence
    rep.compensation_detail = given_reason(detail, "what the payment is for")
    record_event(session, "compensation_recorded", representation=rep, staff=staff, detail=f"{pence} pence")
