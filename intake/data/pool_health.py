"""Pooled PostgreSQL connections are checked before use; the SMS turn skips the check for one working a moment ago.

A pooled connection can go stale (the server restarted, a proxy dropped it), so it is checked before anything
uses it, as SQLAlchemy's ``pool_pre_ping`` does: a round trip on every checkout. On the SMS webhook that is
one round trip in six for every text, paid in both our CPU and the server's (issue 14 item 11). So a checkout
made inside ``trusting_recent()`` (only ``transaction.committed_turn`` does this) gets a connection given back
to the pool less than ``RECENT`` seconds ago without the check, as HikariCP hands out connections used within
its ``aliveBypassWindowMs`` (500 ms by default): it was working a moment ago. One idle for longer is checked
as always. Every other checkout (pages, the worker, commands) is checked every time, exactly as before.

A server that goes away inside the window costs the turn's first statement an error, as it would with no
check at all; SQLAlchemy then throws away every older pooled connection, and the SMS webhook works its text
out again on a fresh one (``channels/sms.py``), so a text is never lost to it. If a check fails, the pool is
told (``DisconnectionError``) to throw the connection away and hand out a fresh one, as ``pool_pre_ping``
does; and, as it does, a connection's first checkout after it was made is not checked: it has just worked.
SQLite needs none of this: a file cannot go stale.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event, exc

# Seconds since a connection was last given back within which the SMS turn trusts it without a check.
RECENT = 0.5
_GIVEN_BACK_AT = "given_back_at"
_JUST_MADE = "just_made"
_trusting_recent: ContextVar[bool] = ContextVar("trusting_recent", default=False)


@contextmanager
def trusting_recent() -> Iterator[None]:
    """Checkouts inside this block take a connection given back in the last ``RECENT`` s without a check."""
    token = _trusting_recent.set(True)
    try:
        yield
    finally:
        _trusting_recent.reset(token)


def install(engine: Engine) -> None:
    """Check ``engine``'s pooled connections on checkout (instead of ``pool_pre_ping``), but let
    ``trusting_recent`` checkouts skip the check for a connection given back a moment ago."""
    dialect = engine.dialect

    @event.listens_for(engine, "connect")
    def _fresh(_dbapi_connection: Any, record: Any) -> None:
        record.info[_JUST_MADE] = True
        record.info[_GIVEN_BACK_AT] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _given_back(_dbapi_connection: Any, record: Any) -> None:
        record.info[_GIVEN_BACK_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if record.info.pop(_JUST_MADE, False):
            return  # connecting was its check (pool_pre_ping's "fresh" connection)
        given_back = record.info.get(_GIVEN_BACK_AT)
        if _trusting_recent.get() and given_back is not None and time.monotonic() - given_back < RECENT:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError("a pooled connection failed its check") from error
