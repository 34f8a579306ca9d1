"""SQLite writers take turns on a lock file from their first write until commit or rollback; readers never do."""

from __future__ import annotations

import fcntl
import os
import time

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


def test_connections_that_take_turns_leave_checkpoints_to_themselves(own_database):
    assert db.session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 0


def test_the_wal_is_copied_back_every_hundred_write_commits_after_the_turn_is_given_back(own_database, monkeypatch):
    from intake import sqlite

    database = own_database.removesuffix("-writelock")
    db.session.execute(text("CREATE TABLE filler (page BLOB)"))
    db.session.commit()
    turn_held_at_checkpoint = []
    checkpoint = sqlite.TurnTakingConnection.checkpoint

    def watched(connection):
        turn_held_at_checkpoint.append(held(own_database))
        checkpoint(connection)

    monkeypatch.setattr(sqlite.TurnTakingConnection, "checkpoint", watched)

    def write_a_page():
        db.session.execute(text("INSERT INTO filler VALUES (randomblob(4000))"))
        db.session.commit()

    for _ in range(sqlite.CHECKPOINT_EVERY - 1):
        write_a_page()
    size_before = os.path.getsize(database)
    assert turn_held_at_checkpoint == [], "the pages wait in the WAL"
    write_a_page()

    assert turn_held_at_checkpoint == [False]
    assert os.path.getsize(database) > size_before + 4000 * (sqlite.CHECKPOINT_EVERY - 1)


def test_a_quiet_connections_writes_are_copied_back_a_minute_after_its_last_checkpoint(own_database, monkeypatch):
    from intake import sqlite

    database = own_database.removesuffix("-writelock")
    db.session.execute(text("CREATE TABLE filler (page BLOB)"))
    db.session.commit()
    db.session.execute(text("INSERT INTO filler VALUES (randomblob(40000))"))
    db.session.commit()
    size_before = os.path.getsize(database)
    assert size_before < 40000, "one write, a moment after the connection was made: it waits in the WAL"

    later = time.monotonic() + sqlite.CHECKPOINT_AFTER
    monkeypatch.setattr(sqlite.time, "monotonic", lambda: later)
    db.session.execute(text("INSERT INTO filler VALUES (randomblob(10))"))
    db.session.commit()

    assert os.path.getsize(database) > size_before + 40000
