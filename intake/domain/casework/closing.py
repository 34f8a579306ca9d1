"""Ending a case: withdrawn or closed (which sets how long it is kept, rules-reference §4.3), and legal holds
that keep a closed case past that date."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data.alerts import alerts_for_case
from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError, given_reason, open_stage, require_open
from intake.models import CaseNote, Outcome, Representation, StaffUser, Status, SubmittedBy


def retention_date(closed_on: date, years: int) -> date:
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:  # 29 February in a year that has none
        return closed_on.replace(year=closed_on.year + years, day=28)


def _closed(rep: Representation, settings: Settings, today: date) -> date:
    """Close the case today; returns the day it may be deleted."""
    rep.closed_on = today
    rep.retention_until = keep_until = retention_date(today, settings.procedure.retention_years)
    return keep_until


def _note(session: Session, rep: Representation, staff: StaffUser, body: str) -> None:
    session.add(CaseNote(representation_id=rep.id, author_id=staff.id, author=staff.email, body=body))


def withdraw(
    session: Session, rep: Representation, staff: StaffUser, settings: Settings, today: date, reason: str
) -> None:
    require_open(rep)
    why = given_reason(reason, "why the case is withdrawn")
    stage = open_stage(rep)
    if stage is not None:
        stage.responded_on = today
        stage.outcome = Outcome.WITHDRAWN
    rep.status = Status.WITHDRAWN
    _closed(rep, settings, today)
    _note(session, rep, staff, f"Withdrawn: {why}")
    record_event(session, "withdrawn", representation=rep, staff=staff, detail=f"on {today.isoformat()}")


def close(session: Session, rep: Representation, staff: StaffUser, settings: Settings, today: date) -> None:
    require_open(rep)
    stage = open_stage(rep)
    if stage is not None:
        raise CaseworkError(f"Record the stage {stage.number} response (or withdraw the case) before closing it.")
    if rep.submitted_by is SubmittedBy.OTHER and rep.sufficient_interest is None:
        raise CaseworkError("Record the sufficient-interest decision at triage before closing the case.")
    if any(a.is_open for a in alerts_for_case(session, rep.id)):
        raise CaseworkError("A safeguarding alert on this case is still open. Record what was done about it first.")
    rep.status = Status.CLOSED
    keep_until = _closed(rep, settings, today)
    record_event(
        session,
        "closed",
        representation=rep,
        staff=staff,
        detail=f"on {today.isoformat()}; keep until {keep_until.isoformat()}",
    )


def set_legal_hold(session: Session, rep: Representation, staff: StaffUser, hold: bool, reason: str) -> None:
    why = given_reason(reason, "the reason")
    rep.legal_hold = hold
    _note(session, rep, staff, ("Legal hold placed: " if hold else "Legal hold lifted: ") + why)
    record_event(session, "legal_hold_" + ("placed" if hold else "lifted"), representation=rep, staff=staff)
