"""The statutory annual report on comments, compliments and complaints, aggregated in SQL.

A reporting year runs from 1 April to 31 March, by **date received**: the day
something reached the council in Europe/London (``received_at``), not the clock's
day 0 (``received_on``, which moves a Saturday text to Monday and could move a
31 March complaint into the next year). The boundaries are London midnights turned
into UTC instants, so the same range query works on SQLite and PostgreSQL and uses
the (kind, received_at) index.

Every figure comes from a handful of GROUP BY queries (``intake.data.reports`` and
``intake.data.report_procedure``); this module and ``report_timeliness`` and
``report_sections`` turn their rows into the published figures.

Conventions, stable because the JSON is published:
- In the maps a missing key counts as zero, and zero counts are left out.
- ``complaints.total`` counts every complaint, including any not yet triaged to a procedure.
- ``outcomes`` keys: upheld, partly_upheld, not_upheld, resolved, withdrawn, refused, plus ``open`` (still
  being handled) and ``not_known`` (closed with no outcome recorded), so they add up to the statutory count.
- ``by_team`` and ``by_method`` use ``not_known`` when nothing was recorded.
- ``timeliness``: see ``intake.domain.report_timeliness`` (every answered stage, each of stage 3's clocks).
- ``lgo`` counts the year's complaints taken to the Ombudsman, decided or not; ``ombudsman`` counts referrals
  by the year they were made and by the year they were decided.
- ``quarterly``: four quarters, April to June first; ``previous_year``: the headline figures of the year before.
- ``adjustments_agreed``: reasonable adjustments recorded as agreed in the year (LGSCO Code 5.6).
- Dates are ISO strings (``2024-03-31``); money is in pence.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import reports as data
from intake.data.adjustments import adjustments_agreed_between
from intake.domain import clock, report_sections, report_timeliness
from intake.domain.report_timeliness import WorkingDayIndex
from intake.models import Kind

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
PROCEDURES = ("statutory", "corporate", "informal")

# The exact keys of the JSON report, in order.
KEYS = (
    "year",
    "complaints",
    "compliments",
    "comments",
    "from_children",
    "with_advocate",
    "by_method",
    "outcomes",
    "by_team",
    "complaint_categories",
    "compliment_categories",
    "timeliness",
    "lgo",
    "compensation",
    "trend",
    "previous_year",
    "quarterly",
    "corporate",
    "resolutions",
    "refusals",
    "pauses",
    "ombudsman",
    "learning",
    "adjustments_agreed",
    "written",
)
# The headline figures repeated for the year before, side by side.
PREVIOUS_YEAR_KEYS = (
    "year",
    "complaints",
    "compliments",
    "from_children",
    "with_advocate",
    "outcomes",
    "timeliness",
    "lgo",
)

__all__ = ["KEYS", "WorkingDayIndex", "annual_report", "report_rows", "suppress_small", "trend", "year_bounds"]


def year_label(year: int) -> str:
    """2016 -> "2016/17"."""
    return f"{year}/{(year + 1) % 100:02d}"


def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=clock.LONDON).astimezone(UTC)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """1 April ``year`` 00:00 and 1 April ``year + 1`` 00:00 in London, as UTC instants (end excluded)."""
    return _london_midnight(date(year, 4, 1)), _london_midnight(date(year + 1, 4, 1))


def quarter_starts(year: int) -> list[date]:
    """The first days of the year's four quarters: 1 April, 1 July, 1 October, 1 January."""
    return [date(year, 4, 1), date(year, 7, 1), date(year, 10, 1), date(year + 1, 1, 1)]


def reporting_year_of(moment: datetime) -> int:
    local = moment.astimezone(clock.LONDON).date()
    return local.year if local.month >= 4 else local.year - 1


