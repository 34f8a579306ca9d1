"""Importing the council's historic records from a CSV file, so trends work from day one.

The whole file is checked before anything is written: if any row is wrong,
nothing is imported and every problem is listed with its line and column.
Importing again updates records by reference (never duplicates them); a row
whose data has not changed is left alone, so re-importing the same file changes
nothing. Imported records never send notifications: they are history.

Speed matters (a council may hold 100,000 old records), so rows are written in
bulk ``INSERT``/``UPDATE`` statements in chunks, and existing references, teams,
stages and categories are each read in one pass, never one ORM object per row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import Enum
from functools import lru_cache
from typing import Any

from flask import has_request_context
from flask_babel import gettext
from sqlalchemy import ARRAY, Date, any_, bindparam, delete, select, update
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import Session

from intake.domain import clock
from intake.domain.sanitise import clean_text
from intake.models import (
    AuditEvent,
    Channel,
    Kind,
    LgoResult,
    Procedure,
    Representation,
    RepresentationCategory,
    Stage,
    Status,
    SubmittedBy,
    Team,
)
from intake.models.base import UtcDateTime
from intake.models.enums import categories_for

COLUMNS: tuple[str, ...] = (
    "reference",
    "kind",
    "procedure",
    "received_on",
    "method",
    "submitted_by",
    "advocate",
    "team",
    "categories",
    "outcome",
    "stage",
    "stage1_responded_on",
    "stage2_requested_on",
    "stage2_responded_on",
    "stage3_requested_on",
    "stage3_responded_on",
    "lgo",
    "compensation_pence",
    "compensation_detail",
)
# Without these a row means nothing; every other column may be left out (all "not known").
REQUIRED_COLUMNS: tuple[str, ...] = ("reference", "kind", "received_on")
OUTCOMES: tuple[str, ...] = ("upheld", "partly_upheld", "not_upheld", "withdrawn", "open")
IMPORT_PROCEDURES: tuple[str, ...] = ("statutory", "corporate", "informal")
KINDS = tuple(k.value for k in Kind)
CHANNELS = tuple(c.value for c in Channel)
SUBMITTERS = tuple(s.value for s in SubmittedBy)
LGO_RESULTS = tuple(r.value for r in LgoResult)
STAGE_COLUMNS = tuple(c for c in COLUMNS if c.startswith("stage"))
# Enum values read once, not per row (an enum member's .value is a property lookup).
COMPLAINT, NOT_KNOWN, UNKNOWN = Kind.COMPLAINT.value, Channel.NOT_KNOWN.value, SubmittedBy.UNKNOWN.value
MAX_REFERENCE = 40
MAX_TEAM = 200
CHUNK = 5000
ACTOR = "records import"


def _(msgid: str, **values: Any) -> str:
    """Translated on a staff page; plain English from the command line, where there is no visitor's language."""
    if has_request_context():
        return gettext(msgid, **values)
    return msgid % values if values else msgid


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the file. ``line`` 1 is the header; ``column`` is None for whole-row problems."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column:
            return _(
                "Line %(line)s, column %(column)s: %(message)s",
                line=self.line,
                column=self.column,
                message=self.message,
            )
        return _("Line %(line)s: %(message)s", line=self.line, message=self.message)


class ImportRejected(Exception):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    teams_created: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _Row:
    """One checked row, ready to write."""

    line: int
    reference: str
    team: str | None
    values: dict[str, Any]  # Representation columns (team_id filled in later)
    stages: list[dict[str, Any]]  # Stage columns without representation_id
    categories: tuple[str, ...]


# ---------------------------------------------------------------- parsing and checking


