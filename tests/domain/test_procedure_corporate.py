"""The corporate procedure (LGSCO Complaint Handling Code; rules-reference §10 items 22-24): its own timescales
from settings, a stage 2 acknowledged on its own and answered 20 working days after that, extensions no further
than the Code allows, and a stage 2 handler who is not stage 1's."""

from __future__ import annotations

from datetime import date

import pytest

from intake.config import settings_for_tests
from intake.domain import casework, clock
from intake.domain.casework import CaseworkError
from intake.models import Kind, Outcome, Procedure
from tests.domain.procedure_cases import TODAY
from tests.factories import create_representation, create_staff


@pytest.fixture
def officer():
    return create_staff()


def corporate_at_stage_2(session, officer, settings, handler):
    rep = create_representation()
    casework.triage(session, rep, officer, settings, kind=Kind.COMPLAINT, procedure=Procedure.CORPORATE, team_id=None)
    casework.assign(session, rep, officer, handler.id)
    casework.acknowledge(session, rep, officer, settings, date(2026, 11, 4))
    casework.record_response(session, rep, officer, Outcome.NOT_UPHELD, date(2026, 11, 13), TODAY)
    casework.request_escalation(session, rep, officer, settings, date(2026, 11, 16), TODAY)
    return rep


def test_items_22_and_23_the_corporate_timescales_come_from_settings():
    settings = settings_for_tests(
        {
            "CORPORATE_ACK_DAYS": 3,
            "CORPORATE_STAGE1_DAYS": 8,
            "CORPORATE_STAGE1_EXTENSION_DAYS": 5,
            "CORPORATE_STAGE2_ACK_DAYS": 4,
            "CORPORATE_STAGE2_DAYS": 15,
            "CORPORATE_STAGE2_EXTENSION_DAYS": 10,
            "CORPORATE_ESCALATION_DAYS": 28,
        }
    )
    ts = clock.timescales_for("corporate", settings)
    assert ts.acknowledge == 3 and ts.escalation_window == 28
    assert (ts.stages[1].respond, ts.stages[1].extend_to) == (8, 13)
    assert (ts.stages[2].acknowledge, ts.stages[2].respond, ts.stages[2].extend_to) == (4, 15, 25)
    assert 3 not in ts.stages  # item 24: two stages, no "stage 0"


def test_item_23_a_corporate_stage_2_is_acknowledged_within_5_and_answered_20_working_days_after(
    session, officer, settings
):
    rep = corporate_at_stage_2(session, officer, settings, officer)
    stage = rep.current_stage
    assert stage.acknowledge_by == date(2026, 11, 23)  # 16 Nov + 5
    assert stage.due_on == date(2026, 12, 21)  # until acknowledged: 20 after the latest acknowledgement
    with pytest.raises(CaseworkError, match="before the request"):
        casework.acknowledge_stage_2(session, rep, officer, settings, date(2026, 11, 13), TODAY)
    casework.acknowledge_stage_2(session, rep, officer, settings, date(2026, 11, 17), TODAY)
    assert stage.due_on == date(2026, 12, 15)  # 17 Nov + 20
    # Extensions run to 20 more working days from the acknowledgement, no further (Code).
    with pytest.raises(CaseworkError, match="40 working days at most"):
        casework.extend(session, rep, officer, settings, date(2027, 1, 18), "Complex")
    casework.extend(session, rep, officer, settings, date(2027, 1, 15), "Three services involved")


def test_item_23_a_corporate_stage_2_is_handled_by_someone_other_than_stage_1s_handler(session, officer, settings):
    first = create_staff("first@council.example", name="Jo First")
    second = create_staff("second@council.example", name="Sam Second")
    rep = corporate_at_stage_2(session, officer, settings, first)
    assert rep.stages[0].handled_by_id == first.id
    with pytest.raises(CaseworkError, match="Choose who handles stage 2"):
        casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 12, 1), TODAY)
    with pytest.raises(CaseworkError, match="Jo First handled stage 1"):
        casework.choose_handler(session, rep, officer, first.id)
    casework.choose_handler(session, rep, officer, second.id)
    stage = casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 12, 1), TODAY)
    assert stage.handled_by_id == second.id


def test_item_22_a_corporate_stage_1_extension_runs_to_10_more_working_days_from_the_acknowledgement(
    session, officer, settings
):
    rep = create_representation()
    casework.triage(session, rep, officer, settings, kind=Kind.COMPLAINT, procedure=Procedure.CORPORATE, team_id=None)
    casework.acknowledge(session, rep, officer, settings, date(2026, 11, 4))
    assert rep.stages[0].due_on == date(2026, 11, 18)
    with pytest.raises(CaseworkError, match="20 working days at most"):
        casework.extend(session, rep, officer, settings, date(2026, 12, 3), "Complex")
    casework.extend(session, rep, officer, settings, date(2026, 12, 2), "Complex")
