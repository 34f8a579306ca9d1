"""Working-day clocks for the statutory and corporate procedures.

Pure functions of dates, the England and Wales bank holidays and a council's
closure days. A working day (SI 2006/1738 reg 2) is not a Saturday, Sunday,
Christmas Day, Boxing Day, Good Friday or bank holiday. The day of receipt is
day 0, and "due in N working days" is the Nth working day after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

LONDON = ZoneInfo("Europe/London")


def named_bank_holidays(year: int) -> dict[date, str]:
    """The days the clock does not count in ``year`` besides weekends and closure days, with their names."""
    # subdiv="ENG" matters: plain holidays.GB() silently leaves out Easter Monday
    # and the August bank holiday, which would make every deadline wrong.
    days = dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())
    # Named in reg 2 itself, so excluded even if a calendar ever omitted them.
    days.setdefault(date(year, 12, 25), "Christmas Day")
    days.setdefault(date(year, 12, 26), "Boxing Day")
    days.setdefault(easter(year) - timedelta(days=2), "Good Friday")
    return days


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(named_bank_holidays(year))


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days count. ``closure_days`` are the council's own extra non-working days."""

    closure_days: frozenset[date] = frozenset()

    @classmethod
    def from_settings(cls, settings) -> WorkingCalendar:
        return cls(frozenset(settings.get("CLOSURE_DAYS", ())))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _bank_holidays(day.year) and day not in self.closure_days

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``th working day after ``start`` (``start`` itself is day 0)."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def clock_start(self, received_at: datetime, cut_off: time = time(23, 59, 59)) -> date:
        """Day 0 for something received at ``received_at``.

        Counted in Europe/London. Something received on a non-working day, or after
        the council's cut-off time, counts as received on the next working day.
        """
        local = received_at.astimezone(LONDON)
        day = local.date()
        if not self.is_working_day(day) or local.time() > cut_off:
            return self.next_working_day(day)
        return day

    def working_days_in(self, days: Iterable[date]) -> int:
        return sum(1 for d in days if self.is_working_day(d))


def in_office_hours(settings, now: datetime) -> bool:
    """Whether ``now`` is inside the council's office hours (Europe/London) on a working day."""
    local = now.astimezone(LONDON)
    calendar = WorkingCalendar.from_settings(settings)
    opens, closes = settings.get("OFFICE_OPENS", time(9)), settings.get("OFFICE_CLOSES", time(17))
    return calendar.is_working_day(local.date()) and opens <= local.time() < closes


@dataclass(frozen=True)
class StageTimescale:
    respond: int  # working days from the stage's start
    extend_to: int | None  # the furthest an extension may go, from the same start; None = no extension
    # A stage that is acknowledged on its own (a corporate stage 2): working days from the request to acknowledge
    # it, and its response clock then runs from the acknowledgement.
    acknowledge: int | None = None


@dataclass(frozen=True)
class ProcedureTimescales:
    acknowledge: int
    stages: dict[int, StageTimescale]
    escalation_window: int | None  # working days after a stage's response to ask for the next stage


STATUTORY = ProcedureTimescales(
    acknowledge=3,
    stages={
        1: StageTimescale(respond=10, extend_to=20),
        2: StageTimescale(respond=25, extend_to=65),  # from the request, never the agreed statement (§1.12)
        3: StageTimescale(respond=30, extend_to=None),  # the panel meets within 30 of the request (reg 19(4))
    },
    escalation_window=20,
)

# Stage 3's later clocks (reg 20-21): the panel reports within 5 working days of meeting, and the council
# responds within 15 of receiving the report. Stage 3 as a whole is 30 + 5 + 15 = 50 working days at most.
PANEL_REPORT_DAYS = 5
COUNCIL_RESPONSE_DAYS = 15

# A complaint is late when its grounds arose more than this long before it was received (reg 9; Code 2.2).
LATE_COMPLAINT_MONTHS = 12

CORPORATE = ProcedureTimescales(
    acknowledge=5,
    stages={1: StageTimescale(respond=10, extend_to=20), 2: StageTimescale(respond=20, extend_to=40, acknowledge=5)},
    escalation_window=20,
)


def timescales_for(procedure: str, settings=None) -> ProcedureTimescales:
    """The timescales for a procedure; undecided and informal complaints run on the statutory clock until triaged.

    The statutory ones are the regulations' (only the acknowledgement is the council's choice); the corporate
    ones are the council's own, from settings (LGSCO Code: 5 / 10 from acknowledgement / +10, then 5 / 20 / +20).
    """
    if procedure != "corporate":
        if settings is None:
            return STATUTORY
        return replace(STATUTORY, acknowledge=settings.get("STATUTORY_ACK_DAYS", STATUTORY.acknowledge))
    if settings is None:
        return CORPORATE
    stage1, stage2 = CORPORATE.stages[1], CORPORATE.stages[2]
    respond1 = settings.get("CORPORATE_STAGE1_DAYS", stage1.respond)
    respond2 = settings.get("CORPORATE_STAGE2_DAYS", stage2.respond)
    return ProcedureTimescales(
        acknowledge=settings.get("CORPORATE_ACK_DAYS", CORPORATE.acknowledge),
        stages={
            1: StageTimescale(respond1, respond1 + settings.get("CORPORATE_STAGE1_EXTENSION_DAYS", 10)),
            2: StageTimescale(
                respond2,
                respond2 + settings.get("CORPORATE_STAGE2_EXTENSION_DAYS", 20),
                acknowledge=settings.get("CORPORATE_STAGE2_ACK_DAYS", stage2.acknowledge),
            ),
        },
        escalation_window=settings.get("CORPORATE_ESCALATION_DAYS", CORPORATE.escalation_window),
    )


def due_date(calendar: WorkingCalendar, start: date, working_days: int) -> date:
    return calendar.add_working_days(start, working_days)


def rag(calendar: WorkingCalendar, due: date | None, today: date, amber_days: int = 2) -> str:
    """Red if overdue, amber if due within ``amber_days`` working days, else green. No due date is green."""
    if due is None:
        return "green"
    if today > due:
        return "red"
    return "amber" if calendar.working_days_between(today, due) <= amber_days else "green"
