"""The corporate procedure's own rules (LGSCO Complaint Handling Code; rules-reference §10 items 22-24).

Two stages, each acknowledged within 5 working days and answered from the acknowledgement (10, then 20 working
days; extensions of at most 10 and 20; all from settings). Stage 2 is handled by someone other than stage 1's
handler: choosing stage 1's handler is refused, and stage 2 cannot be answered until its handler is chosen.
Every stage's handler is recorded: whoever was assigned when its response was recorded, if nobody was chosen.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import staff as staff_data
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    calendar_for,
    open_stage,
    require_not_before,
    require_not_future,
    require_not_paused,
    require_open,
    stage_numbered,
    timescales,
)
from intake.models import Procedure, Representation, Role, StaffUser, Stage


def _corporate_stage_2(rep: Representation) -> Stage:
    require_open(rep)
    stage = open_stage(rep)
    if rep.procedure is not Procedure.CORPORATE or stage is None or stage.number != 2 or stage.due_on is None:
        raise CaseworkError("This is only for a corporate complaint's stage 2, once it has started.")
    return stage


def stage_1_handler(rep: Representation) -> int | None:
    stage1 = stage_numbered(rep, 1)
    return stage1.handled_by_id if stage1 is not None else None


def choose_handler(session: Session, rep: Representation, staff: StaffUser, handler_id: int) -> StaffUser:
    """Who handles a corporate stage 2: anyone who handles cases, except stage 1's handler."""
    stage = _corporate_stage_2(rep)
    handler = staff_data.staff_by_id(session, handler_id)
    if handler is None or not handler.active or handler.role in (Role.ADMIN, Role.ADVOCATE):
        raise CaseworkError("Select someone from the list who can handle complaints.")
    if handler.id == stage_1_handler(rep):
        raise CaseworkError(
            f"{handler.name or handler.email} handled stage 1. Stage 2 must be handled by someone else (LGSCO Code)."
        )
    stage.handled_by_id = handler.id
    record_event(session, "stage_handler_chosen", representation=rep, staff=staff, detail=f"stage 2: {handler.email}")
    return handler


def acknowledge_stage_2(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    acknowledged_on: date,
    today: date | None = None,
) -> Stage:
    """The stage 2 acknowledgement: the response is then due 20 working days (the council's setting) from it."""
    stage = _corporate_stage_2(rep)
    require_not_paused(rep)
    if stage.acknowledged_on is not None:
        raise CaseworkError("Stage 2 was already acknowledged.")
    require_not_before(acknowledged_on, stage.requested_on, "The acknowledgement cannot be before the request")
    require_not_future(acknowledged_on, today, "acknowledgement date")
    respond = timescales(rep, settings).stages[2].respond + (stage.paused_working_days or 0)
    stage.acknowledged_on = stage.started_on = acknowledged_on
    stage.due_on = calendar_for(settings).add_working_days(acknowledged_on, respond)
    stage.extended_due_on = None
    late = stage.acknowledge_by is not None and acknowledged_on > stage.acknowledge_by
    record_event(
        session,
        "stage_acknowledged",
        representation=rep,
        staff=staff,
        detail=f"stage 2 on {acknowledged_on.isoformat()}" + (" (late)" if late else ""),
    )
    return stage