def _add(counts: dict[str, int], key: str | None, n: int) -> None:
    if n:
        key = key or "not_known"
        counts[key] = counts.get(key, 0) + n


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def annual_report(session: Session, year: int, settings: Settings | None = None) -> dict[str, Any]:
    """Every figure of the annual report for the reporting year starting 1 April ``year`` (without settings: no
    closure days, and the procedures' default timescales)."""
    calendar = clock.WorkingCalendar.from_settings(settings) if settings else clock.WorkingCalendar()
    start, end = year_bounds(year)
    report = _year_figures(session, year, calendar, settings)
    report.update(_categories(data.category_rows(session, start, end)))
    report["trend"] = trend(session, year)
    previous = _year_figures(session, year - 1, calendar, settings)
    report["previous_year"] = {key: previous[key] for key in PREVIOUS_YEAR_KEYS}
    report["compensation"] = report_sections.compensation(session, year, start, end)
    report["resolutions"] = report_sections.resolutions(session, start, end)
    report["refusals"] = report_sections.refusals(session, year)
    report["pauses"] = report_sections.pauses(session, year)
    report["ombudsman"] = report_sections.ombudsman(session, year)
    report["learning"] = report_sections.learning(session, year)
    report["adjustments_agreed"] = adjustments_agreed_between(session, start, end)  # LGSCO Code 5.6
    report["written"] = report_sections.written(session, year)
    return {key: report[key] for key in KEYS}


def _year_figures(
    session: Session, year: int, calendar: clock.WorkingCalendar, settings: Settings | None
) -> dict[str, Any]:
    """The figures counted from the year's cases: the headline, outcomes, timeliness, quarters, corporate."""
    start, end = year_bounds(year)
    inner = [_london_midnight(d) for d in quarter_starts(year)[1:]]
    figures: dict[str, Any] = {"year": year_label(year)}
    headline, quarters = _headline(data.headline_rows(session, start, end, inner))
    figures.update(headline)
    outcomes = data.outcome_rows(session, start, end)
    figures.update(_statutory([r[1:] for r in outcomes if r[0] == data.STATUTORY], data.team_names(session)))
    referred, investigated, upheld = data.lgo_counts(session, start, end)
    figures["lgo"] = {"referred": referred, "investigated": investigated, "upheld": upheld}
    both = _less(
        data.timeliness_rows(session, start, end, inner), data.refused_timeliness_rows(session, start, end, inner)
    )
    rows = report_timeliness.rows_of(r[1:] for r in both if r[0] == data.STATUTORY)
    corporate = report_timeliness.rows_of(r[1:] for r in both if r[0] == data.CORPORATE)
    index = report_timeliness.index_for(calendar, rows + corporate)
    figures["timeliness"] = report_timeliness.timeliness(rows, report_timeliness.statutory_tallies(), index)
    figures["quarterly"] = _quarterly(year, quarters, report_timeliness.stage_1_by_quarter(rows, index))
    figures["corporate"] = {
        "complaints": figures["complaints"]["corporate"],
        "outcomes": _outcome_counts(r[2:] for r in outcomes if r[0] == data.CORPORATE),
        "timeliness": report_timeliness.timeliness(corporate, report_timeliness.corporate_tallies(settings), index),
    }
    return figures


def _headline(rows) -> tuple[dict[str, Any], dict[int, dict[str, int]]]:
    """Counts by kind, procedure and method, and each quarter's complaints and compliments, from one grouped pass."""
    complaints = dict.fromkeys((*PROCEDURES, "total"), 0)
    kinds = {Kind.COMPLIMENT.value: 0, Kind.COMMENT.value: 0}
    quarters = {q: {"complaints": 0, "compliments": 0} for q in (1, 2, 3, 4)}
    by_method: dict[str, int] = {}
    from_children = with_advocate = 0
    for kind, procedure, channel, quarter, n, children, advocated in rows:
        if kind == Kind.COMPLIMENT.value:
            quarters[int(quarter)]["compliments"] += n
        if kind != Kind.COMPLAINT.value:
            kinds[kind] = kinds.get(kind, 0) + n
            continue
        quarters[int(quarter)]["complaints"] += n
        complaints["total"] += n
        if procedure in complaints:
            complaints[procedure] += n
        _add(by_method, channel, n)
        from_children += children or 0
        with_advocate += advocated or 0
    headline = {
        "complaints": complaints,
        "compliments": kinds[Kind.COMPLIMENT.value],
        "comments": kinds[Kind.COMMENT.value],
        "from_children": from_children,
        "with_advocate": with_advocate,
        "by_method": _sorted(by_method),
    }
    return headline, quarters


def _quarterly(year: int, counts: dict[int, dict[str, int]], stage1: dict[int, dict[str, Any]]) -> list[dict]:
    starts = quarter_starts(year) + [date(year + 1, 4, 1)]
    return [
        {
            "quarter": f"Q{q}",
            "from": starts[q - 1].isoformat(),
            "to": date.fromordinal(starts[q].toordinal() - 1).isoformat(),
            "complaints": counts[q]["complaints"],
            "compliments": counts[q]["compliments"],
            "stage1": stage1[q],
        }
        for q in (1, 2, 3, 4)
    ]


