"""The outbox worker: delivers due notifications, with retries, never twice after a success.

How a notification is claimed and sent
--------------------------------------
1. **Claim** (one short transaction): pick due rows (``pending`` and
   ``next_attempt_at <= now``), urgent first, then oldest, in a small batch. On
   PostgreSQL the select is ``FOR UPDATE SKIP LOCKED`` so several workers share
   the outbox without waiting on each other; SQLite runs a single worker. Each
   claimed row gets ``attempts += 1`` and a *lease*: ``next_attempt_at = now +
   lease``. Messages are rendered, and rows that must not be sent (opted-out
   numbers, people it is not safe to contact) are marked ``suppressed``, in the
   same transaction. Commit.
2. **Send** each message (one SMTP connection per batch). Before each send the
   worker checks that the lease will outlast the send's timeout; if not, it hands
   the rest of the batch back rather than risk another worker taking them too.
3. **Record** the result. Successful sends are committed in groups: one commit
   (an executemany ``UPDATE``) for up to ``DELIVERY_RESULT_BATCH`` sends (default
   25), and never more than 0.1 s after the oldest of them, checked before each
   send, plus at the end of every batch and before the worker stops. Each marks
   the row ``sent`` with ``sent_at`` and the provider's id. A failure is recorded
   at once in its own commit: for a transient one a new ``next_attempt_at`` with
   exponential backoff and jitter (``failed`` once past ``give_up_at``); for a
   permanent refusal ``failed``.

If the worker dies between claim and send, the lease runs out and the row is due
again: nothing is lost. **The one window for a duplicate** is a crash (or a
database outage that outlasts the retries in ``_write``) after the provider
accepted a message but before its group of results committed: at most
``DELIVERY_RESULT_BATCH`` messages, in practice those sent in the last 0.1 s plus
one slow send. Recording each send in its own commit would shrink that to one
message, but cost a commit (a disk sync on PostgreSQL) per message, which is what
held the worker below 200 messages a second. For email each copy carries the same
Message-ID, so mail clients show one message; a duplicate SMS is a second text.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from intake.channels.smsclient import SmsClient, SmsClientError, get_sms_client, local_outbox_dir
from intake.delivery.content import PERSON_TEMPLATES
from intake.delivery.dev_outbox import LocalOutboxMailer
from intake.delivery.email import SmtpMailer, render_email
from intake.delivery.errors import DeliveryError
from intake.delivery.sms import render_sms
from intake.domain.sanitise import normalise_phone
from intake.extensions import db
from intake.models import (
    AuditEvent,
    Message,
    Notification,
    NotificationChannel,
    NotificationStatus,
    Representation,
    SmsContact,
)
from intake.models.base import utcnow

log = logging.getLogger(__name__)

ACTOR = "delivery worker"
# Deadline reminders and overdue escalations are queued on start, then at most this often.
REMINDER_INTERVAL_SECONDS = 300.0
LONDON = ZoneInfo("Europe/London")


@dataclass
class WorkerSettings:
    batch_size: int = 100
    lease_seconds: float = 120.0
    backoff_base_seconds: float = 30.0
    backoff_cap_seconds: float = 3600.0
    poll_seconds: float = 5.0
    # Successful sends recorded per commit, and the longest one waits to be recorded: together they bound how
    # many messages a crash can send twice (see the module docstring).
    result_batch: int = 25
    result_flush_seconds: float = 0.1

    @classmethod
    def from_config(cls, config: Mapping[str, Any], **overrides: Any) -> WorkerSettings:
        # Only these two are settings (intake/config.py); the rest keep their defaults above unless overridden.
        s = cls()
        s.poll_seconds = float(config.get("WORKER_POLL_SECONDS", s.poll_seconds))
        s.result_batch = int(config.get("DELIVERY_RESULT_BATCH", s.result_batch))
        for key, value in overrides.items():
            if value is not None:
                setattr(s, key, value)
        return s


@dataclass
class RunStats:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    suppressed: int = 0
    released: int = 0

    def add(self, other: RunStats) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Item:
    """A claimed notification, rendered and ready to send; plain values, no ORM object."""

    id: int
    channel: NotificationChannel
    recipient: str
    representation_id: int
    reference: str
    template: str
    audience: str
    attempts: int
    give_up_at: datetime
    message_id: int | None
    payload: Any = None


def backoff(attempts: int, base: float, cap: float, rng: Callable[[float, float], float] = random.uniform) -> float:
    """Seconds to wait after the ``attempts``-th failure: exponential, capped, with "equal jitter".

    Half the delay is fixed and half random, so retries spread out (no thundering
    herd when a mail server comes back) but never come back immediately.
    """
    delay = min(cap, base * (2 ** max(0, attempts - 1)))
    return delay / 2 + rng(0, delay / 2)


class Worker:
    """Drains the outbox. ``clock`` is injectable so tests can move time instead of sleeping."""

    def __init__(
        self,
        app: Flask,
        settings: WorkerSettings | None = None,
        *,
        sms_client: SmsClient | None = None,
        clock: Callable[[], datetime] = utcnow,
        reminders: bool = True,
    ):
        self.app = app
        self.settings = settings or WorkerSettings.from_config(app.config)
        self.sms_client = sms_client
        self.clock = clock
        self.stop_event = threading.Event()
        cfg = app.config
        # The longest a single send can take on each channel; a lease must outlast it.
        self.send_budget = {
            NotificationChannel.EMAIL: float(cfg.get("SMTP_TIMEOUT_SECONDS") or 10),
            NotificationChannel.SMS: float(cfg.get("SMS_TIMEOUT_SECONDS") or 10),
        }
        if self.settings.lease_seconds <= 2 * max(self.send_budget.values()):
            log.warning(
                "the worker's lease (%.0f s) is short for the send timeouts (%s s): batches will be cut short",
                self.settings.lease_seconds,
                max(self.send_budget.values()),
            )
        self._results: Session | None = None
        self._results_conn = None
        # Successful sends not yet recorded, and when the oldest of them was sent (time.monotonic()).
        self._unrecorded: list[dict[str, Any]] = []
        self._unrecorded_since = 0.0
        # time.monotonic() after which reminders are queued again; never, for a worker told not to queue them.
        self._reminders_next = 0.0 if reminders else float("inf")
        # Called after each batch (tests use it to simulate trouble mid-run).
        self.after_batch: Callable[[RunStats], None] | None = None

    # ------------------------------------------------------------------ loops

    def run(self, *, once: bool = False) -> RunStats:
        """Deliver until stopped (or, with ``once``, until nothing is due). Survives database outages."""
        total = RunStats()
        db_failures = 0
        while not self.stop_event.is_set():
            self._queue_reminders_if_due()
            try:
                stats = self.deliver_batch()
                db_failures = 0
            except (OperationalError, DBAPIError) as e:
                # The database restarted or went away: drop the connection, wait, try again.
                db_failures += 1
                wait = min(30.0, 0.5 * 2 ** min(db_failures, 6))
                log.warning(
                    "database unavailable (%s: %s); retrying in %.1f s",
                    type(e).__name__,
                    str(getattr(e, "orig", e))[:200],
                    wait,
                )
                self._discard_connections()
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

        ``queue_due_reminders`` queues each one once (the outbox's dedupe key), so running it from every
        worker is harmless; if two workers race for the same reminder, one of them simply fails this time.
        Trouble here is logged and never stops delivery: the next round (or ``flask send-reminders``) catches up.
        """
        if time.monotonic() < self._reminders_next:
            return
        self._reminders_next = time.monotonic() + REMINDER_INTERVAL_SECONDS
        from intake.domain.reminders import queue_due_reminders

        today = self.clock().astimezone(LONDON).date()
        session = Session(db.engine, expire_on_commit=False)
        try:
            with self.app.app_context():
                queued = queue_due_reminders(session, self.app.config, today)
            session.commit()  # queue_due_reminders never commits: this iteration is the edge
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
        items, lease_expires = self._claim(stats)
        if not items:
            return stats
        mailer = None
        try:
            tried = 0
            for index, item in enumerate(items):
                if item.payload is None:  # already settled while claiming (suppressed, or could not render)
                    continue
                if self._unrecorded and time.monotonic() - self._unrecorded_since >= self.settings.result_flush_seconds:
                    self._flush_sent()
                budget = timedelta(seconds=self.send_budget[item.channel])
                # Out of time on our lease (or asked to stop): give the rest back untried. The first send of a
                # batch always goes ahead, so a lease shorter than a timeout slows the worker but cannot stall it.
                if self.stop_event.is_set() or (tried and self.clock() + budget > lease_expires):
                    self._release(items[index:], stats)
                    break
                tried += 1
                try:
                    if item.channel is NotificationChannel.EMAIL:
                        mailer = mailer or self._mailer()
                        provider_id = mailer.send(item.payload)
                    else:
                        provider_id = self._send_sms(item)
                except DeliveryError as e:
                    self._failed(item, e, stats)
                    if e.channel_down:
                        self._defer_channel(items[index + 1 :], item.channel, e, stats)
                    continue
                except Exception as e:  # a bug, not the provider: retry later rather than crash the worker
                    log.exception("unexpected error sending notification %s", item.id)
                    self._failed(item, DeliveryError(f"unexpected error: {type(e).__name__}", transient=True), stats)
                    continue
                self._sent(item, provider_id, stats)
        finally:
            try:
                self._flush_sent()
            finally:
                if mailer is not None:
                    mailer.close()
                self._close_results()
        return stats

    def _mailer(self):
        if self.app.config.get("SMTP_HOST"):
            return SmtpMailer(self.app.config)
        return LocalOutboxMailer(local_outbox_dir(self.app))

    def _send_sms(self, item: _Item) -> str:
        client = self.sms_client or get_sms_client(self.app)
        try:
            return client.send_sms(item.recipient, item.payload, reference=item.reference).provider_id
        except SmsClientError as e:
            if e.opted_out:
                self._mark_opted_out(item.recipient)
                raise DeliveryError(f"not sent: {e.message}", transient=False, suppress=True) from e
            raise DeliveryError(e.message, transient=e.transient) from e

    # ------------------------------------------------------------------ claiming

    def _claim(self, stats: RunStats) -> tuple[list[_Item], datetime]:
        session = Session(db.engine, expire_on_commit=False)
        try:
            now = self.clock()
            lease_expires = now + timedelta(seconds=self.settings.lease_seconds)
            query = (
                select(Notification)
                .where(Notification.status == NotificationStatus.PENDING, Notification.next_attempt_at <= now)
                .order_by(Notification.urgent.desc(), Notification.id)
                .limit(self.settings.batch_size)
            )
            if db.engine.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=Notification)
            rows = list(session.scalars(query))
            if not rows:
                session.rollback()
                return [], lease_expires
            # One statement for the whole claim. The rows are ours (locked on PostgreSQL; SQLite has one worker),
            # so each row's new attempt count is the one we read plus one.
            table = Notification.__table__
            session.execute(
                update(table)
                .where(table.c.id.in_([n.id for n in rows]))
                .values(attempts=table.c.attempts + 1, next_attempt_at=lease_expires, lease_until=lease_expires)
            )
            for n in rows:
                set_committed_value(n, "attempts", n.attempts + 1)
                set_committed_value(n, "next_attempt_at", lease_expires)
                set_committed_value(n, "lease_until", lease_expires)
            # Load what rendering needs in two queries, not one per row.
            rep_ids = {n.representation_id for n in rows}
            reps = {
                r.id: r
                for r in session.scalars(
                    select(Representation)
                    .where(Representation.id.in_(rep_ids))
                    .options(selectinload(Representation.stages))
                )
            }
            opted_out = self._opted_out_numbers(
                session, [n.recipient for n in rows if n.channel is NotificationChannel.SMS]
            )
            items = []
            with self.app.app_context():
                for n in rows:
                    set_committed_value(n, "representation", reps[n.representation_id])
                    items.append(self._prepare(session, n, opted_out, now, stats))
            session.commit()
            stats.claimed += len(rows)
            return items, lease_expires
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _prepare(self, session: Session, n: Notification, opted_out: set[str], now: datetime, stats: RunStats) -> _Item:
        rep = n.representation
        item = _Item(
            n.id,
            n.channel,
            n.recipient,
            rep.id,
            rep.reference,
            n.template,
            n.audience,
            n.attempts,
            n.give_up_at,
            n.message_id,
        )
        reason = self._suppression_reason(n, rep, opted_out)
        if reason:
            self._settle(session, n, NotificationStatus.SUPPRESSED, reason, now)
            self._audit(session, item, "notification_suppressed", f"{n.template} to {n.audience}: {reason}")
            stats.suppressed += 1
            return item
        try:
            if n.channel is NotificationChannel.EMAIL:
                item.payload = render_email(n, self.app.config)
            else:
                item.payload = render_sms(n, self.app.config)
        except DeliveryError as e:  # a missing template or empty reply: retrying cannot help
            self._settle(session, n, NotificationStatus.FAILED, e.message, now)
            self._audit(session, item, "notification_failed", f"{n.template} to {n.audience}: could not be written")
            stats.failed += 1
        except Exception as e:  # a bug in a template: keep it pending so a fixed release delivers it
            log.exception("could not render notification %s", n.id)
            error = f"could not be written: {type(e).__name__}"
            if now >= n.give_up_at:
                self._settle(session, n, NotificationStatus.FAILED, error, now)
                stats.failed += 1
                return item
            n.last_error, n.lease_until = error, None
            n.next_attempt_at = now + timedelta(
                seconds=backoff(n.attempts, self.settings.backoff_base_seconds, self.settings.backoff_cap_seconds)
            )
            stats.retrying += 1
        return item

    @staticmethod
    def _suppression_reason(n: Notification, rep: Representation, opted_out: set[str]) -> str | None:
        if n.template in PERSON_TEMPLATES or n.audience == "the person who got in touch":
            if rep.safe_to_contact is not True:
                return "not sent: they did not say it is safe to contact them"
            if rep.contact_via_advocate:
                return "not sent: contact only through their advocate"
        if n.channel is NotificationChannel.SMS and (normalise_phone(n.recipient) or n.recipient) in opted_out:
            return "not sent: the number has opted out of texts (STOP)"
        return None

    @staticmethod
    def _opted_out_numbers(session: Session, numbers: list[str]) -> set[str]:
        wanted = {normalise_phone(x) or x for x in numbers}
        if not wanted:
            return set()
        return set(
            session.scalars(select(SmsContact.number).where(SmsContact.number.in_(wanted), SmsContact.opted_out))
        )

    @staticmethod
    def _settle(session: Session, n: Notification, status: NotificationStatus, error: str, now: datetime) -> None:
        n.status = status
        n.last_error = error
        n.lease_until = None
        if n.message_id is not None:
            session.execute(update(Message).where(Message.id == n.message_id).values(status="failed", updated_at=now))

    # ------------------------------------------------------------------ recording results

    def _sent(self, item: _Item, provider_id: str, stats: RunStats) -> None:
        """Note a successful send; it is committed with up to ``result_batch`` others (``_flush_sent``)."""
        if not self._unrecorded:
            self._unrecorded_since = time.monotonic()
        self._unrecorded.append(
            {
                "nid": item.id,
                "sent_at": self.clock(),
                "pid": provider_id[:100],
                "mid": item.message_id,
                "sid": provider_id[:64],
            }
        )
        stats.sent += 1
        if len(self._unrecorded) >= self.settings.result_batch:
            self._flush_sent()

    def _flush_sent(self) -> None:
        """Record every noted send as ``sent`` in one commit, one executemany per table."""
        rows = self._unrecorded
        if not rows:
            return
        notifications = Notification.__table__
        messages = Message.__table__

        def write(session: Session) -> None:
            conn = session.connection()
            conn.execute(
                update(notifications)
                .where(notifications.c.id == bindparam("nid"))
                .values(
                    status=NotificationStatus.SENT,
                    sent_at=bindparam("sent_at"),
                    provider_id=bindparam("pid"),
                    last_error=None,
                    lease_until=None,
                ),
                rows,
            )
            replies = [r for r in rows if r["mid"] is not None]
            if replies:
                # The status callback finds a staff reply by the provider's id.
                conn.execute(
                    update(messages)
                    .where(messages.c.id == bindparam("mid"))
                    .values(provider_sid=bindparam("sid"), updated_at=bindparam("sent_at")),
                    replies,
                )

        self._write(write)
        self._unrecorded = []

    def _failed(self, item: _Item, error: DeliveryError, stats: RunStats) -> None:
        now = self.clock()
        if error.suppress:
            status, detail = NotificationStatus.SUPPRESSED, error.message
        elif error.transient and now < item.give_up_at:
            delay = backoff(item.attempts, self.settings.backoff_base_seconds, self.settings.backoff_cap_seconds)
            retry_at = min(now + timedelta(seconds=delay), item.give_up_at)
            self._write(
                lambda s: s.execute(
                    update(Notification)
                    .where(Notification.id == item.id)
                    .values(next_attempt_at=retry_at, last_error=error.message[:2000], lease_until=None)
                )
            )
            stats.retrying += 1
            return
        elif error.transient:
            status, detail = NotificationStatus.FAILED, f"gave up after {item.attempts} attempts: {error.message}"
        else:
            status, detail = NotificationStatus.FAILED, error.message

        def write(session: Session) -> None:
            session.execute(
                update(Notification)
                .where(Notification.id == item.id)
                .values(status=status, last_error=detail[:2000], lease_until=None)
            )
            if item.message_id is not None:
                session.execute(
                    update(Message).where(Message.id == item.message_id).values(status="failed", updated_at=now)
                )
            action = "notification_suppressed" if status is NotificationStatus.SUPPRESSED else "notification_failed"
            # Never the error text in the audit trail: a mail server's reply can echo the address.
            self._audit(session, item, action, f"{item.template} to {item.audience}: {status.value}")

        self._write(write)
        if status is NotificationStatus.SUPPRESSED:
            stats.suppressed += 1
        else:
            log.error("notification %s (%s to %s) failed: %s", item.id, item.template, item.audience, detail)
            stats.failed += 1

    def _release(self, items: list[_Item], stats: RunStats) -> None:
        """Hand untried rows back: due now, and this claim does not count as an attempt."""
        ids = [i.id for i in items if i.payload is not None]
        if not ids:
            return
        now = self.clock()
        self._write(
            lambda s: s.execute(
                update(Notification)
                .where(Notification.id.in_(ids), Notification.status == NotificationStatus.PENDING)
                .values(next_attempt_at=now, attempts=Notification.attempts - 1, lease_until=None)
            )
        )
        stats.released += len(ids)

    def _defer_channel(
        self, rest: list[_Item], channel: NotificationChannel, error: DeliveryError, stats: RunStats
    ) -> None:
        """The provider is down: put the rest of this batch on that channel back for later, untried."""
        ids = [i.id for i in rest if i.channel is channel and i.payload is not None]
        if not ids:
            return
        retry_at = self.clock() + timedelta(
            seconds=backoff(1, self.settings.backoff_base_seconds, self.settings.backoff_cap_seconds)
        )
        self._write(
            lambda s: s.execute(
                update(Notification)
                .where(Notification.id.in_(ids))
                .values(
                    next_attempt_at=retry_at,
                    attempts=Notification.attempts - 1,
                    last_error=error.message[:2000],
                    lease_until=None,
                )
            )
        )
        for i in rest:
            if i.id in ids:
                i.payload = None  # skip in this batch
        stats.retrying += len(ids)

    def _mark_opted_out(self, number: str) -> None:
        number = normalise_phone(number) or number
        now = self.clock()

        def write(session: Session) -> None:
            contact = session.scalar(select(SmsContact).where(SmsContact.number == number))
            if contact is None:
                session.add(SmsContact(number=number, opted_out=True, opted_out_at=now, updated_at=now))
            elif not contact.opted_out:
                contact.opted_out, contact.opted_out_at, contact.updated_at = True, now, now

        self._write(write)

    @staticmethod
    def _audit(session: Session, item: _Item, action: str, detail: str) -> None:
        session.add(
            AuditEvent(
                representation_id=item.representation_id,
                reference=item.reference,
                actor=ACTOR,
                action=action,
                detail=detail,
            )
        )

    def _write(self, work: Callable[[Session], None], attempts: int = 6) -> None:
        """Run ``work`` in its own transaction, retrying through a short database outage.

        After a send, failing to record it would mean sending it again, so this
        tries hard (about 30 s) before giving up. The batch keeps one connection
        for its results rather than checking one out (and pinging it) per row.
        """
        for attempt in range(attempts):
            try:
                session = self._results_session()
                work(session)
                session.commit()
                return
            except (OperationalError, DBAPIError):
                self._close_results()
                if attempt == attempts - 1:
                    raise
                log.warning("database unavailable while recording a result; retrying")
                self._discard_connections()
                time.sleep(min(16.0, 0.5 * 2**attempt))

    def _results_session(self) -> Session:
        if self._results is None:
            self._results_conn = db.engine.connect()
            self._results = Session(bind=self._results_conn, expire_on_commit=False)
        return self._results

    def _close_results(self) -> None:
        session, conn = self._results, self._results_conn
        self._results = self._results_conn = None
        for closing in (session, conn):
            if closing is None:
                continue
            try:
                closing.close()
            except Exception:  # pragma: no cover - the connection is already gone
                log.debug("could not close the results connection", exc_info=True)

    @staticmethod
    def _discard_connections() -> None:
        try:
            db.engine.dispose()
        except Exception:  # pragma: no cover - best effort while the database is down
            log.debug("could not dispose the engine", exc_info=True)


@dataclass
class RetryResult:
    count: int
    ids: list[int] = field(default_factory=list)


def retry_failed(session: Session, settings: Mapping[str, Any], *, now: datetime | None = None) -> RetryResult:
    """Make every undelivered notification due now, with a fresh retry window.

    Failed ones become pending again; pending ones waiting on a backoff are
    brought forward. Suppressed ones stay suppressed: they must never be sent.
    A row a worker holds right now (its lease has not run out) is left alone,
    so it cannot be claimed twice.
    """
    now = now or utcnow()
    give_up = now + timedelta(hours=settings.get("DELIVERY_GIVE_UP_HOURS", 48))
    ids = list(
        session.scalars(
            select(Notification.id)
            .where(
                Notification.status.in_([NotificationStatus.FAILED, NotificationStatus.PENDING]),
                or_(Notification.lease_until.is_(None), Notification.lease_until <= now),
            )
            .order_by(Notification.id)
        )
    )
    if ids:
        session.execute(
            update(Notification)
            .where(Notification.id.in_(ids))
            .values(status=NotificationStatus.PENDING, next_attempt_at=now, give_up_at=give_up)
        )
    session.commit()
    return RetryResult(len(ids), ids)
