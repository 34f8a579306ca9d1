"""Complaints taken to the Local Government and Social Care Ombudsman, through the referral's lifecycle.

Referred on a date (with the Ombudsman's reference once it gives one), an enquiry to the council, a decision
(not investigated, upheld, not upheld) with any remedy and the date the council must comply by, and the date it
did. The annual report counts referrals by the year they were made and decisions by the year they came,
whether or not a referral is decided yet.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.data import procedure as records
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    REASON_LIMIT,
    CaseworkError,
    require_complaint,
    require_not_before,
    require_not_future,
)
from intake.domain.sanitise import clean_text
from intake.models import LgoResult, OmbudsmanReferral, Representation, StaffUser

REFERENCE_LIMIT = 40


def _reference(text: str | None) -> str | None:
    reference = clean_text(text).strip()
    if len(reference) > REFERENCE_LIMIT:
        raise CaseworkError(f"The Ombudsman's reference must be {REFERENCE_LIMIT} characters or fewer.")
    return reference or None


def _referral(session: Session, rep: Representation, referral_id: int) -> OmbudsmanReferral:
    referral = records.referral_on_case(session, rep.id, referral_id)
    if referral is None:
        raise CaseworkError("Select one of this case's Ombudsman referrals.")
    return referral


def refer(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    referred_on: date,
    lgo_reference: str | None,
    today: date | None = None,
) -> OmbudsmanReferral:
    """The complainant took the complaint to the Ombudsman (a closed case too: that is when they usually do)."""
    require_complaint(rep)
    require_not_before(referred_on, rep.received_on, "The referral cannot be before the complaint was received")
    require_not_future(referred_on, today, "referral date")
    referral = OmbudsmanReferral(
        representation_id=rep.id, referred_on=referred_on, lgo_reference=_reference(lgo_reference)
    )
    session.add(referral)
    session.flush()
    record_event(
        session, "ombudsman_referred", representation=rep, staff=staff, detail=f"referred {referred_on.isoformat()}"
    )
    return referral


def record_enquiry(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    referral_id: int,
    enquiry_on: date,
    lgo_reference: str | None,
    today: date | None = None,
) -> OmbudsmanReferral:
    """The Ombudsman's enquiry reached the council (often with its reference)."""
    referral = _referral(session, rep, referral_id)
    require_not_before(enquiry_on, referral.referred_on, "The enquiry cannot be before the referral")
    require_not_future(enquiry_on, today, "enquiry date")
    referral.enquiry_on = enquiry_on
    referral.lgo_reference = _reference(lgo_reference) or referral.lgo_reference
    record_event(session, "ombudsman_enquiry", representation=rep, staff=staff, detail=f"on {enquiry_on.isoformat()}")
    return referral


def record_decision(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    referral_id: int,
    *,
    decided_on: date,
    outcome: LgoResult,
    remedy: str | None,
    compliance_due_on: date | None,
    today: date | None = None,
) -> OmbudsmanReferral:
    """The Ombudsman's decision, any remedy it asks of the council, and when the council must comply by."""
    referral = _referral(session, rep, referral_id)
    require_not_before(
        decided_on,
        referral.enquiry_on or referral.referred_on,
        "The decision cannot be before the referral or the enquiry",
    )
    require_not_future(decided_on, today, "decision date")
    what = clean_text(remedy)[:REASON_LIMIT] or None
    if compliance_due_on is not None:
        require_not_before(compliance_due_on, decided_on, "The remedy cannot be due before the decision")
    if what and compliance_due_on is None:
        raise CaseworkError("Enter the date the council must carry out the remedy by.")
    referral.decided_on, referral.outcome, referral.remedy = decided_on, outcome, what
    referral.compliance_due_on = compliance_due_on if what else None
    record_event(
        session,
        "ombudsman_decided",
        representation=rep,
        staff=staff,
        detail=f"{outcome.value} on {decided_on.isoformat()}",
    )
    return referral


def record_compliance(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    referral_id: int,
    done_on: date,
    today: date | None = None,
) -> OmbudsmanReferral:
    """The council did what the Ombudsman asked."""
    referral = _referral(session, rep, referral_id)
    if not referral.remedy:
        raise CaseworkError("Record the Ombudsman's decision and the remedy it asked for first.")
    require_not_before(done_on, referral.decided_on, "The remedy cannot be carried out before the decision")
    require_not_future(done_on, today, "date the remedy was carried out")
    referral.compliance_done_on = done_on
    late = referral.compliance_due_on is not None and done_on > referral.compliance_due_on
    record_event(
        session,
        "ombudsman_complied",
        representation=rep,
        staff=staff,
        detail=f"on {done_on.isoformat()}" + (" (late)" if late else ""),
    )
    return referral
