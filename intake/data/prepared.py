"""Statements every incoming text runs, compiled once and run straight on the driver's cursor.

Why (issue 14 item 11): a text's turn is three statements (read the conversation, write its state, store the
message). Through SQLAlchemy's execution layer they cost about 0.16 ms of CPU on SQLite for every text, more
than half the stack floor's whole request; compiled once by SQLAlchemy and run on the cursor, about 0.04 ms
(`bench/sms_inprocess.py`, "db read" and "db write"). Nothing else in the service is this hot, so nothing
else uses this: everywhere else a statement goes through ``Session.execute`` or ``Connection.execute``.

What stays SQLAlchemy's:
- the SQL: each statement is a Core construct compiled by the dialect in use (SQLite's ``?``, psycopg's
  ``%(name)s``, its casts and FOR UPDATE);
- the values: each column type's own bind and result processors (JSON, timezone-aware UTC timestamps);
- the errors: a driver error is raised as SQLAlchemy's (``IntegrityError`` for a MessageSid stored twice),
  and a lost PostgreSQL connection is invalidated as SQLAlchemy would;
- the pool and the transaction: the statements run inside the ``Connection``'s transaction, which an ORM
  session may share (``transaction.committed_turn``) and which commits or rolls back as usual.

What it skips is the per-execution work: compile-cache look-ups, parameter processing, result objects and
events. The one event listener a write needs (on SQLite, writers take turns: ``intake/sqlite.py``) is called
directly, through the driver connection's ``take_turn``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, exc
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    sql: str
    compiled: SQLCompiler
    positions: tuple[str, ...] | None  # the bind names in order, for a positional paramstyle
    binds: Mapping[str, Processor]
    results: tuple[Processor, ...]
    writes: bool


class Prepared:
    """One Core statement, compiled once for each dialect it meets."""

    def __init__(self, statement: ClauseElement):
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def first(self, connection: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Run it; the first row, its values converted by their column types (None if there is none)."""
        compiled, cursor = self._run(connection, params)
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            return None
        return tuple(
            value if process is None else process(value) for value, process in zip(row, compiled.results, strict=True)
        )

    def rowcount(self, connection: Connection, params: Mapping[str, Any]) -> int:
        """Run a statement that returns no rows; how many rows it changed."""
        _compiled, cursor = self._run(connection, params)
        try:
            return cursor.rowcount
        finally:
            cursor.close()

    def _run(self, connection: Connection, params: Mapping[str, Any]) -> tuple[_Compiled, Any]:
        dialect = connection.dialect
        compiled = self._by_dialect.get(dialect.name) or self._compile(dialect)
        values = compiled.compiled.construct_params(params) or {}
        for name, process in compiled.binds.items():
            if process is not None:
                values[name] = process(values[name])
        arguments: Sequence[Any] | Mapping[str, Any] = (
            values if compiled.positions is None else [values[name] for name in compiled.positions]
        )
        if not connection.in_transaction():
            connection.begin()  # the Connection's own transaction, so its commit and rollback reach the driver
        driver = connection.connection.driver_connection
        if compiled.writes and (take_turn := getattr(driver, "take_turn", None)) is not None:
            take_turn(compiled.sql)
        cursor = driver.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, arguments)
        except dialect.loaded_dbapi.Error as error:
            cursor.close()
            raise self._as_sqlalchemy_error(connection, compiled.sql, arguments, error) from error
        return compiled, cursor

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect) for name, bind in compiled.binds.items()}
        columns = getattr(self.statement, "exported_columns", ())  # a SELECT's columns, or what INSERT returns
        results = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns)
        result = _Compiled(
            sql=compiled.string,
            compiled=compiled,
            positions=tuple(compiled.positiontup) if compiled.positiontup is not None else None,
            binds=binds,
            results=results,
            writes=compiled.isinsert or compiled.isupdate or compiled.isdelete,
        )
        self._by_dialect[dialect.name] = result
        return result

    @staticmethod
    def _as_sqlalchemy_error(connection: Connection, sql: str, arguments: Any, error: Exception) -> exc.StatementError:
        """The error SQLAlchemy would raise for this driver error; a lost connection is invalidated as it would."""
        dialect = connection.dialect
        lost = dialect.is_disconnect(error, connection.connection.dbapi_connection, None)  # type: ignore[arg-type]
        if lost:
            connection.invalidate(error)
        return exc.DBAPIError.instance(
            sql,
            arguments,
            error,
            dialect.loaded_dbapi.Error,
            connection_invalidated=lost,
            dialect=dialect,
        )
