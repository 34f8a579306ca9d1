"""A reporting year (2026/27) walked through the procedure with the casework rules, for the report tests.

The complaint comes in on Monday 2 November 2026 and goes through all three stages (see
tests/domain/procedure_cases.py), paused for two working days before the panel, which meets on day 30; the
council answers on day 50. Beside it: a refused complaint, a corporate one, and an action agreed the year before.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from intake.domain import casework
from intake.extensions import db
from intake.models import ActionStatus, Kind, LgoResult, Outcome, PauseReason, Procedure, ReportNarrative
from tests.domain.procedure_cases import PANEL, TODAY, at_stage_3, decide_points
from tests.factories import create_representation, create_staff

DAY_30, DAY_35, DAY_50 = date(2027, 1, 21), date(2027, 1, 28), date(2027, 2, 18)


@pytest.fixture
def officer():
    return create_staff()


@pytest.fixture
def walked_year(session, officer, settings):
    """One complaint through stages 1 to 3 with a pause, a refused one, a corporate one, and last year's action."""
    rep = at_stage_3(session, officer, settings)
    casework.pause(session, rep, officer, settings, PauseReason.COURT, "Care proceedings", date(2026, 12, 14), TODAY)
    casework.resume(session, rep, officer, settings, date(2026, 12, 16), TODAY)  # 2 working days
    stage = rep.current_stage
    assert stage.panel_due_on == date(2027, 1, 25)  # day 30 plus the 2 paused days
    casework.record_panel(session, rep, officer, settings, PANEL, "Cy Dunn", DAY_30)
    casework.record_panel_report(session, rep, officer, settings, DAY_35, ["Apologise in writing"], TODAY)
    casework.decide_recommendation(session, rep, officer, stage.recommendations[0].id, True, None, TODAY)
    decide_points(session, officer, rep, [Outcome.UPHELD])
    casework.record_council_response(
        session, rep, officer, responded_on=DAY_50, with_independent_person=True, outcome=None, today=TODAY
    )
    referral = casework.refer(session, rep, officer, date(2027, 3, 1), "26 000 123", TODAY)
    casework.record_decision(
        session,
        rep,
        officer,
        referral.id,
        decided_on=date(2027, 5, 3),
        outcome=LgoResult.INVESTIGATED_UPHELD,
        remedy="Pay £300",
        compliance_due_on=date(2027, 6, 1),
        today=TODAY,
    )
    casework.record_payment(
        session,
        rep,
        officer,
        pence=30000,
        paid_on=date(2027, 3, 10),
        reason="ombudsman_remedy",
        detail="The Ombudsman's remedy",
        today=TODAY,
    )
    casework.set_resolutions(session, rep, officer, ["apology", "payment"])
    casework.add_learning_point(session, rep, officer, "Panels need a date in the first week", date(2027, 2, 19))
    casework.add_action(
        session,
        rep,
        officer,
        description="Book panel members a term ahead",
        owner="Complaints manager",
        team_id=None,
        due_on=date(2027, 6, 30),
        today=date(2027, 2, 19),
    )
    refused = create_representation(received_at=datetime(2026, 11, 3, 10, tzinfo=UTC))
    casework.triage(
        session, refused, officer, settings, kind=Kind.COMPLAINT, procedure=Procedure.STATUTORY, team_id=None
    )
    casework.refuse(
        session, refused, officer, settings, "already_considered", "Answered in 2025", date(2026, 11, 4), TODAY
    )
    corporate = create_representation(received_at=datetime(2026, 11, 4, 10, tzinfo=UTC))
    casework.triage(
        session, corporate, officer, settings, kind=Kind.COMPLAINT, procedure=Procedure.CORPORATE, team_id=None
    )
    casework.acknowledge(session, corporate, officer, settings, date(2026, 11, 5))
    casework.record_response(session, corporate, officer, Outcome.NOT_UPHELD, date(2026, 11, 26), TODAY)  # 15 days
    last_year = create_representation(received_at=datetime(2025, 6, 2, 10, tzinfo=UTC))
    action = casework.add_action(
        session,
        last_year,
        officer,
        description="Train staff on call-backs",
        owner="Team manager",
        team_id=None,
        due_on=date(2025, 9, 1),
        today=date(2025, 6, 20),
    )
    casework.update_action(
        session, last_year, officer, action.id, ActionStatus.DONE, "Training given", date(2025, 8, 1)
    )
    db.session.add(ReportNarrative(year=2026, section="ombudsman_letter", text="Our annual letter.", updated_by="x"))
    session.commit()
    return rep
