"""Moving through the stages: the response to a stage, a request for the next one, and late requests.

A request after the window (20 working days from the last response) is flagged and waits for a decision:
never refused automatically (LGSCO, Surrey 20 003 273). Stage 2's investigators and stage 3's panel have
their own modules; they must be recorded before those stages' responses.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    ACCEPTED,
    REFUSED,
    CaseworkError,
    awaiting_decision,
    calendar_for,
    given_reason,
    is_refused,
    open_stage,
    require_can_progress,
    require_complaint,
    require_not_future,
    require_open,
    timescales,
)
from intake.models import Outcome, Representation, StaffUser, Stage


def _answerable_stage(rep: Representation) -> Stage:
    """The open stage a response can be recorded on, with everything that stage needs first."""
    stage = open_stage(rep)
    if stage is None:
        raise CaseworkError("There is no open stage to respond to.")
    if awaiting_decision(stage):
        raise CaseworkError("Decide on the late request first: the stage has not started.")
    if stage.number == 2 and not (stage.investigating_officer and stage.independent_person):
        raise CaseworkError("Record the Investigating Officer and the Independent Person before the stage 2 response.")
    if stage.number == 3 and not stage.panel_members:
        raise CaseworkError("Record the panel before the stage 3 response.")
    return stage


def record_response(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    outcome: Outcome,
    responded_on: date,
    today: date | None = None,
) -> Stage:
    require_open(rep)
    require_complaint(rep)
    require_can_progress(rep)
    stage = _answerable_stage(rep)
    if responded_on < stage.started_on:
        raise CaseworkError(f"The response date cannot be before the stage started ({stage.started_on:%d %B %Y}).")
    require_not_future(responded_on, today, "response date")
    stage.responded_on = responded_on
    stage.outcome = outcome
    on_time = responded_on <= stage.effective_due_on if stage.effective_due_on else True
    record_event(
        session,
        "stage_responded",
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number} {outcome.value} on {responded_on.isoformat()}" + ("" if on_time else " (late)"),
    )
    return stage


def _next_stage_number(rep: Representation, settings: Mapping[str, Any]) -> tuple[date, int]:
    """(the day the last stage was answered, the number of the stage asked for), or why there can be none."""
    previous = rep.current_stage
    if previous is None or previous.responded_on is None:
        raise CaseworkError("Record the response to the current stage before an escalation request.")
    if is_refused(previous):
        raise CaseworkError("The last escalation request was refused. Close the case, or record a new decision.")
    number = previous.number + 1
    if number not in timescales(rep, settings).stages:
        raise CaseworkError(
            f"The {rep.procedure.value} procedure has no stage {number}. The next step is the Ombudsman."
        )
    return previous.responded_on, number


def request_escalation(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    requested_on: date,
    today: date | None = None,
) -> Stage:
    """Record that the person asked for the next stage. An in-time request starts the stage and its clock now."""
    require_open(rep)
    require_complaint(rep)
    require_can_progress(rep)
    answered_on, number = _next_stage_number(rep, settings)
    if requested_on < answered_on:
        raise CaseworkError("The request cannot be before the previous stage's response.")
    require_not_future(requested_on, today, "request date")
    ts = timescales(rep, settings)
    cal = calendar_for(settings)
    window_ends = cal.add_working_days(answered_on, ts.escalation_window or 20)
    late = requested_on > window_ends
    stage = Stage(number=number, requested_on=requested_on, late_request=late, started_on=requested_on)
    if not late:
        stage.due_on = cal.add_working_days(requested_on, ts.stages[number].respond)
    rep.stages.append(stage)
    session.flush()
    record_event(
        session,
        "escalation_requested",
        representation=rep,
        staff=staff,
        detail=f"stage {number} requested on {requested_on.isoformat()}"
        + (f"; late (window ended {window_ends.isoformat()}), needs a decision" if late else ""),
    )
    return stage


def decide_late_request(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    accept: bool,
    reason: str,
    today: date,
) -> Stage:
    """Accept or refuse a late escalation request, always with reasons.

    An accepted request's clock runs from the date of the request, as the Ombudsman
    counts it and as the annual report measures it, so a slow decision uses up the
    stage's time rather than hiding a delay.
    """
    require_open(rep)
    stage = open_stage(rep)
    if stage is None or not awaiting_decision(stage):
        raise CaseworkError("There is no late request waiting for a decision.")
    why = given_reason(reason, "the reasons for the decision")
    if accept:
        stage.started_on = stage.requested_on or today
        respond = timescales(rep, settings).stages[stage.number].respond
        stage.due_on = calendar_for(settings).add_working_days(stage.started_on, respond)
        stage.late_request_decision = ACCEPTED + why
    else:
        stage.late_request_decision = REFUSED + why
        stage.responded_on = today  # the request is answered; no clock runs
    record_event(
        session,
        "late_request_" + ("accepted" if accept else "refused"),
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number}",
    )
    return stage
