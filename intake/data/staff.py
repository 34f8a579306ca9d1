"""Staff accounts: finding them for sign-in, the admin's list and the case page's choices."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.models import Role, StaffUser


def staff_by_id(session: Session, user_id: int) -> StaffUser | None:
    return session.get(StaffUser, user_id)


def staff_by_email(session: Session, email: str) -> StaffUser | None:
    """Emails are matched without regard to case: people type them both ways."""
    return session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower()))


def email_taken(session: Session, email: str) -> bool:
    return session.scalar(select(StaffUser.id).where(func.lower(StaffUser.email) == email.strip().lower())) is not None


def everyone(session: Session) -> Sequence[StaffUser]:
    """Every account for the admin's list: active ones first, then by email."""
    return session.scalars(select(StaffUser).order_by(StaffUser.active.desc(), StaffUser.email, StaffUser.id)).all()


def assignable_staff(session: Session) -> Sequence[StaffUser]:
    """Active people who can handle cases (an admin manages accounts, not cases), by name."""
    return session.scalars(
        select(StaffUser)
        .where(StaffUser.active.is_(True), StaffUser.role != Role.ADMIN)
        .order_by(StaffUser.name, StaffUser.id)
    ).all()


def staff_by_ids(session: Session, ids: Iterable[int | None]) -> dict[int, StaffUser]:
    """The accounts with these ids, by id, in one query; ``None`` ids are skipped."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {u.id: u for u in session.scalars(select(StaffUser).where(StaffUser.id.in_(wanted)))}
