"""Deleting cases whose retention period has ended (rules-reference §4.3, §10 item 35).

A case is kept until ``retention_until`` (closure plus RETENTION_YEARS) and
never while it is on legal hold (IICSA and similar instructions). Everything
that holds the person's words or contact details goes with it; the audit trail
keeps a line saying the case existed and was purged, with dates and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.domain.attachments import delete_attachments_for
from intake.domain.audit import record_event
from intake.models import (
    CaseNote,
    Conversation,
    Message,
    Notification,
    Representation,
    RepresentationCategory,
    SafeguardingAlert,
    Stage,
)


@dataclass(frozen=True)
class Purged:
    reference: str
    received_on: date
    closed_on: date | None
    retention_until: date


def expired_cases(session: Session, today: date) -> list[Representation]:
    return list(
        session.scalars(
            select(Representation)
            .where(
                Representation.retention_until.is_not(None),
                Representation.retention_until < today,
                Representation.legal_hold.is_(False),
            )
            .order_by(Representation.retention_until, Representation.id)
        )
    )


def purge_expired(session: Session, today: date, *, dry_run: bool = False) -> list[Purged]:
    """Delete expired cases that are not held; returns what went. Commits unless ``dry_run``."""
    cases = expired_cases(session, today)
    purged = [Purged(r.reference, r.received_on, r.closed_on, r.retention_until) for r in cases]
    if dry_run or not cases:
        return purged
    ids = [r.id for r in cases]
    for rep in cases:
        record_event(
            session,
            "purged",
            representation=rep,
            actor="retention",
            detail=f"received {rep.received_on.isoformat()}; "
            f"closed {rep.closed_on.isoformat() if rep.closed_on else '-'}; "
            f"kept until {rep.retention_until.isoformat()}",
        )
    session.flush()
    delete_attachments_for(session, ids)  # rows now, files once the purge commits
    # Explicit deletes, children first, so nothing depends on the database enforcing ON DELETE CASCADE.
    conversation_ids = select(Conversation.id).where(Conversation.representation_id.in_(ids))
    fetch = {"synchronize_session": "fetch"}
    session.execute(delete(Message).where(Message.conversation_id.in_(conversation_ids)), execution_options=fetch)
    session.execute(delete(Conversation).where(Conversation.representation_id.in_(ids)), execution_options=fetch)
    for model in (Message, Notification, SafeguardingAlert, CaseNote, Stage, RepresentationCategory):
        session.execute(delete(model).where(model.representation_id.in_(ids)), execution_options=fetch)
    session.execute(delete(Representation).where(Representation.id.in_(ids)), execution_options=fetch)
    session.commit()
    return purged
