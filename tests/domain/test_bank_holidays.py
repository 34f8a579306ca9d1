"""The clock's bank holidays against GOV.UK's list: agreement, a one-off holiday, and a list in the wrong shape."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from intake.domain.bank_holidays import BankHolidayListError, Holiday, compare_payload
from intake.domain.clock import WorkingCalendar

GOVUK = json.loads((Path(__file__).parent.parent / "fixtures" / "govuk_bank_holidays.json").read_text("utf-8"))


def _with(day: str, title: str) -> dict:
    payload = copy.deepcopy(GOVUK)
    payload["england-and-wales"]["events"].append({"title": title, "date": day, "notes": "", "bunting": True})
    return payload


def test_the_clock_agrees_with_govuk_for_2026_and_2027_substitute_days_included():
    check = compare_payload(GOVUK, WorkingCalendar())
    assert check.agrees and check.years == (2026, 2027) and check.listed == 16


def test_a_one_off_bank_holiday_govuk_announced_is_named_until_it_is_a_closure_day():
    coronation_like = _with("2027-06-07", "Bank holiday for a one-off celebration")
    check = compare_payload(coronation_like, WorkingCalendar())
    assert not check.agrees
    assert check.missing == (Holiday(date(2027, 6, 7), "Bank holiday for a one-off celebration"),)
    assert compare_payload(coronation_like, WorkingCalendar(frozenset({date(2027, 6, 7)}))).agrees


def test_a_weekday_the_clock_treats_as_a_bank_holiday_that_govuk_does_not_list_is_named():
    payload = copy.deepcopy(GOVUK)
    events = payload["england-and-wales"]["events"]
    events[:] = [e for e in events if e["date"] != "2026-08-31"]
    check = compare_payload(payload, WorkingCalendar())
    assert [h.day for h in check.not_listed] == [date(2026, 8, 31)] and not check.missing


def test_scotland_and_northern_ireland_are_not_read():
    assert compare_payload(GOVUK, WorkingCalendar()).listed == len(GOVUK["england-and-wales"]["events"])


@pytest.mark.parametrize(
    "payload",
    [{}, {"england-and-wales": {"events": []}}, {"england-and-wales": {"events": [{"date": "31/08/2026"}]}}, []],
)
def test_a_list_in_the_wrong_shape_says_what_was_expected(payload):
    with pytest.raises(BankHolidayListError, match="england-and-wales"):
        compare_payload(payload, WorkingCalendar())
