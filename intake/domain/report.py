"""The statutory annual report on comments, compliments and complaints, aggregated in SQL.

A reporting year runs from 1 April to 31 March, by **date received**: the day
something reached the council in Europe/London (``received_at``), not the clock's
day 0 (``received_on``, which moves a Saturday text to Monday and could move a
31 March complaint into the next year). The boundaries are London midnights turned
into UTC instants, so the same range query works on SQLite and PostgreSQL and uses
the (kind, received_at) index.

Every figure comes from a handful of GROUP BY queries (``intake.data.reports``); this
module turns their rows into the published figures. Working days (timeliness) are
counted per distinct (start, response) pair, of which a year has a few thousand
however many complaints it holds, using a prefix-sum index over the calendar, so
nothing loops over cases in Python.

Conventions, stable because the JSON is published:
- In the maps a missing key counts as zero, and zero counts are left out.
- ``complaints.total`` counts every complaint, including any not yet triaged to a procedure.
- ``outcomes`` keys: upheld, partly_upheld, not_upheld, withdrawn, plus ``open`` (still being
  handled) and ``not_known`` (closed with no outcome recorded), so they add up to the statutory count.
- ``by_team`` and ``by_method`` use ``not_known`` when nothing was recorded.
- ``timeliness.*.average_working_days`` is rounded to one decimal place and is 0 when no
  complaint had a response at that stage (``within`` and ``over`` are then both 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from intake.data import reports as data
from intake.domain import clock
from intake.models import Kind

STANDARD_DAYS = {
    1: clock.STATUTORY.stages[1].respond,
    2: clock.STATUTORY.stages[2].respond,
    3: clock.STATUTORY.stages[3].respond,
}  # 10, 25, 30
SUPPRESS_BELOW = 5
SUPPRESSED = "<5"

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
)


def year_label(year: int) -> str:
    """2016 -> "2016/17"."""
    return f"{year}/{(year + 1) % 100:02d}"


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """1 April ``year`` 00:00 and 1 April ``year + 1`` 00:00 in London, as UTC instants (end excluded)."""
    start = datetime.combine(date(year, 4, 1), time(0, 0), tzinfo=clock.LONDON).astimezone(UTC)
    end = datetime.combine(date(year + 1, 4, 1), time(0, 0), tzinfo=clock.LONDON).astimezone(UTC)
    return start, end


def reporting_year_of(moment: datetime) -> int:
    local = moment.astimezone(clock.LONDON).date()
    return local.year if local.month >= 4 else local.year - 1


class WorkingDayIndex:
    """Working days between two dates by prefix sums: O(1) per pair after one pass over the range.

    Gives exactly ``WorkingCalendar.working_days_between`` (working days after the start, up to
    and including the end), which a test checks.
    """

    def __init__(self, calendar: clock.WorkingCalendar, first: date, last: date):
        self.calendar = calendar
        self.first = first
        self.cumulative: list[int] = []
        running = 0
        day = first
        while day <= last:
            running += calendar.is_working_day(day)
            self.cumulative.append(running)
            day += timedelta(days=1)

    def between(self, start: date, end: date) -> int:
        i, j = (start - self.first).days, (end - self.first).days
        if 0 <= i < len(self.cumulative) and 0 <= j < len(self.cumulative):
            return self.cumulative[j] - self.cumulative[i]
        return self.calendar.working_days_between(start, end)


def _add(counts: dict[str, int], key: str | None, n: int) -> None:
    if n:
        key = key or "not_known"
        counts[key] = counts.get(key, 0) + n


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def annual_report(session: Session, year: int, settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every figure of the annual report for the reporting year starting 1 April ``year``."""
    settings = settings or {}
    start, end = year_bounds(year)
    report: dict[str, Any] = {"year": year_label(year)}
    report.update(_headline(data.headline_rows(session, start, end)))
    report.update(_statutory(data.outcome_rows(session, start, end), data.team_names(session)))
    report.update(_categories(data.category_rows(session, start, end)))
    calendar = clock.WorkingCalendar.from_settings(settings)
    report["timeliness"] = _timeliness(data.timeliness_rows(session, start, end), calendar)
    report["trend"] = trend(session, year)
    return {key: report[key] for key in KEYS}


