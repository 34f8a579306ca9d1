"""Stage 3 of the statutory procedure: the request window (rules-reference §10 item 17), the panel (items 18, 19),
its report and recommendations, and the council's response, each on its own clock (reg 19-21).

Stage 3 is asked for on Monday 7 December 2026. Day 30 (the panel's last day) is Thursday 21 January 2027, day 35
(its report, 5 after meeting on day 30) Thursday 28 January, and day 50 (the council's response, 15 after the
report) Thursday 18 February.
"""

from __future__ import annotations

from datetime import date

import pytest

from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.domain.rag_report import rag_report
from intake.models import Outcome
from tests.domain.procedure_cases import PANEL, STAGE3_REQUEST, TODAY, at_stage_3, decide_points, through_stage_2
from tests.factories import create_staff

DAY_30, DAY_35, DAY_50 = date(2027, 1, 21), date(2027, 1, 28), date(2027, 2, 18)


@pytest.fixture
def officer():
    return create_staff()


def with_panel(session, officer, settings, meeting=DAY_30, **kwargs):
    rep = at_stage_3(session, officer, settings)
    casework.record_panel(session, rep, officer, settings, PANEL, "Cy Dunn", meeting, **kwargs)
    return rep


def reported(session, officer, settings, recommendations=("Apologise in writing", "Review the rota")):
    rep = with_panel(session, officer, settings)
    casework.record_panel_report(session, rep, officer, settings, DAY_35, list(recommendations), TODAY)
    decide_points(session, officer, rep, [Outcome.UPHELD])
    return rep


def test_item_17_a_stage_3_request_after_20_working_days_is_flagged_late_and_waits_for_a_decision(
    session, officer, settings
):
    rep = through_stage_2(session, officer, settings)  # answered Fri 4 Dec 2026; window ends Wed 6 Jan 2027
    assert not casework.request_escalation(session, rep, officer, settings, date(2027, 1, 6), TODAY).late_request
    rep.stages.pop()
    stage = casework.request_escalation(session, rep, officer, settings, date(2027, 1, 7), TODAY)
    assert stage.late_request and stage.due_on is None and casework.awaiting_decision(stage)
    casework.decide_late_request(session, rep, officer, settings, True, "She was in hospital", date(2027, 1, 8))
    # Accepted: the panel's clock runs from the request, 30 working days.
    assert stage.due_on == stage.panel_due_on == date(2027, 2, 18)


def test_item_18_the_panel_clock_is_30_working_days_from_the_request(session, officer, settings):
    rep = at_stage_3(session, officer, settings)
    stage = rep.current_stage
    assert stage.requested_on == STAGE3_REQUEST
    assert stage.due_on == stage.panel_due_on == DAY_30


@pytest.mark.parametrize(
    ("members", "chair", "meeting", "message"),
    [
        (["Ann Lee", "Bo Chen", ""], "Ann Lee", date(2027, 1, 5), "exactly 3"),
        (["Ann Lee", "Bo Chen", "Cy Dunn", "Di Evans"], "Ann Lee", date(2027, 1, 5), "exactly 3"),
        (["Ann Lee", "Bo Chen", "alex smith"], "Ann Lee", date(2027, 1, 5), "Independent Person cannot"),
        (["Ann Lee", "Bo Chen", "ann lee"], "Ann Lee", date(2027, 1, 5), "different people"),
        (["Ann Lee", "Bo Chen", "Cy Dunn"], "Someone else", date(2027, 1, 5), "chair"),
        (["Ann Lee", "Bo Chen", "Cy Dunn"], "Ann Lee", date(2027, 1, 22), "within 30 working days"),
        (["Ann Lee", "Bo Chen", "Cy Dunn"], "Ann Lee", date(2026, 12, 4), "before the request"),
    ],
)
def test_item_18_a_panel_is_three_independent_people_without_the_stage_2_independent_person_meeting_in_time(
    session, officer, settings, members, chair, meeting, message
):
    rep = at_stage_3(session, officer, settings)
    with pytest.raises(CaseworkError, match=message):
        casework.record_panel(session, rep, officer, settings, members, chair, meeting)
    assert rep.current_stage.panel == []


