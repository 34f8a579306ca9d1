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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from intake.config import Settings
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


# A stage's row from ``timeliness_rows`` without its procedure: (number, quarter, start, end, working days paused,
# day the panel met, day it reported, count). Days stay as the database gave them (text on SQLite).
Row = tuple[Any, ...]
Serials = dict[Any, int]


def rows_of(raw: Iterable[Any]) -> list[Row]:
    """The rows with a start and a response (every answered stage has both)."""
    return [tuple(r) for r in raw if r[2] is not None and r[3] is not None]


def index_for(calendar: clock.WorkingCalendar, rows: list[Row]) -> Serials:
    """Each distinct day in the rows, as it came from the database, to its running count of working days: the
    working days between two days are then one subtraction (``WorkingDayIndex`` over the rows' range)."""
    seen = {day for r in rows for day in (r[2], r[3], r[5], r[6]) if day is not None}
    days = {value: as_date(value) for value in seen}
    if not days:
        return {}
    first, last = min(d for d in days.values() if d), max(d for d in days.values() if d)
    index = WorkingDayIndex(calendar, first, last)
    return {value: index.cumulative[(d - first).days] for value, d in days.items() if d is not None}


def statutory_tallies() -> dict[str, Tally]:
    return {
        "stage1": Tally(10, 20),
        "stage2": Tally(25, 65),
        "stage3": Tally(50),
        "stage3_panel": Tally(30),
        "stage3_report": Tally(clock.PANEL_REPORT_DAYS),
        "stage3_response": Tally(clock.COUNCIL_RESPONSE_DAYS),
    }


def corporate_tallies(settings: Settings | None) -> dict[str, Tally]:
    stages = clock.timescales_for("corporate", settings).stages
    return {f"stage{n}": Tally(ts.respond, ts.extend_to) for n, ts in stages.items()}


def _add_stage_3(counts: dict[tuple[str, int], int], serial: Serials, row: Row) -> None:
    _number, _quarter, start, end, paused, met, reported, count = row
    if met is not None:
        key = ("stage3_panel", max(serial[met] - serial[start] - paused, 0))
        counts[key] = counts.get(key, 0) + count
        if reported is not None:
            key = ("stage3_report", serial[reported] - serial[met])
            counts[key] = counts.get(key, 0) + count
    if reported is not None:
        key = ("stage3_response", serial[end] - serial[reported])
        counts[key] = counts.get(key, 0) + count


def timeliness(rows: list[Row], tallies: dict[str, Tally], serial: Serials) -> dict[str, Any]:
    """Each entry's figures, from the rows of one procedure: counted by (entry, working days) first, so each
    tally sees a few hundred durations however many stages there are."""
    counts: dict[tuple[str, int], int] = {}
    stage_3_clocks = "stage3_panel" in tallies
    for row in rows:
        number, _quarter, start, end, paused, _met, _reported, count = row
        key = (f"stage{number}", max(serial[end] - serial[start] - paused, 0))
        counts[key] = counts.get(key, 0) + count
        if number == 3 and stage_3_clocks:
            _add_stage_3(counts, serial, row)
    for (entry, days), count in counts.items():
        if entry in tallies:
            tallies[entry].add(days, count)
    return {key: tally.figures() for key, tally in tallies.items()}


def stage_1_by_quarter(rows: list[Row], serial: Serials) -> dict[int, dict[str, Any]]:
    """Stage 1 timeliness (10 working days) for the complaints received in each quarter."""
    tallies = {q: Tally(10) for q in (1, 2, 3, 4)}
    for number, quarter, start, end, paused, _met, _reported, count in rows:
        if number == 1:
            tallies[int(quarter)].add(max(serial[end] - serial[start] - paused, 0), count)
    return {q: {k: v for k, v in t.figures().items() if k != "timescale"} for q, t in tallies.items()}
