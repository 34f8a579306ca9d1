"""The settings every SQLite connection starts with (WAL, a busy timeout, foreign keys, fewer fsyncs), and the
checkpoints of the connections that take turns to write (``intake/sqlite.py``)."""

from __future__ import annotations

import contextlib
import sqlite3

BUSY_TIMEOUT_MS = 5000

PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never wait for the writer, so the web app and the worker share the file
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",  # safe in WAL mode: a power cut can lose the last commit, never corrupt the file
)


def set_pragmas(connection: sqlite3.Connection) -> None:
    cursor = connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def switch_off_automatic_checkpoints(connection: sqlite3.Connection) -> None:
    """The connection will not checkpoint inside its COMMITs: it calls ``checkpoint`` itself."""
    connection.execute("PRAGMA wal_autocheckpoint=0").close()


def checkpoint(connection: sqlite3.Connection) -> None:
    """Copy what the WAL holds back into the database, as far as readers allow, waiting for nobody.

    Another connection checkpointing at the same time is not an error (the PRAGMA reports it as busy); nothing
    else that goes wrong here may fail a commit that has already succeeded: the next checkpoint does the work."""
    with contextlib.suppress(sqlite3.OperationalError):
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)").close()
