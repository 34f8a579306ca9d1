"""The one transaction rule: domain and data functions never commit; the edge does.

An edge is a route, a command or one worker iteration. It wraps its work in ``committed()``: everything the
block wrote is committed together when it finishes, and nothing is when it raises (the exception goes on to
the error handler, which shows a kind page). So a case, its audit events and its notifications are stored
together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


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
