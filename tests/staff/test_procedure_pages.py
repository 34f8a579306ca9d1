"""The procedure on the case page over HTTP: each step's form, its record on the page, and bad input refused with
a GOV.UK error summary (400) that says what to do, writing nothing.

The complaint arrives on Monday 2 February 2026, so every date below is in the past on any day these tests run.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from intake.config import settings_for_tests
from intake.data.procedure import payments_for, referrals_for
from intake.models import AuditEvent, CasePause, Status
from tests.factories import create_representation

RECEIVED = datetime(2026, 2, 2, 10, 0, tzinfo=UTC)


def d(day: int, month: int, year: int = 2026) -> list[str]:
    return [str(day), str(month), str(year)]


@pytest.fixture
def case(officer):
    return create_representation(received_at=RECEIVED, contact_phone="07700 900123", safe_to_contact=True)


def page(client, rep) -> str:
    return client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)


def refused(response, message: str) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == 400, html[:500]
    assert "There is a problem" in html and "govuk-error-summary" in html
    assert message in html, message
    return html


def post(client, post_form, rep, path, data):
    return post_form(client, f"/staff/cases/{rep.reference}/{path}", data)


def through_stage_1(client, post_form, rep):
    assert post(client, post_form, rep, "points", {"point-summary": "No reply to calls"}).status_code == 302
    point = rep_point_id(rep)
    response = post(
        client, post_form, rep, "point-outcome", {"point_outcome-point": point, "point_outcome-outcome": "not_upheld"}
    )
    assert response.status_code == 302
    response = post(
        client, post_form, rep, "respond", {"respond-outcome": "not_upheld", "respond-responded_on": d(12, 2)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def rep_point_id(rep) -> str:
    from intake.data.procedure import points_for
    from intake.extensions import db

    return str(points_for(db.session, rep.id)[0].id)


def at_stage_2(client, post_form, rep):
    through_stage_1(client, post_form, rep)
    assert post(client, post_form, rep, "escalate", {"escalate-requested_on": d(16, 2)}).status_code == 302


INVESTIGATORS = {
    "investigation-io_name": "Pat Jones",
    "investigation-io_organisation": "Jones Investigations",
    "investigation-io_email": "pat@jones.example",
    "investigation-io_declarations": ["not_involved", "not_line_manager"],
    "investigation-ip_name": "Alex Smith",
    "investigation-ip_organisation": "Independent Reviews",
    "investigation-ip_email": "alex@reviews.example",
    "investigation-ip_declarations": ["not_involved", "not_line_manager", "not_council", "not_council_partner"],
    "investigation-appointed_on": d(17, 2),
}


def test_item_16_the_investigators_are_appointed_from_the_case_page_with_their_declarations(client, post_form, case):
    at_stage_2(client, post_form, case)
    assert "Stage 2: appoint the investigators" in page(client, case)
    assert post(client, post_form, case, "investigation", INVESTIGATORS).status_code == 302
    html = page(client, case)
    assert "Alex Smith, Independent Reviews" in html and "not a member or officer of the council" in html
    assert "runs 25 working days" in html and "16 February 2026" in html


def test_item_16_an_independent_person_who_is_a_council_employee_is_refused_with_the_reason(
    client, post_form, case, session
):
    at_stage_2(client, post_form, case)
    employee = {**INVESTIGATORS, "investigation-ip_email": "alex.smith@council.example"}
    refused(post(client, post_form, case, "investigation", employee), "cannot be an officer of the council")
    undeclared = {**INVESTIGATORS, "investigation-ip_declarations": ["not_involved", "not_line_manager"]}
    refused(post(client, post_form, case, "investigation", undeclared), "Appoint someone from outside the council")
    session.expire_all()
    assert case.current_stage.independent_person is None


def at_stage_3(rep, user):
    """Stages 1 and 2 answered through the casework rules, stage 3 asked for on Monday 9 March 2026."""
    from intake.domain import casework
    from intake.extensions import db
    from intake.models import Outcome
    from tests.domain.procedure_cases import INDEPENDENT_PERSON, INVESTIGATING_OFFICER

    s, day = db.session, lambda dd, mm: datetime(2026, mm, dd).date()
    point = casework.add_point(s, rep, user, "No reply to calls")
    casework.record_point_outcome(s, rep, user, point.id, Outcome.NOT_UPHELD, None, day(12, 2))
    casework.record_response(s, rep, user, None, day(12, 2))
    casework.request_escalation(s, rep, user, settings_for_tests(), day(16, 2))
    casework.record_investigation(
        s, rep, user, settings_for_tests(), INVESTIGATING_OFFICER, INDEPENDENT_PERSON, day(17, 2)
    )
    casework.record_report(s, rep, user, day(2, 3))
    casework.record_point_outcome(s, rep, user, point.id, Outcome.NOT_UPHELD, None, day(2, 3))
    casework.adjudicate(
        s, rep, user, adjudicator="Sam Okafor", senior_manager=True, adjudicated_on=day(3, 3), actions=""
    )
    casework.record_response(s, rep, user, None, day(4, 3))
    casework.request_escalation(s, rep, user, settings_for_tests(), day(9, 3))
    s.commit()


PANEL = {
    "panel-member_1": "Ann Lee",
    "panel-member_2": "Bo Chen",
    "panel-member_3": "Cy Dunn",
    "panel-chair": "3",
    "panel-meeting_on": d(20, 4),
    "panel-advocate": "Kim Ross",
    "panel-companion": "Her aunt",
}


def test_item_18_a_panel_before_its_request_a_response_before_the_report_and_a_bare_rejection_are_refused(
    client, post_form, case, officer, session
):
    at_stage_3(case, officer)
    refused(post(client, post_form, case, "panel", {**PANEL, "panel-meeting_on": d(6, 3)}), "before the request")
    refused(
        post(client, post_form, case, "panel", {**PANEL, "panel-member_3": "Alex Smith"}),
        "Independent Person cannot sit on the review panel",
    )
    assert post(client, post_form, case, "panel", PANEL).status_code == 302
    report = {"panel_report-received_on": d(24, 4), "panel_report-recommendations": "Apologise\nReview the rota"}
    assert post(client, post_form, case, "panel-report", report).status_code == 302
    html = page(client, case)
    assert "Cy Dunn (chair)" in html and "Advocate: Kim Ross" in html and 'id="stage-3-clocks"' in html
    session.expire_all()
    first, second = case.current_stage.recommendations
    bare = {"recommendation-recommendation": str(second.id), "recommendation-decision": "reject"}
    refused(post(client, post_form, case, "recommendation", bare), "reasons for not accepting")
    for rec, decision in ((first, "accept"), (second, "reject")):
        answer = {
            "recommendation-recommendation": str(rec.id),
            "recommendation-decision": decision,
            "recommendation-reasons": "The rota changed in March",
        }
        assert post(client, post_form, case, "recommendation", answer).status_code == 302
    response = {
        "council_response-responded_on": d(23, 4),
        "council_response-with_ip": "y",
        "council_response-outcome": "not_upheld",
    }
    refused(post(client, post_form, case, "council-response", response), "before the panel&#39;s report")
    point = rep_point_id(case)
    post(
        client, post_form, case, "point-outcome", {"point_outcome-point": point, "point_outcome-outcome": "not_upheld"}
    )
    response["council_response-responded_on"] = d(12, 5)
    assert post(client, post_form, case, "council-response", response).status_code == 302
    session.expire_all()
    assert case.current_stage.responded_on.isoformat() == "2026-05-12" and case.current_stage.response_with_ip


def test_item_20_pause_and_resume_from_the_case_page_and_a_second_pause_is_refused(client, post_form, case, session):
    pause = {
        "pause-reason": "court",
        "pause-detail": "Care proceedings in the family court",
        "pause-paused_on": d(4, 2),
    }
    assert post(client, post_form, case, "pause", pause).status_code == 302
    html = page(client, case)
    assert 'id="paused"' in html and "Court proceedings" in html and "Paused: no deadline runs" in html
    html = refused(post(client, post_form, case, "pause", {**pause, "pause-paused_on": d(5, 2)}), "already paused")
    assert "Resume it before pausing it again" in html
    assert post(client, post_form, case, "resume", {"resume-resumed_on": d(11, 2)}).status_code == 302
    session.expire_all()
    assert case.status is Status.NEW
    held = session.scalars(select(CasePause)).one()
    assert held.paused_working_days == 5
    assert "(5 working days)" in page(client, case)


@pytest.mark.parametrize(("amount", "message"), [("0", "between £0.01"), ("-10", "between £0.01"), ("ten", "amount")])
def test_a_payment_of_nothing_or_less_is_refused(client, post_form, case, session, amount, message):
    data = {"payment-amount": amount, "payment-paid_on": d(3, 3), "payment-reason": "distress", "payment-detail": "x"}
    refused(post(client, post_form, case, "payments", data), message)
    assert payments_for(session, case.id) == []


def test_two_payments_are_both_kept_and_listed_with_the_total(client, post_form, case, session):
    for amount, day in (("250.00", 3), ("100", 10)):
        data = {
            "payment-amount": amount,
            "payment-paid_on": d(day, 3),
            "payment-reason": "time_and_trouble",
            "payment-detail": "Time and trouble",
        }
        assert post(client, post_form, case, "payments", data).status_code == 302
    assert [p.amount_pence for p in payments_for(session, case.id)] == [25000, 10000]
    assert "£350.00 in all" in page(client, case)


def test_an_ombudsman_referral_is_recorded_and_taken_through_its_decision(client, post_form, case, session):
    assert post(client, post_form, case, "ombudsman", {"ombudsman-referred_on": d(2, 6)}).status_code == 302
    [referral] = referrals_for(session, case.id)
    decision = {
        "lgo_decision-referral": str(referral.id),
        "lgo_decision-decided_on": d(1, 6),
        "lgo_decision-outcome": "investigated_upheld",
    }
    refused(post(client, post_form, case, "ombudsman/decision", decision), "cannot be before the referral")
    decision["lgo_decision-decided_on"] = d(1, 9)
    decision["lgo_decision-remedy"] = "Apologise and pay £250"
    decision["lgo_decision-compliance_due_on"] = d(1, 10)
    assert post(client, post_form, case, "ombudsman/decision", decision).status_code == 302
    html = page(client, case)
    assert "Upheld (1 September 2026)" in html and "Apologise and pay £250" in html and "Due 1 October 2026" in html


def test_a_late_complaint_is_flagged_on_the_page_and_decided_there(client, post_form, case, session):
    assert post(client, post_form, case, "grounds", {"grounds-grounds_on": d(1, 1, 2025)}).status_code == 302
    html = page(client, case)
    assert 'id="late-complaint"' in html and "never refused without a decision" in html
    decision = {"late_complaint-good_reason": "yes", "late_complaint-fair": "yes", "late_complaint-decision": "accept"}
    refused(post(client, post_form, case, "late-complaint", decision), "Enter the reasons for the decision")
    decision["late_complaint-reasons"] = "She was in hospital; the records are kept"
    assert post(client, post_form, case, "late-complaint", decision).status_code == 302
    assert "Looked into" in page(client, case)
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.representation_id == case.id)).all()
    assert "late_complaint_accepted" in actions
