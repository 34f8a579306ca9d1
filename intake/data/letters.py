"""Letters on a case: finding them. They are written through the model in the caller's session."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Letter, StaffUser


def letters_for_case(session: Session, representation_id: int) -> Sequence[Letter]:
    """Every letter on a case, newest first."""
    return session.scalars(
        select(Letter)
        .where(Letter.representation_id == representation_id)
        .order_by(Letter.sent_at.desc(), Letter.id.desc())
    ).all()


def letter_on_case(session: Session, representation_id: int, letter_id: int) -> Letter | None:
    """One letter, only if it belongs to this case (so a guessed id on another case finds nothing)."""
    return session.scalar(select(Letter).where(Letter.id == letter_id, Letter.representation_id == representation_id))


def letter_for_notification(session: Session, notification_id: int) -> Letter | None:
    """The letter an outbox row (``template="letter"``) sends: for the delivery worker."""
    return session.scalar(select(Letter).where(Letter.notification_id == notification_id))


def staff_member(session: Session, staff_id: int | None) -> StaffUser | None:
    """A staff member by id (an advocate, or whoever handles the case), or None."""
    return session.get(StaffUser, staff_id) if staff_id is not None else None
