"""Whether the database answers at all, for ``/healthz``."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session


def database_answers(session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        session.rollback()  # the connection is unusable until rolled back; there is nothing of ours to lose
        return False
    return True
