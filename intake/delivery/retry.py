"""``retry-failed``: every undelivered notification due now, with a fresh retry window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data.outbox import make_due_again
from intake.models.base import utcnow


@dataclass
class RetryResult:
    count: int
    ids: list[int] = field(default_factory=list)


def retry_failed(session: Session, settings: Settings, *, now: datetime | None = None) -> RetryResult:
    """Make every undelivered notification due now, with a fresh retry window; the caller commits.

    Failed ones become pending again; pending ones waiting on a backoff are brought forward. Suppressed ones
    stay suppressed: they must never be sent. A row a worker holds right now (its lease has not run out) is
    left alone, so it cannot be claimed twice.
    """
    now = now or utcnow()
    ids = make_due_again(session, now, now + timedelta(hours=settings.delivery.give_up_hours))
    return RetryResult(len(ids), ids)
