"""Cases (representations): finding them. Writing them happens through the models in the caller's session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Representation, SafeguardingAlert


def case_by_reference(session: Session, reference: str) -> Representation | None:
    return session.scalar(select(Representation).where(Representation.reference == reference))


def reference_in_use(session: Session, reference: str) -> bool:
    return session.scalar(select(Representation.id).where(Representation.reference == reference)) is not None


def has_open_alert(session: Session, representation_id: int) -> bool:
    """Whether the case has a safeguarding alert nobody has yet recorded an action on."""
    return (
        session.scalar(
            select(SafeguardingAlert.id)
            .where(SafeguardingAlert.representation_id == representation_id, SafeguardingAlert.actioned_at.is_(None))
            .limit(1)
        )
        is not None
    )
