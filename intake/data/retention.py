"""Finding what retention deletes, and deleting it: expired cases with everything personal, and unfinished
conversations and form drafts nobody came back to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.data.drafts import delete_drafts_of_cases
from intake.models import (
    CaseNote,
    Conversation,
    FormDraft,
    Letter,
    Message,
    Notification,
    ReasonableAdjustment,
    Representation,
    RepresentationCategory,
    SafeguardingAlert,
    Stage,
)

# Everything that hangs off a case by its id, deleted before the case (letters before the notifications
# they were sent by, notifications before the messages they point at).
_CASE_CHILDREN = (
    Letter,
    Notification,
    Message,
    SafeguardingAlert,
    CaseNote,
    ReasonableAdjustment,
    Stage,
    RepresentationCategory,
)
_FETCH = {"synchronize_session": "fetch"}
# What an unfinished conversation keeps once its story has gone: the cases it made (for status look-ups).
_KEPT_STATE = ("cases", "lang")


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
    """Delete the cases with their messages, conversations, letters, outbox rows, alerts, notes, reasonable
    adjustments, stages and form drafts, by explicit deletes, children first. The procedure's own rows (complaint
    points, investigators, panels, pauses, refusals, payments, learning) go with the case and its stages by ON
    DELETE CASCADE, on both databases (SQLite runs with foreign_keys=ON); tests/domain/
    test_retention_leaves_nothing.py checks from the schema that no table keeps a row of a purged case.

    A conversation that went on to make a later case stays with that case, but forgets the purged one's
    reference; one whose latest case this is goes with it, with every message it still holds.
    """
    ids = [rep.id for rep in cases]
    if not ids:
        return
    _forget_references(session, ids, {rep.reference for rep in cases})
    conversation_ids = select(Conversation.id).where(Conversation.representation_id.in_(ids))
    session.execute(delete(Message).where(Message.conversation_id.in_(conversation_ids)), execution_options=_FETCH)
    session.execute(delete(Conversation).where(Conversation.representation_id.in_(ids)), execution_options=_FETCH)
    for model in _CASE_CHILDREN:
        session.execute(delete(model).where(model.representation_id.in_(ids)), execution_options=_FETCH)
    delete_drafts_of_cases(session, [rep.reference for rep in cases])
    session.execute(delete(Representation).where(Representation.id.in_(ids)), execution_options=_FETCH)


def _forget_references(session: Session, ids: list[int], references: set[str]) -> None:
    """Conversations that made these cases and go on without them: the references leave their state."""
    touched = session.scalars(
        select(Conversation)
        .where(
            Conversation.id.in_(select(Message.conversation_id).where(Message.representation_id.in_(ids))),
            Conversation.representation_id.not_in(ids) | Conversation.representation_id.is_(None),
        )
        .order_by(Conversation.id)
    )
    for conversation in touched:
        state = dict(conversation.state or {})
        state["cases"] = [ref for ref in state.get("cases") or [] if ref not in references]
        if state.get("case") in references:
            state.pop("case")
        conversation.state = state


def abandoned_conversations(session: Session, idle_since: datetime) -> Sequence[Conversation]:
    """Conversations nobody has written in since ``idle_since``, oldest first."""
    return session.scalars(
        select(Conversation)
        .where(Conversation.updated_at < idle_since)
        .order_by(Conversation.updated_at, Conversation.id)
    ).all()


def has_case_messages(session: Session, conversation_id: int) -> bool:
    """Whether any of the conversation's messages belong to a case (then the conversation stays with it)."""
    found = session.scalar(
        select(Message.id)
        .where(Message.conversation_id == conversation_id, Message.representation_id.is_not(None))
        .limit(1)
    )
    return found is not None


def delete_conversation(session: Session, conversation: Conversation) -> None:
    session.execute(delete(Message).where(Message.conversation_id == conversation.id), execution_options=_FETCH)
    session.execute(delete(Conversation).where(Conversation.id == conversation.id), execution_options=_FETCH)


def holds_unfinished_story(conversation: Conversation) -> bool:
    return any(key not in _KEPT_STATE for key in conversation.state or {})


def forget_unfinished_story(session: Session, conversation: Conversation) -> int:
    """The conversation keeps its cases; the messages and answers of a story never sent go. Messages deleted."""
    gone = session.execute(
        delete(Message).where(Message.conversation_id == conversation.id, Message.representation_id.is_(None)),
        execution_options=_FETCH,
    )
    state = conversation.state or {}
    conversation.state = {key: state[key] for key in _KEPT_STATE if key in state}
    return int(getattr(gone, "rowcount", 0) or 0)


def delete_abandoned_drafts(session: Session, idle_since: datetime) -> int:
    """Form drafts untouched since ``idle_since`` that never became a case; how many."""
    gone = session.execute(
        delete(FormDraft).where(FormDraft.updated_at < idle_since, FormDraft.reference.is_(None)),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(gone, "rowcount", 0) or 0)
