"""Cases (representations): finding them. Writing them happens through the models in the caller's session."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.models import Notification, Representation, SafeguardingAlert


def case_by_reference(session: Session, reference: str) -> Representation | None:
    return session.scalar(select(Representation).where(Representation.reference == reference))


def reference_in_use(session: Session, reference: str) -> bool:
    return session.scalar(select(Representation.id).where(Representation.reference == reference)) is not None


# --- Look-ups for the public side, intake and retention (the public engineer's; issue 13 and 14) ---------------


def count_cases(session: Session) -> int:
    return session.scalar(select(func.count(Representation.id))) or 0


def cases_raised_by_advocate(session: Session, advocate_id: int) -> Sequence[Representation]:
    """The cases an advocate submitted (or was named on), newest first."""
    return session.scalars(
        select(Representation)
        .where(Representation.advocate_id == advocate_id)
        .order_by(Representation.received_at.desc(), Representation.id.desc())
    ).all()


def queued_recipients(session: Session, representation_id: int) -> set[tuple[str, str, str]]:
    """(channel, recipient in lower case, template) of every notification already queued for the case."""
    rows = session.execute(
        select(Notification.channel, Notification.recipient, Notification.template).where(
            Notification.representation_id == representation_id
        )
    )
    return {(channel.value, recipient.lower(), template) for channel, recipient, template in rows}


def open_alert(session: Session, representation_id: int) -> SafeguardingAlert | None:
    """The case's oldest safeguarding alert not yet actioned, if it has one."""
    return session.scalar(
        select(SafeguardingAlert)
        .where(SafeguardingAlert.representation_id == representation_id, SafeguardingAlert.actioned_at.is_(None))
        .order_by(SafeguardingAlert.raised_at, SafeguardingAlert.id)
        .limit(1)
    )
