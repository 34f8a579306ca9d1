"""The outbox worker delivering through GOV.UK Notify (the fake API on loopback): what goes, and what Notify's
refusals make the worker do."""

from __future__ import annotations

from datetime import timedelta

import pytest

from intake.delivery.loop import Worker
from intake.delivery.settings import WorkerSettings
from intake.models import NotificationChannel, NotificationStatus, SubmittedBy
from intake.providers.notify import KEY_TROUBLE
from tests.factories import create_representation
from tests.support.fake_notify import EMAIL_TEMPLATE_ID, SMS_TEMPLATE_ID, FakeNotify
from tests.support.outbox import Clock, notifications


@pytest.fixture
def notify_api(app, monkeypatch):
    fake = FakeNotify().start().use_in(app, monkeypatch)
    yield fake
    fake.stop()
    KEY_TROUBLE.worked()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def deliver(app, clock):
    def run():
        settings = WorkerSettings(batch_size=50, lease_seconds=120, backoff_base_seconds=30, poll_seconds=0.01)
        return Worker(app, settings, clock=clock, reminders=False).run(once=True)

    return run


def a_childs_case(**contact):
    return create_representation(submitted_by=SubmittedBy.CHILD, safe_to_contact=True, **contact)


def test_a_cases_acknowledgement_text_and_the_staff_emails_go_through_notify_with_its_reference(notify_api, deliver):
    rep = a_childs_case(contact_phone="07700 900123")
    stats = deliver()
    assert stats.sent == 3
    [text] = notify_api.texts()
    assert (text.to, text.template_id, text.reference) == ("+447700900123", SMS_TEMPLATE_ID, rep.reference)
    assert rep.reference in text.personalisation["body"]
    emails = notify_api.emails()
    assert {e.to for e in emails} == {"complaints@council.example", "childrens-rights@council.example"}
    assert all(e.template_id == EMAIL_TEMPLATE_ID and e.reference == rep.reference for e in emails)
    assert all(rep.reference in e.personalisation["subject"] for e in emails)
    by_id = {n.provider_id: n for n in notifications()}
    assert set(by_id) == {n.id for n in notify_api.sent}, "each notification keeps Notify's id for its receipt"
    assert all(n.status is NotificationStatus.SENT for n in by_id.values())


def test_a_cases_acknowledgement_email_goes_through_notify_as_subject_and_plain_text(notify_api, deliver):
    rep = a_childs_case(contact_email="sam@example.org")
    deliver()
    [ack] = [e for e in notify_api.emails() if e.to == "sam@example.org"]
    assert ack.reference == rep.reference and rep.reference in ack.personalisation["subject"]
    body = ack.personalisation["body"]
    assert rep.reference in body and "<p" not in body and "<html" not in body


def test_a_number_notify_refuses_fails_at_once_for_staff_and_the_emails_still_go(notify_api, deliver, clock):
    a_childs_case(contact_phone="+48 601 234 567")  # Notify texts UK numbers only unless international is on
    stats = deliver()
    [text] = [n for n in notifications() if n.channel is NotificationChannel.SMS]
    assert text.status is NotificationStatus.FAILED and text.attempts == 1
    assert "Not a UK mobile number" in text.last_error and "601" not in text.last_error
    assert stats.sent == 2 and stats.failed == 1
    clock.advance(days=1)
    assert deliver().claimed == 0, "never tried again"


def test_a_refused_key_keeps_everything_waiting_and_a_fixed_key_delivers_it(notify_api, deliver, clock):
    a_childs_case(contact_phone="07700 900123")
    notify_api.mode = "403"
    stats = deliver()
    rows = notifications()
    assert all(n.status is NotificationStatus.PENDING for n in rows)
    assert stats.retrying == 3 and notify_api.requests == 2, "one try a channel; the rest of it put back untried"
    assert all("refused our API key" in n.last_error for n in rows)
    notify_api.mode = "ok"
    clock.advance(hours=2)
    deliver()
    assert all(n.status is NotificationStatus.SENT for n in notifications())
    assert len(notify_api.sent) == 3


@pytest.mark.parametrize("mode", ["429", "500", "hang"])
def test_a_busy_or_broken_notify_is_retried_with_backoff_and_then_delivers_once(
    app, monkeypatch, notify_api, deliver, clock, mode
):
    a_childs_case(contact_phone="07700 900123")
    monkeypatch.setitem(app.config, "NOTIFY_TIMEOUT_SECONDS", 1)
    notify_api.mode, notify_api.hang_seconds = mode, 1.5
    deliver()
    texts = [n for n in notifications() if n.channel is NotificationChannel.SMS]
    [text] = texts
    assert text.status is NotificationStatus.PENDING and text.attempts == 1
    assert clock() + timedelta(seconds=15) <= text.next_attempt_at <= clock() + timedelta(seconds=30)
    assert deliver().claimed == 0, "not due yet"
    notify_api.mode = "ok"
    clock.advance(seconds=31)
    deliver()
    [text] = [n for n in notifications() if n.channel is NotificationChannel.SMS]
    assert text.status is NotificationStatus.SENT and text.attempts == 2 and text.last_error is None
    assert len(notify_api.texts()) == 1


def test_notify_failing_past_the_retry_window_gives_up_as_failed(notify_api, deliver, clock):
    create_representation(submitted_by=SubmittedBy.PARENT)  # one email, to the complaints officer
    notify_api.mode = "500"
    for _ in range(200):
        deliver()
        waiting = [n for n in notifications() if n.status is NotificationStatus.PENDING]
        if not waiting:
            break
        clock.now = min(n.next_attempt_at for n in waiting)
    [row] = notifications()
    assert row.status is NotificationStatus.FAILED and clock() >= row.give_up_at
    assert row.last_error.startswith("gave up after") and "500" in row.last_error and 40 < row.attempts < 200
    assert notify_api.sent == []


def test_the_worker_sizes_its_leases_by_notifys_timeout_on_the_channels_notify_carries(app, notify_api, monkeypatch):
    """The longest one send can take on a channel is its provider's timeout."""
    monkeypatch.setitem(app.config, "NOTIFY_TIMEOUT_SECONDS", 30)
    monkeypatch.setitem(app.config, "EMAIL_BACKEND", "local")
    budget = Worker(app, WorkerSettings(lease_seconds=120), reminders=False).send_budget
    assert budget == {NotificationChannel.SMS: 30.0, NotificationChannel.EMAIL: 10.0}
