"""Deadline reminders, queued in the outbox by the worker (or ``flask send-reminders``).

Two working days before a stage is due, the person handling it (or the
complaints officer, if nobody is assigned) is reminded; once it is overdue the
complaints officer is told. Each is sent once per stage and due date: the
outbox's ``dedupe_key`` makes running this every few seconds harmless, and an
extension (a new due date) earns a fresh reminder.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.routing import Recipient
from intake.domain.submit import queue_notifications
from intake.models import Kind, Notification, Representation, StaffUser, Stage, Status

REMIND_DAYS_BEFORE = 2


def queue_due_reminders(session: Session, settings: Mapping[str, Any], today: date) -> list[Notification]:
    """Queue every reminder and overdue escalation due ``today`` that has not been queued before; commits."""
    cal = clock.WorkingCalendar.from_settings(settings)
    horizon = cal.add_working_days(today, REMIND_DAYS_BEFORE)
    effective_due = func.coalesce(Stage.extended_due_on, Stage.due_on)
    rows = session.execute(
        select(Representation, Stage)
        .join(Stage, Stage.representation_id == Representation.id)
        .where(
            Representation.kind == Kind.COMPLAINT,
            Representation.status.in_([Status.NEW, Status.OPEN]),
            Stage.responded_on.is_(None),
            Stage.due_on.is_not(None),
            or_(
                Stage.late_request.is_(False),
                and_(Stage.late_request.is_(True), Stage.late_request_decision.is_not(None)),
            ),
            effective_due <= horizon,
        )
        .order_by(effective_due, Representation.id)
    ).all()
    officer = settings.get("COMPLAINTS_OFFICER_EMAIL")
    queued: list[Notification] = []
    for rep, stage in rows:
        due = stage.effective_due_on
        if today > due:
            kind, template, recipient = "overdue", "overdue", (officer, "complaints officer")
        else:
            kind, template, recipient = "reminder", "reminder", _handler(session, rep, officer)
        if not recipient[0]:
            continue
        prefix = f"{kind}:{rep.id}:s{stage.number}:{due.isoformat()}"
        key = f"{prefix}:email:{recipient[0]}"
        if session.scalar(select(Notification.id).where(Notification.dedupe_key == key)) is not None:
            continue
        target = Recipient("email", recipient[0], template, recipient[1], urgent=kind == "overdue")
        queued += queue_notifications(session, rep, [target], settings, dedupe_prefix=prefix)
        record_event(
            session,
            f"{kind}_queued",
            representation=rep,
            actor="worker",
            detail=f"stage {stage.number} due {due.isoformat()} to {recipient[1]}",
        )
    session.commit()
    return queued


def _handler(session: Session, rep: Representation, officer: str | None) -> tuple[str | None, str]:
    if rep.assigned_to_id:
        user = session.get(StaffUser, rep.assigned_to_id)
        if user is not None and user.active:
            return user.email, "case handler"
    return officer, "complaints officer"
