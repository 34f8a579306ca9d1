"""``LetterFacts``: everything a letter may say about a case, as one small typed value.

A letter is composed from these facts and the officer's free parts, never from the case itself, so the
rules of each kind can be tested on facts alone, and later work can add what it models (a stage 2 statement
of complaint, stage 3 recommendations, a pause) by filling in a field here. Nothing here reads the child's
words: a letter says what the officer writes about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intake.config import Settings
from intake.domain import clock
from intake.models import ChildAgreement, Kind, Procedure, Representation, StaffUser, Stage, Status
from intake.models.enums import CHILD_VOICES

LANGUAGES = ("en", "pl", "ar")
ESCALATION_WINDOW = 20  # working days to ask for the next stage (rules-reference §1.11, §1.13)


@dataclass(frozen=True)
class Council:
    name: str
    address: tuple[str, ...]
    rights_phone: str  # the children's rights officer's free number
    complaints_email: str
    ombudsman: str

    @classmethod
    def from_settings(cls, settings: Settings) -> Council:
        return cls(
            name=settings.council.name,
            address=settings.council.address,
            rights_phone=settings.council.rights_officer_phone,
            complaints_email=settings.recipients.complaints_officer_email or "",
            ombudsman=settings.council.ombudsman_contact,
        )


@dataclass(frozen=True)
class Recommendation:
    """One stage 3 panel recommendation and the council's answer."""

    text: str
    accepted: bool
    reasons: str = ""


@dataclass(frozen=True)
class StageFacts:
    number: int
    open: bool
    due: date | None  # the due date now (extended, if it was)
    original_due: date | None
    extension_reason: str | None
    responded_on: date | None
    late_request_refused: str | None  # the reasons, when a late request for this stage was refused

    @classmethod
    def of(cls, stage: Stage) -> StageFacts:
        decision = stage.late_request_decision or ""
        refused = decision.removeprefix("Refused: ") if decision.startswith("Refused: ") else None
        return cls(
            number=stage.number,
            open=stage.is_open,
            due=stage.effective_due_on,
            original_due=stage.due_on,
            extension_reason=stage.extension_reason,
            responded_on=stage.responded_on,
            late_request_refused=refused,
        )


@dataclass(frozen=True)
class LetterFacts:
    reference: str
    kind: Kind
    procedure: Procedure
    status: Status
    for_child: bool  # to a child or young person (a care leaver too): plain words, and the advocacy block
    language: str  # the person's language, where we have it
    name: str | None  # who the letter is to, as they gave it
    handled_by: str | None  # who is looking into it
    today: date
    received_on: date
    acknowledged: bool
    stage1_due: date | None  # as it will be once the letter acknowledges the complaint
    stages: tuple[StageFacts, ...]
    advocate: str | None  # "Name, Organisation" of the advocate on the case
    escalate_by: date  # 20 working days from the latest response (or from today, for a response sent now)
    council: Council
    investigating_officer: str | None = None
    independent_person: str | None = None
    panel_met_on: date | None = None
    recommendations: tuple[Recommendation, ...] = ()

    def stage(self, number: int) -> StageFacts | None:
        return next((s for s in self.stages if s.number == number), None)

    @property
    def current_stage(self) -> StageFacts | None:
        return self.stages[-1] if self.stages else None

    @property
    def is_open(self) -> bool:
        return self.status in (Status.NEW, Status.OPEN, Status.PAUSED)


def letter_language(rep: Representation) -> str:
    return rep.language if rep.language in LANGUAGES else "en"


def writes_to_a_child(rep: Representation) -> bool:
    """A child or young person (care leavers included) wrote, or an advocate wrote for one."""
    return rep.submitted_by in CHILD_VOICES


def advocate_may_have_copy(rep: Representation) -> bool:
    """The advocate on the case gets a copy only where the child agreed (rules-reference §10 item 4).

    Agreement is the child's recorded agreement, or their asking us to contact them only through the advocate.
    """
    return rep.advocate_id is not None and (rep.child_agreement is ChildAgreement.YES or rep.contact_via_advocate)


def _stage1_due(rep: Representation, settings: Settings, today: date) -> date | None:
    """Corporate stage 1 runs from the acknowledgement (LGSCO Code 6.3): an acknowledgement letter sent today
    starts it today, so the letter gives the date the clock will then show."""
    stage1 = next((s for s in rep.stages if s.number == 1), None)
    if stage1 is None:
        return None
    if rep.procedure is Procedure.CORPORATE and rep.acknowledged_on is None and stage1.is_open:
        days = clock.timescales_for(rep.procedure.value, settings).stages[1].respond
        return clock.WorkingCalendar.from_settings(settings).add_working_days(today, days)
    return stage1.effective_due_on


def _escalate_by(rep: Representation, settings: Settings, today: date) -> date:
    stage = rep.current_stage
    answered = stage.responded_on if stage is not None and stage.responded_on else today
    return clock.WorkingCalendar.from_settings(settings).add_working_days(answered, ESCALATION_WINDOW)


def _person(user: StaffUser | None) -> str | None:
    if user is None:
        return None
    return ", ".join(p for p in (user.name or user.email, user.organisation) if p)


def facts_for(
    rep: Representation,
    settings: Settings,
    today: date,
    *,
    handler: StaffUser | None = None,
    advocate: StaffUser | None = None,
) -> LetterFacts:
    """The facts of a case for a letter written ``today``; ``handler`` and ``advocate`` are the staff on it."""
    stage2 = next((s for s in rep.stages if s.number == 2), None)
    stage3 = next((s for s in rep.stages if s.number == 3), None)
    return LetterFacts(
        reference=rep.reference,
        kind=rep.kind,
        procedure=rep.procedure,
        status=rep.status,
        for_child=writes_to_a_child(rep),
        language=letter_language(rep),
        name=rep.contact_name,
        handled_by=(handler.name or None) if handler is not None else None,
        today=today,
        received_on=rep.received_on,
        acknowledged=rep.acknowledged_on is not None,
        stage1_due=_stage1_due(rep, settings, today),
        stages=tuple(StageFacts.of(s) for s in rep.stages),
        advocate=_person(advocate),
        escalate_by=_escalate_by(rep, settings, today),
        council=Council.from_settings(settings),
        investigating_officer=stage2.investigating_officer if stage2 is not None else None,
        independent_person=stage2.independent_person if stage2 is not None else None,
        panel_met_on=stage3.panel_meeting_on if stage3 is not None else None,
        # An unanswered recommendation reads as not accepted without reasons, so the stage 3 letter waits for it.
        recommendations=tuple(Recommendation(r.text, bool(r.accepted), r.reasons or "") for r in stage3.recommendations)
        if stage3 is not None
        else (),
    )
