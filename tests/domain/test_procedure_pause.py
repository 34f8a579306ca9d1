"""Reg 8 pauses (rules-reference §1.6, §10 item 20): a reason and a date, the clocks stopped and then moved by the
working days paused, a second pause refused, a notice that they may come back after the proceedings, and the
pause shown wherever a due date is (here: the case's deadline and the RAG report)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from intake.delivery.sms import render_sms
from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.domain.rag_report import rag_report
from intake.letters.facts import facts_for
from intake.letters.kinds import RULES, LetterKind
from intake.models import Notification, PauseReason, Status
from tests.domain.procedure_cases import TODAY, at_stage_3, through_stage_1
from tests.factories import create_representation, create_staff


@pytest.fixture
def officer():
    return create_staff()


def test_item_20_pausing_stops_the_clock_and_tells_the_person_they_may_come_back_after_the_proceedings(
    session, officer, settings
):
    rep = create_representation(contact_phone="07700 900123", safe_to_contact=True)  # stage 1 due Mon 16 Nov
    held, told = casework.pause(
        session,
        rep,
        officer,
        settings,
        PauseReason.POLICE,
        "Police are investigating the same events",
        date(2026, 11, 4),
        TODAY,
    )
    session.commit()
    assert rep.status is Status.PAUSED and held.stage_number == 1
    assert casework.deadline(rep, settings, date(2026, 11, 20)) is None  # no deadline runs while paused
    [notice] = told
    body = render_sms(notice, settings)
    assert notice.template == "pause_notice_sms" and "on hold" in body and "ask us to look at it again" in body
    assert rep.reference in body and "police" not in body.lower()  # the reason stays with staff
    [case] = rag_report(session, settings, date(2026, 11, 20)).cases
    assert case.rag == "paused"


def test_item_20_resuming_moves_every_running_due_date_by_the_working_days_paused(session, officer, settings):
    rep = create_representation()
    casework.extend(session, rep, officer, settings, date(2026, 11, 23), "Advocate being appointed")
    casework.pause(session, rep, officer, settings, PauseReason.COURT, "Care proceedings", date(2026, 11, 4), TODAY)
    # Paused Wed 4 Nov, resumed Wed 18 Nov: 10 working days (5-6, 9-13, 16-18).
    held = casework.resume(session, rep, officer, settings, date(2026, 11, 18), TODAY)
    stage = rep.stages[0]
    assert held.paused_working_days == 10 == stage.paused_working_days
    assert (stage.due_on, stage.extended_due_on) == (date(2026, 11, 30), date(2026, 12, 7))
    assert rep.status is Status.NEW and casework.deadline(rep, settings, date(2026, 11, 18)).due == date(2026, 12, 7)
    # The extension limit moves too: day 20 plus the 10 paused days.
    casework.extend(session, rep, officer, settings, date(2026, 12, 14), "Still waiting for the court's papers")


def test_item_20_a_second_pause_while_paused_is_refused(session, officer, settings):
    rep = create_representation()
    casework.pause(
        session, rep, officer, settings, PauseReason.TRIBUNAL, "Employment tribunal", date(2026, 11, 4), TODAY
    )
    with pytest.raises(CaseworkError, match="already paused since 4 November 2026. Resume it"):
        casework.pause(session, rep, officer, settings, PauseReason.POLICE, "Police", date(2026, 11, 5), TODAY)


@pytest.mark.parametrize(
    ("paused_on", "detail", "message"),
    [(date(2026, 10, 30), "Court", "before the complaint was received"), (date(2026, 11, 4), " ", "Enter what")],
)
def test_item_20_a_pause_needs_a_reason_and_a_date_in_order(session, officer, settings, paused_on, detail, message):
    rep = create_representation()
    with pytest.raises(CaseworkError, match=message):
        casework.pause(session, rep, officer, settings, PauseReason.COURT, detail, paused_on, TODAY)
    assert rep.status is Status.NEW


def test_item_20_nothing_moves_on_while_paused_and_resuming_before_the_pause_is_refused(session, officer, settings):
    rep = through_stage_1(session, officer, settings)
    casework.pause(
        session, rep, officer, settings, PauseReason.DISCIPLINARY, "Worker suspended", date(2026, 11, 13), TODAY
    )
    with pytest.raises(CaseworkError, match="paused"):
        casework.request_escalation(session, rep, officer, settings, date(2026, 11, 20), TODAY)
    with pytest.raises(CaseworkError, match="before it was paused"):
        casework.resume(session, rep, officer, settings, date(2026, 11, 12), TODAY)
    casework.resume(session, rep, officer, settings, date(2026, 11, 16), TODAY)
    assert rep.status is Status.OPEN
    with pytest.raises(CaseworkError, match="not paused"):
        casework.resume(session, rep, officer, settings, date(2026, 11, 17), TODAY)


def test_item_20_a_pause_at_stage_3_moves_the_panels_clock(session, officer, settings):
    rep = at_stage_3(session, officer, settings)
    casework.pause(
        session, rep, officer, settings, PauseReason.COMPLAINANT_WISH, "She asked us to wait", date(2027, 1, 4), TODAY
    )
    casework.resume(session, rep, officer, settings, date(2027, 1, 11), TODAY)  # 5 working days
    stage = rep.current_stage
    assert stage.panel_due_on == stage.due_on == date(2027, 1, 28)  # 21 January + 5


def test_the_pause_letter_is_for_a_paused_case(app, session, officer, settings):
    rep = create_representation()
    rules = RULES[LetterKind.PAUSE]
    with app.test_request_context():
        assert "Pause the case first" in str(rules.unavailable(facts_for(rep, settings, TODAY)))
    casework.pause(session, rep, officer, settings, PauseReason.COURT, "Care proceedings", date(2026, 11, 4), TODAY)
    assert rules.unavailable(facts_for(rep, settings, TODAY)) is None


def test_no_notice_is_queued_without_a_safe_contact(session, officer, settings):
    rep = create_representation(contact_phone="07700 900123", safe_to_contact=False)
    _held, told = casework.pause(
        session, rep, officer, settings, PauseReason.OTHER, "Ofsted inquiry", date(2026, 11, 4), TODAY
    )
    session.commit()
    assert told == []
    assert session.scalars(select(Notification).where(Notification.template.like("pause_notice%"))).all() == []


def test_item_20_the_pause_notice_is_in_plain_words_a_child_can_read(session, officer, settings):
    """Reading age about 9 (Flesch-Kincaid grade 5 or lower), one text message, in GSM-7."""
    import textstat

    from intake.delivery.email import render_email

    texted = create_representation(contact_phone="07700 900123", safe_to_contact=True)
    emailed = create_representation(contact_email="sam@example.org", safe_to_contact=True, preferred_contact="email")
    for rep in (texted, emailed):
        casework.pause(session, rep, officer, settings, PauseReason.COURT, "Care proceedings", date(2026, 11, 4), TODAY)
    session.commit()
    sms = render_sms(
        session.scalars(select(Notification).where(Notification.template == "pause_notice_sms")).one(), settings
    )
    email = render_email(
        session.scalars(select(Notification).where(Notification.template == "pause_notice")).one(), settings
    )
    assert len(sms) <= 160 and sms.isascii()
    assert textstat.flesch_kincaid_grade(sms) <= 5
    assert textstat.flesch_kincaid_grade(email.text) <= 5
    assert "ask us to look at your complaint again" in email.text and email.subject.startswith(
        "Your complaint is on hold"
    )