def _statutory(rows, names: Mapping[int, str]) -> dict[str, Any]:
    """Outcomes and teams of statutory complaints (informal and corporate ones are not in these tables)."""
    outcomes: dict[str, int] = {}
    by_team: dict[str, int] = {}
    for team_id, result, n in rows:
        _add(outcomes, result, n)
        _add(by_team, names.get(team_id), n)
    return {"outcomes": _sorted(outcomes), "by_team": _sorted(by_team)}


def _less(rows, taken) -> list[tuple]:
    """Grouped rows less the same groups' counts in ``taken`` (the last column is the count)."""
    away: dict[tuple, int] = {}
    for row in taken:
        away[tuple(row[:-1])] = away.get(tuple(row[:-1]), 0) + row[-1]
    if not away:
        return [tuple(r) for r in rows]
    kept = []
    for row in rows:
        count = row[-1] - away.get(tuple(row[:-1]), 0)
        if count > 0:
            kept.append((*row[:-1], count))
    return kept


def _outcome_counts(rows) -> dict[str, int]:
    outcomes: dict[str, int] = {}
    for result, n in rows:
        _add(outcomes, result, n)
    return _sorted(outcomes)


def _categories(rows) -> dict[str, Any]:
    complaint: dict[str, int] = {}
    compliment: dict[str, int] = {}
    for kind, code, n in rows:
        _add(complaint if kind == Kind.COMPLAINT.value else compliment, code, n)
    return {"complaint_categories": _sorted(complaint), "compliment_categories": _sorted(compliment)}


def earliest_year(session: Session) -> int | None:
    first = data.earliest_received_at(session)
    return reporting_year_of(first) if first else None


def trend(session: Session, year: int) -> list[dict[str, Any]]:
    """Compliments and statutory complaints for every reporting year from the earliest on record to ``year``."""
    first = min(earliest_year(session) or year, year)
    years = list(range(first, year + 1))
    counts = data.yearly_counts(session, [year_bounds(y) for y in years])
    return [
        {"year": year_label(y), "compliments": compliments, "statutory_complaints": statutory}
        for y, (compliments, statutory) in zip(years, counts, strict=True)
    ]


# ---------------------------------------------------------------- published output

# Values that are not counts of people: kept as they are when small counts are hidden.
NOT_COUNTS = frozenset(
    {"year", "average_working_days", "total_pence", "amount_pence", "timescale", "quarter", "from", "to"}
)


def suppress_small(report: dict[str, Any], below: int = SUPPRESS_BELOW) -> dict[str, Any]:
    """A copy with every count from 1 to ``below - 1`` shown as "<5", for publishing.

    Small numbers about children in care can identify them. Averages, money, timescales, dates and text are
    not counts and are kept; zero stays zero.
    """

    def hide(value: Any, key: str | None = None) -> Any:
        if key in NOT_COUNTS or isinstance(value, bool):
            return value
        if isinstance(value, int):
            return SUPPRESSED if 0 < value < below else value
        if isinstance(value, dict):
            return {k: hide(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [hide(v) for v in value]
        return value

    return hide(report)


def _flatten(section: str, item: str, value: Any, rows: list[tuple[str, str, Any]]) -> None:
    """Nested maps and lists as "a b c" item paths; a list of records numbered from 1 (or by its year/quarter)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(section, f"{item} {key}".strip(), inner, rows)
    elif isinstance(value, list):
        for number, inner in enumerate(value, start=1):
            name = inner.get("year") or inner.get("quarter") if isinstance(inner, dict) else None
            label = f"{item} {name or number}".strip()
            if isinstance(inner, dict):
                inner = {k: v for k, v in inner.items() if k not in ("year", "quarter")}
            _flatten(section, label, inner, rows)
    else:
        rows.append((section, item, "" if value is None else value))


def report_rows(report: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """The report flattened to (section, item, value) rows: the CSV format."""
    rows: list[tuple[str, str, Any]] = [("year", "", report["year"])]
    for key in KEYS[1:]:
        value = report[key]
        if isinstance(value, dict | list) and not value:
            rows.append((key, "", ""))  # every section has a row, even an empty one
        elif isinstance(value, dict | list):
            _flatten(key, "", value, rows)
        else:
            rows.append((key, "", value))
    return rows
