"""Staff notes on a case: case content, so they are purged with the case (unlike audit events)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow


class CaseNote(Base):
    __tablename__ = "case_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(320))  # the staff email, kept if the account goes
    body: Mapped[str] = mapped_column(Text)  # plain text, escaped on the way out
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
