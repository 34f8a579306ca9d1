"""Delivery: the outbox worker, email over SMTP, SMS through the SmsClient, and the local outbox.

Nothing here runs in a web request: ``submit`` and case actions write
``Notification`` rows, and ``flask --app wsgi worker`` delivers them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Notification


def notifications_for(session: Session, representation_id: int) -> Sequence[Notification]:
    """Every notification about a case, oldest first: for the staff area to show who was told, and how it went.

    Each row has ``audience``, ``channel``, ``status`` (pending, sent, failed,
    suppressed), ``attempts``, ``last_error``, ``sent_at`` and ``provider_id``
    (``local-outbox:<file>`` when it went to the development outbox).
    """
    return session.scalars(
        select(Notification)
        .where(Notification.representation_id == representation_id)
        .order_by(Notification.created_at, Notification.id)
    ).all()
