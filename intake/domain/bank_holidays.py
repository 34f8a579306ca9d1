"""Checking the clock's bank holidays against GOV.UK's own list (rules-reference §2: working days).

The clock takes England and Wales bank holidays from the ``holidays`` package (``intake/domain/clock.py``). A
one-off bank holiday (a coronation, a jubilee, a state funeral) is announced months ahead and reaches that
package only with a new release, and every deadline is wrong by a day until it does. GOV.UK publishes the
official list as JSON (https://www.gov.uk/bank-holidays.json, ``england-and-wales``): comparing the two once
a year, or when a new holiday is announced, shows the days to add to ``CLOSURE_DAYS`` meanwhile.

Pure functions of the list and the calendar; the ``check-bank-holidays`` command fetches the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from intake.domain.clock import WorkingCalendar, named_bank_holidays

DIVISION = "england-and-wales"


class BankHolidayListError(ValueError):
    """The list is not in GOV.UK's format (``{"england-and-wales": {"events": [{"date", "title"}, ...]}}``)."""


@dataclass(frozen=True)
class Holiday:
    day: date
    title: str


@dataclass(frozen=True)
class BankHolidayCheck:
    years: tuple[int, ...]
    listed: int  # GOV.UK's England and Wales bank holidays in those years
    missing: tuple[Holiday, ...]  # on GOV.UK's list, but the clock counts them as working days
    not_listed: tuple[Holiday, ...]  # weekdays the clock treats as bank holidays that GOV.UK does not list

    @property
    def agrees(self) -> bool:
        return not self.missing and not self.not_listed


def read_govuk_list(payload: Any) -> list[Holiday]:
    """England and Wales' bank holidays from GOV.UK's JSON, or BankHolidayListError saying what is wrong."""
    try:
        events = payload[DIVISION]["events"]
        holidays = [Holiday(date.fromisoformat(e["date"]), str(e.get("title", ""))) for e in events]
    except (KeyError, TypeError, ValueError) as problem:
        raise BankHolidayListError(
            f"not GOV.UK's bank holidays list: expected {DIVISION!r} with events of a date and a title ({problem})"
        ) from None
    if not holidays:
        raise BankHolidayListError(f"GOV.UK's list has no {DIVISION} bank holidays")
    return sorted(holidays, key=lambda h: h.day)


def compare(listed: list[Holiday], calendar: WorkingCalendar) -> BankHolidayCheck:
    """Where the clock and GOV.UK's list disagree, in the years the list covers."""
    years = tuple(sorted({h.day.year for h in listed}))
    days = {h.day for h in listed}
    missing = tuple(h for h in listed if calendar.is_working_day(h.day))
    ours: list[Holiday] = []
    for year in years:
        for day, title in named_bank_holidays(year).items():
            if day.weekday() < 5 and day not in days:
                ours.append(Holiday(day, title))
    return BankHolidayCheck(years, len(listed), missing, tuple(sorted(ours, key=lambda h: h.day)))


def compare_payload(payload: Any, calendar: WorkingCalendar) -> BankHolidayCheck:
    return compare(read_govuk_list(payload), calendar)
