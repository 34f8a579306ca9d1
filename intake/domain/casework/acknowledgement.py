"""Acknowledging a case: the first reply the regulations time (3 working days for a statutory complaint)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.casework.clocks import reset_clocks
from intake.domain.casework.rules import CaseworkError, require_can_progress, require_open
from intake.models import Representation, StaffUser, Status


def acknowledge(session: Session, rep: Representation, staff: StaffUser, settings: Settings, today: date) -> None:
    require_open(rep)
    require_can_progress(rep)
    if rep.acknowledged_on is not None:
        raise CaseworkError("This case was already acknowledged.")
    if today < rep.received_at.astimezone(clock.LONDON).date():
        raise CaseworkError("The acknowledgement cannot be before the case was received.")
    rep.acknowledged_on = today
    if rep.status is Status.NEW:
        rep.status = Status.OPEN
    # A corporate stage 1 runs from the acknowledgement, so its clock moves now.
    reset_clocks(rep, settings)
    late = rep.acknowledge_by is not None and today > rep.acknowledge_by
    record_event(
        session,
        "acknowledged",
        representation=rep,
        staff=staff,
        detail=f"on {today.isoformat()}" + (" (late)" if late else ""),
    )
