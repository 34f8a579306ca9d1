"""SQLite for `make run` and the tests: WAL, a busy timeout, and writers that take turns.

WAL and a busy timeout let the web app and the worker share one SQLite file.

SQLite lets one connection write at a time. A writer that finds the file busy sleeps and retries, backing off
to 100 ms naps, so under load the unlucky ones wait for seconds (issue 3's p99). So writers also take turns on
an advisory lock file (``<database>-writelock``) from their first INSERT, UPDATE or DELETE until commit or
rollback; a waiter re-checks every millisecond or two instead. Reads are never held up (WAL). Every process
built by ``create_app`` (web workers, the delivery worker, CLI) takes part; anything else still meets the
busy timeout as before. If a turn is not free within the busy timeout we go ahead and let SQLite decide.

The turn is taken when SQLAlchemy is about to run a writing statement (its ``before_cursor_execute`` event)
and given back by the connection's own commit and rollback, which is the moment the write transaction ends.

Checkpoints (copying the WAL back into the database file, with two fsyncs) are not part of a turn. SQLite
runs one inside a COMMIT every 1,000 pages or so, after its own write lock is released; but our turn ends when
the COMMIT returns, so every other writer waited out the fsyncs too (4-5 ms, once in ~130 texts: 7% of the
time). So connections that take turns switch automatic checkpoints off and run a passive one themselves every
``CHECKPOINT_EVERY`` write commits (or on the first write commit ``CHECKPOINT_AFTER`` seconds after the last),
after giving the turn back. A passive checkpoint never waits for, nor holds up, readers or writers.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time

from flask import Flask
from sqlalchemy import event

from intake.data.sqlite_pragmas import BUSY_TIMEOUT_MS, checkpoint, set_pragmas, switch_off_automatic_checkpoints
from intake.extensions import db
from intake.settings import settings_of

_WRITES = ("insert", "update", "delete", "replace")
CHECKPOINT_EVERY = 100  # write commits; a text writes ~8 pages on average, near SQLite's own 1,000-page mark
CHECKPOINT_AFTER = 60.0  # seconds: a quiet connection's writes do not wait in the WAL for its hundredth


class TurnTakingConnection(sqlite3.Connection):
    """A sqlite3 connection that holds the write-lock file while it has a write transaction open."""

    lock_path: str | None = None
    _lock_fd: int | None = None
    _holding = False
    _writes_since_checkpoint = 0
    _checkpointed_at = 0.0  # time.monotonic(); set when the connection is made

    def take_turns_on(self, lock_path: str) -> None:
        """Take turns to write on ``lock_path``, and checkpoint outside the turns."""
        self.lock_path, self._checkpointed_at = lock_path, time.monotonic()
        switch_off_automatic_checkpoints(self)

    def take_turn(self, sql: str) -> None:
        if self._holding or self.lock_path is None or self.in_transaction:
            return
        if not sql.lstrip()[:7].lower().startswith(_WRITES):
            return
        if self._lock_fd is None:
            self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline, nap = time.monotonic() + BUSY_TIMEOUT_MS / 1000, 0.0005
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._holding = True
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return  # let SQLite's own busy handling decide
                time.sleep(nap)
                nap = min(nap * 2, 0.002)

    def end_turn(self) -> None:
        if self._holding and not self.in_transaction:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            self._holding = False

    def commit(self):
        wrote = self.in_transaction  # the driver opens a transaction only for a write
        try:
            super().commit()
        finally:
            self.end_turn()
        if wrote and self.lock_path is not None:
            self._writes_since_checkpoint += 1
            if (
                self._writes_since_checkpoint >= CHECKPOINT_EVERY
                or time.monotonic() - self._checkpointed_at >= CHECKPOINT_AFTER
            ):
                self.checkpoint()

    def checkpoint(self) -> None:
        """Copy what the WAL holds back into the database, as far as readers allow, outside any turn."""
        self._writes_since_checkpoint, self._checkpointed_at = 0, time.monotonic()
        checkpoint(self)

    def rollback(self):
        try:
            super().rollback()
        finally:
            self.end_turn()

    def close(self):
        try:
            super().close()
        finally:
            if self._lock_fd is not None:
                os.close(self._lock_fd)  # closing the descriptor also ends any turn
                self._lock_fd, self._holding = None, False


def _turn_taker(cursor) -> TurnTakingConnection | None:
    connection = getattr(cursor, "connection", None)
    return connection if isinstance(connection, TurnTakingConnection) else None


def _before_statement(_conn, cursor, statement, _parameters, _context, _executemany) -> None:
    if (connection := _turn_taker(cursor)) is not None:
        connection.take_turn(statement)


def _after_statement(_conn, cursor, _statement, _parameters, _context, _executemany) -> None:
    if (connection := _turn_taker(cursor)) is not None:
        connection.end_turn()  # a no-op while the write transaction is open


def _failed_statement(context) -> None:
    execution = context.execution_context
    if (connection := _turn_taker(getattr(execution, "cursor", None))) is not None:
        connection.end_turn()


def _lock_path(url) -> str | None:
    database = url.database
    if not database or database == ":memory:" or "mode=memory" in str(url):
        return None
    return f"{database}-writelock"


def init_app(app: Flask) -> None:
    if not settings_of(app).database_url.startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    lock_path = _lock_path(engine.url)

    def _turn_taking(_dialect, _record, _cargs, cparams):  # pragma: no cover - trivial
        if lock_path:
            cparams["factory"] = TurnTakingConnection

    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        set_pragmas(dbapi_connection)
        if isinstance(dbapi_connection, TurnTakingConnection) and lock_path:
            dbapi_connection.take_turns_on(lock_path)

    event.listen(engine, "do_connect", _turn_taking)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "before_cursor_execute", _before_statement)
    event.listen(engine, "after_cursor_execute", _after_statement)
    event.listen(engine, "handle_error", _failed_statement)
