"""Stage 3 after the panel meets: its report and recommendations, and the council's response (reg 20-21;
rules-reference §1.13, §10 item 18).

Three clocks run in turn: the panel meets within 30 working days of the request, reports within 5 of meeting,
and the council responds within 15 of receiving the report. The stage's ``due_on`` is always the running one,
so a panel held on day 30 and a lawful response on day 50 is on time throughout. The council need not follow a
recommendation, but must give its reasons in writing: a rejection without reasons is refused. The response is
made together with the stage 2 Independent Person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    REASON_LIMIT,
    CaseworkError,
    calendar_for,
    given_reason,
    require_not_before,
    require_not_future,
    require_not_paused,
    require_open,
    started_stage,
)
from intake.domain.casework.stages import record_response
from intake.domain.sanitise import clean_text
from intake.models import Outcome, PanelRecommendation, Representation, StaffUser, Stage

MOST_RECOMMENDATIONS = 30


def _met_panel(rep: Representation, what: str) -> Stage:
    require_open(rep)
    require_not_paused(rep)
    stage = started_stage(rep, 3, what)
    if stage.panel_meeting_on is None:
        raise CaseworkError("Record the panel and the date it met first.")
    return stage


def record_panel_report(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    received_on: date,
    recommendations: Sequence[str],
    today: date | None = None,
) -> Stage:
    """The panel's report reached the council, with its recommendations (one per item; there may be none)."""
    stage = _met_panel(rep, "The panel's report is recorded")
    if any(r.decided for r in stage.recommendations):
        raise CaseworkError("The council has started answering the recommendations: the report can no longer change.")
    require_not_before(received_on, stage.panel_meeting_on, "The panel's report cannot be before the panel met")
    require_not_future(received_on, today, "date the report was received")
    texts = [t for t in (clean_text(r)[:REASON_LIMIT] for r in recommendations) if t]
    if len(texts) > MOST_RECOMMENDATIONS:
        raise CaseworkError(f"Enter at most {MOST_RECOMMENDATIONS} recommendations.")
    stage.recommendations = [PanelRecommendation(position=i, text=t) for i, t in enumerate(texts, start=1)]
    stage.panel_report_on = received_on
    session.flush()  # the recommendations get their ids, to be answered one by one
    # The last clock: the council's response, 15 working days from the report (reg 21).
    stage.council_response_due_on = calendar_for(settings).add_working_days(received_on, clock.COUNCIL_RESPONSE_DAYS)
    stage.due_on = stage.council_response_due_on
    late = stage.panel_report_due_on is not None and received_on > stage.panel_report_due_on
    record_event(
        session,
        "panel_report_received",
        representation=rep,
        staff=staff,
        detail=f"on {received_on.isoformat()}; {len(texts)} recommendations" + (" (late)" if late else ""),
    )
    return stage


def decide_recommendation(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    recommendation_id: int,
    accepted: bool,
    reasons: str | None,
    today: date,
) -> PanelRecommendation:
    """The council accepts a recommendation, or rejects it with its reasons in writing."""
    stage = _met_panel(rep, "Recommendations are answered")
    if stage.panel_report_on is None:
        raise CaseworkError("Record the panel's report and its recommendations first.")
    recommendation = next((r for r in stage.recommendations if r.id == recommendation_id), None)
    if recommendation is None:
        raise CaseworkError("Select one of the panel's recommendations.")
    if accepted:
        recommendation.reasons = clean_text(reasons)[:REASON_LIMIT] or None
    else:
        recommendation.reasons = given_reason(
            reasons, "the reasons for not accepting this recommendation: the council must set them out in writing"
        )
    recommendation.accepted = accepted
    recommendation.decided_on, recommendation.decided_by = today, staff.email
    record_event(
        session,
        "recommendation_" + ("accepted" if accepted else "rejected"),
        representation=rep,
        staff=staff,
        detail=f"recommendation {recommendation.position}",
    )
    return recommendation


def record_council_response(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    *,
    responded_on: date,
    with_independent_person: bool,
    outcome: Outcome | None,
    today: date | None = None,
) -> Stage:
    """The council's response to the panel: stage 3's response, made with the stage 2 Independent Person."""
    stage = _met_panel(rep, "The council's response is recorded")
    if not with_independent_person:
        raise CaseworkError(
            "The council's response is made together with the stage 2 Independent Person (reg 21). "
            "Confirm it was, or agree it with them first."
        )
    stage.response_with_ip = True
    return record_response(session, rep, staff, outcome, responded_on, today)
