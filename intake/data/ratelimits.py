"""Counters every process shares, in the database: rate-limit windows and failed sign-ins.

Each count is one atomic upsert (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``, on SQLite and
PostgreSQL alike), so two processes counting the same key at the same moment both count: the row lock (or
SQLite's one writer) orders them. Keys arrive already hashed (``intake.ratelimits.hashed_key``). Nothing here
commits: the limiter's own short transaction does, or the request that counts.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from intake.models import RateLimitWindow, SignInFailure

_windows = cast(Table, RateLimitWindow.__table__)
_failures = cast(Table, SignInFailure.__table__)


def hashed_key(secret: str | None, key: str) -> str:
    """The name a counter is stored under: an HMAC, so the table never holds the address or number it counts."""
    return hmac.new((secret or "").encode(), key.encode("utf-8"), hashlib.sha256).hexdigest()


def _insert(connection: Connection, table: Any) -> Any:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def add_hits(connection: Connection, key: str, amount: int, expiry: float, now: float) -> int:
    """Count ``amount`` hits in the key's window (a new window if the old one has ended); the window's total."""
    statement = _insert(connection, _windows).values(key=key, hits=amount, expires_at=now + expiry)
    ended = _windows.c.expires_at <= now
    statement = statement.on_conflict_do_update(
        index_elements=[_windows.c.key],
        set_={
            "hits": case((ended, amount), else_=_windows.c.hits + amount),
            "expires_at": case((ended, now + expiry), else_=_windows.c.expires_at),
        },
    ).returning(_windows.c.hits)
    return int(connection.execute(statement).scalar_one())


def window_hits(connection: Connection, key: str, now: float) -> int:
    """Hits in the key's current window (0 once it has ended)."""
    hits = connection.execute(
        select(_windows.c.hits).where(_windows.c.key == key, _windows.c.expires_at > now)
    ).scalar()
    return int(hits or 0)


def window_expiry(connection: Connection, key: str, now: float) -> float:
    """When the key's window ends (seconds since the epoch); ``now`` when there is none."""
    expires = connection.execute(select(_windows.c.expires_at).where(_windows.c.key == key)).scalar()
    return float(expires) if expires is not None and expires > now else now


def clear_window(connection: Connection, key: str) -> None:
    connection.execute(delete(_windows).where(_windows.c.key == key))


def clear_windows(connection: Connection) -> int:
    return connection.execute(delete(_windows)).rowcount


def delete_ended_windows(connection: Connection, now: float) -> int:
    """Windows that have ended count nothing: delete them so the table stays small."""
    return connection.execute(delete(_windows).where(_windows.c.expires_at <= now)).rowcount


def failures_by_key(connection: Connection, keys: Sequence[str]) -> dict[str, tuple[int, datetime]]:
    """(failures, last failure) for each of ``keys`` that has any."""
    rows = connection.execute(
        select(_failures.c.key, _failures.c.failures, _failures.c.last_failed_at).where(_failures.c.key.in_(keys))
    )
    return {row.key: (row.failures, row.last_failed_at) for row in rows}


def add_failures(connection: Connection, keys: Iterable[str], now: datetime, *, amount: int, forget: timedelta) -> None:
    """Count a failed sign-in (``amount`` 1) against each key; failures older than ``forget`` start again.

    ``amount`` 0 writes the same rows without counting, so a refused try costs what a counted one does.
    """
    stale = _failures.c.last_failed_at < now - forget
    last = now if amount else _failures.c.last_failed_at
    for key in keys:
        statement = _insert(connection, _failures).values(key=key, failures=amount, last_failed_at=now)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[_failures.c.key],
                set_={"failures": case((stale, amount), else_=_failures.c.failures + amount), "last_failed_at": last},
            )
        )


def clear_failures(connection: Connection, keys: Iterable[str]) -> None:
    connection.execute(delete(_failures).where(_failures.c.key.in_(list(keys))))
