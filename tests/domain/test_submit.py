from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, func, select

from intake.domain import risk
from intake.domain.sanitise import TextTooLong
from intake.domain.submit import Submission, submit
from intake.extensions import db
from intake.models import (
    AlertLevel,
    AuditEvent,
    Channel,
    Kind,
    Notification,
    Representation,
    SafeguardingAlert,
    Stage,
    SubmittedBy,
)
from tests.factories import create_representation

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_a_complaint_gets_a_reference_a_stage_1_clock_and_an_acknowledgement_date(session):
    rep = create_representation(received_at=MONDAY)
    assert rep.reference and len(rep.reference) == 9
    assert rep.received_on == date(2026, 11, 30)
    assert rep.acknowledge_by == date(2026, 12, 3)  # 3 working days
    [stage] = rep.stages
    assert (stage.number, stage.started_on, stage.due_on) == (1, date(2026, 11, 30), date(2026, 12, 14))


@pytest.mark.parametrize("kind", [Kind.COMPLIMENT, Kind.COMMENT])
def test_a_compliment_or_comment_never_starts_a_complaint_clock(session, kind):
    rep = create_representation(kind=kind, received_at=MONDAY)
    assert rep.stages == []
    assert count(session, Stage) == 0


def test_a_submission_is_stored_with_its_audit_event_and_notifications_together(session):
    rep = create_representation(submitted_by=SubmittedBy.CHILD)
    events = session.scalars(select(AuditEvent).where(AuditEvent.reference == rep.reference)).all()
    assert [e.action for e in events] == ["submitted"]
    audiences = {n.audience for n in session.scalars(select(Notification))}
    assert {"complaints officer", "children's rights officer"} <= audiences


def test_nothing_is_written_when_the_text_is_too_long(session, settings):
    with pytest.raises(TextTooLong):
        submit(session, Submission(kind=Kind.COMPLAINT, channel=Channel.WEB_FORM, what_happened="a" * 5001), settings)
    assert count(session, Representation) == 0
    assert count(session, Notification) == 0


def test_a_failure_part_way_leaves_neither_case_nor_notifications(session, settings, monkeypatch):
    import intake.domain.submit as submit_module

    def broken_routing(*args, **kwargs):
        raise RuntimeError("routing failed")

    monkeypatch.setattr(submit_module.routing, "route", broken_routing)
    with pytest.raises(RuntimeError):
        submit(session, Submission(kind=Kind.COMPLAINT, channel=Channel.SMS, what_happened="x"), settings)
    session.rollback()
    assert count(session, Representation) == 0
    assert count(session, Notification) == 0


def test_markup_like_words_are_stored_exactly_as_written(session):
    words = '<script>alert(1)</script>He <b>never</b> comes &amp; goes, "I want to <kill myself>"'
    rep = create_representation(what_happened=words)
    assert rep.what_happened == words


def test_control_and_bidi_override_characters_are_removed_and_every_word_kept(session):
    rep = create_representation(what_happened="he took my phone\x07 \u202eenohp ym\u202c again\r\nand again")
    for gone in ("\x07", "?", "\u202e", "\u202c", "\r"):
        assert gone not in rep.what_happened
    assert rep.what_happened.startswith("he took my phone") and rep.what_happened.endswith("again\nand again")


def test_emoji_and_other_languages_are_kept(session):
    rep = create_representation(what_happened="Mój pracownik nie dzwoni 😢 لا أحد يتصل بي")
    assert "😢" in rep.what_happened and "لا أحد" in rep.what_happened


def test_a_risk_disclosure_raises_a_safeguarding_alert_in_the_same_transaction(session):
    rep = create_representation(what_happened="my foster carer hits me when im late")
    assert rep.safeguarding and rep.urgent
    alert = session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id))
    assert alert is not None and alert.is_open
    urgent = session.scalars(select(Notification).where(Notification.urgent.is_(True))).all()
    assert any(n.template == "safeguarding_alert" for n in urgent)


def test_the_alert_takes_the_level_the_risk_screen_gave(session):
    words = "I am going to kill myself tonight"
    rep = create_representation(what_happened=words)
    alert = session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id))
    assert alert.level.value == risk.screen(words).level


SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    "words", ["my foster carer hits me when im late", "I am going to kill myself tonight, he is coming back"]
)
@pytest.mark.parametrize("now", [SATURDAY_NIGHT, MONDAY], ids=["Saturday night", "Monday 10:00"])
def test_the_emergency_duty_team_is_told_first_only_of_immediate_danger_out_of_office_hours(
    app, session, monkeypatch, words, now
):
    monkeypatch.setattr("intake.domain.submit.utcnow", lambda: now)
    monkeypatch.setitem(app.config, "OUT_OF_HOURS_EMAIL", "edt@council.example")
    rep = create_representation(what_happened=words, received_at=now)
    alerts = session.scalars(
        select(Notification)
        .where(Notification.representation_id == rep.id, Notification.template == "safeguarding_alert")
        .order_by(Notification.id)
    ).all()
    immediate = risk.screen(words).level == "immediate"
    expected_first = "edt@council.example" if immediate and now is SATURDAY_NIGHT else app.config["SAFEGUARDING_EMAIL"]
    assert alerts[0].recipient == expected_first and all(n.urgent for n in alerts)
    assert ("edt@council.example" in [n.recipient for n in alerts]) is (immediate and now is SATURDAY_NIGHT)


def test_a_disclosure_over_the_length_limit_is_kept_in_full_with_its_alert(session, settings):
    words = "a" * (settings["MAX_FREE_TEXT"] - 10) + " and I want to kill myself"
    result = submit(session, Submission(kind=Kind.COMPLAINT, channel=Channel.WEB_FORM, what_happened=words), settings)
    session.commit()
    assert result.alert is not None and result.representation.what_happened == words


@pytest.mark.parametrize(
    "field", ["what_would_help", "service_mentioned", "contact_avoid", "contact_name", "child_name", "contact_times"]
)
def test_a_disclosure_in_any_piece_of_free_text_raises_an_alert(session, settings, field):
    sub = Submission(kind=Kind.COMPLAINT, channel=Channel.WEB_FORM, what_happened="My worker never calls.")
    setattr(sub, field, "he hits me when mum is at work")
    result = submit(session, sub, settings)
    assert result.alert is not None and result.representation.safeguarding


def test_submit_leaves_the_commit_to_its_caller(session, settings):
    submit(session, Submission(kind=Kind.COMMENT, channel=Channel.WEB_FORM, what_happened="More buses"), settings)
    session.rollback()
    assert count(session, Representation) == 0 and count(session, Notification) == 0


def test_a_submission_received_on_a_bank_holiday_starts_its_clock_the_next_working_day(session):
    rep = create_representation(received_at=datetime(2026, 12, 25, 12, 0, tzinfo=UTC))
    assert rep.received_on == date(2026, 12, 29)


def test_unknown_categories_are_ignored_and_known_ones_kept_once(session):
    rep = create_representation(categories=("finance", "finance", "made_up"))
    assert rep.category_codes == ["finance"]


def test_contact_details_are_normalised(session):
    rep = create_representation(contact_phone="07700 900123", contact_email=" not an email ")
    assert rep.contact_phone == "+447700900123"
    assert rep.contact_email is None


def test_a_cases_first_events_are_how_it_came_in_then_the_channels_then_the_alert_in_that_order(session, settings):
    sub = Submission(kind=Kind.COMPLAINT, channel=Channel.SMS, what_happened="he hits me when mum is at work")
    sub.extra_events.append(("submitted_early", "risk screen hit during the conversation"))
    rep = submit(session, sub, settings).representation
    session.commit()
    events = session.scalars(select(AuditEvent).where(AuditEvent.reference == rep.reference).order_by(AuditEvent.id))
    assert [(e.action, e.representation_id) for e in events] == [
        ("submitted", rep.id),
        ("submitted_early", rep.id),
        ("safeguarding_alert_raised", rep.id),
    ]


def test_the_outbox_rows_are_written_in_routing_order_for_whom_submit_says_it_notified(session, settings):
    sub = Submission(kind=Kind.COMPLAINT, channel=Channel.WEB_FORM, what_happened="he hits me when mum is at work")
    result = submit(session, sub, settings)
    session.commit()
    rows = session.scalars(
        select(Notification).where(Notification.representation_id == result.representation.id).order_by(Notification.id)
    ).all()
    assert [(n.channel.value, n.recipient, n.template) for n in rows] == [
        (r.channel, r.address, r.template) for r in result.notified
    ]
    assert rows and all(n.status.value == "pending" and n.attempts == 0 and n.next_attempt_at for n in rows)


def test_the_screens_alert_is_written_with_the_commit_so_raising_its_level_first_needs_no_update(session, settings):
    sub = Submission(kind=Kind.COMPLAINT, channel=Channel.SMS, what_happened="he hits me when mum is at work")
    result = submit(session, sub, settings)
    statements: list[str] = []

    def _seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()[:3]))

    event.listen(db.engine, "before_cursor_execute", _seen)
    try:
        result.alert.level = AlertLevel.IMMEDIATE  # what the SMS channel does when the message itself was worse
        session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", _seen)
    assert "INSERT INTO safeguarding_alert" in statements and "UPDATE safeguarding_alert" not in statements
    assert session.scalar(select(SafeguardingAlert.level)) is AlertLevel.IMMEDIATE
