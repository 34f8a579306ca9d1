"""SQLite writers take turns on a lock file from their first write until commit or rollback; readers never do."""

from __future__ import annotations

import fcntl
import os

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from intake import create_app
from intake.config import TEST_SETTINGS
from intake.extensions import db
from intake.models import Team


def held(lock_path: str) -> bool:
    """True when another connection holds the writers' turn."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@pytest.fixture
def own_database(tmp_path):
    path = tmp_path / "turns.db"
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        db.create_all()
        yield f"{path}-writelock"
        db.session.remove()
        db.engine.dispose()


def test_a_writer_holds_the_turn_from_its_first_write_until_it_commits(own_database):
    db.session.scalars(select(Team)).all()
    assert not held(own_database), "reading never takes the turn"
    db.session.add(Team(name="Fostering"))
    db.session.flush()
    assert held(own_database)
    db.session.commit()
    assert not held(own_database)


def test_a_rolled_back_or_failed_write_gives_the_turn_back(own_database):
    db.session.add(Team(name="Fostering"))
    db.session.commit()
    db.session.add(Team(name="Leaving care"))
    db.session.flush()
    db.session.rollback()
    assert not held(own_database)
    db.session.add(Team(name="Fostering"))  # the same name again: the unique constraint refuses it
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    assert not held(own_database)


def test_every_connection_starts_in_wal_mode_with_foreign_keys_on(own_database):
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
