"""Moving through the stages: the response to a stage, a request for the next one, and late requests.

A request after the window (20 working days from the last response; the council's own window for corporate
complaints) is flagged and waits for a decision: never refused automatically (LGSCO, Surrey 20 003 273). A
refusal carries a coded reason (``refusals``). What each stage needs before its response is in
``_answerable_stage``: stage 2's investigators, report and adjudication (``investigation``, ``stage2``), stage
3's panel, report and the answer to every recommendation (``panel``, ``stage3``), and a corporate stage 2's own
handler (``corporate``). When the complaint has points, the response's outcome follows from theirs (``points``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import procedure as records
from intake.domain.audit import record_event
from intake.domain.casework import late, points, refusals
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
    require_not_before,
    require_not_future,
    require_not_paused,
    require_open,
    timescales,
)
from intake.models import Outcome, Procedure, Representation, StaffUser, Stage


def _statutory_stage_2_ready(stage: Stage) -> None:
    if not (stage.investigating_officer and stage.independent_person):
        raise CaseworkError("Record the Investigating Officer and the Independent Person before the stage 2 response.")
    if stage.adjudicated_on is None:
        raise CaseworkError("Record the investigation report and the adjudication before the stage 2 response.")


def _stage_3_ready(stage: Stage) -> None:
    if not stage.panel_members:
        raise CaseworkError("Record the panel before the stage 3 response.")
    if stage.panel_report_on is None:
        raise CaseworkError("Record the panel's report and its recommendations before the council's response.")
    undecided = [r for r in stage.recommendations if not r.decided]
    if undecided:
        raise CaseworkError(
            f"Record whether the council accepts recommendation {undecided[0].position} before the response."
        )


def _answerable_stage(rep: Representation) -> Stage:
    """The open stage a response can be recorded on, with everything that stage needs first."""
    stage = open_stage(rep)
    if stage is None:
        raise CaseworkError("There is no open stage to respond to.")
    if awaiting_decision(stage):
        raise CaseworkError("Decide on the late request first: the stage has not started.")
    corporate = rep.procedure is Procedure.CORPORATE
    if stage.number == 2 and not corporate:
        _statutory_stage_2_ready(stage)
    if stage.number == 2 and corporate and stage.handled_by_id is None:
        raise CaseworkError("Choose who handles stage 2 (not stage 1's handler) before its response.")
    if stage.number == 3:
        _stage_3_ready(stage)
    return stage


def _earliest_response(stage: Stage) -> tuple[date, str]:
    """The first day a response can carry, and what it follows."""
    if stage.number == 3 and stage.panel_report_on:
        return stage.panel_report_on, "The council's response cannot be before the panel's report"
    if stage.number == 2 and stage.adjudicated_on:
        return stage.adjudicated_on, "The stage 2 response cannot be before the adjudication"
    return stage.started_on, "The response date cannot be before the stage started"


def _outcome(session: Session, rep: Representation, stage: Stage, chosen: Outcome | None) -> Outcome:
    """The points' outcome when the complaint has points (a different choice is refused), else the one chosen."""
    derived = points.stage_outcome(records.points_for(session, rep.id), stage.number)
    if derived is None:
        if chosen is None:
            raise CaseworkError("Select the outcome, or add the complaint's points and record each one's outcome.")
        return chosen
    if chosen is not None and chosen is not derived:
        raise CaseworkError(
            f"The points' outcomes make stage {stage.number} {derived.value.replace('_', ' ')}, not "
            f"{chosen.value.replace('_', ' ')}. Change a point's outcome, or choose that outcome."
        )
    return derived


