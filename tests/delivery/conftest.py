"""Fixtures for delivery: a real SMTP sink, the fake SMS client, a local outbox, and a worker with a test clock."""

from __future__ import annotations

import pytest

from intake.delivery.loop import Worker
from intake.delivery.settings import WorkerSettings
from intake.providers.fake import FakeSms
from tests.support.outbox import Clock
from tests.support.smtp_server import SmtpSink


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def outbox_dir(app, tmp_path, monkeypatch):
    path = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "LOCAL_OUTBOX_DIR", str(path))
    return path


@pytest.fixture
def smtp(app, monkeypatch, outbox_dir):
    sink = SmtpSink().start()
    for key, value in sink.settings().items():
        monkeypatch.setitem(app.config, key, value)
    yield sink
    sink.stop()


@pytest.fixture
def fake_sms(app, monkeypatch):
    client = FakeSms()
    monkeypatch.setitem(app.extensions, "sms_provider", client)
    return client


@pytest.fixture
def make_worker(app, clock, fake_sms):
    def make(**overrides) -> Worker:
        settings = WorkerSettings(
            batch_size=overrides.pop("batch_size", 50),
            lease_seconds=overrides.pop("lease_seconds", 120),
            backoff_base_seconds=30,
            backoff_cap_seconds=3600,
            poll_seconds=0.01,
        )
        # Cases from the factories are long overdue by the real calendar: tests of delivery itself leave
        # deadline reminders out unless they ask for them.
        return Worker(
            app, settings, clock=overrides.pop("clock", clock), reminders=overrides.pop("reminders", False), **overrides
        )

    return make
