"""Faults: in each, nothing is lost and nothing is sent again after a successful send (issue 5)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from intake.config import PROJECT_ROOT
from intake.delivery.results import Results
from intake.domain.submit import Submission, submit
from intake.extensions import db
from intake.models import Base, Channel, Kind, Notification, NotificationStatus, SubmittedBy
from intake.models.base import utcnow
from intake.providers.twilio_sms import TwilioSms
from tests.factories import create_representation
from tests.support.fake_twilio import FakeTwilio
from tests.support.outbox import notifications

SID = "AC" + "3" * 32
TOKEN = "fault-token"


def test_smtp_down_is_retried_and_delivered_once_it_is_back(smtp, fake_sms, make_worker, clock):
    create_representation(submitted_by=SubmittedBy.CHILD, contact_phone="07700 900123", safe_to_contact=True)
    smtp.stop()
    first = make_worker().run(once=True)
    rows = {n.template: n for n in notifications()}
    assert rows["new_case"].status is NotificationStatus.PENDING and "refused" in rows["new_case"].last_error
    # The server is down: the second email is put back untried rather than waiting on another failure...
    assert rows["rights_alert"].attempts == 0 and rows["rights_alert"].next_attempt_at > clock()
    # ...and the text message, on another channel, still goes.
    assert rows["acknowledgement_sms"].status is NotificationStatus.SENT and first.sent == 1
    smtp.start()
    clock.advance(minutes=2)
    make_worker().run(once=True)
    assert all(n.status is NotificationStatus.SENT for n in notifications())
    assert sorted(r.notification_id for r in smtp.received) == sorted([rows["new_case"].id, rows["rights_alert"].id])
    assert len(fake_sms.sent) == 1


@pytest.fixture
def twilio_api():
    fake = FakeTwilio(SID, TOKEN).start()
    yield fake
    fake.stop()


@pytest.mark.parametrize("mode", ["500", "429", "hang"])
def test_the_sms_api_failing_or_timing_out_is_retried_and_sent_once(app, twilio_api, make_worker, clock, mode, smtp):
    app.config["RIGHTS_OFFICER_MOBILE"] = "+447700900999"
    try:
        create_representation(submitted_by=SubmittedBy.CHILD)
    finally:
        app.config["RIGHTS_OFFICER_MOBILE"] = None
    client = TwilioSms(SID, TOKEN, from_number="+447700900000", api_base_url=twilio_api.base_url, timeout=0.5)
    twilio_api.mode, twilio_api.hang_seconds = mode, 1.5
    make_worker(sms_provider=client).run(once=True)
    [sms] = [n for n in notifications() if n.channel == "sms"]
    assert sms.status is NotificationStatus.PENDING and sms.attempts == 1 and sms.last_error
    twilio_api.mode = "ok"
    clock.advance(minutes=2)
    make_worker(sms_provider=client).run(once=True)
    clock.advance(days=3)
    make_worker(sms_provider=client).run(once=True)
    [sms] = [n for n in notifications() if n.channel == "sms"]
    [message] = twilio_api.messages
    assert sms.status is NotificationStatus.SENT and sms.provider_id == message.sid
    assert message.to == "+447700900999" and "https://hys.test/staff/cases/" in message.body


def test_a_locked_database_is_waited_out_and_nothing_is_lost(app, smtp, make_worker, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("holds a SQLite write lock")
    create_representation(submitted_by=SubmittedBy.PARENT)
    worker = make_worker()
    worker.clock = utcnow
    # Another process holds the database for longer than the busy timeout, as during a restore or a stuck writer.
    locker = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    done = threading.Event()

    def run():
        with app.app_context():
            worker.run(once=True)
        done.set()

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(6)  # past the 5 s busy timeout: the worker's claim has failed at least once
    assert not done.is_set()
    locker.execute("COMMIT")
    locker.close()
    thread.join(timeout=30)
    assert done.is_set()
    assert [n.status for n in notifications()] == [NotificationStatus.SENT]
    assert len(smtp.received) == 1


def test_a_database_restart_mid_run_loses_and_repeats_nothing(app, smtp, make_worker, database_url, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: terminates the server's connections")
    rep = create_representation(submitted_by=SubmittedBy.PARENT)
    now = utcnow()
    db.session.add_all(
        [
            Notification(
                representation_id=rep.id,
                channel="email",
                recipient=f"officer{i}@council.example",
                template="new_case",
                audience="complaints officer",
                next_attempt_at=now,
                give_up_at=now + timedelta(hours=48),
            )
            for i in range(30)
        ]
    )
    db.session.commit()
    db.session.close()

    def restart(_stats):
        # What the worker sees when PostgreSQL restarts: every connection is cut.
        admin = create_engine(database_url)
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        admin.dispose()

    worker = make_worker(batch_size=7)
    worker.clock = utcnow
    worker.after_batch = restart  # between batches: the next claim meets a dead connection
    record_sent, sends = Results.sent, []

    def restart_while_recording(self, item, provider_id, stats):
        sends.append(item.id)
        if len(sends) % 5 == 0:  # mid-batch: the send succeeded, and recording it meets a dead connection
            restart(stats)
        record_sent(self, item, provider_id, stats)

    monkeypatch.setattr(Results, "sent", restart_while_recording)
    worker.run(once=True)
    counts = Counter(r.notification_id for r in smtp.received)
    assert len(counts) == 31 and set(counts.values()) == {1}
    assert all(n.status is NotificationStatus.SENT for n in notifications())


# ------------------------------------------------------------------ killed mid-batch


def _flask(env, *args, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        **kwargs,
    )


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_one_unrecorded_group(tmp_path: Path, settings):
    from tests.support.smtp_server import SmtpSink

    total = 60
    group = 4  # DELIVERY_RESULT_BATCH: successful sends recorded per commit
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        rep = submit(
            session,
            Submission(
                kind=Kind.COMMENT, channel=Channel.WEB_FORM, what_happened="More buses", submitted_by=SubmittedBy.PARENT
            ),
            settings.with_values({"COMPLAINTS_OFFICER_EMAIL": None}),
        ).representation
        now = utcnow()
        session.add_all(
            [
                Notification(
                    representation_id=rep.id,
                    channel="email",
                    recipient=f"officer{i}@council.example",
                    template="new_case",
                    audience="complaints officer",
                    next_attempt_at=now,
                    give_up_at=now + timedelta(hours=48),
                )
                for i in range(total)
            ]
        )
        session.commit()
    engine.dispose()

    sink = SmtpSink().start()
    sink.delay = 0.05
    env = {
        **os.environ,
        "APP_ENV": "development",
        "DATABASE_URL": url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(sink.port),
        "SMTP_STARTTLS": "false",
        "SMTP_TIMEOUT_SECONDS": "1",
        "SMS_BACKEND": "fake",
        "TWILIO_ACCOUNT_SID": "",
        "SECRET_KEY": "kill-test-secret-key-0123456789",
        "DELIVERY_RESULT_BATCH": str(group),
    }
    env.pop("TEST_DATABASE_URL", None)
    try:
        proc = _flask(env, "worker", "--batch-size", "10", "--lease-seconds", "3")
        deadline = time.monotonic() + 30
        while len(sink.received) < 15 and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        output, _ = proc.communicate(timeout=10)
        assert 15 <= len(sink.received) < total, f"not killed mid-way: {output.decode()[-2000:]}"
        time.sleep(3.2)  # the dead worker's lease runs out
        rerun = _flask(env, "worker", "--once")
        out, _ = rerun.communicate(timeout=60)
        assert rerun.returncode == 0, out.decode()
    finally:
        sink.stop()

    counts = Counter(r.notification_id for r in sink.received)
    assert set(counts) == set(range(1, total + 1)), "every notification was delivered"
    # Only sends made since the last commit of results can go again: at most one group, each at most twice.
    assert sum(counts.values()) - total <= group, f"duplicates: {[k for k, v in counts.items() if v > 1]}"
    assert set(counts.values()) <= {1, 2}
    engine = create_engine(url)
    with Session(engine) as session:
        statuses = Counter(session.scalars(db.select(Notification.status)))
    engine.dispose()
    assert statuses == {NotificationStatus.SENT: total}
