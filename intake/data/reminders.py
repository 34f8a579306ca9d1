"""What deadline reminders need: the stages coming due, and which reminders were queued before."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import Session

from intake.models import Kind, Notification, Representation, Stage, Status


def open_stages_due_by(session: Session, horizon: date) -> Sequence[Row[tuple[Representation, Stage]]]:
    """Unanswered stages of open complaints due on or before ``horizon``, soonest first.

    A late request waits for its decision (reg 9) before its clock counts.
    """
    effective_due = func.coalesce(Stage.extended_due_on, Stage.due_on)
    return session.execute(
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
        .order_by(effective_due, Representation.id, Stage.number)
    ).all()


def dedupe_keys_in_use(session: Session, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` an outbox row already carries, in one query."""
    wanted = list(set(keys))
    if not wanted:
        return set()
    return set(session.scalars(select(Notification.dedupe_key).where(Notification.dedupe_key.in_(wanted))))
