"""Deadline reminders, queued in the outbox by the worker (or ``flask send-reminders``).

Two working days before a stage is due, the person handling it (or the
complaints officer, if nobody is assigned) is reminded; once it is overdue the
complaints officer is told. Each is sent once per stage and due date: the
outbox's ``dedupe_key`` makes running this every few seconds harmless, and an
extension (a new due date) earns a fresh reminder.

Nothing here commits: the caller (the worker's iteration, the command) does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data.reminders import dedupe_keys_in_use, open_stages_due_by
from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.routing import Recipient
from intake.domain.submit import queue_notifications
from intake.models import Notification, Representation, StaffUser, Stage

REMIND_DAYS_BEFORE = 2


@dataclass(frozen=True)
class _Due:
    """One reminder or escalation that a stage calls for today."""

    rep: Representation
    stage: Stage
    due: date
    kind: str  # "reminder" or "overdue"
    address: str
    audience: str

    @property
    def prefix(self) -> str:
        return f"{self.kind}:{self.rep.id}:s{self.stage.number}:{self.due.isoformat()}"

    @property
    def dedupe_key(self) -> str:
        return f"{self.prefix}:email:{self.address}"


def queue_due_reminders(session: Session, settings: Settings, today: date) -> list[Notification]:
    """Queue every reminder and overdue escalation due ``today`` that has not been queued before."""
    horizon = clock.WorkingCalendar.from_settings(settings).add_working_days(today, REMIND_DAYS_BEFORE)
    officer = settings.recipients.complaints_officer_email
    wanted = [
        due for rep, stage in open_stages_due_by(session, horizon) if (due := _due(session, rep, stage, today, officer))
    ]
    queued_before = dedupe_keys_in_use(session, (due.dedupe_key for due in wanted))
    queued: list[Notification] = []
    for due in wanted:
        if due.dedupe_key in queued_before:
            continue
        target = Recipient("email", due.address, due.kind, due.audience, urgent=due.kind == "overdue")
        queued += queue_notifications(session, due.rep, [target], settings, dedupe_prefix=due.prefix)
        record_event(
            session,
            f"{due.kind}_queued",
            representation=due.rep,
            actor="worker",
            detail=f"stage {due.stage.number} due {due.due.isoformat()} to {due.audience}",
        )
    return queued


def _due(session: Session, rep: Representation, stage: Stage, today: date, officer: str | None) -> _Due | None:
    due = stage.effective_due_on
    if due is None:
        return None
    if today > due:
        return _Due(rep, stage, due, "overdue", officer, "complaints officer") if officer else None
    address, audience = _handler(session, rep, officer)
    return _Due(rep, stage, due, "reminder", address, audience) if address else None


def _handler(session: Session, rep: Representation, officer: str | None) -> tuple[str | None, str]:
    if rep.assigned_to_id:
        user = session.get(StaffUser, rep.assigned_to_id)
        if user is not None and user.active:
            return user.email, "case handler"
    return officer, "complaints officer"
