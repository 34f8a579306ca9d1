"""Finding cases whose retention period has ended, and deleting them with everything personal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.data.drafts import delete_drafts_of_cases
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

# Everything that hangs off a case by its id, deleted before the case.
_CASE_CHILDREN = (Message, Notification, SafeguardingAlert, CaseNote, Stage, RepresentationCategory)


def expired_cases(session: Session, today: date) -> Sequence[Representation]:
    """Cases kept until before ``today`` and not on legal hold, oldest first."""
    return session.scalars(
        select(Representation)
        .where(
            Representation.retention_until.is_not(None),
            Representation.retention_until < today,
            Representation.legal_hold.is_(False),
        )
        .order_by(Representation.retention_until, Representation.id)
    ).all()


def delete_cases(session: Session, cases: Sequence[Representation]) -> None:
    """Delete the cases with their messages, conversations, outbox rows, alerts, notes, stages and form drafts.

    Explicit deletes, children first, so nothing depends on the database enforcing ON DELETE CASCADE.
    """
    ids = [rep.id for rep in cases]
    if not ids:
        return
    fetch = {"synchronize_session": "fetch"}
    conversation_ids = select(Conversation.id).where(Conversation.representation_id.in_(ids))
    session.execute(delete(Message).where(Message.conversation_id.in_(conversation_ids)), execution_options=fetch)
    session.execute(delete(Conversation).where(Conversation.representation_id.in_(ids)), execution_options=fetch)
    for model in _CASE_CHILDREN:
        session.execute(delete(model).where(model.representation_id.in_(ids)), execution_options=fetch)
    delete_drafts_of_cases(session, [rep.reference for rep in cases])
    session.execute(delete(Representation).where(Representation.id.in_(ids)), execution_options=fetch)