def record_response(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    outcome: Outcome | None,
    responded_on: date,
    today: date | None = None,
) -> Stage:
    """The stage's response (its letter's date). ``outcome`` may be None when the complaint's points give it."""
    require_open(rep)
    require_complaint(rep)
    require_can_progress(rep)
    require_not_paused(rep)
    late.require_decided(session, rep)
    stage = _answerable_stage(rep)
    earliest, message = _earliest_response(stage)
    require_not_before(responded_on, earliest, message)
    require_not_future(responded_on, today, "response date")
    stage.outcome = _outcome(session, rep, stage, outcome)
    stage.responded_on = responded_on
    if stage.handled_by_id is None:
        stage.handled_by_id = rep.assigned_to_id or staff.id
    on_time = responded_on <= stage.effective_due_on if stage.effective_due_on else True
    record_event(
        session,
        "stage_responded",
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number} {stage.outcome.value} on {responded_on.isoformat()}"
        + ("" if on_time else " (late)"),
    )
    return stage


def _next_stage_number(session: Session, rep: Representation, settings: Settings) -> tuple[date, int]:
    """(the day the last stage was answered, the number of the stage asked for), or why there can be none."""
    previous = rep.current_stage
    if previous is None or previous.responded_on is None:
        raise CaseworkError("Record the response to the current stage before an escalation request.")
    if is_refused(previous) or records.refusal_of_stage(session, rep.id, previous.number) is not None:
        raise CaseworkError("The last stage was refused. Close the case, or record a new decision.")
    number = previous.number + 1
    if number not in timescales(rep, settings).stages:
        raise CaseworkError(
            f"The {rep.procedure.value} procedure has no stage {number}. The next step is the Ombudsman."
        )
    return previous.responded_on, number


def start_clock(rep: Representation, stage: Stage, settings: Settings, start: date) -> None:
    """Start a stage's clock from ``start`` (the request): a corporate stage 2 is first acknowledged (its response
    is due 20 working days after that), and stage 3's first clock is the panel's meeting."""
    ts = timescales(rep, settings).stages[stage.number]
    cal = calendar_for(settings)
    stage.started_on = start
    if ts.acknowledge is not None:
        stage.acknowledge_by = cal.add_working_days(start, ts.acknowledge)
        stage.due_on = cal.add_working_days(stage.acknowledge_by, ts.respond)  # until it is acknowledged
    else:
        stage.due_on = cal.add_working_days(start, ts.respond)
    if stage.number == 3:
        stage.panel_due_on = stage.due_on


def request_escalation(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    requested_on: date,
    today: date | None = None,
) -> Stage:
    """Record that the person asked for the next stage. An in-time request starts the stage and its clock now."""
    require_open(rep)
    require_complaint(rep)
    require_can_progress(rep)
    require_not_paused(rep)
    answered_on, number = _next_stage_number(session, rep, settings)
    if requested_on < answered_on:
        raise CaseworkError("The request cannot be before the previous stage's response.")
    require_not_future(requested_on, today, "request date")
    ts = timescales(rep, settings)
    window_ends = calendar_for(settings).add_working_days(answered_on, ts.escalation_window or 20)
    late_request = requested_on > window_ends
    stage = Stage(number=number, requested_on=requested_on, late_request=late_request, started_on=requested_on)
    if not late_request:
        start_clock(rep, stage, settings, requested_on)
    rep.stages.append(stage)
    session.flush()
    record_event(
        session,
        "escalation_requested",
        representation=rep,
        staff=staff,
        detail=f"stage {number} requested on {requested_on.isoformat()}"
        + (f"; late (window ended {window_ends.isoformat()}), needs a decision" if late_request else ""),
    )
    return stage


def decide_late_request(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    accept: bool,
    reason: str,
    today: date,
    code: str = "out_of_time",
) -> Stage:
    """Accept or refuse a late escalation request, always with reasons; a refusal also has a coded reason.

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
        start_clock(rep, stage, settings, stage.requested_on or today)
        stage.late_request_decision = ACCEPTED + why
    else:
        refusals.check_code(code, settings)
        stage.late_request_decision = REFUSED + why
        stage.responded_on = today  # the request is answered; no clock runs
        refusals.record(session, rep, staff, stage.number, code, why, today)
    record_event(
        session,
        "late_request_" + ("accepted" if accept else "refused"),
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number}",
    )
    return stage