def read_csv(data: bytes | str) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[Problem]]:
    """Decode and split the file. Returns the header, (line, row) pairs and file-level problems."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            return (
                [],
                [],
                [Problem(line, None, _('This is not UTF-8 text. Save the file as "CSV UTF-8" and try again.'))],
            )
    else:
        text = data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [], [Problem(1, None, _("The file is empty. The first line must name the columns."))]
    except csv.Error as exc:
        return [], [], [Problem(1, None, _("The header line cannot be read: %(error)s", error=str(exc)))]
    names = [h.strip().lower() for h in header]
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in names:
        if name and name not in COLUMNS:
            problems.append(
                Problem(1, name, _("Unknown column. The columns are: %(columns)s", columns=", ".join(COLUMNS)))
            )
        elif name in seen:
            problems.append(Problem(1, name, _("This column appears more than once.")))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            problems.append(
                Problem(
                    1,
                    name,
                    _("This column is missing. Every file needs: %(columns)s", columns=", ".join(REQUIRED_COLUMNS)),
                )
            )
    rows: list[tuple[int, dict[str, str]]] = []
    start = reader.line_num + 1
    try:
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue  # blank lines are ignored (spreadsheets often add them at the end)
            if len(values) > len(names):
                problems.append(Problem(line, None, _("This line has more values than there are columns.")))
                continue
            rows.append((line, {n: (values[i].strip() if i < len(values) else "") for i, n in enumerate(names) if n}))
    except csv.Error as exc:
        problems.append(Problem(reader.line_num, None, _("This line cannot be read: %(error)s", error=str(exc))))
    return names, rows, problems


def _parse_date(raw: str) -> date:
    if len(raw) != 10:
        raise ValueError(raw)
    return date.fromisoformat(raw)


class _Checker:
    """Turns text rows into ``_Row`` values, collecting every problem rather than stopping at the first."""

    def __init__(self, settings: Mapping[str, Any], today: date):
        self.settings = settings
        self.calendar = clock.WorkingCalendar.from_settings(settings)
        self.today = today
        self.retention_years = int(settings.get("RETENTION_YEARS", 6))
        self.add_days = lru_cache(maxsize=None)(self.calendar.add_working_days)
        self.on_or_after = lru_cache(maxsize=None)(self.calendar.on_or_after)
        self.timescales = lru_cache(maxsize=None)(lambda proc: clock.timescales_for(proc.value, settings))

    def check(self, line: int, raw: dict[str, str], problems: list[Problem]) -> _Row | None:
        found: list[Problem] = []

        def bad(column: str, message: str) -> None:
            found.append(Problem(line, column, message))

        def choice(column: str, allowed: tuple[str, ...], default: str | None = None) -> str | None:
            value = raw.get(column, "").lower()
            if not value:
                return default
            if value not in allowed:
                bad(
                    column,
                    _(
                        '"%(value)s" is not allowed here. Use one of: %(allowed)s',
                        value=raw[column],
                        allowed=", ".join(allowed),
                    ),
                )
                return default
            return value

        def day(column: str) -> date | None:
            value = raw.get(column, "")
            if not value:
                return None
            try:
                parsed = _parse_date(value)
            except ValueError:
                bad(column, _('"%(value)s" is not a date. Write dates as YYYY-MM-DD, like 2016-04-01.', value=value))
                return None
            if parsed > self.today:
                bad(column, _("%(value)s is in the future.", value=value))
                return None
            return parsed

        reference = raw.get("reference", "")
        if not reference:
            bad("reference", _("Every record needs a reference."))
        elif len(reference) > MAX_REFERENCE:
            bad("reference", _("A reference can be at most %(max)s characters.", max=MAX_REFERENCE))
        kind_text = raw.get("kind", "").lower()
        kind = None
        if not kind_text:
            bad("kind", _("Every record needs a kind: complaint, compliment or comment."))
        else:
            kind = choice("kind", KINDS)
        received = day("received_on")
        if not raw.get("received_on"):
            bad("received_on", _("Every record needs the date it was received."))
        complaint = kind == COMPLAINT
        procedure = choice("procedure", IMPORT_PROCEDURES)
        method = choice("method", CHANNELS, NOT_KNOWN)
        submitted_by = choice("submitted_by", SUBMITTERS, UNKNOWN)
        advocate = choice("advocate", ("yes", "no"), "no") == "yes"
        team = raw.get("team", "") or None
        if team and len(team) > MAX_TEAM:
            bad("team", _("A team name can be at most %(max)s characters.", max=MAX_TEAM))
        outcome = choice("outcome", OUTCOMES)
        lgo = choice("lgo", LGO_RESULTS)
        stage_text = raw.get("stage", "")
        top_stage = None
        if stage_text:
            top_stage = int(stage_text) if stage_text in ("1", "2", "3") else None
            if top_stage is None:
                bad("stage", _('"%(value)s" is not a stage. Use 1, 2 or 3.', value=stage_text))
        responded = {n: day(f"stage{n}_responded_on") for n in (1, 2, 3)}
        requested = {n: day(f"stage{n}_requested_on") for n in (2, 3)}
        compensation = None
        if raw.get("compensation_pence"):
            text = raw["compensation_pence"].replace(",", "")
            if not text.isdigit():
                bad(
                    "compensation_pence",
                    _(
                        '"%(value)s" is not an amount in pence. Write whole pence, like 25000.',
                        value=raw["compensation_pence"],
                    ),
                )
            else:
                compensation = int(text)
        detail = clean_text(raw.get("compensation_detail", "")) or None
        codes: tuple[str, ...] = ()
        if raw.get("categories") and kind:
            allowed = categories_for(Kind(kind))
            codes = tuple(dict.fromkeys(c.strip().lower() for c in raw["categories"].split(";") if c.strip()))
            for code in codes:
                if code not in allowed:
                    bad(
                        "categories",
                        _(
                            '"%(value)s" is not a category for a %(kind)s. Use: %(allowed)s',
                            value=code,
                            kind=kind,
                            allowed=", ".join(allowed),
                        ),
                    )

        stage_columns_used = [c for c in STAGE_COLUMNS if raw.get(c)]
        if kind and not complaint:
            for column in stage_columns_used + [c for c in ("procedure", "outcome") if raw.get(c)]:
                bad(column, _("Only complaints have a procedure, stages and an outcome."))
        # The stage reached is the one given, or the highest with any date.
        dated = [n for n in (2, 3) if requested[n] or responded[n]]
        reached = top_stage or (max(dated) if dated else 1)
        if complaint:
            limit = 2 if procedure == "corporate" else (1 if procedure == "informal" else 3)
            if reached > limit:
                bad(
                    "stage",
                    _("A %(procedure)s complaint has at most %(count)s stage(s).", procedure=procedure, count=limit),
                )
            for n in (2, 3):
                if n > reached and (requested[n] or responded[n]):
                    bad(
                        f"stage{n}_requested_on" if requested[n] else f"stage{n}_responded_on",
                        _(
                            "This record reached stage %(stage)s, so it has no stage %(later)s dates.",
                            stage=reached,
                            later=n,
                        ),
                    )
            for n in (2, 3):
                if n <= min(reached, limit) and requested[n] is None:
                    bad(f"stage{n}_requested_on", _("Give the date stage %(stage)s was asked for.", stage=n))
            starts = {1: received, 2: requested[2], 3: requested[3]}
            for n in (1, 2, 3):
                if starts[n] and responded[n] and responded[n] < starts[n]:
                    bad(f"stage{n}_responded_on", _("The response is dated before the stage started."))
            for n in (2, 3):
                if received and requested[n] and requested[n] < received:
                    bad(f"stage{n}_requested_on", _("This is before the complaint was received."))
            if outcome == "open" and responded.get(reached):
                bad("outcome", _("An open complaint has no response yet at stage %(stage)s.", stage=reached))

        if found:
            problems.extend(found)
            return None
        return self._row(
            line,
            reference,
            Kind(kind),
            procedure,
            received,
            method,
            submitted_by,
            advocate,
            team,
            outcome,
            reached,
            requested,
            responded,
            lgo,
            compensation,
            detail,
            codes,
        )

    def _row(
        self,
        line,
        reference,
        kind,
        procedure,
        received,
        method,
        submitted_by,
        advocate,
        team,
        outcome,
        reached,
        requested,
        responded,
        lgo,
        compensation,
        detail,
        codes,
    ) -> _Row:
        # Receipt is midnight in London on the day given; the clock's day 0 is that day or the next working day.
        received_at = _london_midnight(received)
        received_on = self.on_or_after(received)
        stages: list[dict[str, Any]] = []
        if kind is Kind.COMPLAINT:
            proc = Procedure(procedure) if procedure else Procedure.UNDECIDED
            scales = self.timescales(proc)
            starts = {1: received_on, 2: requested.get(2), 3: requested.get(3)}
            for n in range(1, reached + 1):
                start = starts[n]
                stages.append(
                    {
                        "number": n,
                        "requested_on": requested.get(n),
                        "late_request": False,
                        "started_on": start,
                        "due_on": self.add_days(start, scales.stages[n].respond) if start else None,
                        "responded_on": responded[n],
                        "outcome": outcome if n == reached and outcome not in (None, "open") else None,
                    }
                )
            if outcome == "open":
                status = Status.OPEN
            elif outcome == "withdrawn":
                status = Status.WITHDRAWN
            else:
                status = Status.CLOSED
            closed_on = None if status is Status.OPEN else (responded[reached] or None)
        else:
            proc, status, closed_on = Procedure.UNDECIDED, Status.CLOSED, received_on
        # Enum columns hold their values as text: what the database stores, with nothing to convert per row.
        values = {
            "reference": reference,
            "kind": kind.value,
            "procedure": proc.value,
            "channel": method,
            "submitted_by": submitted_by,
            "status": status.value,
            "received_at": received_at,
            "received_on": received_on,
            "advocate_supported": advocate,
            "lgo_result": lgo or None,
            "compensation_pence": compensation,
            "compensation_detail": detail,
            "closed_on": closed_on,
            "retention_until": _add_years(closed_on or received_on, self.retention_years)
            if status is not Status.OPEN
            else None,
        }
        return _Row(line, reference, team, values, stages, tuple(sorted(codes)))


@lru_cache(maxsize=8192)
def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=clock.LONDON).astimezone(UTC)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_file(data: bytes | str, settings: Mapping[str, Any], today: date | None = None) -> list[_Row]:
    """Check the whole file; raise ``ImportRejected`` listing every problem, or return the rows."""
    _header, raw_rows, problems = read_csv(data)
    checker = _Checker(settings, today or datetime.now(clock.LONDON).date())
    rows: list[_Row] = []
    first_line: dict[str, int] = {}
    for line, raw in raw_rows:
        row = checker.check(line, raw, problems)
        if row is None:
            continue
        if row.reference in first_line:
            problems.append(
                Problem(
                    line, "reference", _("This reference is also on line %(other)s.", other=first_line[row.reference])
                )
            )
            continue
        first_line[row.reference] = line
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(2, None, _("The file has a header but no records.")))
    if problems:
        raise ImportRejected(problems)
    return rows


# ---------------------------------------------------------------- writing


# The Representation columns an import sets; anything else (a live case's own words) is never touched.
_REP_FIELDS = (
    "kind",
    "procedure",
    "channel",
    "submitted_by",
    "status",
    "received_at",
    "received_on",
    "advocate_supported",
    "lgo_result",
    "compensation_pence",
    "compensation_detail",
    "closed_on",
    "retention_until",
    "team_id",
)
_STAGE_FIELDS = ("number", "requested_on", "started_on", "due_on", "responded_on", "outcome")


def import_records(
    session: Session, data: bytes | str, settings: Mapping[str, Any], *, source: str = "CSV", today: date | None = None
) -> ImportResult:
    """Check the whole file, then create or update every record in one transaction.

    Raises ``ImportRejected`` (nothing written) when any row is wrong.
    """
    rows = check_file(data, settings, today)
    result = ImportResult()
    try:
        team_ids = _ensure_teams(session, rows, result)
        for row in rows:
            row.values["team_id"] = team_ids[row.team.casefold()] if row.team else None
        for i in range(0, len(rows), CHUNK):
            _write_chunk(session, rows[i : i + CHUNK], source, result)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return result


def _ensure_teams(session: Session, rows: list[_Row], result: ImportResult) -> dict[str, int]:
    """Team ids by case-folded name, creating missing teams ("Leaving Care" matches "Leaving care")."""
    ids = {name.casefold(): id_ for id_, name in session.execute(select(Team.id, Team.name))}
    wanted: dict[str, str] = {}
    for row in rows:
        if row.team and row.team.casefold() not in ids:
            wanted.setdefault(row.team.casefold(), row.team)
    for key, name in wanted.items():
        team = Team(name=name, forward_compliments=True)
        session.add(team)
        session.flush()
        ids[key] = team.id
        result.teams_created.append(name)
    return ids


def _write_chunk(session: Session, rows: list[_Row], source: str, result: ImportResult) -> None:
    existing = dict(
        session.execute(
            select(Representation.reference, Representation.id).where(
                _among(session, Representation.reference, [r.reference for r in rows])
            )
        ).all()
    )
    new = [r for r in rows if r.reference not in existing]
    old = [r for r in rows if r.reference in existing]
    now = datetime.now(UTC)
    events: list[dict[str, Any]] = []

    if new:
        # A plain executemany, then one read of the new ids: faster than RETURNING through the ORM.
        _insert(session, Representation, [{**r.values, "created_at": now, "updated_at": now} for r in new])
        ids_by_ref = dict(
            session.execute(
                select(Representation.reference, Representation.id).where(
                    _among(session, Representation.reference, [r.reference for r in new])
                )
            ).all()
        )
        stage_rows, category_rows = [], []
        for row in new:
            rep_id = ids_by_ref[row.reference]
            stage_rows.extend({**s, "representation_id": rep_id} for s in row.stages)
            category_rows.extend({"representation_id": rep_id, "code": c} for c in row.categories)
            events.append(_event(rep_id, row, "imported", source, now))
        _insert(session, Stage, stage_rows)
        _insert(session, RepresentationCategory, category_rows)
        result.created += len(new)

    if old:
        changed = _changed(session, old, existing)
        if changed:
            ids = [existing[r.reference] for r in changed]
            session.execute(
                update(Representation),
                [
                    {"id": existing[r.reference], **{k: r.values[k] for k in _REP_FIELDS}, "updated_at": now}
                    for r in changed
                ],
            )
            session.execute(delete(Stage).where(_among(session, Stage.representation_id, ids)))
            session.execute(
                delete(RepresentationCategory).where(_among(session, RepresentationCategory.representation_id, ids))
            )
            _insert(
                session, Stage, [{**s, "representation_id": existing[r.reference]} for r in changed for s in r.stages]
            )
            _insert(
                session,
                RepresentationCategory,
                [{"representation_id": existing[r.reference], "code": c} for r in changed for c in r.categories],
            )
            events.extend(_event(existing[r.reference], r, "import_updated", source, now) for r in changed)
        result.updated += len(changed)
        result.unchanged += len(old) - len(changed)
    _insert(session, AuditEvent, events)


def _insert(session: Session, model, rows: list[dict[str, Any]]) -> None:
    """One executemany of plain tuples through the driver.

    SQLAlchemy's per-value bind processing cost more than the database's own work, so values are
    converted here once: enums to their values and, on SQLite, dates and UTC timestamps to the text
    SQLAlchemy itself stores. Columns left out get their model defaults, as an ORM insert would.
    """
    if not rows:
        return
    table = model.__table__
    connection = session.connection()
    dialect = connection.dialect
    given = list(rows[0])
    defaults = {}
    for column in table.columns:
        if column.name not in rows[0] and column.default is not None and not column.default.is_clause_element:
            arg = column.default.arg
            defaults[column.name] = arg(None) if callable(arg) else arg
    names = given + list(defaults)
    sqlite = dialect.name == "sqlite"
    fixed = tuple(f(v) if (f := _converter(table.columns[n].type, sqlite)) else v for n, v in defaults.items())
    getters = [(n, _converter(table.columns[n].type, sqlite)) for n in given]
    values = [tuple([row[n] if f is None else f(row[n]) for n, f in getters]) + fixed for row in rows]
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    if dialect.name == "postgresql":
        # COPY streams the rows in one round trip; executemany would wait on the server for each row.
        with (
            connection.connection.driver_connection.cursor() as cursor,
            cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy,
        ):
            for value in values:
                copy.write_row(value)
        return
    placeholder = "?" if dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({', '.join([placeholder] * len(names))})", values
    )


def _converter(column_type: Any, sqlite: bool):
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


def _event(rep_id: int, row: _Row, action: str, source: str, now: datetime) -> dict[str, Any]:
    return {
        "representation_id": rep_id,
        "reference": row.reference,
        "actor": ACTOR,
        "action": action,
        "at": now,
        "detail": f"historic record from {source}, line {row.line}",
    }


def _changed(session: Session, rows: list[_Row], existing: dict[str, int]) -> list[_Row]:
    """The rows whose stored data differs from the file: three queries for the whole chunk."""
    ids = list(existing[r.reference] for r in rows)
    stored = {
        rec.id: tuple(getattr(rec, k) for k in _REP_FIELDS)
        for rec in session.execute(
            select(Representation.id, *(getattr(Representation, k) for k in _REP_FIELDS)).where(
                _among(session, Representation.id, ids)
            )
        )
    }
    stages: dict[int, list[tuple]] = {}
    for rec in session.execute(
        select(Stage.representation_id, *(getattr(Stage, k) for k in _STAGE_FIELDS))
        .where(_among(session, Stage.representation_id, ids))
        .order_by(Stage.representation_id, Stage.number)
    ):
        stages.setdefault(rec[0], []).append(tuple(rec[1:]))
    codes: dict[int, list[str]] = {}
    for rep_id, code in session.execute(
        select(RepresentationCategory.representation_id, RepresentationCategory.code)
        .where(_among(session, RepresentationCategory.representation_id, ids))
        .order_by(RepresentationCategory.representation_id, RepresentationCategory.code)
    ):
        codes.setdefault(rep_id, []).append(code)
    changed = []
    for row in rows:
        rep_id = existing[row.reference]
        if (
            _differ([stored[rep_id]], [tuple(row.values[k] for k in _REP_FIELDS)])
            or _differ(stages.get(rep_id, []), [tuple(s[k] for k in _STAGE_FIELDS) for s in row.stages])
            or tuple(codes.get(rep_id, [])) != row.categories
        ):
            changed.append(row)
    return changed


def _differ(stored: list[tuple], mine: list[tuple]) -> bool:
    # Text enums equal their values, so the plain comparison settles almost every row; only a mismatch
    # is looked at again with timestamps normalised.
    if stored == mine:
        return False
    return [tuple(map(_plain, t)) for t in stored] != [tuple(map(_plain, t)) for t in mine]


def _among(session: Session, column, values: list) -> Any:
    """``column IN values``. On PostgreSQL one array parameter: psycopg would otherwise parse a
    statement with thousands of placeholders for every chunk, which cost more than the query."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def _plain(value: Any) -> Any:
    """Compare enums by value and timestamps in UTC, so stored and parsed values match."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(microsecond=0)
    if hasattr(value, "value"):
        return value.value
    return value
