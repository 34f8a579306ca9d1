"""Importing the council's historic records from a CSV file, so trends work from day one.

The whole file is checked before anything is written: if any row is wrong,
nothing is imported and every problem is listed with its line and column.
Importing again updates records by reference (never duplicates them); a row
whose data has not changed is left alone, so re-importing the same file changes
nothing. Imported records never send notifications: they are history.

Three jobs, one module each: ``reading`` (text to lines), ``checking`` (a small
checker per group of columns) and ``rows`` (a checked line to the rows to
write), then ``writing`` (bulk statements through ``intake.data.bulk``). Nothing
here commits: the command (or page) that imports commits.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.domain import clock
from intake.domain.records_import.checking import Cells, check_line
from intake.domain.records_import.live_cases import live_case_problems
from intake.domain.records_import.reading import COLUMNS, REQUIRED_COLUMNS, Problem, _, read_csv
from intake.domain.records_import.rows import ImportRow, RowBuilder
from intake.domain.records_import.writing import ImportResult, write_rows

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "ImportRejected",
    "ImportResult",
    "ImportRow",
    "Problem",
    "check_file",
    "import_records",
    "read_csv",
]


class ImportRejected(Exception):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


def import_records(
    session: Session, data: bytes | str, settings: Settings, *, source: str = "CSV", today: date | None = None
) -> ImportResult:
    """Check the whole file, then add every record's creation or update to the session.

    Raises ``ImportRejected`` (nothing added) when any row is wrong, or names a case this service made.
    """
    rows = check_file(data, settings, today)
    live = live_case_problems(session, rows)
    if live:
        raise ImportRejected(live)
    return write_rows(session, rows, source)


def check_file(data: bytes | str, settings: Settings, today: date | None = None) -> list[ImportRow]:
    """Check the whole file; raise ``ImportRejected`` listing every problem, or return the rows."""
    _header, raw_rows, problems = read_csv(data)
    today = today or datetime.now(clock.LONDON).date()
    builder = RowBuilder(settings)
    rows: list[ImportRow] = []
    first_line: dict[str, int] = {}
    for line, raw in raw_rows:
        cells = Cells(line, raw, today)
        facts = check_line(cells)
        if facts is None:
            problems.extend(cells.found)
            continue
        if facts.reference in first_line:
            message = _("This reference is also on line %(other)s.", other=first_line[facts.reference])
            problems.append(Problem(line, "reference", message))
            continue
        first_line[facts.reference] = line
        rows.append(builder.build(line, facts))
    if not rows and not problems:
        problems.append(Problem(2, None, _("The file has a header but no records.")))
    if problems:
        raise ImportRejected(problems)
    return rows
