"""Reasonable adjustments (Equality Act 2010; LGSCO Code 5.6; rules-reference §10 item 26).

The person who got in touch is the case's contact, and there is no separate table of people: an adjustment
belongs to a case, and "per person" means per case here. A second case from the same person starts with
none, so staff record them again there.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Date, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow


class AdjustmentKind(StrEnum):
    EASY_READ = "easy_read"
    LARGE_PRINT = "large_print"
    PHONE_NOT_WRITING = "phone_not_writing"
    WRITING_NOT_PHONE = "writing_not_phone"
    ADVOCATE = "advocate"
    MORE_TIME = "more_time"
    SINGLE_CONTACT = "single_contact"
    INTERPRETER = "interpreter"
    OTHER = "other"


class ReasonableAdjustment(Base):
    """One adjustment asked for: what (in their words, kept as written, and its kind), whether it was agreed
    (and why not), who recorded it, and when it is next reviewed.

    An agreed adjustment has a review date until a review ends it (``ended_on``); a review that keeps it moves
    ``review_on`` on. ``reviewed_on`` and ``review_note`` are the latest review.
    """

    __tablename__ = "reasonable_adjustment"
    __table_args__ = (
        CheckConstraint("agreed = false OR review_on IS NOT NULL OR ended_on IS NOT NULL", name="agreed_has_review"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AdjustmentKind] = mapped_column(
        Enum(AdjustmentKind, native_enum=False, values_callable=lambda e: [m.value for m in e], length=40)
    )
    requested: Mapped[str] = mapped_column(Text)
    agreed: Mapped[bool] = mapped_column(Boolean)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(320))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    review_on: Mapped[date | None] = mapped_column(Date, index=True)
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    review_note: Mapped[str | None] = mapped_column(Text)
    ended_on: Mapped[date | None] = mapped_column(Date)

    @property
    def in_force(self) -> bool:
        return self.agreed and self.ended_on is None

    def review_overdue(self, today: date) -> bool:
        return self.in_force and self.review_on is not None and self.review_on < today
