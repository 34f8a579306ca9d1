"""The annual report's timeliness: each stage, and each of stage 3's clocks, against its timescale.

Every answered stage counts (not only the highest a complaint reached), except a withdrawn or refused one.
Durations are working days from the stage's start to its response, less any working days it was paused (reg 8):

- statutory stage 1: from receipt, 10 working days (``within_limit``: 20, the most an extension allows);
- statutory stage 2: from the request, 25 (``within_limit``: 65);
- stage 3 as a whole: from the request to the council's response, 50 (30 + 5 + 15); and its three clocks
  in turn: ``stage3_panel`` the request to the meeting (30), ``stage3_report`` the meeting to the panel's report
  (5), ``stage3_response`` the report to the council's response (15). A pause is taken off the panel's clock,
  when pauses happen (before the panel meets), and off the whole;
- corporate stages: from the acknowledgement, the council's own timescales (10 and 20 by default).

Working days are counted per distinct (start, end) pair, of which a year has a few thousand however many
complaints it holds, using a prefix-sum index over the calendar, so nothing loops over cases in Python.
``average_working_days`` is rounded to one decimal place and is 0 when nothing was answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from intake.domain import clock


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


@dataclass
class Tally:
    """One timeliness entry as it is counted."""

    timescale: int
    limit: int | None = None  # the most an extension allows, when there is one
    within: int = 0
    over: int = 0
    within_limit: int = 0
    total_days: int = 0

    def add(self, days: int, count: int) -> None:
        self.within += count if days <= self.timescale else 0
        self.over += 0 if days <= self.timescale else count
        if self.limit is not None and days <= self.limit:
            self.within_limit += count
        self.total_days += days * count

    def figures(self) -> dict[str, Any]:
        answered = self.within + self.over
        out: dict[str, Any] = {
            "within": self.within,
            "over": self.over,
            "average_working_days": round(self.total_days / answered, 1) if answered else 0.0,
            "timescale": self.timescale,
        }
        if self.limit is not None:
            out["within_limit"] = self.within_limit
        return out


def as_date(value) -> date | None:
    # SQLite hands back the CASE expression's dates as text.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Row:
    number: int
    quarter: int
    start: date
    end: date
    paused: int
    met: date | None
    reported: date | None
    count: int


def rows_of(raw: Iterable[Any]) -> list[Row]:
    to_date = lru_cache(maxsize=None)(as_date)  # a year's rows share a few hundred distinct days
    out = []
    for number, quarter, start, end, paused, met, reported, count in raw:
        first, last = to_date(start), to_date(end)
        if first is not None and last is not None:
            out.append(Row(number, int(quarter), first, last, paused or 0, to_date(met), to_date(reported), count))
    return out


def index_for(calendar: clock.WorkingCalendar, rows: list[Row]) -> WorkingDayIndex | None:
    days = [d for r in rows for d in (r.start, r.end, r.met, r.reported) if d is not None]
    return WorkingDayIndex(calendar, min(days), max(days)) if days else None


def statutory_tallies() -> dict[str, Tally]:
    return {
        "stage1": Tally(10, 20),
        "stage2": Tally(25, 65),
        "stage3": Tally(50),
        "stage3_panel": Tally(30),
        "stage3_report": Tally(clock.PANEL_REPORT_DAYS),
        "stage3_response": Tally(clock.COUNCIL_RESPONSE_DAYS),
    }


def corporate_tallies(settings: Mapping[str, Any]) -> dict[str, Tally]:
    stages = clock.timescales_for("corporate", settings).stages
    return {f"stage{n}": Tally(ts.respond, ts.extend_to) for n, ts in stages.items()}


def _stage_3(tallies: dict[str, Tally], index: WorkingDayIndex, row: Row) -> None:
    if row.met is not None:
        tallies["stage3_panel"].add(max(index.between(row.start, row.met) - row.paused, 0), row.count)
        if row.reported is not None:
            tallies["stage3_report"].add(index.between(row.met, row.reported), row.count)
    if row.reported is not None:
        tallies["stage3_response"].add(index.between(row.reported, row.end), row.count)


def timeliness(rows: list[Row], tallies: dict[str, Tally], index: WorkingDayIndex | None) -> dict[str, Any]:
    """Each entry's figures, from the rows of one procedure."""
    for row in rows:
        key = f"stage{row.number}"
        if index is None or key not in tallies:
            continue
        tallies[key].add(max(index.between(row.start, row.end) - row.paused, 0), row.count)
        if row.number == 3 and "stage3_panel" in tallies:
            _stage_3(tallies, index, row)
    return {key: tally.figures() for key, tally in tallies.items()}


def stage_1_by_quarter(rows: list[Row], index: WorkingDayIndex | None) -> dict[int, dict[str, Any]]:
    """Stage 1 timeliness (10 working days) for the complaints received in each quarter."""
    tallies = {q: Tally(10) for q in (1, 2, 3, 4)}
    for row in rows:
        if row.number == 1 and index is not None:
            tallies[row.quarter].add(max(index.between(row.start, row.end) - row.paused, 0), row.count)
    return {q: {k: v for k, v in t.figures().items() if k != "timescale"} for q, t in tallies.items()}
