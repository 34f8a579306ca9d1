"""A pooled PostgreSQL connection is checked before use, unless it was working a moment ago.

A pooled connection can go stale (the server restarted, a proxy dropped it), so it is checked before anything
uses it. SQLAlchemy's ``pool_pre_ping`` does that with a round trip on every checkout, and on the SMS webhook
that is one round trip in six for every text, paid in both our CPU and the server's (issue 14 item 11). A
connection given back to the pool less than ``RECENT`` seconds ago was working then, so it is handed out
unchecked, as HikariCP does (its ``aliveBypassWindowMs``, 500 ms by default). One idle for longer is pinged
first, as ``pool_pre_ping`` would; if the ping fails, the pool is told (``DisconnectionError``) to throw the
connection away and hand out a fresh one.

A server that goes away inside the window costs the next statement on that connection an error, as it would
with no check at all; SQLAlchemy then throws away every older pooled connection, so the one after works. The
SMS webhook works its turn out again after such an error (``channels/sms.py``), so a text is never lost to it;
a page shows its kind error page once. SQLite needs none of this: a file cannot go stale.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event, exc

# Seconds since a connection was last given back within which it is trusted without a ping.
RECENT = 0.5
_GIVEN_BACK_AT = "given_back_at"


def install(engine: Engine) -> None:
    """Check ``engine``'s pooled connections on checkout, except those given back in the last ``RECENT`` s."""
    dialect = engine.dialect

    @event.listens_for(engine, "connect")
    def _fresh(_dbapi_connection: Any, record: Any) -> None:
        record.info[_GIVEN_BACK_AT] = time.monotonic()  # just made, so known to work

    @event.listens_for(engine, "checkin")
    def _given_back(_dbapi_connection: Any, record: Any) -> None:
        record.info[_GIVEN_BACK_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        given_back = record.info.get(_GIVEN_BACK_AT)
        if given_back is not None and time.monotonic() - given_back < RECENT:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError("a pooled connection failed its check") from error