def test_item_19_the_complainants_advocate_and_one_other_person_are_recorded_as_attending(session, officer, settings):
    rep = with_panel(session, officer, settings, advocate="Kim Ross (Barnardo's)", companion="Her aunt, Jo")
    session.commit()
    stage = rep.current_stage
    assert [(m.name, m.chair) for m in stage.panel] == [("Cy Dunn", True), ("Ann Lee", False), ("Bo Chen", False)]
    assert (stage.panel_advocate, stage.panel_companion) == ("Kim Ross (Barnardo's)", "Her aunt, Jo")
    assert stage.panel_members.split("\n")[0] == "Cy Dunn"
    with pytest.raises(CaseworkError, match="two different people"):
        casework.record_panel(session, rep, officer, settings, PANEL, "Cy Dunn", DAY_30, advocate="Jo", companion="jo")


def test_item_18_after_the_meeting_the_running_clock_is_the_panels_report_5_working_days_later(
    session, officer, settings
):
    rep = with_panel(session, officer, settings)
    stage = rep.current_stage
    assert stage.panel_report_due_on == stage.due_on == DAY_35
    assert stage.panel_due_on == DAY_30  # kept for the report's timeliness


def test_item_18_the_panels_report_cannot_come_before_the_meeting_and_sets_the_councils_15_days(
    session, officer, settings
):
    rep = with_panel(session, officer, settings)
    with pytest.raises(CaseworkError, match="before the panel met"):
        casework.record_panel_report(session, rep, officer, settings, date(2027, 1, 20), ["x"], TODAY)
    casework.record_panel_report(session, rep, officer, settings, DAY_35, ["Apologise in writing", " "], TODAY)
    stage = rep.current_stage
    assert [r.text for r in stage.recommendations] == ["Apologise in writing"]
    assert stage.council_response_due_on == stage.due_on == DAY_50


def test_item_18_a_recommendation_rejected_without_reasons_is_refused(session, officer, settings):
    rep = reported(session, officer, settings)
    first, second = rep.current_stage.recommendations
    with pytest.raises(CaseworkError, match="reasons for not accepting"):
        casework.decide_recommendation(session, rep, officer, second.id, False, "  ", TODAY)
    casework.decide_recommendation(session, rep, officer, first.id, True, None, TODAY)
    casework.decide_recommendation(session, rep, officer, second.id, False, "The rota changed in January", TODAY)
    assert (first.accepted, second.accepted, second.reasons) == (True, False, "The rota changed in January")


def test_item_18_the_councils_response_needs_every_recommendation_answered_and_the_independent_person(
    session, officer, settings
):
    rep = reported(session, officer, settings)
    first, second = rep.current_stage.recommendations
    casework.decide_recommendation(session, rep, officer, first.id, True, None, TODAY)
    response = {"responded_on": DAY_50, "with_independent_person": True, "outcome": Outcome.UPHELD, "today": TODAY}
    with pytest.raises(CaseworkError, match="recommendation 2"):
        casework.record_council_response(session, rep, officer, **response)
    casework.decide_recommendation(session, rep, officer, second.id, False, "Already done", TODAY)
    with pytest.raises(CaseworkError, match="Independent Person"):
        casework.record_council_response(session, rep, officer, **{**response, "with_independent_person": False})
    with pytest.raises(CaseworkError, match="before the panel's report"):
        casework.record_council_response(session, rep, officer, **{**response, "responded_on": date(2027, 1, 27)})
    stage = casework.record_council_response(session, rep, officer, **response)
    assert stage.responded_on == DAY_50 and stage.response_with_ip
    with pytest.raises(CaseworkError, match="no stage 4"):
        casework.request_escalation(session, rep, officer, settings, date(2027, 2, 19), TODAY)


def test_the_issues_example_a_panel_on_day_30_and_a_response_on_day_50_is_green_throughout_and_on_time(
    session, officer, settings
):
    """The old clock kept day 30 as the response's deadline, so this lawful case showed red from day 31."""
    rep = reported(session, officer, settings, recommendations=())
    session.commit()
    for day in (date(2027, 1, 22), date(2027, 2, 1), date(2027, 2, 15)):  # days 31, 37 and 47
        deadline = casework.deadline(rep, settings, day)
        assert deadline.rag == "green", day
        [case] = rag_report(session, settings, day).cases
        assert case.rag == "green"
    assert casework.deadline(rep, settings, DAY_50).rag == "amber"  # due today: not overdue
    stage = casework.record_council_response(
        session, rep, officer, responded_on=DAY_50, with_independent_person=True, outcome=None, today=TODAY
    )
    assert stage.responded_on <= stage.effective_due_on


def test_stage_3_cannot_be_extended(session, officer, settings):
    rep = at_stage_3(session, officer, settings)
    with pytest.raises(CaseworkError, match="cannot be extended"):
        casework.extend(session, rep, officer, settings, date(2027, 1, 25), "Panel member ill")
