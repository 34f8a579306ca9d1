"""Stage 2 of the statutory procedure: the investigators and their independence (rules-reference §10 item 16),
the clock from the request with the agreed statement for information (item 15), the extension to 65 working days
with a reason and a notice (item 15), the report, and the adjudication by a senior manager on every point.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.models import AuditEvent, InvestigatorRole, Outcome
from tests.domain.procedure_cases import (
    INDEPENDENT_PERSON,
    INVESTIGATING_OFFICER,
    STAGE2_REQUEST,
    TODAY,
    adjudicated,
    appointed,
    at_stage_2,
    decide_points,
)
from tests.factories import create_staff

APPOINTED = date(2026, 11, 23)


@pytest.fixture
def officer():
    return create_staff()


def appoint_ip(session, rep, officer, settings, who):
    return casework.appoint(session, rep, officer, settings, InvestigatorRole.INDEPENDENT_PERSON, who, APPOINTED, TODAY)


def test_item_16_stage_2_records_both_investigators_with_their_declarations(session, officer, settings):
    rep = appointed(session, officer, settings)
    session.commit()
    stage = rep.current_stage
    records = {i.role: i for i in stage.investigators}
    ip = records[InvestigatorRole.INDEPENDENT_PERSON]
    assert (ip.name, ip.organisation, ip.email) == (
        "Alex Smith",
        "Independent Reviews",
        "alex@independent-reviews.example",
    )
    assert ip.not_involved and ip.not_line_manager and ip.not_council and ip.not_council_partner
    assert records[InvestigatorRole.INVESTIGATING_OFFICER].name == "Pat Jones"
    # The names stay on the stage for letters and the page.
    assert (stage.investigating_officer, stage.independent_person) == ("Pat Jones", "Alex Smith")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"not_council": False}, "cannot be a member or officer"),
        ({"not_council_partner": False}, "spouse or civil partner"),
        ({"not_involved": False}, "must not be involved in the case"),
        ({"not_line_manager": False}, "line-manage"),
        ({"email": "alex.smith@council.example"}, "council's own"),
        ({"name": " pat  JONES "}, "other than the Investigating Officer"),
        ({"name": ""}, "Enter the Independent Person's name"),
        ({"email": "not an address"}, "right format"),
    ],
)
def test_item_16_an_independent_person_who_is_not_independent_is_refused(session, officer, settings, change, message):
    rep = at_stage_2(session, officer, settings)
    casework.appoint(
        session, rep, officer, settings, InvestigatorRole.INVESTIGATING_OFFICER, INVESTIGATING_OFFICER, APPOINTED, TODAY
    )
    with pytest.raises(CaseworkError, match=message):
        appoint_ip(session, rep, officer, settings, replace(INDEPENDENT_PERSON, **change))
    assert rep.current_stage.independent_person is None


def test_item_16_an_independent_person_with_a_staff_account_is_an_employee_and_refused(session, officer, settings):
    create_staff("alex@independent-reviews.example", role="manager")
    rep = at_stage_2(session, officer, settings)
    with pytest.raises(CaseworkError, match="employee"):
        appoint_ip(session, rep, officer, settings, INDEPENDENT_PERSON)


def test_item_16_the_investigating_officer_declares_they_are_not_involved(session, officer, settings):
    rep = at_stage_2(session, officer, settings)
    with pytest.raises(CaseworkError, match="Investigating Officer must not be involved"):
        casework.appoint(
            session,
            rep,
            officer,
            settings,
            InvestigatorRole.INVESTIGATING_OFFICER,
            replace(INVESTIGATING_OFFICER, not_involved=False),
            APPOINTED,
            TODAY,
        )


def test_appointing_again_replaces_the_appointee_and_keeps_one_record_per_role(session, officer, settings):
    rep = appointed(session, officer, settings)
    appoint_ip(session, rep, officer, settings, replace(INDEPENDENT_PERSON, name="Jo Bloggs", email="jo@ip.example"))
    session.commit()
    stage = rep.current_stage
    assert sorted(i.name for i in stage.investigators) == ["Jo Bloggs", "Pat Jones"]
    assert stage.independent_person == "Jo Bloggs"


def test_an_appointment_before_the_request_is_refused(session, officer, settings):
    rep = at_stage_2(session, officer, settings)
    with pytest.raises(CaseworkError, match="before stage 2 was asked for"):
        casework.appoint(
            session,
            rep,
            officer,
            settings,
            InvestigatorRole.INVESTIGATING_OFFICER,
            INVESTIGATING_OFFICER,
            date(2026, 11, 19),
            TODAY,
        )


def test_item_15_stage_2_is_due_25_working_days_from_the_request_and_the_agreed_statement_does_not_restart_it(
    session, officer, settings
):
    rep = appointed(session, officer, settings)
    stage = rep.current_stage
    assert stage.due_on == date(2026, 12, 29)  # 20 Nov + 25 working days over Christmas
    casework.record_statement(session, rep, officer, date(2026, 12, 14), TODAY)
    assert stage.statement_agreed_on == date(2026, 12, 14)
    assert stage.due_on == date(2026, 12, 29)
    with pytest.raises(CaseworkError, match="before stage 2 was asked for"):
        casework.record_statement(session, rep, officer, date(2026, 11, 19), TODAY)


def test_item_15_stage_2_extends_to_day_65_with_a_reason_and_a_notice_and_no_further(session, officer, settings):
    rep = at_stage_2(session, officer, settings, contact_phone="07700 900123", safe_to_contact=True)
    day_65 = casework.calendar_for(settings).add_working_days(STAGE2_REQUEST, 65)
    with pytest.raises(CaseworkError, match="65 working days at most"):
        casework.extend(session, rep, officer, settings, casework.calendar_for(settings).next_working_day(day_65), "x")
    with pytest.raises(CaseworkError, match="Enter the reason"):
        casework.extend(session, rep, officer, settings, day_65, " ")
    stage, told = casework.extend(session, rep, officer, settings, day_65, "The foster carer is abroad until March")
    session.commit()
    assert stage.effective_due_on == day_65 == date(2027, 2, 24)
    assert [n.template for n in told] == ["extension_notice_sms"]


def test_the_report_needs_the_investigators_and_comes_after_their_appointment(session, officer, settings):
    rep = at_stage_2(session, officer, settings)
    with pytest.raises(CaseworkError, match="Appoint the Investigating Officer"):
        casework.record_report(session, rep, officer, date(2026, 12, 1), TODAY)
    rep = appointed(session, officer, settings)
    with pytest.raises(CaseworkError, match="before the investigators were appointed"):
        casework.record_report(session, rep, officer, date(2026, 11, 20), TODAY)
    with pytest.raises(CaseworkError, match="future"):
        casework.record_report(session, rep, officer, date(2028, 1, 3), TODAY)


def test_item_16_the_adjudication_is_by_a_senior_manager_deciding_every_point_after_the_report(
    session, officer, settings
):
    rep = appointed(session, officer, settings)
    args = {"adjudicator": "Sam Okafor", "senior_manager": True, "adjudicated_on": date(2026, 12, 3), "actions": ""}
    with pytest.raises(CaseworkError, match="Record the investigation report"):
        casework.adjudicate(session, rep, officer, **args, today=TODAY)
    casework.record_report(session, rep, officer, date(2026, 12, 1), TODAY)
    with pytest.raises(CaseworkError, match="Add the complaint's points"):
        casework.adjudicate(session, rep, officer, **args, today=TODAY)
    first = casework.add_point(session, rep, officer, "No reply to calls since March")
    casework.add_point(session, rep, officer, "Allowance stopped without notice")
    casework.record_point_outcome(session, rep, officer, first.id, Outcome.UPHELD, "An apology", TODAY)
    with pytest.raises(CaseworkError, match="“Allowance stopped without notice” has none"):
        casework.adjudicate(session, rep, officer, **args, today=TODAY)
    decide_points(session, officer, rep, [Outcome.UPHELD, Outcome.NOT_UPHELD])
    with pytest.raises(CaseworkError, match="senior manager"):
        casework.adjudicate(session, rep, officer, **{**args, "senior_manager": False}, today=TODAY)
    with pytest.raises(CaseworkError, match="before the report"):
        casework.adjudicate(session, rep, officer, **{**args, "adjudicated_on": date(2026, 11, 30)}, today=TODAY)
    casework.adjudicate(session, rep, officer, **args, today=TODAY)
    assert rep.current_stage.adjudicated_by == "Sam Okafor"


def test_item_16_the_stage_2_response_needs_the_adjudication_and_takes_its_outcome_from_the_points(
    session, officer, settings
):
    rep = appointed(session, officer, settings)
    with pytest.raises(CaseworkError, match="adjudication"):
        casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 12, 4), TODAY)
    rep = adjudicated(session, officer, settings, outcomes=(Outcome.UPHELD, Outcome.NOT_UPHELD))
    with pytest.raises(CaseworkError, match="before the adjudication"):
        casework.record_response(session, rep, officer, None, date(2026, 12, 2), TODAY)
    with pytest.raises(CaseworkError, match="make stage 2 partly upheld, not upheld"):
        casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 12, 4), TODAY)
    stage = casework.record_response(session, rep, officer, None, date(2026, 12, 4), TODAY)
    session.commit()
    assert (stage.outcome, stage.responded_on) == (Outcome.PARTLY_UPHELD, date(2026, 12, 4))
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.representation_id == rep.id)).all()
    assert {"investigator_appointed", "investigation_report_received", "adjudicated", "stage_responded"} <= set(actions)


def test_a_corporate_stage_2_has_no_investigating_officer(session, officer, settings):
    from intake.models import Procedure

    rep = at_stage_2(session, officer, settings)
    rep.procedure = Procedure.CORPORATE
    with pytest.raises(CaseworkError, match="corporate"):
        casework.appoint(
            session,
            rep,
            officer,
            settings,
            InvestigatorRole.INVESTIGATING_OFFICER,
            INVESTIGATING_OFFICER,
            APPOINTED,
            TODAY,
        )
