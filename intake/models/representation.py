"""A representation (complaint, compliment or comment) and its procedure stages.

The person's own words live in ``what_happened`` and ``what_would_help``, and
contact details in the ``contact_*`` columns: those are the personal data, kept
in a few clearly named columns so they can be minimised and purged.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.models.base import Base, UtcDateTime, utcnow
from intake.models.enums import (
    Channel,
    ChildAgreement,
    ContactMethod,
    Kind,
    Outcome,
    Procedure,
    Status,
    SubmittedBy,
)
from intake.models.procedure import PanelMember, PanelRecommendation, StageInvestigator
from intake.models.team import Team


def _enum(cls):  # store the value ("web_form"), not the member name, and never as a native DB enum
    return Enum(cls, native_enum=False, values_callable=lambda e: [m.value for m in e], length=40)


class Representation(Base):
    __tablename__ = "representation"
    # The annual report (intake.domain.report) reads this index and never the table: every figure is a
    # range of receipt times for a kind (the year-on-year trend, a range per year), with the columns the
    # report groups and sums by. ``id`` is implicit in SQLite and lets PostgreSQL join from the index too.
    __table_args__ = (
        Index(
            "ix_representation_report",
            "kind",
            "received_at",
            "procedure",
            "channel",
            "submitted_by",
            "advocate_supported",
            "team_id",
            "status",
            "received_on",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # New cases get "K7QM-3XPD"; imported historic records keep the council's own ("CS-2016-0012").
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[Kind] = mapped_column(_enum(Kind), index=True)
    procedure: Mapped[Procedure] = mapped_column(_enum(Procedure), default=Procedure.UNDECIDED)
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    submitted_by: Mapped[SubmittedBy] = mapped_column(_enum(SubmittedBy), default=SubmittedBy.UNKNOWN)
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.NEW, index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")

    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    # The working day the clocks count from (day 0): the receipt date, or the next working day.
    received_on: Mapped[date] = mapped_column(Date, index=True)
    acknowledge_by: Mapped[date | None] = mapped_column(Date)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)

    # In the person's own words. Plain text: markup is stripped on the way in and escaped on the way out.
    what_happened: Mapped[str] = mapped_column(Text, default="")
    what_would_help: Mapped[str] = mapped_column(Text, default="")
    service_mentioned: Mapped[str] = mapped_column(Text, default="")  # "my leaving care worker", as they said it
    about_someone_else: Mapped[bool] = mapped_column(Boolean, default=False)
    child_name: Mapped[str | None] = mapped_column(String(100))  # first name or an identifier, for advocates
    child_agreement: Mapped[ChildAgreement | None] = mapped_column(_enum(ChildAgreement))
    child_agreement_note: Mapped[str | None] = mapped_column(Text)
    grounds_on: Mapped[date | None] = mapped_column(Date)  # when it happened, if known (late-complaint check)

    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    team: Mapped[Team | None] = relationship(lazy="joined")

    # Advocacy (Children Act 1989 s26A).
    advocate_supported: Mapped[bool] = mapped_column(Boolean, default=False)
    advocate_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    advocate_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)

    # Contact preferences. A shared phone can put a child at risk, so "safe" is asked, not assumed.
    contact_phone: Mapped[str | None] = mapped_column(String(32), index=True)
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    safe_to_contact: Mapped[bool | None] = mapped_column(Boolean)
    preferred_contact: Mapped[ContactMethod] = mapped_column(_enum(ContactMethod), default=ContactMethod.NONE)
    contact_times: Mapped[str | None] = mapped_column(Text)
    contact_avoid: Mapped[str | None] = mapped_column(Text)  # "it's my foster carer's phone"
    # When texts are safe, from what they told us ("only in the mornings", "not after 6"), Europe/London.
    # Either may be empty; nothing is sent to them outside the window (safety replies to their own text aside).
    contact_text_from: Mapped[time | None] = mapped_column(Time)
    contact_text_until: Mapped[time | None] = mapped_column(Time)
    contact_via_advocate: Mapped[bool] = mapped_column(Boolean, default=False)
    wants_contact: Mapped[bool] = mapped_column(Boolean, default=False)  # "I want someone to get in touch"

    safeguarding: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)

    # Sufficient-interest decision, needed when submitted_by is "other" (reg / s26(3)(e)).
    sufficient_interest: Mapped[bool | None] = mapped_column(Boolean)
    sufficient_interest_note: Mapped[str | None] = mapped_column(Text)

    # The Ombudsman and payments have their own records (intake.models.remedies): several per case.

    closed_on: Mapped[date | None] = mapped_column(Date)
    retention_until: Mapped[date | None] = mapped_column(Date, index=True)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)

    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    stages: Mapped[list[Stage]] = relationship(
        back_populates="representation", order_by="Stage.number", cascade="all, delete-orphan"
    )
    categories: Mapped[list[RepresentationCategory]] = relationship(
        back_populates="representation", cascade="all, delete-orphan", order_by="RepresentationCategory.code"
    )

    @property
    def category_codes(self) -> list[str]:
        return [c.code for c in self.categories]

    @property
    def current_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    @property
    def is_open(self) -> bool:
        return self.status in (Status.NEW, Status.OPEN, Status.PAUSED)

    def __repr__(self) -> str:
        return f"<Representation {self.reference} {self.kind}>"


class RepresentationCategory(Base):
    """One category of a representation; a complaint can be in several. A table so reports count in SQL."""

    __tablename__ = "representation_category"
    __table_args__ = (UniqueConstraint("representation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    representation: Mapped[Representation] = relationship(back_populates="categories")


class Stage(Base):
    """Stage 1, 2 or 3 of a complaint's procedure, with its working-day clock.

    ``due_on`` is fixed when the stage starts; an extension sets ``extended_due_on``
    with a reason, so the original deadline stays visible for reporting.
    """

    __tablename__ = "stage"
    # The annual report's outcomes and timescales read the stages from this index, not the table: stage 3's
    # meeting and report days and the working days paused are in it for the timeliness of each clock.
    __table_args__ = (
        UniqueConstraint("representation_id", "number"),
        Index(
            "ix_stage_report",
            "representation_id",
            "number",
            "outcome",
            "requested_on",
            "started_on",
            "responded_on",
            "paused_working_days",
            "panel_meeting_on",
            "panel_report_on",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # When the person asked for this stage (stages 2 and 3), and whether that was past the window.
    requested_on: Mapped[date | None] = mapped_column(Date)
    late_request: Mapped[bool] = mapped_column(Boolean, default=False)
    late_request_decision: Mapped[str | None] = mapped_column(Text)
    started_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    extended_due_on: Mapped[date | None] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    responded_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome))
    # Stage 2: who investigates, and the Independent Person. Stage 3: the panel.
    # The names are kept here for letters and the page; the records (with declarations) are ``investigators``.
    investigating_officer: Mapped[str | None] = mapped_column(String(200))
    independent_person: Mapped[str | None] = mapped_column(String(200))
    panel_members: Mapped[str | None] = mapped_column(Text)  # names, one per line; the first is the chair
    panel_meeting_on: Mapped[date | None] = mapped_column(Date)

    # Who handles the stage: a corporate stage 2 must be someone other than stage 1's (LGSCO Code).
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # A corporate stage 2 is acknowledged (5 working days) and answered 20 working days from that.
    acknowledge_by: Mapped[date | None] = mapped_column(Date)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    # Working days the stage stood still under reg 8 pauses: its clock and the report leave them out.
    paused_working_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    # Stage 2 (statutory): the agreed statement of complaint (for information: the clock runs from the request),
    # the investigation report, and the adjudication by a senior manager (its letter is the stage's response).
    statement_agreed_on: Mapped[date | None] = mapped_column(Date)
    investigation_report_on: Mapped[date | None] = mapped_column(Date)
    adjudicated_on: Mapped[date | None] = mapped_column(Date)
    adjudicated_by: Mapped[str | None] = mapped_column(String(200))
    adjudication_actions: Mapped[str | None] = mapped_column(Text)

    # Stage 3 runs three clocks in turn (reg 19-21): the panel meets within 30 working days of the request,
    # reports within 5 of meeting, and the council answers within 15 of the report. ``due_on`` is always the
    # running one's, so every list of due dates shows the step that is due next.
    panel_due_on: Mapped[date | None] = mapped_column(Date)
    panel_report_on: Mapped[date | None] = mapped_column(Date)
    panel_report_due_on: Mapped[date | None] = mapped_column(Date)
    council_response_due_on: Mapped[date | None] = mapped_column(Date)
    # Who came with the complainant (reg 19(6)): their advocate and one other person of their choice.
    panel_advocate: Mapped[str | None] = mapped_column(String(200))
    panel_companion: Mapped[str | None] = mapped_column(String(200))
    # The council's response is made together with the stage 2 Independent Person (reg 21).
    response_with_ip: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    representation: Mapped[Representation] = relationship(back_populates="stages")
    investigators: Mapped[list[StageInvestigator]] = relationship(
        cascade="all, delete-orphan", order_by="StageInvestigator.role"
    )
    panel: Mapped[list[PanelMember]] = relationship(cascade="all, delete-orphan", order_by="PanelMember.position")
    recommendations: Mapped[list[PanelRecommendation]] = relationship(
        cascade="all, delete-orphan", order_by="PanelRecommendation.position"
    )

    @property
    def effective_due_on(self) -> date | None:
        return self.extended_due_on or self.due_on

    @property
    def is_open(self) -> bool:
        return self.responded_on is None
