"""GOV.UK Notify's delivery receipts: what they change on the notification and the text, and what they never do."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from intake.delivery.loop import Worker
from intake.delivery.settings import WorkerSettings
from intake.models import AuditEvent, Message, NotificationStatus, SmsContact, SubmittedBy
from intake.providers.notify import KEY_TROUBLE
from tests.factories import create_representation
from tests.support.fake_notify import CALLBACK_TOKEN, FakeNotify
from tests.support.outbox import Clock, notifications

NUMBER = "+447700900123"


@pytest.fixture
def notify_api(app, monkeypatch):
    fake = FakeNotify().start().use_in(app, monkeypatch)
    yield fake
    fake.stop()
    KEY_TROUBLE.worked()


@pytest.fixture
def sent_case(app, notify_api):
    """A child's case whose acknowledgement (text and email) and alerts went through Notify."""
    rep = create_representation(
        submitted_by=SubmittedBy.CHILD,
        contact_phone="07700 900123",
        contact_email="sam@example.org",
        safe_to_contact=True,
    )
    settings = WorkerSettings(batch_size=50, lease_seconds=120, backoff_base_seconds=30, poll_seconds=0.01)
    Worker(app, settings, clock=Clock(), reminders=False).run(once=True)
    return rep


def receipt(client, payload, token=CALLBACK_TOKEN):
    return client.post("/notify/status", json=payload, headers={"Authorization": f"Bearer {token}"})


def the_text(notify_api):
    [sent] = [t for t in notify_api.texts() if t.to == NUMBER]
    return sent


def by_template(template):
    [row] = [n for n in notifications() if n.template == template]
    return row


def test_a_delivered_text_is_marked_delivered_and_its_notification_stays_sent(client, session, notify_api, sent_case):
    assert receipt(client, notify_api.delivery_receipt(the_text(notify_api))).status_code == 204
    message = session.scalar(select(Message).where(Message.direction == "out"))
    assert message.status == "delivered" and message.representation_id == sent_case.id
    assert by_template("acknowledgement_sms").status is NotificationStatus.SENT


def test_a_text_that_never_arrives_fails_for_staff_to_see_and_the_number_gets_no_more_texts(
    client, session, notify_api, sent_case
):
    assert receipt(client, notify_api.delivery_receipt(the_text(notify_api), "permanent-failure")).status_code == 204
    row = by_template("acknowledgement_sms")
    assert row.status is NotificationStatus.FAILED and "permanent failure" in row.last_error
    assert session.scalar(select(Message.status).where(Message.direction == "out")) == "failed"
    assert session.scalar(select(SmsContact.opted_out).where(SmsContact.number == NUMBER)) is True
    [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "notification_failed"))
    assert event.representation_id == sent_case.id and event.actor == "GOV.UK Notify"


def test_a_receipt_never_moves_a_status_backwards(client, session, notify_api, sent_case):
    sent = the_text(notify_api)
    receipt(client, notify_api.delivery_receipt(sent, "delivered"))
    receipt(client, notify_api.delivery_receipt(sent, "permanent-failure"))
    receipt(client, notify_api.delivery_receipt(sent, "sending"))
    assert session.scalar(select(Message.status).where(Message.direction == "out")) == "delivered"
    assert by_template("acknowledgement_sms").status is NotificationStatus.SENT
    assert session.scalar(select(SmsContact)) is None or not session.scalar(select(SmsContact.opted_out))


def test_the_same_receipt_twice_changes_nothing_the_second_time(client, session, notify_api, sent_case):
    payload = notify_api.delivery_receipt(the_text(notify_api), "temporary-failure")
    receipt(client, payload)
    receipt(client, payload)
    assert session.query(Message).filter_by(direction="out").count() == 1
    assert session.query(AuditEvent).filter_by(action="notification_failed").count() == 1
    assert "retry-failed" in by_template("acknowledgement_sms").last_error
    assert session.scalar(select(SmsContact)) is None, "only a permanent failure stops texts to the number"


def test_an_email_receipt_changes_the_notification_and_makes_no_text(client, session, notify_api, sent_case):
    [email] = [e for e in notify_api.emails() if e.to == "complaints@council.example"]
    assert email.reference == sent_case.reference
    receipt(client, notify_api.delivery_receipt(email, "technical-failure"))
    row = by_template("new_case")
    assert row.status is NotificationStatus.FAILED and "technical failure" in row.last_error
    assert session.query(Message).count() == 0


def test_a_receipt_for_a_message_that_is_not_ours_is_acknowledged_and_ignored(client, session, notify_api, sent_case):
    payload = {**notify_api.delivery_receipt(the_text(notify_api)), "id": "6c5a7b0e-0000-4000-8000-000000000000"}
    assert receipt(client, payload).status_code == 204
    assert session.query(Message).count() == 0


def test_a_receipt_with_a_status_we_do_not_know_changes_nothing(client, session, notify_api, sent_case):
    receipt(client, notify_api.delivery_receipt(the_text(notify_api), "virus-scan-failed"))
    assert by_template("acknowledgement_sms").status is NotificationStatus.SENT
    assert session.scalar(select(Message.status)) is None


@pytest.mark.parametrize("token", ["wrong-token-123", ""], ids=["wrong", "empty"])
def test_a_receipt_without_the_right_token_is_refused(client, session, notify_api, sent_case, token):
    response = receipt(client, notify_api.delivery_receipt(the_text(notify_api), "permanent-failure"), token=token)
    assert response.status_code == 401
    assert by_template("acknowledgement_sms").status is NotificationStatus.SENT


def test_a_receipt_without_id_or_status_gets_a_clear_400(client, notify_api):
    response = receipt(client, {"id": "6c5a7b0e-0000-4000-8000-000000000000"})
    assert response.status_code == 400 and "required" in response.json["error"]
