"""The statutory procedure's records beyond a stage's clock.

- a complaint's points, each with an outcome and remedy per stage (rules-reference §10 item 27);
- stage 2's Investigating Officer and Independent Person with their independence declarations (item 16);
- stage 3's panel members and recommendations, each accepted or rejected with reasons (item 18);
- reg 8 pauses (item 20), refusals from a coded list (item 25) and decisions on late complaints (item 5).

Staff write every text here (a short summary, a reason): none of it needs the child's own words.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.models.base import Base, UtcDateTime, utcnow
from intake.models.enums import Outcome, Status


def _enum(cls, length: int = 40):  # the value ("court"), never a native DB enum, as every model here does
    return Enum(cls, native_enum=False, values_callable=lambda e: [m.value for m in e], length=length)


class InvestigatorRole(StrEnum):
    INVESTIGATING_OFFICER = "investigating_officer"
    INDEPENDENT_PERSON = "independent_person"


class PauseReason(StrEnum):
    """What a reg 8 pause waits for: proceedings that considering the complaint might prejudice."""

    COURT = "court"
    TRIBUNAL = "tribunal"
    POLICE = "police"
    DISCIPLINARY = "disciplinary"
    COMPLAINANT_WISH = "complainant_wish"
    OTHER = "other"


class ComplaintPoint(Base):
    """One point of a complaint, in the officer's short summary ("No reply to calls since March")."""

    __tablename__ = "complaint_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    outcomes: Mapped[list[PointOutcome]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="PointOutcome.stage_number"
    )

    def outcome_at(self, stage_number: int) -> PointOutcome | None:
        return next((o for o in self.outcomes if o.stage_number == stage_number), None)


class PointOutcome(Base):
    """What one stage decided about one point, and what puts it right."""

    __tablename__ = "point_outcome"
    __table_args__ = (UniqueConstraint("point_id", "stage_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("complaint_point.id", ondelete="CASCADE"), index=True)
    stage_number: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[Outcome] = mapped_column(_enum(Outcome))
    remedy: Mapped[str | None] = mapped_column(Text)
    recorded_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(320))

    point: Mapped[ComplaintPoint] = relationship(back_populates="outcomes")


class StageInvestigator(Base):
    """Stage 2's Investigating Officer or Independent Person (reg 17(2)), with what they declared.

    Everyone declares they are not involved in the case and do not line-manage the service; the Independent
    Person also declares they are neither a member nor an officer of the council, nor the spouse or civil
    partner of one (reg 2). A later appointment to the same role replaces the earlier one (the audit keeps it).
    """

    __tablename__ = "stage_investigator"
    __table_args__ = (UniqueConstraint("stage_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"), index=True)
    role: Mapped[InvestigatorRole] = mapped_column(_enum(InvestigatorRole))
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    not_involved: Mapped[bool] = mapped_column(Boolean, default=False)
    not_line_manager: Mapped[bool] = mapped_column(Boolean, default=False)
    not_council: Mapped[bool] = mapped_column(Boolean, default=False)  # the Independent Person only
    not_council_partner: Mapped[bool] = mapped_column(Boolean, default=False)  # the Independent Person only
    appointed_on: Mapped[date] = mapped_column(Date)
    appointed_by: Mapped[str] = mapped_column(String(320))


class PanelMember(Base):
    """One of stage 3's three independent panel members (reg 19(1)); one chairs."""

    __tablename__ = "panel_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    chair: Mapped[bool] = mapped_column(Boolean, default=False)


class PanelRecommendation(Base):
    """One of the panel's recommendations and the council's answer: accepted, or rejected with its reasons."""

    __tablename__ = "panel_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    accepted: Mapped[bool | None] = mapped_column(Boolean)
    reasons: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(320))

    @property
    def decided(self) -> bool:
        return self.accepted is not None


class CasePause(Base):
    """A reg 8 pause: from ``paused_on`` to ``resumed_on``, the case's clocks stand still.

    On resuming, every running due date moves by ``paused_working_days`` and the stage keeps the total, so
    the annual report times the stage without the pause.
    """

    __tablename__ = "case_pause"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    stage_number: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[PauseReason] = mapped_column(_enum(PauseReason))
    detail: Mapped[str] = mapped_column(Text, default="")
    paused_on: Mapped[date] = mapped_column(Date, index=True)
    resumed_on: Mapped[date | None] = mapped_column(Date)
    paused_working_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status_before: Mapped[Status] = mapped_column(_enum(Status))
    paused_by: Mapped[str] = mapped_column(String(320))
    resumed_by: Mapped[str | None] = mapped_column(String(320))

    @property
    def is_running(self) -> bool:
        return self.resumed_on is None


class CaseRefusal(Base):
    """A refusal to consider a complaint (``stage_number`` 1) or to take it to stage 2 or 3, with a coded reason.

    The codes are configurable (``REFUSAL_REASONS``); every refusal tells the person they may go to the
    Ombudsman, and the annual report counts them (LGSCO Code 2.4, 8.1).
    """

    __tablename__ = "case_refusal"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    stage_number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    refused_on: Mapped[date] = mapped_column(Date, index=True)
    refused_by: Mapped[str] = mapped_column(String(320))


class LateComplaintDecision(Base):
    """The decision on a complaint made more than a year after its grounds (reg 9, LGSCO Code 2.2).

    The Ombudsman expects both questions answered: was there good reason not to complain sooner, and can it
    still be considered effectively and fairly. A late complaint is never refused without this decision.
    """

    __tablename__ = "late_complaint_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), unique=True, index=True
    )
    good_reason: Mapped[bool] = mapped_column(Boolean)
    can_consider_fairly: Mapped[bool] = mapped_column(Boolean)
    accepted: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(320))
