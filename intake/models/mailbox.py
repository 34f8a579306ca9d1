"""The mailbox poller's record of every message it has taken in: the row that makes each one count once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow


class MailboxMessage(Base):
    """One message read from the complaints mailbox, whatever became of it.

    ``key`` is unique: the poller writes this row in the same transaction as the case, so a second poller, a
    second poll or a crash before the message was flagged finds the row and makes no second case. It holds no
    personal data (a hash, not the Message-ID or the sender), so it outlives the case: ``representation_id``
    is deliberately not a foreign key, as in the audit trail.
    """

    __tablename__ = "mailbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 (hex) of the Message-ID, or of the sender, Date and body when a message has no Message-ID.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    # What it became: "case", "reply", "bounce", "auto_reply", "own_mail" or "unreadable".
    outcome: Mapped[str] = mapped_column(String(20))
    representation_id: Mapped[int | None] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
