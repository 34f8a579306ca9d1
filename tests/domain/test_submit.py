from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from intake.domain.sanitise import TextTooLong
from intake.domain.submit import Submission, submit
from intake.models import (
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


def test_markup_is_stored_exactly_as_written(session):
    rep = create_representation(what_happened="<script>alert(1)</script>He <b>never</b> comes &amp; goes")
    assert rep.what_happened == "<script>alert(1)</script>He <b>never</b> comes &amp; goes"


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


@pytest.mark.parametrize(
    ("received_at", "called_out"),
    [
        (datetime(2026, 11, 28, 23, 40, tzinfo=UTC), True),  # a Saturday night
        (MONDAY, False),  # Monday 10:00, office open
    ],
)
def test_a_disclosure_out_of_office_hours_also_alerts_the_emergency_duty_team(app, session, received_at, called_out):
    app.config["OUT_OF_HOURS_EMAIL"] = "edt@council.example"
    try:
        rep = create_representation(what_happened="my foster carer hits me when im late", received_at=received_at)
    finally:
        app.config["OUT_OF_HOURS_EMAIL"] = None
    edt = session.scalars(
        select(Notification).where(
            Notification.representation_id == rep.id, Notification.recipient == "edt@council.example"
        )
    ).all()
    assert [(n.template, n.urgent) for n in edt] == ([("safeguarding_alert", True)] if called_out else [])


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
