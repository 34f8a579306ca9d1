"""The one transaction rule: domain and data functions never commit; the edge does.

An edge is a route, a command or one worker iteration. It wraps its work in ``committed()``: everything the
block wrote is committed together when it finishes, and nothing is when it raises (the exception goes on to
the error handler, which shows a kind page). So a case, its audit events and its notifications are stored
together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from intake.data.pool_health import trusting_recent


@contextmanager
def committed(session: Session | None = None) -> Iterator[Session]:
    """Commit what the block wrote if it finishes; roll it all back if it raises."""
    if session is None:
        from intake.extensions import db

        session = db.session
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    session.commit()


@contextmanager
def committed_turn(engine: Engine) -> Iterator[tuple[Connection, Session]]:
    """The same rule for the busiest edge, the SMS webhook (issue 14 item 11), on one Core connection.

    The turn's own statements (the conversation read, the message and state written) run on ``connection``;
    ``session`` is an ORM session joined to the same transaction, for whatever the domain adds through the ORM
    (a case and its notifications). An ORM session that owns its transaction costs about 50 µs a text to begin
    and commit, a fifth of the floor's whole request; joined to a connection it costs nothing until it is used.
    Both are committed together when the block finishes, and neither is if it raises.
    """
    with trusting_recent():
        connection = engine.connect()  # on PostgreSQL, unchecked if it was working a moment ago (pool_health)
    with connection, Session(bind=connection) as session:
        try:
            yield connection, session
            if session.in_transaction():
                session.commit()  # flushes into the connection's transaction, which it does not own
            connection.commit()
        except BaseException:
            session.rollback()
            connection.rollback()
            raise
