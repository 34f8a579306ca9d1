"""Putting things right: payments (several per case, each with its amount, date, reason and detail) and the
common resolutions a case ended with, from a coded list. The annual report itemises the payments and counts the
resolutions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from intake.data import procedure as records
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    given_reason,
    require_complaint,
    require_not_before,
    require_not_future,
)
from intake.models import CaseResolution, CompensationPayment, Representation, StaffUser

MOST_PENCE = 100_000_00

# Why a payment was made (LGSCO guidance on remedies: time and trouble, distress, a loss, a delay).
PAYMENT_REASONS: tuple[str, ...] = (
    "time_and_trouble",
    "distress",
    "financial_loss",
    "delay",
    "ombudsman_remedy",
    "other",
)

# The common ways a complaint is put right, for the annual report.
RESOLUTIONS: tuple[str, ...] = (
    "apology",
    "explanation",
    "information",
    "meeting",
    "decision_changed",
    "service_change",
    "policy_change",
    "training",
    "payment",
    "other",
)


def record_payment(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    *,
    pence: int,
    paid_on: date,
    reason: str,
    detail: str,
    today: date | None = None,
) -> CompensationPayment:
    """One more payment: never replaces an earlier one."""
    require_complaint(rep)
    if pence <= 0:
        raise CaseworkError("Enter an amount more than £0, for example 150.00.")
    if pence > MOST_PENCE:
        raise CaseworkError("Enter an amount under £100,000.")
    if reason not in PAYMENT_REASONS:
        raise CaseworkError("Select why the payment was made.")
    require_not_before(paid_on, rep.received_on, "The payment cannot be before the complaint was received")
    require_not_future(paid_on, today, "payment date")
    payment = CompensationPayment(
        representation_id=rep.id,
        amount_pence=pence,
        paid_on=paid_on,
        reason=reason,
        detail=given_reason(detail, "what the payment is for"),
        recorded_by=staff.email,
    )
    session.add(payment)
    session.flush()
    record_event(
        session, "payment_recorded", representation=rep, staff=staff, detail=f"{pence} pence on {paid_on.isoformat()}"
    )
    return payment


def set_resolutions(session: Session, rep: Representation, staff: StaffUser, codes: Sequence[str]) -> list[str]:
    """The resolutions the case ended with, replacing those recorded before."""
    require_complaint(rep)
    wanted = list(dict.fromkeys(codes))
    if any(code not in RESOLUTIONS for code in wanted):
        raise CaseworkError("Select resolutions from the list.")
    have = {r.code: r for r in records.resolutions_for(session, rep.id)}
    for code, row in have.items():
        if code not in wanted:
            session.delete(row)
    for code in wanted:
        if code not in have:
            session.add(CaseResolution(representation_id=rep.id, code=code))
    record_event(session, "resolutions_recorded", representation=rep, staff=staff, detail=", ".join(wanted) or "none")
    return wanted
