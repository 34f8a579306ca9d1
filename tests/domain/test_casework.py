"""The casework rules: each state change, its clock, and the limits the regulations set.

The case is received on Monday 2 November 2026 (day 0), so stage 1 is due on
Monday 16 November (day 10) and can be extended to Monday 30 November (day 20)
and no further.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.domain.clock import LONDON
from intake.models import (
    AlertLevel,
    AuditEvent,
    ContactMethod,
    Kind,
    Notification,
    Outcome,
    Procedure,
    SafeguardingAlert,
    SmsContact,
    Status,
    SubmittedBy,
)
from tests.factories import create_representation, create_staff, create_teams

TODAY = date(2027, 6, 1)  # later than every date below, so nothing is "in the future"


def london(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=LONDON)


@pytest.fixture
def officer():
    return create_staff()


def actions(session, rep):
    return [e.action for e in session.query(AuditEvent).filter_by(representation_id=rep.id).order_by(AuditEvent.id)]


def test_a_new_complaint_starts_stage_1_due_ten_working_days_after_receipt(session):
    rep = create_representation()
    assert rep.received_on == date(2026, 11, 2)
    assert rep.stages[0].due_on == date(2026, 11, 16)


def test_acknowledging_opens_the_case_and_is_audited(session, officer, settings):
    rep = create_representation()
    casework.acknowledge(session, rep, officer, settings, date(2026, 11, 3))
    session.commit()
    assert rep.status is Status.OPEN and rep.acknowledged_on == date(2026, 11, 3)
    assert "acknowledged" in actions(session, rep)
    with pytest.raises(CaseworkError, match="already"):
        casework.acknowledge(session, rep, officer, settings, date(2026, 11, 4))


@pytest.mark.parametrize(
    ("new_due", "reason", "message"),
    [
        (date(2026, 12, 1), "Complex: three services involved", "latest date is 30 November 2026"),  # day 21
        (date(2026, 11, 30), "", "Enter the reason"),
        (date(2026, 11, 30), "   ", "Enter the reason"),
        (date(2026, 11, 13), "Complex", "must be after the current due date"),
        (date(2026, 11, 28), "Complex", "working day"),  # a Saturday
    ],
)
def test_a_stage_1_extension_past_day_20_or_without_a_reason_is_refused(
    session, officer, settings, new_due, reason, message
):
    rep = create_representation()
    with pytest.raises(CaseworkError, match=message):
        casework.extend(session, rep, officer, settings, new_due, reason)
    assert rep.stages[0].extended_due_on is None


def test_a_stage_1_extension_to_day_20_with_a_reason_moves_the_deadline_and_keeps_the_original(
    session, officer, settings
):
    rep = create_representation()
    casework.extend(session, rep, officer, settings, date(2026, 11, 30), "An advocate is being appointed")
    session.commit()
    stage = rep.stages[0]
    assert (stage.due_on, stage.effective_due_on) == (date(2026, 11, 16), date(2026, 11, 30))
    assert "stage_extended" in actions(session, rep)


def test_corporate_triage_moves_stage_1_to_ten_working_days_from_acknowledgement(session, officer, settings):
    rep = create_representation()
    casework.acknowledge(session, rep, officer, settings, date(2026, 11, 4))
    casework.triage(session, rep, officer, settings, kind=Kind.COMPLAINT, procedure=Procedure.CORPORATE, team_id=None)
    assert rep.stages[0].due_on == date(2026, 11, 18)


def test_a_compliment_never_starts_a_clock_even_after_triage(session, officer, settings):
    rep = create_representation(kind=Kind.COMPLIMENT, what_happened="My worker Sam is brilliant")
    assert rep.stages == []
    casework.triage(session, rep, officer, settings, kind=Kind.COMPLIMENT, procedure=Procedure.STATUTORY, team_id=None)
    assert rep.stages == [] and rep.procedure is Procedure.UNDECIDED
    assert casework.deadline(rep, settings, date(2026, 11, 3)) is None


def test_turning_a_complaint_into_a_comment_at_triage_stops_its_clock(session, officer, settings):
    rep = create_representation()
    casework.triage(session, rep, officer, settings, kind=Kind.COMMENT, procedure=Procedure.UNDECIDED, team_id=None)
    assert rep.stages == []


def test_an_other_submitter_cannot_move_on_until_sufficient_interest_is_decided(session, officer, settings):
    rep = create_representation(submitted_by=SubmittedBy.OTHER)
    with pytest.raises(CaseworkError, match="sufficient-interest"):
        casework.acknowledge(session, rep, officer, settings, date(2026, 11, 3))
    with pytest.raises(CaseworkError, match="sufficient interest"):
        casework.triage(
            session, rep, officer, settings, kind=Kind.COMPLAINT, procedure=Procedure.STATUTORY, team_id=None
        )
    casework.triage(
        session,
        rep,
        officer,
        settings,
        kind=Kind.COMPLAINT,
        procedure=Procedure.STATUTORY,
        team_id=None,
        sufficient_interest=True,
        sufficient_interest_note="Grandmother who cares for him at weekends",
    )
    casework.acknowledge(session, rep, officer, settings, date(2026, 11, 3))
    assert rep.acknowledged_on == date(2026, 11, 3)


def test_a_no_on_sufficient_interest_blocks_the_stages_and_records_no_further_action(session, officer, settings):
    rep = create_representation(submitted_by=SubmittedBy.OTHER)
    casework.triage(
        session,
        rep,
        officer,
        settings,
        kind=Kind.COMPLAINT,
        procedure=Procedure.STATUTORY,
        team_id=None,
        sufficient_interest=False,
    )
    session.commit()
    assert "no_further_action" in actions(session, rep)
    with pytest.raises(CaseworkError, match="not to have sufficient interest"):
        casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 11, 10), TODAY)


def _through_stage_1(session, officer, settings, responded=date(2026, 11, 12)):
    rep = create_representation()
    casework.acknowledge(session, rep, officer, settings, date(2026, 11, 3))
    casework.record_response(session, rep, officer, Outcome.NOT_UPHELD, responded, TODAY)
    return rep


def test_an_in_time_stage_2_request_starts_stage_2_due_25_working_days_after_the_request(session, officer, settings):
    rep = _through_stage_1(session, officer, settings)
    stage = casework.request_escalation(session, rep, officer, settings, date(2026, 11, 20), TODAY)
    assert (stage.number, stage.late_request) == (2, False)
    # 20 Nov + 25 working days, skipping weekends, Christmas Day and Boxing Day (a Saturday: Monday 28th in lieu).
    assert stage.due_on == date(2026, 12, 29)
    assert casework.running_stage(rep) is stage


def test_a_late_stage_2_request_is_flagged_and_waits_for_a_decision_not_refused(session, officer, settings):
    rep = _through_stage_1(session, officer, settings)  # response 12 Nov; window ends 10 Dec (20 working days)
    stage = casework.request_escalation(session, rep, officer, settings, date(2026, 12, 11), TODAY)
    assert stage.late_request and stage.due_on is None and stage.late_request_decision is None
    assert casework.running_stage(rep) is None and casework.awaiting_decision(stage)
    with pytest.raises(CaseworkError, match="Decide on the late request"):
        casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 12, 14), TODAY)
    with pytest.raises(CaseworkError, match="reasons"):
        casework.decide_late_request(session, rep, officer, settings, True, "", date(2026, 12, 14))
    casework.decide_late_request(session, rep, officer, settings, True, "He was in hospital", date(2026, 12, 14))
    # The clock runs from the request (11 Dec), not the decision: 25 working days over Christmas.
    assert stage.started_on == date(2026, 12, 11)
    assert stage.due_on == date(2027, 1, 20)
    assert stage.late_request_decision.startswith("Accepted: ")


def test_a_request_on_the_last_day_of_the_window_is_in_time(session, officer, settings):
    rep = _through_stage_1(session, officer, settings)
    stage = casework.request_escalation(session, rep, officer, settings, date(2026, 12, 10), TODAY)
    assert not stage.late_request


def test_a_refused_late_request_is_kept_with_its_reasons_and_the_case_can_close(session, officer, settings):
    rep = _through_stage_1(session, officer, settings)
    stage = casework.request_escalation(session, rep, officer, settings, date(2027, 2, 1), TODAY)
    casework.decide_late_request(
        session, rep, officer, settings, False, "No reason given for the delay", date(2027, 2, 2)
    )
    assert casework.is_refused(stage) and not stage.is_open
    casework.close(session, rep, officer, settings, date(2027, 2, 3))
    assert rep.status is Status.CLOSED


def test_closing_sets_retention_and_needs_the_stage_answered(session, officer, settings):
    rep = create_representation()
    with pytest.raises(CaseworkError, match="stage 1 response"):
        casework.close(session, rep, officer, settings, date(2026, 11, 20))
    casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 11, 10), TODAY)
    casework.close(session, rep, officer, settings, date(2026, 11, 20))
    assert rep.closed_on == date(2026, 11, 20)
    assert rep.retention_until == date(2032, 11, 20)  # RETENTION_YEARS defaults to 6


def test_retention_from_29_february_lands_on_28_february():
    assert casework.retention_date(date(2028, 2, 29), 6) == date(2034, 2, 28)


def test_withdrawing_closes_the_open_stage_as_withdrawn(session, officer, settings):
    rep = create_representation()
    casework.withdraw(session, rep, officer, settings, date(2026, 11, 5), "She sorted it out with her worker")
    assert rep.status is Status.WITHDRAWN and rep.stages[0].outcome is Outcome.WITHDRAWN
    assert rep.retention_until == date(2032, 11, 5)


def test_a_case_with_an_open_safeguarding_alert_cannot_close_but_raising_one_leaves_the_complaint_open(
    session, officer, settings
):
    rep = create_representation()
    alert = casework.raise_alert(session, rep, officer, settings, "Says she is scared to go home")
    session.commit()
    assert rep.is_open and rep.safeguarding and rep.stages[0].is_open
    notes = session.query(Notification).filter_by(representation_id=rep.id, template="safeguarding_alert").all()
    assert notes and all(n.urgent for n in notes)
    casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 11, 10), TODAY)
    with pytest.raises(CaseworkError, match="safeguarding alert"):
        casework.close(session, rep, officer, settings, date(2026, 11, 20))
    casework.mark_false_alarm(session, alert, officer, "Talking about a film")
    session.commit()
    kept = session.get(SafeguardingAlert, alert.id)
    assert kept.false_alarm and kept.action_taken == "False alarm: Talking about a film" and not kept.is_open
    casework.close(session, rep, officer, settings, date(2026, 11, 20))


@pytest.mark.parametrize(
    ("contact", "opted_out", "expected"),
    [
        ({"contact_phone": None}, False, "no mobile number"),
        ({"contact_phone": "07700900123", "safe_to_contact": False}, False, "safe to text"),
        ({"contact_phone": "07700900123", "safe_to_contact": None}, False, "safe to text"),
        ({"contact_phone": "07700900123", "safe_to_contact": True, "contact_via_advocate": True}, False, "advocate"),
        ({"contact_phone": "07700900123", "safe_to_contact": True}, True, "opted out"),
        ({"contact_phone": "07700900123", "safe_to_contact": True}, False, None),
    ],
)
def test_staff_texts_respect_opt_out_safety_and_the_advocate_route(
    session, officer, settings, contact, opted_out, expected
):
    rep = create_representation(**contact)
    if opted_out:
        session.add(SmsContact(number="+447700900123", opted_out=True))
        session.commit()
    reason = casework.sms_block_reason(session, rep)
    if expected is None:
        assert reason is None
        message = casework.send_sms_reply(
            session, rep, officer, settings, "Hi, it's Jo from the council. Can we talk on Friday?"
        )
        session.commit()
        assert message.direction == "out" and message.sent_by == officer.email
        assert session.query(Notification).filter_by(template="staff_reply_sms", recipient="+447700900123").count() == 1
    else:
        assert expected in reason
        with pytest.raises(CaseworkError):
            casework.send_sms_reply(session, rep, officer, settings, "Hello")


@pytest.mark.parametrize(
    ("window", "at", "told"),
    [
        (
            (None, time(18)),
            time(19, 30),
            "only before 18:00 (UK time). It is 19:30 now: you can text them tomorrow, before 18:00.",
        ),
        (
            (time(9), time(12)),
            time(8),
            "only between 09:00 and 12:00 (UK time). It is 08:00 now: you can text them from 09:00.",
        ),
        ((time(9), time(12)), time(12), "you can text them tomorrow from 09:00."),
        ((time(16), None), time(10), "only after 16:00 (UK time). It is 10:00 now: you can text them from 16:00."),
        (
            (time(20), time(8)),
            time(12),
            "only between 20:00 and 08:00 (UK time). It is 12:00 now: you can text them from 20:00.",
        ),
    ],
)
def test_a_staff_text_outside_the_hours_they_gave_is_refused_saying_when_texting_is_allowed(
    session, officer, settings, window, at, told
):
    rep = create_representation(contact_phone="07700900123", safe_to_contact=True)
    rep.contact_text_from, rep.contact_text_until = window
    session.commit()
    when = london(date(2026, 12, 1), at)
    assert told in casework.sms_block_reason(session, rep, when)
    with pytest.raises(CaseworkError, match="UK time"):
        casework.send_sms_reply(session, rep, officer, settings, "Hello", now=when)
    assert session.query(Notification).filter_by(template="staff_reply_sms").count() == 0


@pytest.mark.parametrize(
    ("window", "at"),
    [((None, time(18)), time(17, 59)), ((time(9), time(12)), time(9)), ((time(20), time(8)), time(7, 30))],
)
def test_a_staff_text_inside_the_hours_they_gave_is_queued(session, officer, settings, window, at):
    rep = create_representation(contact_phone="07700900123", safe_to_contact=True)
    rep.contact_text_from, rep.contact_text_until = window
    session.commit()
    when = london(date(2026, 12, 1), at)
    assert casework.sms_block_reason(session, rep, when) is None
    casework.send_sms_reply(session, rep, officer, settings, "Hi, it's Jo. Is now a good time?", now=when)
    session.commit()
    assert session.query(Notification).filter_by(template="staff_reply_sms").count() == 1


def test_someone_who_said_not_to_text_is_never_texted_whatever_the_hour(session, officer):
    rep = create_representation(
        contact_phone="07700900123", safe_to_contact=False, contact_avoid="dont text he checks my phone"
    )
    rep.contact_text_from = time(9)
    session.commit()
    safety = casework.contact_safety(session, rep, london(date(2026, 12, 1), time(10)))
    assert safety.never == "They told us it is not safe to text them: do not text." and safety.outside_window is None


def test_a_compliment_is_forwarded_to_the_team_manager_by_email(session, officer, settings):
    [team, *_] = create_teams(("Leaving care",))
    team.manager_email = "lc.manager@council.example"
    session.commit()
    rep = create_representation(kind=Kind.COMPLIMENT, what_happened="Thanks to my PA")
    rows = casework.forward_compliment(session, rep, officer, settings, team_id=team.id)
    assert [(r.recipient, r.template) for r in rows] == [("lc.manager@council.example", "compliment_for_team")]
    with pytest.raises(CaseworkError, match="Only compliments"):
        casework.forward_compliment(session, create_representation(), officer, settings, team_id=team.id)


def test_notes_are_stored_exactly_as_written(session, officer):
    rep = create_representation()
    note = casework.add_note(session, rep, officer, "<b>Called</b> the carer")
    assert note.body == "<b>Called</b> the carer"
    with pytest.raises(CaseworkError):
        casework.add_note(session, rep, officer, "   ")


def test_assigning_refuses_an_admin_but_accepts_an_advocate(session, officer):
    rep = create_representation()
    admin = create_staff("admin@council.example", role="admin")
    advocate = create_staff("adv@advocacy.example", role="advocate")
    with pytest.raises(CaseworkError):
        casework.assign(session, rep, officer, admin.id)
    casework.assign(session, rep, officer, advocate.id)
    assert rep.assigned_to_id == advocate.id


@pytest.mark.parametrize(
    ("raised_at", "act_by"),
    [
        (datetime(2026, 11, 30, 10, 0, tzinfo=UTC), date(2026, 12, 1)),  # Monday: by Tuesday
        (datetime(2026, 12, 4, 16, 30, tzinfo=UTC), date(2026, 12, 7)),  # Friday afternoon: by Monday
        (datetime(2026, 12, 5, 23, 0, tzinfo=UTC), date(2026, 12, 8)),  # Saturday night: counts from Monday
        (datetime(2026, 12, 24, 9, 0, tzinfo=UTC), date(2026, 12, 29)),  # Christmas Eve: past the bank holidays
    ],
)
def test_a_concern_is_due_by_the_end_of_the_next_working_day(settings, raised_at, act_by):
    alert = SafeguardingAlert(raised_at=raised_at, raised_by="risk screen", level=AlertLevel.CONCERN)
    assert casework.alert_act_by(alert, settings) == act_by
    due = casework.act_by(alert, settings)
    assert due.end_of_day and not due.at_once
    assert not casework.alert_is_overdue(alert, settings, london(act_by, time(23, 59)))
    assert casework.alert_is_overdue(alert, settings, london(act_by + timedelta(days=1), time(0, 1)))
    alert.actioned_at = raised_at
    assert not casework.alert_is_overdue(alert, settings, london(date(2027, 1, 4), time(12)))


def test_an_alert_with_no_level_yet_is_treated_as_a_concern(settings):
    alert = SafeguardingAlert(raised_at=datetime(2026, 11, 30, 10, 0, tzinfo=UTC), raised_by="risk screen")
    assert casework.act_by(alert, settings).level is AlertLevel.CONCERN


def test_immediate_danger_in_office_hours_is_due_by_closing_time_the_same_day(settings):
    alert = SafeguardingAlert(raised_at=london(date(2026, 12, 1), time(10, 30)), level=AlertLevel.IMMEDIATE)
    due = casework.act_by(alert, settings)
    assert due.at == london(date(2026, 12, 1), time(17)) and not due.at_once
    assert not casework.alert_is_overdue(alert, settings, london(date(2026, 12, 1), time(16, 59)))
    assert casework.alert_is_overdue(alert, settings, london(date(2026, 12, 1), time(17, 1)))


@pytest.mark.parametrize(
    ("raised", "office_acts_by"),
    [
        (london(date(2026, 12, 1), time(20, 15)), london(date(2026, 12, 2), time(9))),  # Tuesday night
        (london(date(2026, 12, 2), time(6, 40)), london(date(2026, 12, 2), time(9))),  # before the office opens
        (london(date(2026, 12, 24), time(18)), london(date(2026, 12, 29), time(9))),  # over Christmas
    ],
)
def test_immediate_danger_out_of_hours_is_due_at_once_and_recorded_when_the_office_opens(
    settings, raised, office_acts_by
):
    alert = SafeguardingAlert(raised_at=raised, level=AlertLevel.IMMEDIATE)
    due = casework.act_by(alert, settings)
    assert due.at_once and due.at == office_acts_by


def test_he_hit_me_with_a_belt_on_a_saturday_is_due_at_once_or_on_tuesday_by_its_level(
    session, officer, settings, monkeypatch
):
    """Immediate danger: at once, the emergency duty team told first, the office records it by Monday 09:00.
    A concern: by the end of the next working day, counted from Monday as a referral would be: Tuesday."""
    monkeypatch.setitem(settings, "OUT_OF_HOURS_EMAIL", "emergency-duty@council.example")
    saturday = london(date(2026, 12, 5), time(14, 0))
    rep = create_representation(what_happened="he hit me with a belt", received_at=saturday)
    before = {n.id for n in session.scalars(select(Notification).where(Notification.representation_id == rep.id))}
    immediate = casework.raise_alert(
        session, rep, officer, settings, "he hit me with a belt", AlertLevel.IMMEDIATE, now=saturday
    )
    concern = casework.raise_alert(session, rep, officer, settings, "he hit me with a belt", now=saturday)
    session.commit()
    now = casework.act_by(immediate, settings)
    later = casework.act_by(concern, settings)
    assert now.at_once and now.at == london(date(2026, 12, 7), time(9))
    assert not later.at_once and later.day == date(2026, 12, 8)
    assert casework.alert_is_overdue(immediate, settings, london(date(2026, 12, 7), time(9, 1)))
    assert not casework.alert_is_overdue(concern, settings, london(date(2026, 12, 7), time(9, 1)))
    queued = [
        n
        for n in session.scalars(
            select(Notification).where(Notification.representation_id == rep.id).order_by(Notification.id)
        )
        if n.id not in before
    ]
    first = queued[0]
    assert first.audience == "emergency duty team (out of hours)" and first.urgent
    assert session.get(SafeguardingAlert, immediate.id).level is AlertLevel.IMMEDIATE


@pytest.mark.parametrize(
    ("contact", "told"),
    [
        ({"contact_phone": "07700 900123", "safe_to_contact": True}, [("sms", "extension_notice_sms")]),
        (
            {"contact_email": "sam@example.org", "safe_to_contact": True, "preferred_contact": ContactMethod.EMAIL},
            [("email", "extension_notice")],
        ),
        ({"contact_phone": "07700 900123", "safe_to_contact": False}, []),
        ({"contact_phone": "07700 900123", "safe_to_contact": True, "contact_via_advocate": True}, []),
    ],
)
def test_an_extension_tells_the_complainant_the_new_date_on_a_safe_contact_only(
    session, officer, settings, contact, told
):
    rep = create_representation(received_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC), **contact)
    before = {n.id for n in session.scalars(select(Notification).where(Notification.representation_id == rep.id))}
    stage, _told = casework.extend(session, rep, officer, settings, date(2026, 11, 23), "Waiting for the advocate")
    session.commit()
    queued = session.scalars(
        select(Notification).where(
            Notification.representation_id == rep.id, Notification.template.like("extension_notice%")
        )
    ).all()
    assert [(n.channel.value, n.template) for n in queued if n.id not in before] == told
    assert stage.effective_due_on == date(2026, 11, 23)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "stage_extended")).one()
    assert ("the person is told" in event.detail) is bool(told)


def test_the_extension_text_gives_the_new_date_and_the_ombudsman(session, officer, settings):
    from intake.delivery.sms import render_sms

    rep = create_representation(
        received_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC), contact_phone="07700 900123", safe_to_contact=True
    )
    casework.extend(session, rep, officer, settings, date(2026, 11, 23), "Complex")
    session.commit()
    [notice] = session.scalars(select(Notification).where(Notification.template == "extension_notice_sms")).all()
    body = render_sms(notice, settings)
    assert "23 November 2026" in body and rep.reference in body and settings["OMBUDSMAN_CONTACT"] in body
