"""Cases (representations): finding them. Writing them happens through the models in the caller's session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Representation


def case_by_reference(session: Session, reference: str) -> Representation | None:
    return session.scalar(select(Representation).where(Representation.reference == reference))


def reference_in_use(session: Session, reference: str) -> bool:
    return session.scalar(select(Representation.id).where(Representation.reference == reference)) is not None
