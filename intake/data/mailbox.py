"""The mailbox's record of messages taken in (``MailboxMessage``): the unique row that makes each count once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import MailboxMessage


def known_outcome(session: Session, key: str) -> str | None:
    """What became of the message with this key, or None if we have never taken it in."""
    return session.scalar(select(MailboxMessage.outcome).where(MailboxMessage.key == key))


def record_message(
    session: Session, key: str, outcome: str, received_at: datetime, representation_id: int | None = None
) -> MailboxMessage:
    """Add the message's row and flush at once: if another poller has taken the same message in, the unique key
    fails here (``IntegrityError``), before any case is written."""
    row = MailboxMessage(key=key, outcome=outcome, received_at=received_at, representation_id=representation_id)
    session.add(row)
    session.flush()
    return row
