"""The look-ups the demo data loader needs (``flask demo-data``, ``make run``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.models import Role, StaffUser


def staff_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.lower()))


def first_advocate(session: Session) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.role == Role.ADVOCATE).order_by(StaffUser.id).limit(1))
