"""A file that came with a case: kept outside the web root, listed on the case, purged with it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow


class Attachment(Base):
    """One file: stored under ``ATTACHMENT_DIR/<representation id>/<stored_name>``, or refused and only listed.

    The original file name is kept here and nowhere else: the file on disk has a random name, so nothing a
    sender chose ever becomes a path. A refused file (too big, a type we do not keep, active content) has no
    ``stored_name`` and a ``refused`` code saying why, so staff know it existed and can ask for it another way.
    """

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    stored_name: Mapped[str | None] = mapped_column(String(64))
    # The type found by reading the file (never the sender's say-so), e.g. "application/pdf".
    media_type: Mapped[str] = mapped_column(String(100), default="")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64))
    # Where it came from: "email" or "staff upload".
    source: Mapped[str] = mapped_column(String(20))
    # Why it was not stored (intake.domain.attachments.REFUSALS), or None when it was.
    refused: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    @property
    def is_stored(self) -> bool:
        return self.stored_name is not None

    def __repr__(self) -> str:
        return f"<Attachment {self.id} {self.media_type or self.refused} on case {self.representation_id}>"
