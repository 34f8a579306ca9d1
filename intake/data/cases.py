"""Cases (representations): finding them. Writing them happens through the models in the caller's session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Notification, Representation, SafeguardingAlert


def case_by_reference(session: Session, reference: str) -> Representation | None:
    return session.scalar(select(Representation).where(Representation.reference == reference))


def reference_in_use(session: Session, reference: str) -> bool:
    return session.scalar(select(Representation.id).where(Representation.reference == reference)) is not None


def open_alert(session: Session, representation_id: int) -> SafeguardingAlert | None:
    """The case's safeguarding alert nobody has recorded an action on yet (the newest, if several)."""
    return session.scalar(
        select(SafeguardingAlert)
        .where(SafeguardingAlert.representation_id == representation_id, SafeguardingAlert.actioned_at.is_(None))
        .order_by(SafeguardingAlert.id.desc())
        .limit(1)
    )


def notification_keys(session: Session, representation_id: int) -> set[tuple[str, str, str]]:
    """(channel, recipient in lower case, template) of every notification the case already has."""
    rows = session.execute(
        select(Notification.channel, Notification.recipient, Notification.template).where(
            Notification.representation_id == representation_id
        )
    )
    return {(row.channel.value, row.recipient.lower(), row.template) for row in rows}
