"""Bulk reads and writes for the records import: thousands of rows per statement, never one object per row.

A council may hold 100,000 old records, and the import must keep above 5,000 rows a second
(``bench/report.py``), so rows go to the driver as plain tuples: an executemany on SQLite, ``COPY`` on
PostgreSQL. Reads are one query per chunk and table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from sqlalchemy import ARRAY, Date, any_, bindparam, delete, select, update
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import Session

from intake.models import CompensationPayment, OmbudsmanReferral, Representation, RepresentationCategory, Stage
from intake.models.base import UtcDateTime


def ids_by_reference(session: Session, references: Sequence[str]) -> dict[str, int]:
    """The ids of the cases among ``references`` that exist."""
    rows = session.execute(
        select(Representation.reference, Representation.id).where(
            _among(session, Representation.reference, list(references))
        )
    )
    return dict(rows.tuples().all())


def case_columns(session: Session, ids: Sequence[int], names: Sequence[str]) -> dict[int, tuple]:
    """The named columns of each case, by id."""
    rows = session.execute(
        select(Representation.id, *(getattr(Representation, n) for n in names)).where(
            _among(session, Representation.id, list(ids))
        )
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def stage_columns(session: Session, ids: Sequence[int], names: Sequence[str]) -> dict[int, list[tuple]]:
    """The named columns of each case's stages, in stage order, by case id."""
    stages: dict[int, list[tuple]] = {}
    for row in session.execute(
        select(Stage.representation_id, *(getattr(Stage, n) for n in names))
        .where(_among(session, Stage.representation_id, list(ids)))
        .order_by(Stage.representation_id, Stage.number)
    ):
        stages.setdefault(row[0], []).append(tuple(row[1:]))
    return stages


def category_codes(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """Each case's category codes, sorted, by case id."""
    codes: dict[int, list[str]] = {}
    for rep_id, code in session.execute(
        select(RepresentationCategory.representation_id, RepresentationCategory.code)
        .where(_among(session, RepresentationCategory.representation_id, list(ids)))
        .order_by(RepresentationCategory.representation_id, RepresentationCategory.code)
    ):
        codes.setdefault(rep_id, []).append(code)
    return codes


def _columns_by_case(session: Session, model: Any, ids: Sequence[int], names: Sequence[str]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for row in session.execute(
        select(model.representation_id, *(getattr(model, n) for n in names))
        .where(_among(session, model.representation_id, list(ids)))
        .order_by(model.representation_id, model.id)
    ):
        found.setdefault(row[0], []).append(tuple(row[1:]))
    return found


def referral_columns(session: Session, ids: Sequence[int], names: Sequence[str]) -> dict[int, list[tuple]]:
    """The named columns of each case's Ombudsman referrals, in the order recorded, by case id."""
    return _columns_by_case(session, OmbudsmanReferral, ids, names)


def payment_columns(session: Session, ids: Sequence[int], names: Sequence[str]) -> dict[int, list[tuple]]:
    """The named columns of each case's payments, in the order recorded, by case id."""
    return _columns_by_case(session, CompensationPayment, ids, names)


def delete_referrals_and_payments(session: Session, ids: Sequence[int]) -> None:
    wanted = list(ids)
    session.execute(delete(OmbudsmanReferral).where(_among(session, OmbudsmanReferral.representation_id, wanted)))
    session.execute(delete(CompensationPayment).where(_among(session, CompensationPayment.representation_id, wanted)))


def update_cases(session: Session, rows: list[dict[str, Any]]) -> None:
    """Update cases by primary key: each row holds ``id`` and the columns to set."""
    if rows:
        session.execute(update(Representation), rows)


def delete_stages_and_categories(session: Session, ids: Sequence[int]) -> None:
    wanted = list(ids)
    session.execute(delete(Stage).where(_among(session, Stage.representation_id, wanted)))
    session.execute(
        delete(RepresentationCategory).where(_among(session, RepresentationCategory.representation_id, wanted))
    )


def insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """One executemany (SQLite) or COPY (PostgreSQL) of plain tuples through the driver.

    SQLAlchemy's per-value bind processing cost more than the database's own work, so values are
    converted here once: enums to their values and, on SQLite, dates and UTC timestamps to the text
    SQLAlchemy itself stores. Columns left out get their model defaults, as an ORM insert would.
    """
    if not rows:
        return
    table = model.__table__
    connection = session.connection()
    dialect = connection.dialect
    sqlite = dialect.name == "sqlite"
    given = list(rows[0])
    defaults = _defaults(table, given)
    names = given + list(defaults)
    fixed = tuple(f(v) if (f := _converter(table.columns[n].type, sqlite)) else v for n, v in defaults.items())
    getters = [(n, _converter(table.columns[n].type, sqlite)) for n in given]
    values = [tuple([row[n] if f is None else f(row[n]) for n, f in getters]) + fixed for row in rows]
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    if dialect.name == "postgresql":
        # COPY streams the rows in one round trip; executemany would wait on the server for each row.
        driver = connection.connection.driver_connection
        assert driver is not None  # a connection in use always has its driver's connection
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy,
        ):
            for value in values:
                copy.write_row(value)
        return
    placeholder = "?" if dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({', '.join([placeholder] * len(names))})", values
    )


def _defaults(table: Any, given: list[str]) -> dict[str, Any]:
    """The model's plain defaults (a value or a function of nothing) for the columns a row leaves out."""
    defaults = {}
    for column in table.columns:
        if column.name not in given and column.default is not None and not column.default.is_clause_element:
            arg = column.default.arg
            defaults[column.name] = arg(None) if callable(arg) else arg
    return defaults


def _converter(column_type: Any, sqlite: bool) -> Callable[[Any], Any] | None:
    """What a value of this column needs before the driver sees it (None: nothing)."""
    if isinstance(column_type, SqlEnum):
        return _enum_value
    if sqlite and isinstance(column_type, UtcDateTime):
        return _sqlite_timestamp
    if sqlite and isinstance(column_type, Date):
        return _sqlite_date
    return None


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


@lru_cache(maxsize=8192)  # an import's timestamps are mostly midnights and one "now"
def _sqlite_timestamp(value: datetime | None) -> str | None:
    # As UtcDateTime stores it on SQLite: UTC, no offset, with microseconds.
    return None if value is None else value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


@lru_cache(maxsize=8192)
def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _among(session: Session, column: Any, values: list) -> Any:
    """``column IN values``. On PostgreSQL one array parameter: psycopg would otherwise parse a
    statement with thousands of placeholders for every chunk, which cost more than the query."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)
