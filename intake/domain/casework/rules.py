"""What every casework step shares: the error staff see, the checks that guard a step, and where a case stands.

Sources are in docs/rules-reference.md: §1.11-1.13 (stages), §10 items 3, 12, 14-18 (what is tested).
"""

from __future__ import annotations

from datetime import date, datetime

from intake.config import Settings
from intake.domain import clock
from intake.domain.sanitise import clean_text
from intake.models import Kind, Representation, Stage, Status, SubmittedBy

# The late-request decision is stored as text beginning with one of these.
ACCEPTED = "Accepted: "
REFUSED = "Refused: "
REASON_LIMIT = 2000
NAME_LIMIT = 200


class CaseworkError(ValueError):
    """A step that the rules do not allow, with a message that says what to do instead."""


def today_in_london() -> date:
    return datetime.now(clock.LONDON).date()


def calendar_for(settings: Settings) -> clock.WorkingCalendar:
    return clock.WorkingCalendar.from_settings(settings)


def timescales(rep: Representation, settings: Settings) -> clock.ProcedureTimescales:
    return clock.timescales_for(rep.procedure.value, settings)


def given_reason(text: str | None, what: str = "a reason") -> str:
    """A reason staff must give, cleaned; refused when empty or too long."""
    cleaned = clean_text(text)
    if not cleaned:
        raise CaseworkError(f"Enter {what}.")
    if len(cleaned) > REASON_LIMIT:
        raise CaseworkError(f"The text must be {REASON_LIMIT} characters or fewer.")
    return cleaned


def person_name(text: str | None) -> str:
    return clean_text(text)[:NAME_LIMIT]


def same_person(a: str, b: str) -> bool:
    """Names compared as people would: case and spacing do not make a different person."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def require_open(rep: Representation) -> None:
    if not rep.is_open:
        raise CaseworkError("This case is closed. Nothing more can be recorded on its stages.")


def require_complaint(rep: Representation) -> None:
    if rep.kind is not Kind.COMPLAINT:
        raise CaseworkError(
            "Only complaints have stages and deadlines. Change the kind at triage if this is a complaint."
        )


def require_can_progress(rep: Representation) -> None:
    """Someone not listed in the Act needs a sufficient-interest decision first (s26(3)(e))."""
    if rep.submitted_by is SubmittedBy.OTHER:
        if rep.sufficient_interest is None:
            raise CaseworkError(
                "Record the sufficient-interest decision at triage first: this person is not the child or someone "
                "who can speak for them by right."
            )
        if rep.sufficient_interest is False:
            raise CaseworkError("The person was found not to have sufficient interest, so the case cannot move on.")


def require_not_future(day: date, today: date | None, what: str) -> None:
    if day > (today or today_in_london()):
        raise CaseworkError(f"The {what} cannot be in the future.")


def require_not_before(day: date, earlier: date | None, message: str) -> None:
    """Dates in the order the procedure has them: ``message`` names both, and when the earlier one was."""
    if earlier is not None and day < earlier:
        raise CaseworkError(f"{message} ({earlier:%-d %B %Y}).")


def require_not_paused(rep: Representation) -> None:
    """Nothing moves on while a reg 8 pause holds the case: its clocks are stopped."""
    if rep.status is Status.PAUSED:
        raise CaseworkError("The case is paused. Resume it first: its clocks are stopped while it is paused.")


def stage_numbered(rep: Representation, number: int) -> Stage | None:
    return next((s for s in rep.stages if s.number == number), None)


def open_stage(rep: Representation) -> Stage | None:
    stage = rep.current_stage
    return stage if stage is not None and stage.is_open else None


def awaiting_decision(stage: Stage | None) -> bool:
    """A late escalation request nobody has decided on yet: the stage has not started."""
    return stage is not None and stage.late_request and not stage.late_request_decision


def is_refused(stage: Stage) -> bool:
    return bool(stage.late_request_decision and stage.late_request_decision.startswith(REFUSED))


def running_stage(rep: Representation) -> Stage | None:
    """The stage whose clock is running now, if any."""
    stage = open_stage(rep)
    if stage is None or awaiting_decision(stage) or stage.due_on is None:
        return None
    return stage


def started_stage(rep: Representation, number: int, what: str) -> Stage:
    """The open stage ``number`` once it has started (a late request decided), or a message saying when ``what``
    can be recorded."""
    stage = open_stage(rep)
    if stage is None or stage.number != number or awaiting_decision(stage):
        raise CaseworkError(f"{what} once stage {number} has started.")
    return stage
