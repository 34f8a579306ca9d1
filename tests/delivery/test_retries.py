"""Retries: transient failures come back later with backoff; permanent ones fail at once, visibly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from intake.delivery.policy import backoff
from intake.models import NotificationStatus, SubmittedBy
from tests.factories import create_representation
from tests.support.outbox import notifications


@pytest.mark.parametrize(
    ("attempts", "low", "high"),
    [(1, 15, 30), (2, 30, 60), (3, 60, 120), (4, 120, 240), (8, 1800, 3600), (30, 1800, 3600)],
)
def test_backoff_doubles_with_jitter_and_is_capped(attempts, low, high):
    assert backoff(attempts, 30, 3600, rng=lambda a, b: a) == low
    assert backoff(attempts, 30, 3600, rng=lambda a, b: b) == high


def test_backoff_jitter_spreads_retries_out():
    assert len({round(backoff(3, 30, 3600), 3) for _ in range(20)}) > 10


def test_a_451_is_retried_later_and_then_delivered_once(smtp, make_worker, clock):
    create_representation(submitted_by=SubmittedBy.PARENT)
    smtp.mode = "451"
    make_worker().run(once=True)
    [n] = notifications()
    assert n.status is NotificationStatus.PENDING and n.attempts == 1 and "451" in n.last_error
    assert clock() + timedelta(seconds=15) <= n.next_attempt_at <= clock() + timedelta(seconds=30)
    assert make_worker().run(once=True).claimed == 0, "not due yet"
    smtp.mode = "accept"
    clock.advance(seconds=31)
    make_worker().run(once=True)
    [n] = notifications()
    assert n.status is NotificationStatus.SENT and n.attempts == 2 and n.last_error is None
    assert len(smtp.received) == 1


def test_a_rejected_recipient_fails_at_once_and_is_not_retried(smtp, make_worker, clock):
    create_representation(submitted_by=SubmittedBy.PARENT)
    smtp.mode = "550"
    make_worker().run(once=True)
    [n] = notifications()
    assert n.status is NotificationStatus.FAILED and "550" in n.last_error and n.attempts == 1
    smtp.mode = "accept"
    clock.advance(days=1)
    assert make_worker().run(once=True).claimed == 0
    assert smtp.received == []


def test_a_rejected_recipient_does_not_stop_the_rest_of_the_batch(smtp, make_worker):
    create_representation(submitted_by=SubmittedBy.CHILD)  # two emails
    smtp.mode = "550"
    worker = make_worker()
    first = worker.deliver_batch()
    assert first.failed == 2 and first.retrying == 0


def test_a_transient_failure_past_the_retry_window_gives_up_as_failed(smtp, make_worker, clock):
    create_representation(submitted_by=SubmittedBy.PARENT)
    smtp.mode = "451"
    for _ in range(200):  # keep failing until the 48-hour window is over
        make_worker().run(once=True)
        if notifications()[0].status is not NotificationStatus.PENDING:
            break
        clock.now = notifications()[0].next_attempt_at
    [n] = notifications()
    assert n.status is NotificationStatus.FAILED and n.last_error.startswith("gave up after")
    assert 40 < n.attempts < 200 and clock() >= n.give_up_at


def test_an_unexpected_error_in_a_provider_is_retried_not_fatal(smtp, fake_sms, make_worker, app):
    class Broken(type(fake_sms)):
        def _send(self, to, body, reference):
            raise ValueError("a bug in a provider library")

    create_representation(submitted_by=SubmittedBy.PARENT, contact_phone="07700 900123", safe_to_contact=True)
    stats = make_worker(sms_provider=Broken()).run(once=True)
    [sms] = [n for n in notifications() if n.channel == "sms"]
    assert sms.status is NotificationStatus.PENDING and sms.last_error == "unexpected error: ValueError"
    assert stats.sent == 1  # the email still went
