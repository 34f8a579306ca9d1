"""A letter sent on a case: what it said, exactly, and to whom, how and by whom it went.

A letter is case content (it names the person and says what we found), so it is purged with the case:
the foreign key cascades. The audit trail records that a letter of a kind was sent, never its words.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.models.base import Base, UtcDateTime, utcnow
from intake.models.representation import Representation


class LetterMethod(StrEnum):
    EMAIL = "email"  # through the outbox, with the letter as a PDF attachment
    POST = "post"  # downloaded as a PDF to print and post


class LetterRecipient(StrEnum):
    PERSON = "person"  # the person who got in touch
    ADVOCATE = "advocate"  # a copy for their advocate, where the child agreed


def _enum(cls):
    return Enum(cls, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class Letter(Base):
    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # intake.letters.kinds.LetterKind
    language: Mapped[str] = mapped_column(String(8), default="en")
    recipient: Mapped[LetterRecipient] = mapped_column(_enum(LetterRecipient), default=LetterRecipient.PERSON)
    method: Mapped[LetterMethod] = mapped_column(_enum(LetterMethod))
    # The letter as sent: its parts (``intake.letters.compose.ComposedLetter``, so the email, the PDF and any
    # reprint are the same letter) and the same letter as plain text, for reading on the case.
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    body_text: Mapped[str] = mapped_column(Text)
    # Sent after the case was closed: a correction (allowed, and audited as one).
    after_closing: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    sent_by: Mapped[str] = mapped_column(String(320))  # the staff email, kept if the account goes
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The outbox row that emails it (``template="letter"``); the worker finds the letter from it.
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification.id", ondelete="SET NULL"), index=True, unique=True
    )

    representation: Mapped[Representation] = relationship()

    def __repr__(self) -> str:
        return f"<Letter {self.id} {self.kind} by {self.method} to {self.recipient}>"
