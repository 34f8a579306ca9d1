"""The case's clocks: when it must be acknowledged, when the running stage is due, and extending it.

A due date is stored on the stage when it starts or is extended (rules-reference §1.12); a paused case's
clock is stopped (reg 8), so it has no deadline while paused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.domain import clock, routing
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    calendar_for,
    given_reason,
    require_complaint,
    require_not_paused,
    require_open,
    running_stage,
    timescales,
)
from intake.domain.submit import queue_notifications
from intake.models import Kind, Notification, Procedure, Representation, StaffUser, Stage, Status


@dataclass(frozen=True)
class Deadline:
    stage: Stage
    due: date
    rag: str  # "red", "amber" or "green"
    working_days_left: int  # negative when overdue


def deadline(rep: Representation, settings: Settings, today: date) -> Deadline | None:
    stage = running_stage(rep)
    due = stage.effective_due_on if stage is not None else None
    if stage is None or due is None or not rep.is_open or rep.status is Status.PAUSED:
        return None
    cal = calendar_for(settings)
    return Deadline(stage, due, clock.rag(cal, due, today), cal.working_days_between(today, due))


def reset_clocks(rep: Representation, settings: Settings) -> None:
    """Recompute the acknowledgement and stage 1 clocks after triage; never touch a stage that has moved on."""
    cal = calendar_for(settings)
    ts = timescales(rep, settings)
    rep.acknowledge_by = cal.add_working_days(rep.received_on, ts.acknowledge)
    if rep.kind is not Kind.COMPLAINT:
        # A compliment or comment never starts a clock: drop a stage 1 nobody has answered.
        rep.stages = [s for s in rep.stages if not (s.number == 1 and s.is_open)]
        return
    if not rep.stages:
        rep.stages = [Stage(number=1, started_on=rep.received_on, due_on=None)]
    stage1 = rep.stages[0]
    if stage1.number == 1 and stage1.is_open:
        # Corporate stage 1 runs from the acknowledgement once there is one (LGSCO Code); statutory from receipt.
        start = rep.acknowledged_on if rep.procedure is Procedure.CORPORATE and rep.acknowledged_on else rep.received_on
        stage1.started_on = start
        paused = stage1.paused_working_days or 0  # a reg 8 pause's working days stay added
        stage1.due_on = cal.add_working_days(start, ts.stages[1].respond + paused)
        limit = cal.add_working_days(start, (ts.stages[1].extend_to or ts.stages[1].respond) + paused)
        if stage1.extended_due_on and stage1.extended_due_on > limit:
            stage1.extended_due_on = limit


def _latest_extension(rep: Representation, stage: Stage, settings: Settings) -> tuple[int, date]:
    """(the most working days the stage may run, the latest date that gives), or an error if it cannot move."""
    ts = timescales(rep, settings).stages.get(stage.number)
    if ts is None or ts.extend_to is None:
        raise CaseworkError(f"Stage {stage.number} deadlines cannot be extended: the panel must meet in time.")
    # Stage 1 counts from its start; stages 2 and 3 from the request (rules-reference §1.12); a corporate stage 2
    # from its acknowledgement (LGSCO Code). Working days paused under reg 8 do not count.
    start = stage.started_on
    if stage.number > 1 and stage.requested_on is not None and ts.acknowledge is None:
        start = stage.requested_on
    most = ts.extend_to + (stage.paused_working_days or 0)
    return ts.extend_to, calendar_for(settings).add_working_days(start, most)


def _check_new_due(rep: Representation, stage: Stage, settings: Settings, due_on: date, new_due: date) -> None:
    most, limit = _latest_extension(rep, stage, settings)
    if new_due <= due_on:
        raise CaseworkError(f"The new date must be after the current due date, {due_on:%d %B %Y}.")
    if new_due > limit:
        raise CaseworkError(
            f"Stage {stage.number} can be extended to {most} working days at most: the latest date is {limit:%d %B %Y}."
        )
    if not calendar_for(settings).is_working_day(new_due):
        raise CaseworkError("The new date must be a working day.")


def extend(
    session: Session, rep: Representation, staff: StaffUser, settings: Settings, new_due: date, reason: str
) -> tuple[Stage, list[Notification]]:
    """Move the current stage's deadline, never past the procedure's limit, and always with a reason.

    Returns the stage and the notice queued to tell the complainant (empty when there is no safe direct contact).
    """
    require_open(rep)
    require_complaint(rep)
    require_not_paused(rep)
    stage = running_stage(rep)
    if stage is None or stage.due_on is None:
        raise CaseworkError("There is no stage with a running deadline to extend.")
    given = given_reason(reason, "the reason for the extension")
    _check_new_due(rep, stage, settings, stage.due_on, new_due)
    old = stage.extended_due_on or stage.due_on
    stage.extended_due_on = new_due
    stage.extension_reason = given
    # The complainant is told the new date, with the Ombudsman's details (rules-reference §10 items 12, 15
    # and 22), on a contact they said is safe. Contact only through an advocate: staff tell the advocate.
    recipients = routing.person_recipients(routing.RoutingFacts.of(rep), "extension_notice", "extension_notice_sms")
    told = queue_notifications(
        session, rep, recipients, settings, dedupe_prefix=f"extension:{stage.id}:{new_due.isoformat()}"
    )
    record_event(
        session,
        "stage_extended",
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number} from {old.isoformat()} to {new_due.isoformat()}; "
        + (f"the person is told by {told[0].channel.value}" if told else "no safe direct contact: tell them yourself"),
    )
    return stage, told
