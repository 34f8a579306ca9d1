"""The outbox (``notification`` rows): claiming due rows, recording what became of them, listing them.

Every statement the delivery worker, ``retry-failed`` and the staff area run on the outbox lives here.
Nothing here commits: the worker commits once per step of an iteration, a command once at its end.

**Claiming is atomic on every database.** ``claim_due`` is one ``WITH picked AS MATERIALIZED (due rows)
UPDATE ... WHERE id IN picked AND <still due> RETURNING``: a row is claimed by the one statement that moves
its lease forward, so two workers can never both win it. On PostgreSQL the selection is ``FOR UPDATE SKIP
LOCKED``, so workers take different rows instead of queueing behind each other; SQLite runs each UPDATE
alone (one writer at a time), and the repeated condition means a row another worker claimed first is simply
not returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, bindparam, case, insert, literal, or_, select, update
from sqlalchemy.orm import Session, selectinload

from intake.models import Message, Notification, NotificationStatus, Representation
from intake.models.base import UtcDateTime
from intake.models.notification import SAFETY_REPLY_TEMPLATE

N = Notification


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


def _due(now: datetime):
    return and_(
        N.status == NotificationStatus.PENDING,
        N.next_attempt_at <= now,
        or_(N.lease_until.is_(None), N.lease_until < now),
    )


def claim_due(
    session: Session, now: datetime, *, limit: int, lease_until: datetime, urgent_lease_until: datetime
) -> list[Notification]:
    """Claim up to ``limit`` due rows, urgent first, then oldest; each gets a lease and one more attempt.

    Urgent rows get the shorter lease, so after a crash they are due again soon. A claimed row is also not
    due (``next_attempt_at``) until its lease ends. Returns the rows this call won, urgent first (a safety reply
    to a child first of all).
    """
    # The pick is one materialised CTE, evaluated once. Written as ``id IN (SELECT ... LIMIT ... SKIP LOCKED)``,
    # PostgreSQL may run the subquery again for each row it scans: each run skips the rows the last one locked,
    # so one claim took thousands of rows, not ``limit``, and held them for a minute (bench/outbox_claims.py).
    picked = (
        select(N.id)
        .where(_due(now))
        .order_by(N.urgent.desc(), N.next_attempt_at, N.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # PostgreSQL; SQLite has no row locks and ignores it
        .cte("picked")
        .prefix_with("MATERIALIZED")
    )
    until = case(
        (N.urgent.is_(True), literal(urgent_lease_until, UtcDateTime())),
        else_=literal(lease_until, UtcDateTime()),
    )
    claimed = session.scalars(
        update(N)
        .where(N.id.in_(select(picked.c.id)), _due(now))
        .values(attempts=N.attempts + 1, lease_until=until, next_attempt_at=until)
        .returning(N),
        execution_options={"synchronize_session": False},
    ).all()
    # A safety reply to a child goes before anything else, the alerts about the same text included.
    return sorted(claimed, key=lambda n: (not n.urgent, n.template != SAFETY_REPLY_TEMPLATE, n.id))


def cases_by_id(session: Session, ids: Iterable[int]) -> dict[int, Representation]:
    """The cases the claimed rows are about, each with its stages (what the words need), in two queries."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.scalars(
        select(Representation).where(Representation.id.in_(wanted)).options(selectinload(Representation.stages))
    )
    return {rep.id: rep for rep in rows}


def reply_bodies(session: Session, message_ids: Iterable[int]) -> dict[int, str]:
    """The words of stored staff replies, by Message id (for replies queued before the outbox kept them)."""
    wanted = set(message_ids)
    if not wanted:
        return {}
    return dict(session.execute(select(Message.id, Message.body).where(Message.id.in_(wanted))).tuples())


def _held(notification_id: int, lease_until: datetime):
    """The row, as long as the claim that set ``lease_until`` still holds it.

    Every result but a send is written only under this condition, so a worker whose lease ran out (a stalled
    process) cannot reset a row another worker has claimed since, and so hand it to a third.
    """
    return and_(N.id == notification_id, N.lease_until == lease_until, N.status == NotificationStatus.PENDING)


def settle(
    session: Session, notification_id: int, lease_until: datetime, status: NotificationStatus, error: str
) -> bool:
    """The row is done without being sent: ``failed`` or ``suppressed``, with the reason for staff.

    Returns False (and changes nothing) if the claim no longer holds the row.
    """
    result = session.execute(
        update(N)
        .where(_held(notification_id, lease_until))
        .values(status=status, last_error=error[:2000], lease_until=None),
        execution_options={"synchronize_session": False},
    )
    return _changed(result) == 1


