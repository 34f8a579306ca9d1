"""Refusing to consider a complaint, or to take it to the next stage: a coded reason, the reasons in words, the
right to go to the Ombudsman, and a count in the annual report (rules-reference §10 item 25, LGSCO Code 2.4).

The codes come from ``REFUSAL_REASONS`` (a council may add its own). Nothing is refused automatically: a late
complaint or a late request is flagged and waits for a person's decision (``late``, ``stages``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    awaiting_decision,
    given_reason,
    open_stage,
    require_complaint,
    require_not_future,
    require_open,
)
from intake.models import CaseRefusal, Representation, StaffUser


def reason_codes(settings: Settings) -> tuple[str, ...]:
    return settings.procedure.refusal_reasons


def check_code(code: str, settings: Settings) -> None:
    if code not in reason_codes(settings):
        raise CaseworkError("Select the reason for refusing from the list.")


def record(
    session: Session, rep: Representation, staff: StaffUser, stage_number: int, code: str, reason: str, day: date
) -> CaseRefusal:
    refusal = CaseRefusal(
        representation_id=rep.id,
        stage_number=stage_number,
        code=code,
        reason=reason,
        refused_on=day,
        refused_by=staff.email,
    )
    session.add(refusal)
    session.flush()
    # The refusal letter gives the reasons and the right to go to the Ombudsman; the audit names only the code.
    record_event(session, "refused", representation=rep, staff=staff, detail=f"stage {stage_number}: {code}")
    return refusal


def refuse(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    code: str,
    reason: str,
    refused_on: date,
    today: date | None = None,
) -> CaseRefusal:
    """Refuse the open stage: at stage 1, to consider the complaint at all; later, to take it to that stage.

    The stage is answered on the day of the refusal with no outcome, so no clock runs; the case can then close.
    A late request waiting for a decision is refused through that decision instead (``decide_late_request``).
    """
    require_open(rep)
    require_complaint(rep)
    stage = open_stage(rep)
    if stage is None:
        raise CaseworkError("There is no open stage to refuse. Refuse a request for the next stage when it comes.")
    if awaiting_decision(stage):
        raise CaseworkError("Decide on the late request instead: refusing it records the reason too.")
    check_code(code, settings)
    why = given_reason(reason, "the reasons for refusing")
    if refused_on < (stage.requested_on or rep.received_on):
        raise CaseworkError("The refusal cannot be before the complaint or the request it refuses.")
    require_not_future(refused_on, today, "refusal date")
    stage.responded_on = refused_on
    stage.outcome = None
    return record(session, rep, staff, stage.number, code, why, refused_on)
