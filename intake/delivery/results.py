"""Recording what became of each send, on one connection kept for the batch.

Successful sends are committed in groups: one commit (an executemany ``UPDATE``) for up to
``DELIVERY_RESULT_BATCH`` sends (default 25), and never more than 0.1 s after the oldest of them (checked
before each send), plus at the end of every batch and before the worker stops. An urgent send (short lease)
is committed at once. A failure is recorded at once
in its own commit: for a transient one a new ``next_attempt_at`` with exponential backoff and jitter
(``failed`` once past ``give_up_at``); for a permanent refusal ``failed``; for an opt-out ``suppressed``.

**The one window for a duplicate** is a crash (or a database outage that outlasts the retries in
``_write``) after the provider accepted a message but before its group of results committed: at most
``DELIVERY_RESULT_BATCH`` messages, in practice those sent in the last 0.1 s plus one slow send. Recording
each send in its own commit would shrink that to one message, but cost a commit (a disk sync on PostgreSQL)
per message, which held the worker below 200 messages a second. Each email copy carries the same
Message-ID, so mail clients show one message; a duplicate SMS is a second text.

Logs carry the notification id, its reference, template and audience, and our own words for what went
wrong; never the address, the number, the provider's reply (it can quote them) or the message.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from intake.data import outbox as outbox_rows
from intake.data.sms_contacts import set_opted_out
from intake.delivery.outbox import Item, audit, settle
from intake.delivery.policy import backoff, sms_number
from intake.delivery.settings import RunStats, WorkerSettings
from intake.models import NotificationStatus
from intake.providers.errors import ProviderError, TransientError

log = logging.getLogger(__name__)
T = TypeVar("T")


class Results:
    def __init__(self, engine: Engine, settings: WorkerSettings, clock: Callable[[], datetime]):
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self._session: Session | None = None
        self._connection: Connection | None = None
        # Successful sends not yet recorded, and when the oldest of them was sent (time.monotonic()).
        self._unrecorded: list[dict[str, Any]] = []
        self._unrecorded_since = 0.0

    # ------------------------------------------------------------------ successes

    def sent(self, item: Item, provider_id: str, stats: RunStats) -> None:
        """Note a successful send; it is committed with up to ``result_batch`` others."""
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
        # An urgent row's lease is short (seconds), so its send is recorded at once: a worker stalled between
        # sending and recording (a busy machine) must not outlast the lease and let another worker send it again.
        if item.urgent or len(self._unrecorded) >= self.settings.result_batch:
            self.flush()

    def flush_if_due(self) -> None:
        if self._unrecorded and time.monotonic() - self._unrecorded_since >= self.settings.result_flush_seconds:
            self.flush()

    def flush(self) -> None:
        """Record every noted send as ``sent`` in one commit."""
        sends = self._unrecorded
        if sends:
            self._write(lambda session: outbox_rows.mark_sent(session.connection(), sends))
            self._unrecorded = []

    # ------------------------------------------------------------------ failures

    def failed(self, item: Item, error: ProviderError, stats: RunStats) -> None:
        now = self.clock()
        if error.opted_out:
            self._opted_out(item, error, now)
            stats.suppressed += 1
            return
        if error.transient and now < item.give_up_at:
            delay = backoff(item.attempts, self.settings.backoff_base_seconds, self.settings.backoff_cap_seconds)
            retry_at = min(now + timedelta(seconds=delay), item.give_up_at)
            self._write(
                lambda s: outbox_rows.retry_at(s, item.id, item.lease_until, retry_at, error.for_staff(item.recipient))
            )
            stats.retrying += 1
            return
        if error.transient:
            detail = f"gave up after {item.attempts} attempts: {error.for_staff(item.recipient)}"
            log.error(
                "notification %s (ref %s, %s to %s) gave up after %d attempts: %s",
                item.id,
                item.reference,
                item.template,
                item.audience,
                item.attempts,
                error.message,
            )
        else:
            detail = error.for_staff(item.recipient)
            # A refusal is the recipient's, not ours: a warning for whoever reads the log, not an alarm.
            log.warning(
                "notification %s (ref %s, %s to %s) refused: %s [code %s]",
                item.id,
                item.reference,
                item.template,
                item.audience,
                error.message,
                error.code,
            )
        self._settle(item, NotificationStatus.FAILED, detail, now)
        stats.failed += 1

    def unexpected(self, item: Item, e: Exception, stats: RunStats) -> None:
        """A bug (in our code or a provider's library), not the provider's answer: retry later, log where."""
        # The frames say where; the exception's text is left out, since it could quote what was being sent.
        log.error(
            "unexpected %s sending notification %s (ref %s); retrying later\n%s",
            type(e).__name__,
            item.id,
            item.reference,
            "".join(traceback.format_tb(e.__traceback__)),
        )
        self.failed(item, TransientError(f"unexpected error: {type(e).__name__}"), stats)

    def _opted_out(self, item: Item, error: ProviderError, now: datetime) -> None:
        reason = f"not sent: {error.message}"

        def write(session: Session) -> None:
            set_opted_out(session, sms_number(item.recipient), True, now=now)
            if settle(session, item, NotificationStatus.SUPPRESSED, reason, now):
                audit(session, item, "notification_suppressed", f"{item.template} to {item.audience}: suppressed")

        self._write(write)
        log.info("notification %s (ref %s) not sent: the number has opted out", item.id, item.reference)

    def _settle(self, item: Item, status: NotificationStatus, detail: str, now: datetime) -> None:
        def write(session: Session) -> None:
            if settle(session, item, status, detail, now):
                audit(session, item, "notification_failed", f"{item.template} to {item.audience}: {status.value}")

        self._write(write)

    # ------------------------------------------------------------------ untried rows

    def hand_back(self, items: Sequence[Item], at: datetime, error: ProviderError | None = None) -> int:
        """Rows claimed but not tried go back, due at ``at``; the claim does not count as an attempt."""
        held = [(i.id, i.lease_until) for i in items]
        if not held:
            return 0
        message = error.message if error is not None else None
        return self._write(lambda s: outbox_rows.hand_back(s, held, at, error=message))

    # ------------------------------------------------------------------ the connection

    def _write(self, work: Callable[[Session], T], attempts: int = 6) -> T:
        """Run ``work`` in its own transaction and commit, retrying through a short database outage.

        After a send, failing to record it would mean sending it again, so this tries hard (about 30 s)
        before giving up. The batch keeps one connection for its results rather than checking one out (and
        pinging it) per row.
        """
        for attempt in range(attempts):
            try:
                session = self._results_session()
                done = work(session)
                session.commit()
                return done
            except (OperationalError, DBAPIError):
                self.close()
                if attempt == attempts - 1:
                    raise
                log.warning("database unavailable while recording a result; retrying")
                self.engine.dispose()
                time.sleep(min(16.0, 0.5 * 2**attempt))
        raise AssertionError("unreachable")  # the loop returns or raises

    def _results_session(self) -> Session:
        if self._session is None:
            self._connection = self.engine.connect()
            self._session = Session(bind=self._connection, expire_on_commit=False)
        return self._session

    def close(self) -> None:
        session, connection = self._session, self._connection
        self._session = self._connection = None
        for closing in (session, connection):
            if closing is None:
                continue
            try:
                closing.close()
            except Exception:  # pragma: no cover - the connection is already gone
                log.debug("could not close the results connection", exc_info=True)