def mark_reply_failed(session: Session, message_id: int, now: datetime) -> None:
    """A staff reply that will not be sent: the case page shows it as failed."""
    session.execute(update(Message).where(Message.id == message_id).values(status="failed", updated_at=now))


def retry_at(session: Session, notification_id: int, lease_until: datetime, at: datetime, error: str) -> None:
    """After a transient failure: due again at ``at`` (the attempt counts), if the claim still holds the row."""
    session.execute(
        update(N)
        .where(_held(notification_id, lease_until))
        .values(next_attempt_at=at, last_error=error[:2000], lease_until=None),
        execution_options={"synchronize_session": False},
    )


def hand_back(
    session: Session,
    held: Sequence[tuple[int, datetime]],
    at: datetime,
    *,
    error: str | None = None,
    give_up_at: datetime | None = None,
) -> int:
    """Rows claimed but not tried, as ``(id, lease_until)``: due again at ``at``; the claim is not an attempt.

    ``error`` notes why (the provider is down); ``give_up_at`` restarts the retry window (quiet hours). Only
    rows the claim still holds change; returns how many did.
    """
    values: dict[str, Any] = {"next_attempt_at": at, "attempts": N.attempts - 1, "lease_until": None}
    if error is not None:
        values["last_error"] = error[:2000]
    if give_up_at is not None:
        values["give_up_at"] = give_up_at
    changed = 0
    for notification_id, lease_until in held:
        result = session.execute(
            update(N).where(_held(notification_id, lease_until)).values(**values),
            execution_options={"synchronize_session": False},
        )
        changed += _changed(result)
    return changed


def _changed(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def mark_sent(connection: Connection, sends: Sequence[Mapping[str, Any]]) -> None:
    """Record successful sends, one executemany per table.

    Each send is ``{"nid", "sent_at", "pid", "mid", "sid"}``: the notification, when, the provider's id, and
    for a staff reply its Message and the id the status callback will look it up by.
    """
    notifications, messages = cast(Table, N.__table__), cast(Table, Message.__table__)
    connection.execute(
        update(notifications)
        .where(notifications.c.id == bindparam("nid"))
        .values(
            status=NotificationStatus.SENT,
            sent_at=bindparam("sent_at"),
            provider_id=bindparam("pid"),
            last_error=None,
            lease_until=None,
        ),
        list(sends),
    )
    replies = [s for s in sends if s["mid"] is not None]
    if replies:
        connection.execute(
            update(messages)
            .where(messages.c.id == bindparam("mid"))
            .values(provider_sid=bindparam("sid"), updated_at=bindparam("sent_at")),
            replies,
        )


def make_due_again(session: Session, now: datetime, give_up_at: datetime) -> list[int]:
    """Every failed or pending row no worker holds: due now, with a fresh retry window. Returns their ids.

    Suppressed rows stay suppressed: they must never be sent.
    """
    idle = and_(
        N.status.in_([NotificationStatus.FAILED, NotificationStatus.PENDING]),
        or_(N.lease_until.is_(None), N.lease_until <= now),
    )
    ids = list(session.scalars(select(N.id).where(idle).order_by(N.id)))
    if ids:
        session.execute(
            update(N)
            .where(N.id.in_(ids), idle)
            .values(status=NotificationStatus.PENDING, next_attempt_at=now, give_up_at=give_up_at)
        )
    return ids


def notification_for_receipt(session: Session, provider_id: str) -> Notification | None:
    """The notification a delivery receipt is about, by the provider's id for it, locked for the update."""
    return session.scalar(select(N).where(N.provider_id == provider_id).with_for_update())


def mark_undelivered(session: Session, notification_id: int, error: str) -> bool:
    """A sent notification its provider says never arrived: ``failed``, with the reason for staff.

    Only a ``sent`` row changes (a receipt never moves a row backwards, and a second receipt changes nothing);
    ``retry-failed`` can then send it again. Returns whether it changed.
    """
    result = session.execute(
        update(N)
        .where(N.id == notification_id, N.status == NotificationStatus.SENT)
        .values(status=NotificationStatus.FAILED, last_error=error[:2000]),
        execution_options={"synchronize_session": False},
    )
    return _changed(result) == 1


def add_rows(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Queue outbox rows (``Notification``'s columns), in order, in one statement on the session's connection.

    For a new case's notifications on the SMS webhook (issue 14 item 11): as ORM objects they cost a flush at
    commit for rows nothing reads back in the same transaction. The columns' defaults fill in the rest, as the
    ORM's would.
    """
    if rows:
        session.connection().execute(_ADD_ROWS, list(rows))


_ADD_ROWS = insert(cast(Table, Notification.__table__))
