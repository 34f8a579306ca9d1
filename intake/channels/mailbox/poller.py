"""One poll of the complaints mailbox: every waiting message taken in exactly once, then marked.

Each message is its own transaction (the edge: ``intake.transaction.committed``): its ``MailboxMessage`` row
and its case (or reply) commit together, and only then is the message flagged or moved. A crash between the
commit and the flag leaves the message waiting, and the next poll finds its row and only flags it; two pollers
at once meet on that row's unique key, and the second only flags it. So nothing ever makes a second case.

A mailbox that is down or refuses the password is one outage: logged once when it starts and once when it
ends, retried with a growing pause (up to ``MAX_BACKOFF_SECONDS``), never raised to the caller.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from intake.channels.mailbox.connection import (
    IMAP_ERRORS,
    MailboxFolder,
    MailboxSettings,
    MailboxUnavailable,
    Waiting,
    open_folder,
)
from intake.channels.mailbox.parsing import ParsedEmail, parse
from intake.channels.mailbox.taking_in import TakenIn, receipt_time, take_in
from intake.config import Settings
from intake.data import mailbox as mailbox_rows
from intake.models.base import utcnow
from intake.transaction import committed

log = logging.getLogger("intake.mailbox")
MAX_BACKOFF_SECONDS = 15 * 60


@dataclass
class PollStats:
    looked_at: int = 0
    cases: int = 0
    replies: int = 0
    ignored: int = 0  # bounces, auto-replies, our own mail: no case
    already_known: int = 0  # taken in before (a second poller, or a crash before the flag): only marked now
    unreadable: int = 0  # could not be taken in: flagged in the mailbox for a person
    error: str | None = None  # the mailbox (or the database) could not be used: one line
    backing_off: bool = False  # not tried: still pausing after an outage
    seconds: float = 0.0

    def count(self, result: TakenIn) -> None:
        if result.known:
            self.already_known += 1
        elif result.outcome == "case":
            self.cases += 1
        elif result.outcome == "reply":
            self.replies += 1
        elif result.outcome == "unreadable":
            self.unreadable += 1
        else:
            self.ignored += 1

    def summary(self) -> str:
        return (
            f"{self.looked_at} message(s): {self.cases} new case(s), {self.replies} repl(ies) on cases, "
            f"{self.ignored} bounce(s) or auto-reply(ies) ignored, {self.already_known} already taken in, "
            f"{self.unreadable} left flagged for a person"
        )


class Outage:
    """Logs an outage once when it starts (and again only if its reason changes), once when it ends, and says
    when to try again: the poll interval, doubling with each failure, up to ``MAX_BACKOFF_SECONDS``."""

    def __init__(self, poll_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.poll_seconds = poll_seconds
        self.clock = clock
        self.failures = 0
        self.reason: str | None = None
        self.retry_at = 0.0

    def ready(self) -> bool:
        return self.clock() >= self.retry_at

    def failed(self, reason: str) -> None:
        if reason != self.reason:
            log.warning("mailbox unavailable: %s (retrying with backoff; logged once per outage)", reason)
        self.failures += 1
        self.reason = reason
        self.retry_at = self.clock() + min(MAX_BACKOFF_SECONDS, self.poll_seconds * 2 ** (self.failures - 1))

    def recovered(self) -> None:
        if self.failures:
            log.warning("mailbox available again after %d failed attempt(s)", self.failures)
        self.failures, self.reason, self.retry_at = 0, None, 0.0


class MailboxPoller:
    """Polls one mailbox, remembering outages between polls (the worker and ``poll-mailbox`` each keep one)."""

    def __init__(self, config: Settings, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.settings = MailboxSettings.from_config(config)
        self.outage = Outage(self.settings.poll_seconds, clock)
        self.clock = clock
        self.next_poll_at = 0.0

    def poll_if_due(self, app_or_session: Any) -> PollStats | None:
        """For a loop that wakes more often than ``MAILBOX_POLL_SECONDS`` (the worker): poll only when due."""
        if self.clock() < self.next_poll_at:
            return None
        self.next_poll_at = self.clock() + self.settings.poll_seconds
        return self.poll(app_or_session)

    def poll(self, app_or_session: Any, *, force: bool = False) -> PollStats:
        """Take in every waiting message. ``force`` tries even while backing off after an outage."""
        stats = PollStats()
        if not force and not self.outage.ready():
            stats.backing_off = True
            return stats
        started = time.perf_counter()
        try:
            with _session(app_or_session) as session, open_folder(self.settings) as folder:
                for item in folder.waiting():
                    self._one(session, folder, item, stats)
        except MailboxUnavailable as e:
            stats.error = str(e)
        except IMAP_ERRORS as e:
            stats.error = f"the mailbox {self.settings.where} stopped answering: {e or type(e).__name__}"
        except SQLAlchemyError as e:
            stats.error = f"the database could not be used: {type(e).__name__}"
            log.exception("mailbox: %s; the message stays in the mailbox for the next poll", stats.error)
        except Exception as e:  # a bug must not stop the worker that calls this: it is logged, and retried
            stats.error = f"the poll failed: {type(e).__name__}"
            log.exception("mailbox: %s", stats.error)
        if stats.error:
            self.outage.failed(stats.error)
        else:
            self.outage.recovered()
        stats.seconds = time.perf_counter() - started
        return stats

    def _one(self, session: Session, folder: MailboxFolder, item: Waiting, stats: PollStats) -> None:
        fetched = folder.fetch(item)
        if fetched is None:
            return  # gone since the listing: another poller has moved it, or a person has
        raw, headers_only = fetched
        mail = parse(raw, headers_only=headers_only)
        stats.looked_at += 1
        _log_trouble(mail, item)
        result = self._take_in(session, mail, item)
        stats.count(result)
        if result.outcome == "unreadable":
            folder.mark_unreadable(item.uid)
        else:
            folder.mark_done(item.uid)

    def _take_in(self, session: Session, mail: ParsedEmail, item: Waiting) -> TakenIn:
        """Take the message in, in its own transaction; the poll goes on whatever one message does."""
        try:
            with committed(session):
                result = take_in(session, mail, self.config, arrived_at=item.arrived_at)
        except IntegrityError:
            previous = mailbox_rows.known_outcome(session, mail.key)
            if previous is None:  # not the message's own row: something else is wrong with it
                return self._unreadable(session, mail, item, "a database constraint")
            return TakenIn(previous, known=True)  # another poller took it in first
        except SQLAlchemyError:
            raise  # the database is in trouble, not the message: stop, and leave it for the next poll
        except Exception as e:  # a message that breaks our code must not stop the mailbox (or lose the rest)
            log.exception("mailbox: %s could not be taken in", _name(mail))
            return self._unreadable(session, mail, item, type(e).__name__)
        if not result.known and result.reference:
            log.info("mailbox: %s -> %s %s", _name(mail), result.outcome, result.reference)
        return result

    def _unreadable(self, session: Session, mail: ParsedEmail, item: Waiting, why: str) -> TakenIn:
        log.error("mailbox: %s left flagged in the mailbox for a person to read (%s)", _name(mail), why)
        with committed(session):
            received = receipt_time(mail.sent_at, item.arrived_at, utcnow())
            mailbox_rows.record_message(session, mail.key, "unreadable", received)
        return TakenIn("unreadable")


def _log_trouble(mail: ParsedEmail, item: Waiting) -> None:
    if mail.headers_only:
        log.warning(
            "mailbox: %s is %.1f MB, over MAILBOX_MAX_MESSAGE_BYTES: a case is made from its headers; read it "
            "in the mailbox",
            _name(mail),
            item.size / 1024 / 1024,
        )
    if mail.defects:
        log.warning("mailbox: %s is malformed (%s): read as far as it goes", _name(mail), ", ".join(mail.defects[:5]))


def _name(mail: ParsedEmail) -> str:
    """How the log names a message: its Message-ID only (never the sender, the subject or the words)."""
    return mail.message_id or f"a message with no Message-ID (key {mail.key[:12]})"


@contextmanager
def _session(app_or_session: Any) -> Iterator[Any]:
    """The session to work in: the one given (a Session or Flask-SQLAlchemy's scoped one), or the app's own."""
    if not hasattr(app_or_session, "app_context"):
        yield app_or_session
        return
    from intake.extensions import db

    with app_or_session.app_context():
        try:
            yield db.session
        finally:
            db.session.remove()


_pollers: dict[MailboxSettings, MailboxPoller] = {}


def poll_mailbox_once(app_or_session: Any, settings: Settings) -> PollStats:
    """Poll the mailbox once now (a Flask app, or a session inside an app context). The outage state is kept
    between calls for the same mailbox, so calling this on a cadence logs an outage once and backs off."""
    key = MailboxSettings.from_config(settings)
    poller = _pollers.get(key)
    if poller is None:
        poller = _pollers[key] = MailboxPoller(settings)
    return poller.poll(app_or_session)
