"""Staff accounts: finding them for sign-in, the admin's list and the case page's choices."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.models import Role, StaffUser, TotpCodeUse


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


def claim_totp_step(session: Session, user: StaffUser, step: int) -> bool:
    """Use up the authenticator code of this time step: True for the one request that does.

    The row's primary key (user, step) is the claim, so two requests bringing the same code at the same
    moment cannot both win, on SQLite or PostgreSQL. A step no later than the last one used is refused too
    (an older code still inside the clock-drift allowance). Claims older than a few minutes are tidied away.
    """
    if user.last_totp_step is not None and step <= user.last_totp_step:
        return False
    try:
        with session.begin_nested():
            session.add(TotpCodeUse(user_id=user.id, step=step))
    except IntegrityError:
        return False
    session.execute(delete(TotpCodeUse).where(TotpCodeUse.user_id == user.id, TotpCodeUse.step < step - 10))
    user.last_totp_step = step
    return True


def everyone_with_a_secret(session: Session) -> Sequence[StaffUser]:
    """Every account, for writing each authenticator secret again under the newest key (rotate-keys)."""
    return session.scalars(select(StaffUser).order_by(StaffUser.id)).all()
