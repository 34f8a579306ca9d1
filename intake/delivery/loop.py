"""The worker loop: claim a batch, send it, record the results; queue reminders every few minutes.

One iteration is the edge that commits (``intake.delivery.outbox`` claims, ``intake.delivery.results``
records); nothing it calls commits. How the worker shares the outbox with other workers safely is in
``intake/data/outbox.py``; what a crash can repeat is in ``intake/delivery/results.py``.

Before each send the worker checks that the row's lease will outlast the send's timeout; if not, it hands
the rest of the batch back rather than risk another worker taking them too. SIGTERM and SIGINT finish the
message in hand, record it, and stop.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from intake.config import Settings
from intake.delivery.outbox import Claimer, Item
from intake.delivery.policy import LONDON, backoff
from intake.delivery.results import Results
from intake.delivery.settings import RunStats, WorkerSettings
from intake.extensions import db
from intake.models import NotificationChannel
from intake.models.base import utcnow
from intake.providers.base import EmailProvider, SmsProvider
from intake.providers.choose import TWILIO_TIMEOUT_SECONDS, email_provider, sms_provider
from intake.providers.errors import ProviderError
from intake.settings import settings_of

log = logging.getLogger(__name__)

# Deadline reminders and overdue escalations are queued on start, then at most this often.
REMINDER_INTERVAL_SECONDS = 300.0


class Worker:
    """Drains the outbox. ``clock`` is injectable so tests can move time instead of sleeping."""

    def __init__(
        self,
        app: Flask,
        settings: WorkerSettings | None = None,
        *,
        sms_provider: SmsProvider | None = None,
        clock: Callable[[], datetime] = utcnow,
        reminders: bool = True,
        jobs: Sequence[Callable[[], object]] = (),
    ):
        self.app = app
        self.settings = settings or WorkerSettings.from_config(settings_of(app))
        self.sms_provider = sms_provider
        self.clock = clock
        self.stop_event = threading.Event()
        with app.app_context():
            self.engine: Engine = db.engine
        self.send_budget = _send_budget(settings_of(app))
        if self.settings.lease_seconds <= 2 * max(self.send_budget.values()):
            log.warning(
                "the worker's lease (%.0f s) is short for the send timeouts (%s s): batches will be cut short",
                self.settings.lease_seconds,
                max(self.send_budget.values()),
            )
        self.claimer = Claimer(app, self.engine, self.settings)
        # time.monotonic() after which reminders are queued again; never, for a worker told not to queue them.
        self._reminders_next = 0.0 if reminders else float("inf")
        # Other work the worker process does on its own cadence between batches (polling the complaints mailbox):
        # each job decides for itself whether it is due, and never raises.
        self.jobs = tuple(jobs)
        # Called after each batch (tests use it to simulate trouble mid-run).
        self.after_batch: Callable[[RunStats], None] | None = None

    # ------------------------------------------------------------------ the loop

    def run(self, *, once: bool = False) -> RunStats:
        """Deliver until stopped (or, with ``once``, until nothing is due). Survives database outages."""
        total = RunStats()
        db_failures = 0
        while not self.stop_event.is_set():
            self._queue_reminders_if_due()
            for job in self.jobs:
                job()
            try:
                stats = self.deliver_batch()
                db_failures = 0
            except (OperationalError, DBAPIError) as e:
                # The database restarted or went away: drop the connection, wait, try again.
                db_failures += 1
                wait = min(30.0, 0.5 * 2 ** min(db_failures, 6))
                log.warning("database unavailable (%s); retrying in %.1f s", type(e).__name__, wait)
                self.engine.dispose()
                self.stop_event.wait(wait)
                continue
            total.add(stats)
            if self.after_batch is not None:
                self.after_batch(stats)
            if stats.claimed == 0:
                if once:
                    break
                self.stop_event.wait(self.settings.poll_seconds)
        return total

    def _queue_reminders_if_due(self) -> None:
        """Queue deadline reminders and overdue escalations (today in Europe/London) every few minutes.

        Each is queued once (the outbox's dedupe key), so running this from every worker is harmless; if two
        workers race for the same reminder, one of them simply fails this time. Trouble here is logged and
        never stops delivery: the next round (or ``flask send-reminders``) catches up.
        """
        if time.monotonic() < self._reminders_next:
            return
        self._reminders_next = time.monotonic() + REMINDER_INTERVAL_SECONDS
        from intake.domain.reminders import queue_due_reminders

        today = self.clock().astimezone(LONDON).date()
        session = Session(self.engine, expire_on_commit=False)
        try:
            with self.app.app_context():
                queued = queue_due_reminders(session, settings_of(self.app), today)
            session.commit()
            if queued:
                log.info("queued %d deadline reminder(s) for %s", len(queued), today.isoformat())
        except Exception:
            session.rollback()
            log.exception("could not queue deadline reminders; will try again in %.0f s", REMINDER_INTERVAL_SECONDS)
        finally:
            session.close()

    def stop(self, *_args) -> None:
        self.stop_event.set()

    def install_signal_handlers(self) -> Callable[[], None]:
        """SIGTERM/SIGINT finish the message in hand, record it, then exit. Returns a function to undo this."""
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGTERM, signal.SIGINT)}

        def restore() -> None:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

        return restore

    # ------------------------------------------------------------------ one batch

    def deliver_batch(self) -> RunStats:
        stats = RunStats()
        items = self.claimer.claim(self.clock(), stats)
        if not items:
            return stats
        results = Results(self.engine, self.settings, self.clock)
        senders = _Senders(self.app, self.sms_provider)
        try:
            self._send_all(items, senders, results, stats)
        finally:
            try:
                results.flush()
            finally:
                senders.close()
                results.close()
        return stats

    def _send_all(self, items: list[Item], senders: _Senders, results: Results, stats: RunStats) -> None:
        pending, tried = list(items), 0
        while pending:
            item = pending.pop(0)
            results.flush_if_due()
            if self._out_of_time(item, tried=tried):
                # Out of time on its lease (or asked to stop): give it and the rest back untried. The first send
                # of a batch goes ahead while its lease lasts, so a lease shorter than a timeout slows the worker
                # but never stalls it.
                stats.released += results.hand_back([item, *pending], self.clock())
                return
            tried += 1
            try:
                provider_id = senders.send(item)
            except ProviderError as e:
                results.failed(item, e, stats)
                if e.provider_down:
                    pending = self._put_back_channel(pending, item.channel, e, results, stats)
                continue
            except Exception as e:  # a bug, not the provider: retry later rather than crash the worker
                results.unexpected(item, e, stats)
                continue
            results.sent(item, provider_id, stats)

    def _out_of_time(self, item: Item, *, tried: int) -> bool:
        """Stop here? Asked to stop, the lease already over (a stalled worker), or too short for another send."""
        now = self.clock()
        if self.stop_event.is_set() or now >= item.lease_until:
            return True
        budget = timedelta(seconds=self.send_budget[item.channel])
        return tried > 0 and now + budget > item.lease_until

    def _put_back_channel(
        self, pending: list[Item], channel: NotificationChannel, error: ProviderError, results: Results, stats: RunStats
    ) -> list[Item]:
        """The provider is down: put the rest of this batch on that channel back for later, untried."""
        same = [i for i in pending if i.channel is channel]
        s = self.settings
        retry_at = self.clock() + timedelta(seconds=backoff(1, s.backoff_base_seconds, s.backoff_cap_seconds))
        stats.retrying += results.hand_back(same, retry_at, error)
        return [i for i in pending if i.channel is not channel]


def _send_budget(settings: Settings) -> dict[NotificationChannel, float]:
    """The longest a single send can take on each channel (its provider's timeout); a lease must outlast it."""
    notify = float(settings.notify.timeout_seconds)
    email = notify if settings.email_backend == "notify" else float(settings.smtp.timeout_seconds)
    sms = notify if settings.delivery.sms_backend == "notify" else TWILIO_TIMEOUT_SECONDS
    return {NotificationChannel.EMAIL: email, NotificationChannel.SMS: sms}


class _Senders:
    """The providers one batch uses: each opened when first needed, and closed when the batch ends."""

    def __init__(self, app: Flask, sms: SmsProvider | None):
        self.app = app
        self._sms = sms
        self._email: EmailProvider | None = None

    def send(self, item: Item) -> str:
        if item.channel is NotificationChannel.EMAIL:
            if self._email is None:
                self._email = email_provider(self.app)
            return self._email.send(replace(item.payload, reference=item.reference))
        if self._sms is None:
            self._sms = sms_provider(self.app)
        return self._sms.send(item.recipient, item.payload, item.reference)

    def close(self) -> None:
        if self._email is not None:
            self._email.close()
