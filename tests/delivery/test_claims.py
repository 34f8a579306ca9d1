"""Several workers on one outbox: each notification is claimed by one of them and sent once, on each database.

The workers are threads, each with its own app and so its own engine and connections, racing from the same
moment with small batches. Deliveries are counted where they land: the SMTP server on loopback (by our
``X-HYS-Notification`` header) and the fake Twilio API on loopback (each text goes to its own number).
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest

from intake import create_app
from intake.config import TEST_SETTINGS
from intake.data.outbox import claim_due
from intake.delivery.loop import Worker
from intake.delivery.settings import RunStats, WorkerSettings
from intake.extensions import db
from intake.models import Notification, NotificationStatus, SubmittedBy
from intake.models.base import utcnow
from tests.factories import create_representation
from tests.support.fake_twilio import FakeTwilio
from tests.support.outbox import notifications

SID = "AC" + "4" * 32
TOKEN = "claims-token"
EMAILS, TEXTS = 240, 60


@pytest.fixture
def twilio_api():
    fake = FakeTwilio(SID, TOKEN).start()
    yield fake
    fake.stop()


def fill_outbox(rep) -> None:
    now = utcnow()
    rows = [
        Notification(
            representation_id=rep.id,
            channel="email",
            recipient=f"officer{i}@council.example",
            template="safeguarding_alert" if i % 10 == 0 else "new_case",
            audience="complaints officer",
            urgent=i % 10 == 0,
            next_attempt_at=now,
            give_up_at=now + timedelta(hours=48),
        )
        for i in range(EMAILS)
    ]
    rows += [
        Notification(
            representation_id=rep.id,
            channel="sms",
            recipient=f"+4477009{i:05d}",
            template="rights_alert_sms",
            audience="children's rights officer",
            urgent=i % 5 == 0,
            next_attempt_at=now,
            give_up_at=now + timedelta(hours=48),
        )
        for i in range(TEXTS)
    ]
    db.session.add_all(rows)
    db.session.commit()


def worker_app(database_url, smtp, twilio_api):
    return create_app(
        {
            **TEST_SETTINGS,
            "SQLALCHEMY_DATABASE_URI": database_url,
            **smtp.settings(),
            "SMS_BACKEND": "twilio",
            "TWILIO_ACCOUNT_SID": SID,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "TWILIO_API_BASE_URL": twilio_api.base_url,
        }
    )


def run_together(apps) -> list[RunStats]:
    start = threading.Barrier(len(apps))
    results: list[RunStats | BaseException] = [RunStats()] * len(apps)

    def work(index, app):
        worker = Worker(app, WorkerSettings(batch_size=7, poll_seconds=0.01), reminders=False)
        start.wait()
        try:
            results[index] = worker.run(once=True)
        except BaseException as e:  # reported below, not lost in the thread
            results[index] = e

    threads = [threading.Thread(target=work, args=(i, app)) for i, app in enumerate(apps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker did not finish"
    assert not [r for r in results if isinstance(r, BaseException)], results
    return results


@pytest.mark.parametrize("workers", [2, 4])
def test_workers_racing_for_the_outbox_send_every_notification_exactly_once(workers, database_url, smtp, twilio_api):
    rep = create_representation(submitted_by=SubmittedBy.PARENT, received_at=utcnow())
    fill_outbox(rep)
    total = len(notifications())
    apps = [worker_app(database_url, smtp, twilio_api) for _ in range(workers)]

    stats = run_together(apps)

    emails = Counter(r.notification_id for r in smtp.received)
    texts = Counter(m.to for m in twilio_api.messages)
    duplicates = sum(emails.values()) - len(emails) + sum(texts.values()) - len(texts)
    rows = notifications()
    lost = [n.id for n in rows if n.status is not NotificationStatus.SENT]
    assert duplicates == 0 and lost == []
    assert len(emails) + len(texts) == total == sum(s.sent for s in stats)
    assert all(n.attempts == 1 for n in rows), "no row was claimed twice"
    assert sum(s.claimed > 0 for s in stats) >= 2, "the workers really shared the outbox"
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_a_row_claimed_once_is_not_claimed_again_until_its_lease_runs_out(app, clock):
    rep = create_representation(submitted_by=SubmittedBy.PARENT, received_at=utcnow())
    now = clock()
    first = claim_due(
        db.session,
        now,
        limit=10,
        lease_until=now + timedelta(seconds=120),
        urgent_lease_until=now + timedelta(seconds=20),
    )
    db.session.commit()
    again = claim_due(db.session, now, limit=10, lease_until=now + timedelta(seconds=120), urgent_lease_until=now)
    later = now + timedelta(seconds=121)
    after_lease = claim_due(
        db.session, later, limit=10, lease_until=later + timedelta(seconds=120), urgent_lease_until=later
    )
    db.session.commit()
    assert {n.representation_id for n in first} == {rep.id} and len(first) == len(notifications())
    assert again == []
    assert sorted(n.id for n in after_lease) == sorted(n.id for n in first)
    assert all(n.attempts == 2 for n in notifications())


def test_after_a_crash_urgent_alerts_come_back_in_seconds_not_behind_the_ordinary_lease(smtp, make_worker, clock):
    rep = create_representation(submitted_by=SubmittedBy.PARENT, received_at=utcnow())
    now = utcnow()
    alert = Notification(
        representation_id=rep.id,
        channel="email",
        recipient="mash@council.example",
        template="safeguarding_alert",
        audience="safeguarding front door",
        urgent=True,
        next_attempt_at=now,
        give_up_at=now + timedelta(hours=48),
    )
    db.session.add(alert)
    db.session.commit()
    crashed = make_worker()
    claimed = crashed.claimer.claim(clock(), RunStats())  # claimed, then the worker died before sending
    assert claimed[0].id == alert.id, "urgent rows are claimed first"

    clock.advance(seconds=21)
    make_worker().run(once=True)
    assert [r.notification_id for r in smtp.received] == [alert.id]

    clock.advance(seconds=100)
    make_worker().run(once=True)
    assert sorted(r.notification_id for r in smtp.received) == sorted(n.id for n in notifications())
    assert all(n.status is NotificationStatus.SENT for n in notifications())


def test_a_worker_whose_lease_ran_out_neither_sends_nor_resets_a_row_another_worker_claimed_since(
    smtp, make_worker, clock
):
    create_representation(submitted_by=SubmittedBy.PARENT, received_at=utcnow())
    [n] = notifications()
    stalled = make_worker()
    [mine] = stalled.claimer.claim(clock(), RunStats())
    clock.advance(seconds=121)  # the first worker stalls past its lease...
    taker = make_worker()
    [theirs] = taker.claimer.claim(clock(), RunStats())  # ...and another claims the row
    assert theirs.id == mine.id == n.id and theirs.lease_until > mine.lease_until

    # The stalled worker wakes: everything it would write about the row is fenced off by the newer claim.
    now = clock()
    assert claim_due(db.session, now, limit=10, lease_until=now, urgent_lease_until=now) == []
    from intake.data import outbox as outbox_rows

    assert outbox_rows.hand_back(db.session, [(mine.id, mine.lease_until)], now) == 0
    assert not outbox_rows.settle(db.session, mine.id, mine.lease_until, NotificationStatus.FAILED, "stale")
    outbox_rows.retry_at(db.session, mine.id, mine.lease_until, now, "stale")
    db.session.commit()
    [row] = notifications()
    assert row.status is NotificationStatus.PENDING and row.lease_until == theirs.lease_until and row.attempts == 2

    # And its batch, resumed, sends nothing: the lease it was given is over.
    from intake.delivery.loop import _Senders
    from intake.delivery.results import Results

    results = Results(stalled.engine, stalled.settings, stalled.clock)
    stats = RunStats()
    stalled._send_all([mine], _Senders(stalled.app, None), results, stats)
    results.close()
    assert stats.sent == 0 and stats.released == 0 and smtp.received == []


def test_claims_racing_on_the_database_never_take_more_than_their_limit_or_the_same_row(app, database_url, clock):
    rep = create_representation(submitted_by=SubmittedBy.PARENT, received_at=utcnow())
    now = utcnow()
    db.session.add_all(
        Notification(
            representation_id=rep.id,
            channel="email",
            recipient=f"officer{i}@council.example",
            template="new_case",
            audience="complaints officer",
            urgent=i % 7 == 0,
            next_attempt_at=now,
            give_up_at=now + timedelta(hours=48),
        )
        for i in range(300)
    )
    db.session.commit()
    total = len(notifications())
    engines = []
    for _ in range(4):
        with create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url}).app_context():
            engines.append(db.engine)
    start, claims, lock = threading.Barrier(4), [], threading.Lock()

    def claim_until_empty(engine):
        from sqlalchemy.orm import Session

        start.wait()
        while True:
            with Session(engine) as session:
                moment = utcnow()
                won = [
                    n.id
                    for n in claim_due(
                        session,
                        moment,
                        limit=10,
                        lease_until=moment + timedelta(minutes=2),
                        urgent_lease_until=moment + timedelta(seconds=20),
                    )
                ]
                session.commit()
            with lock:
                claims.append(won)
            if not won:
                return

    threads = [threading.Thread(target=claim_until_empty, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    won = [nid for claim in claims for nid in claim]
    assert max(len(claim) for claim in claims) == 10, "no claim takes more than its limit"
    assert len(won) == len(set(won)) == total, "every row claimed, none twice"
    for engine in engines:
        engine.dispose()
