"""Reg 8 pauses: not considering a complaint while proceedings it might prejudice go on (court, tribunal, police,
disciplinary), or while the complainant asks us to wait (rules-reference §1.6, §10 item 20).

While paused the case is ``Status.PAUSED`` and its clocks stand still: it has no running deadline, nothing moves
on, and the queue, the RAG report and the person's status replies say it is on hold. On resuming, every running
due date moves by the working days it was paused, and the stage keeps that count, so the annual report times
the stage without the pause. The person is told (on a contact they said is safe) that it is on hold and that
they may come back to us when the proceedings are over; the pause letter says the same on paper. The Ombudsman
finds no fault in this (Ealing 25 001 534, Worcestershire 24 007 130).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import procedure as records
from intake.domain import routing
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    calendar_for,
    given_reason,
    open_stage,
    require_complaint,
    require_not_before,
    require_not_future,
    require_open,
)
from intake.domain.submit import queue_notifications
from intake.models import CasePause, Notification, PauseReason, Representation, StaffUser, Stage, Status

# Every due date a stage can hold: each moves when a pause ends.
STAGE_DUE_DATES = (
    "due_on",
    "extended_due_on",
    "acknowledge_by",
    "panel_due_on",
    "panel_report_due_on",
    "council_response_due_on",
)


def pause(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    reason: PauseReason,
    detail: str,
    paused_on: date,
    today: date | None = None,
) -> tuple[CasePause, list[Notification]]:
    """Pause the case from ``paused_on``. A case already paused is refused: resume it first."""
    require_open(rep)
    require_complaint(rep)
    if rep.status is Status.PAUSED:
        running = records.running_pause(session, rep.id)
        since = f" since {running.paused_on:%-d %B %Y}" if running is not None else ""
        raise CaseworkError(f"This case is already paused{since}. Resume it before pausing it again.")
    why = given_reason(detail, "what the proceedings are, or why the complaint waits")
    require_not_before(paused_on, rep.received_on, "The pause cannot start before the complaint was received")
    require_not_future(paused_on, today, "pause date")
    stage = open_stage(rep)
    held = CasePause(
        representation_id=rep.id,
        stage_number=stage.number if stage is not None else None,
        reason=reason,
        detail=why,
        paused_on=paused_on,
        status_before=rep.status,
        paused_by=staff.email,
    )
    session.add(held)
    rep.status = Status.PAUSED
    session.flush()
    recipients = routing.person_recipients(routing.RoutingFacts.of(rep), "pause_notice", "pause_notice_sms")
    told = queue_notifications(session, rep, recipients, settings, dedupe_prefix=f"pause:{held.id}")
    record_event(
        session,
        "paused",
        representation=rep,
        staff=staff,
        detail=f"from {paused_on.isoformat()} ({reason.value}); "
        + (f"the person is told by {told[0].channel.value}" if told else "no safe direct contact: tell them yourself"),
    )
    return held, told


def _move_clocks(rep: Representation, stage: Stage | None, settings: Settings, days: int) -> None:
    if days <= 0:
        return
    cal = calendar_for(settings)
    if rep.acknowledged_on is None and rep.acknowledge_by is not None:
        rep.acknowledge_by = cal.add_working_days(rep.acknowledge_by, days)
    if stage is None:
        return
    for name in STAGE_DUE_DATES:
        if (due := getattr(stage, name)) is not None:
            setattr(stage, name, cal.add_working_days(due, days))
    stage.paused_working_days = (stage.paused_working_days or 0) + days


def resume(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    resumed_on: date,
    today: date | None = None,
) -> CasePause:
    """End the pause: the clocks start again, every running due date later by the working days it held."""
    require_open(rep)
    held = records.running_pause(session, rep.id)
    if rep.status is not Status.PAUSED or held is None:
        raise CaseworkError("This case is not paused.")
    require_not_before(resumed_on, held.paused_on, "The case cannot resume before it was paused")
    require_not_future(resumed_on, today, "date the case resumes")
    days = calendar_for(settings).working_days_between(held.paused_on, resumed_on)
    held.resumed_on, held.resumed_by, held.paused_working_days = resumed_on, staff.email, days
    rep.status = held.status_before if held.status_before in (Status.NEW, Status.OPEN) else Status.OPEN
    _move_clocks(rep, open_stage(rep), settings, days)
    record_event(
        session,
        "resumed",
        representation=rep,
        staff=staff,
        detail=f"on {resumed_on.isoformat()}; clocks moved by {days} working days",
    )
    return held