def _headline(rows) -> dict[str, Any]:
    """Counts by kind, procedure and method, the Ombudsman and compensation, from one grouped pass."""
    complaints = {"statutory": 0, "corporate": 0, "informal": 0, "total": 0}
    kinds = {Kind.COMPLIMENT.value: 0, Kind.COMMENT.value: 0}
    by_method: dict[str, int] = {}
    from_children = with_advocate = 0
    money = [0] * 5  # referred, investigated, upheld, payments, total_pence: over every complaint
    for kind, procedure, channel, n, children, advocated, *sums in rows:
        if kind != Kind.COMPLAINT.value:
            kinds[kind] = kinds.get(kind, 0) + n
            continue
        complaints["total"] += n
        if procedure in complaints:
            complaints[procedure] += n
        _add(by_method, channel, n)
        from_children += children or 0
        with_advocate += advocated or 0
        money = [a + int(b or 0) for a, b in zip(money, sums, strict=True)]
    referred, investigated, upheld, payments, total_pence = money
    return {
        "complaints": complaints,
        "compliments": kinds[Kind.COMPLIMENT.value],
        "comments": kinds[Kind.COMMENT.value],
        "from_children": from_children,
        "with_advocate": with_advocate,
        "by_method": _sorted(by_method),
        "lgo": {"referred": referred, "investigated": investigated, "upheld": upheld},
        "compensation": {"payments": payments, "total_pence": total_pence},
    }


def _statutory(rows, names: Mapping[int, str]) -> dict[str, Any]:
    """Outcomes and teams of statutory complaints (informal and corporate ones are not in these tables)."""
    outcomes: dict[str, int] = {}
    by_team: dict[str, int] = {}
    for team_id, result, n in rows:
        _add(outcomes, result, n)
        _add(by_team, names.get(team_id), n)
    return {"outcomes": _sorted(outcomes), "by_team": _sorted(by_team)}


def _categories(rows) -> dict[str, Any]:
    complaint: dict[str, int] = {}
    compliment: dict[str, int] = {}
    for kind, code, n in rows:
        _add(complaint if kind == Kind.COMPLAINT.value else compliment, code, n)
    return {"complaint_categories": _sorted(complaint), "compliment_categories": _sorted(compliment)}


def _timeliness(rows, calendar: clock.WorkingCalendar) -> dict[str, Any]:
    """Statutory complaints by the highest stage reached, timed from that stage's start to its response.

    Working days are counted per distinct (start, response) pair, of which a year has a few thousand however
    many complaints it holds, using a prefix-sum index over the calendar.
    """
    result = {f"stage{n}": {"within": 0, "over": 0, "average_working_days": 0.0} for n in (1, 2, 3)}
    if not rows:
        return result
    as_date = lru_cache(maxsize=None)(_as_date)  # a year's pairs share a few hundred distinct days
    pairs = [(n, as_date(s), as_date(e), c) for n, s, e, c in rows]
    index = WorkingDayIndex(calendar, min(p[1] for p in pairs), max(p[2] for p in pairs))
    totals = {1: 0, 2: 0, 3: 0}
    for n, s, e, count in pairs:
        days = index.between(s, e)
        entry = result[f"stage{n}"]
        entry["within" if days <= STANDARD_DAYS[n] else "over"] += count
        totals[n] += days * count
    for n in (1, 2, 3):
        entry = result[f"stage{n}"]
        answered = entry["within"] + entry["over"]
        entry["average_working_days"] = round(totals[n] / answered, 1) if answered else 0.0
    return result


def _as_date(value) -> date:
    # SQLite hands back the CASE expression's dates as text.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


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


def suppress_small(report: dict[str, Any], below: int = SUPPRESS_BELOW) -> dict[str, Any]:
    """A copy with every count from 1 to ``below - 1`` shown as "<5", for publishing.

    Small numbers about children in care can identify them. Averages, money and
    year labels are not counts and are kept; zero stays zero.
    """

    def hide(value: Any, key: str | None = None) -> Any:
        if key in ("year", "average_working_days", "total_pence"):
            return value
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return SUPPRESSED if 0 < value < below else value
        if isinstance(value, dict):
            return {k: hide(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [hide(v) for v in value]
        return value

    return hide(report)


def report_rows(report: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """The report flattened to (section, item, value) rows: the CSV format."""
    rows: list[tuple[str, str, Any]] = [("year", "", report["year"])]
    for key in KEYS[1:]:
        value = report[key]
        if key == "trend":
            for entry in value:
                rows.append(("trend", f"{entry['year']} compliments", entry["compliments"]))
                rows.append(("trend", f"{entry['year']} statutory_complaints", entry["statutory_complaints"]))
        elif key == "timeliness":
            for stage, figures in value.items():
                for item, n in figures.items():
                    rows.append(("timeliness", f"{stage} {item}", n))
        elif isinstance(value, dict):
            rows.extend((key, item, n) for item, n in value.items())
        else:
            rows.append((key, "", value))
    return rows
