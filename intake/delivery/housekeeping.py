"""The worker's daily retention purge, so nothing personal outlives its time because nobody scheduled a command.

Once a day (the first round of the worker after each midnight, Europe/London), the worker does what
``flask purge-expired`` does: closed cases past their retention date (never one on legal hold) and unfinished
conversations and form drafts idle for ``ABANDONED_DAYS`` go, with everything personal that belongs to them
(``intake/domain/retention.py``; rules-reference §4.3, UK GDPR storage limitation). ``RETENTION_PURGE_DAILY=false``
turns it off for a council that runs the command itself.

Every worker process does this; the purge is idempotent, so a second worker finds nothing left, and if two
race for the same row one of them fails this time, is rolled back, and tries again an hour later. Trouble here
is logged and never stops delivery. The log names counts only: no reference, number or word.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime

from flask import Flask
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from intake.delivery.policy import LONDON
from intake.domain.retention import purge_all_due
from intake.settings import settings_of

log = logging.getLogger(__name__)

RETRY_AFTER_FAILURE_SECONDS = 3600


class DailyPurge:
    """A worker job (``Worker(jobs=[...])``): call it every round; it purges at most once a London day."""

    def __init__(self, app: Flask, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.app = app
        self.engine = engine
        self.clock = clock
        self.done_for: date | None = None
        self.not_before = 0.0  # monotonic time: after a failure, wait before trying again

    def __call__(self) -> None:
        now = self.clock()
        today = now.astimezone(LONDON).date()
        if self.done_for == today or time.monotonic() < self.not_before:
            return
        session = Session(self.engine, expire_on_commit=False)
        try:
            with self.app.app_context():
                due = purge_all_due(session, today, now, settings_of(self.app).security.abandoned_days)
                session.commit()  # attachment files are removed once this commits
        except Exception:
            session.rollback()
            self.not_before = time.monotonic() + RETRY_AFTER_FAILURE_SECONDS
            log.exception("the daily retention purge failed; trying again in an hour")
            return
        finally:
            session.close()
        self.done_for = today
        log.info(
            "daily retention purge for %s: %d case(s), %d unfinished conversation(s), %d form draft(s)",
            today.isoformat(),
            len(due.cases),
            len(due.abandoned.conversations),
            due.abandoned.drafts,
        )


def daily_purge_jobs(app: Flask, engine: Engine, clock: Callable[[], datetime]) -> list[Callable[[], None]]:
    """The purge as a worker job, unless the council turned it off."""
    return [DailyPurge(app, engine, clock)] if settings_of(app).security.retention_purge_daily else []
