"""What came of a complaint beyond its stages: payments, common resolutions, the Ombudsman, learning and actions.

Each is its own row, so a second payment or a second action never overwrites the first, and the annual
report counts them in SQL.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow
from intake.models.enums import LgoResult


def _enum(cls, length: int = 40):
    return Enum(cls, native_enum=False, values_callable=lambda e: [m.value for m in e], length=length)


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class CompensationPayment(Base):
    """One payment to put things right: an amount in pence (more than nothing), when, why, and what for."""

    __tablename__ = "compensation_payment"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)
    # Unknown for payments carried over from before payments had dates.
    paid_on: Mapped[date | None] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CaseResolution(Base):
    """One common resolution a case ended with (an apology, an explanation, a meeting...), from a coded list."""

    __tablename__ = "case_resolution"
    __table_args__ = (UniqueConstraint("representation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))


class OmbudsmanReferral(Base):
    """A complaint taken to the Local Government and Social Care Ombudsman, through its own lifecycle.

    Referred (with the Ombudsman's reference), an enquiry to the council, a decision (not investigated,
    upheld or not upheld) with any remedy, and the council's compliance with that remedy by its due date.
    ``referred_on`` is unknown only for referrals carried over from older records.
    """

    __tablename__ = "ombudsman_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    referred_on: Mapped[date | None] = mapped_column(Date, index=True)
    lgo_reference: Mapped[str | None] = mapped_column(String(40))
    enquiry_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date, index=True)
    outcome: Mapped[LgoResult | None] = mapped_column(_enum(LgoResult))
    remedy: Mapped[str | None] = mapped_column(Text)
    compliance_due_on: Mapped[date | None] = mapped_column(Date)
    compliance_done_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    @property
    def decided(self) -> bool:
        return self.outcome is not None


class LearningPoint(Base):
    """Something the council learnt from a case, in the officer's words."""

    __tablename__ = "learning_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    recorded_on: Mapped[date] = mapped_column(Date, index=True)
    recorded_by: Mapped[str] = mapped_column(String(320))


class LearningAction(Base):
    """An action agreed because of a case: who owns it, by when, how it is going, and the evidence it was done."""

    __tablename__ = "learning_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    agreed_on: Mapped[date] = mapped_column(Date, index=True)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus), default=ActionStatus.OPEN)
    evidence: Mapped[str | None] = mapped_column(Text)
    completed_on: Mapped[date | None] = mapped_column(Date)
    updated_by: Mapped[str] = mapped_column(String(320))
