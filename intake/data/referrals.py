"""Advocacy referrals: cases where a child asked for an advocate, the ones still waiting for one, and taking one.

Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import CursorResult, and_, select, update
from sqlalchemy.orm import Session

from intake.models import Representation, Role, StaffUser, Status

OPEN_STATUSES = (Status.NEW, Status.OPEN, Status.PAUSED)
# A referral waits while the child asked for an advocate, the case is open and no advocate has taken it.
WAITING = and_(
    Representation.advocate_requested.is_(True),
    Representation.advocate_id.is_(None),
    Representation.status.in_(OPEN_STATUSES),
)


def waiting_referrals(session: Session) -> Sequence[Representation]:
    """Referrals no advocate has taken yet, the longest waiting first."""
    return session.scalars(
        select(Representation).where(WAITING).order_by(Representation.received_at, Representation.id)
    ).all()


def referrals_taken_by(session: Session, advocate_id: int) -> Sequence[Representation]:
    """The referrals this advocate took (a child asked for an advocate and it is theirs), the newest first."""
    return session.scalars(
        select(Representation)
        .where(Representation.advocate_requested.is_(True), Representation.advocate_id == advocate_id)
        .order_by(Representation.received_at.desc(), Representation.id.desc())
    ).all()


def take_referral(session: Session, representation_id: int, advocate_id: int) -> bool:
    """Make the case this advocate's if it is still waiting. False if someone took it first (two advocates
    pressing Accept at once: the database lets one of them have it)."""
    result = cast(
        CursorResult,
        session.execute(
            update(Representation)
            .where(Representation.id == representation_id, WAITING)
            .values(advocate_id=advocate_id, advocate_supported=True),
            execution_options={"synchronize_session": "fetch"},
        ),
    )
    return result.rowcount == 1


def advocate_accounts(session: Session) -> Sequence[StaffUser]:
    """Active advocates, by name: the people a case's advocate can be."""
    return session.scalars(
        select(StaffUser)
        .where(StaffUser.role == Role.ADVOCATE, StaffUser.active.is_(True))
        .order_by(StaffUser.name, StaffUser.id)
    ).all()
