"""Helpers for tests that drive the outbox worker."""

from __future__ import annotations

from datetime import timedelta

from intake.extensions import db
from intake.models import Notification
from intake.models.base import utcnow


class Clock:
    """Time that tests move on by hand, so retries can be tested without sleeping."""

    def __init__(self):
        self.now = utcnow() + timedelta(seconds=1)

    def __call__(self):
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


def notifications() -> list[Notification]:
    """Every notification, fresh from the database (the worker commits in its own sessions)."""
    db.session.expire_all()
    return list(db.session.scalars(db.select(Notification).order_by(Notification.id)))
