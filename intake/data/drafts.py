"""Form drafts: a web form (or an advocate's form) in progress, kept on the server.

A draft is linked to the case it became by the case's reference: once a disclosure has made a case early, the
draft is part of that case (it may hold words the case does not, such as an answer over the length limit) and
goes when the case is purged. A draft that never became a case is only kept for as long as a visit lasts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.models import FormDraft
from intake.models.base import utcnow


def draft_by_id(session: Session, draft_id: str) -> FormDraft | None:
    return session.get(FormDraft, draft_id)


def add_draft(session: Session, draft_id: str, purpose: str) -> FormDraft:
    draft = FormDraft(id=draft_id, purpose=purpose, answers={})
    session.add(draft)
    return draft


def delete_abandoned_drafts(session: Session, idle_since: datetime) -> None:
    """Drafts nobody has touched since ``idle_since`` and that never became a case.

    A half-told story on a shared phone should not wait for the next person. A draft linked to a case stays
    with the case (it may hold the words that raised an alert).
    """
    session.execute(delete(FormDraft).where(FormDraft.updated_at < idle_since, FormDraft.reference.is_(None)))


def claim_for_sending(session: Session, draft_id: str) -> bool:
    """Move the draft from "open" to "sent"; True only for the one request that did (a double click sends once)."""
    claimed = session.execute(
        update(FormDraft).where(FormDraft.id == draft_id, FormDraft.state == "open").values(state="sent")
    )
    return cast(CursorResult, claimed).rowcount == 1


def link_to_case(session: Session, draft_id: str, reference: str) -> bool:
    """Record the case this draft became; False if another request linked it to a case first."""
    linked = session.execute(
        update(FormDraft)
        .where(FormDraft.id == draft_id, FormDraft.reference.is_(None))
        .values(reference=reference, updated_at=utcnow())
    )
    return cast(CursorResult, linked).rowcount == 1


def claim_once_token(session: Session, token: str, purpose: str) -> FormDraft | None:
    """A one-off form token, used once: the token's draft, now "sent", or None if it was already used.

    The token is the row's primary key, so two requests racing to insert it cannot both win. A token whose
    draft is still "open" (a disclosure made its case early) is claimed with a conditional update instead.
    """
    if claim_for_sending(session, token):
        return session.get(FormDraft, token)
    if session.get(FormDraft, token) is not None:
        return None
    try:
        with session.begin_nested():
            draft = FormDraft(id=token, purpose=purpose, state="sent", answers={})
            session.add(draft)
    except IntegrityError:
        return None
    return draft


def draft_for_token(session: Session, token: str, purpose: str) -> FormDraft:
    """The draft a one-off form token names, added if it has none yet (two racing requests get the same row)."""
    draft = session.get(FormDraft, token)
    if draft is not None:
        return draft
    try:
        with session.begin_nested():
            draft = add_draft(session, token, purpose)
    except IntegrityError:
        draft = session.get(FormDraft, token)
        if draft is None:
            raise
    return draft


def words_kept_for_case(session: Session, reference: str) -> list[dict]:
    """What the forms that made this case kept because it raised an alert, oldest first: a list of
    ``{"at": ISO time, "words": {field: text}}`` (for staff: an answer over the length limit is only here)."""
    kept: list[dict] = []
    for answers in session.scalars(
        select(FormDraft.answers).where(FormDraft.reference == reference).order_by(FormDraft.created_at, FormDraft.id)
    ):
        kept.extend((answers or {}).get("disclosed", []))
    return kept


def delete_drafts_of_cases(session: Session, references: Iterable[str]) -> None:
    """Every draft linked to these cases: they go with the case."""
    wanted = list(references)
    if wanted:
        session.execute(
            delete(FormDraft).where(FormDraft.reference.in_(wanted)), execution_options={"synchronize_session": False}
        )
