"""Stage 2 (statutory) after the appointments: the agreed statement of complaint, the investigation report, and
the adjudication by a senior manager with a decision on every point (rules-reference §1.12, §10 items 15, 16).

The 25-working-day clock (65 at most, extended with reasons and a notice) runs from the stage 2 request, as the
Ombudsman counts it ("from the date of request", Staffordshire 25 010 090). The date the statement of complaint
was agreed is recorded and shown for information only: a slow agreement uses up the stage's time rather than
restarting it (the Ombudsman found fault where agreeing it took three months, Somerset 23 013 837).

The adjudication letter is the stage's response: sending it (or recording it) answers stage 2, and its outcome
follows from the decisions on the points.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.data import procedure as records
from intake.domain.audit import record_event
from intake.domain.casework import points
from intake.domain.casework.rules import (
    REASON_LIMIT,
    CaseworkError,
    person_name,
    require_not_before,
    require_not_future,
    require_not_paused,
    require_open,
    started_stage,
)
from intake.domain.sanitise import clean_text
from intake.models import Procedure, Representation, StaffUser, Stage


def _statutory_stage_2(rep: Representation, what: str) -> Stage:
    require_open(rep)
    require_not_paused(rep)
    stage = started_stage(rep, 2, what)
    if rep.procedure is Procedure.CORPORATE:
        raise CaseworkError("This is a corporate complaint: its stage 2 has no investigation or adjudication.")
    return stage


def record_statement(
    session: Session, rep: Representation, staff: StaffUser, agreed_on: date, today: date | None = None
) -> Stage:
    """The date the statement of complaint was agreed with the complainant. The clock does not move."""
    stage = _statutory_stage_2(rep, "The statement of complaint is recorded")
    require_not_before(
        agreed_on, stage.requested_on or stage.started_on, "The statement cannot be agreed before stage 2 was asked for"
    )
    require_not_future(agreed_on, today, "date the statement was agreed")
    stage.statement_agreed_on = agreed_on
    record_event(session, "statement_agreed", representation=rep, staff=staff, detail=f"on {agreed_on.isoformat()}")
    return stage


def record_report(
    session: Session, rep: Representation, staff: StaffUser, received_on: date, today: date | None = None
) -> Stage:
    """The Investigating Officer's report reached the council."""
    stage = _statutory_stage_2(rep, "The investigation report is recorded")
    if not (stage.investigating_officer and stage.independent_person):
        raise CaseworkError("Appoint the Investigating Officer and the Independent Person before their report.")
    appointed = max((i.appointed_on for i in stage.investigators), default=stage.started_on)
    require_not_before(received_on, appointed, "The report cannot be before the investigators were appointed")
    require_not_future(received_on, today, "date the report was received")
    stage.investigation_report_on = received_on
    record_event(
        session,
        "investigation_report_received",
        representation=rep,
        staff=staff,
        detail=f"on {received_on.isoformat()}",
    )
    return stage


def adjudicate(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    *,
    adjudicator: str,
    senior_manager: bool,
    adjudicated_on: date,
    actions: str | None,
    today: date | None = None,
) -> Stage:
    """A senior manager's decision on every point, after reading the report, and what the council will do."""
    stage = _statutory_stage_2(rep, "The adjudication is recorded")
    if stage.investigation_report_on is None:
        raise CaseworkError("Record the investigation report before the adjudication: it decides on the report.")
    name = person_name(adjudicator)
    if not name:
        raise CaseworkError("Enter who adjudicated.")
    if not senior_manager:
        raise CaseworkError("A senior manager adjudicates at stage 2. Ask a senior manager to make the decision.")
    complaint_points = records.points_for(session, rep.id)
    if not complaint_points:
        raise CaseworkError("Add the complaint's points and the decision on each: the adjudication decides each one.")
    points.stage_outcome(complaint_points, 2)  # refuses while any point has no stage 2 decision
    require_not_before(adjudicated_on, stage.investigation_report_on, "The adjudication cannot be before the report")
    require_not_future(adjudicated_on, today, "adjudication date")
    stage.adjudicated_by = name
    stage.adjudicated_on = adjudicated_on
    stage.adjudication_actions = clean_text(actions)[:REASON_LIMIT] or None
    record_event(
        session, "adjudicated", representation=rep, staff=staff, detail=f"stage 2 on {adjudicated_on.isoformat()}"
    )
    return stage
