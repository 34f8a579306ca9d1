from datetime import UTC, date, datetime, time

import holidays
import pytest

from intake.config import settings_for_tests
from intake.domain.clock import CORPORATE, STATUTORY, WorkingCalendar, rag, timescales_for

CAL = WorkingCalendar()


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # Coronation Monday skipped
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # State Funeral skipped
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # substitute Christmas and Boxing Day
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Boxing Day substitute on the 28th
        (date(2024, 3, 28), 1, date(2024, 4, 2)),  # Good Friday and Easter Monday
        (date(2026, 11, 27), 10, date(2026, 12, 11)),  # two ordinary weeks
        (date(2026, 11, 30), 0, date(2026, 11, 30)),  # day 0 is the day itself
    ],
)
def test_adding_working_days_skips_weekends_and_english_bank_holidays(start, n, expected):
    assert CAL.add_working_days(start, n) == expected


def test_easter_monday_is_not_a_working_day_which_plain_holidays_gb_would_miss():
    assert not CAL.is_working_day(date(2024, 4, 1))
    assert not CAL.is_working_day(date(2025, 4, 21))
    # The trap this guards against: GB without subdiv leaves out Easter Monday.
    assert date(2024, 4, 1) not in holidays.GB(years=2024)


@pytest.mark.parametrize("day", [date(2026, 12, 25), date(2026, 12, 26), date(2026, 4, 3), date(2026, 8, 31)])
def test_christmas_boxing_day_good_friday_and_the_august_bank_holiday_are_not_working_days(day):
    assert not CAL.is_working_day(day)


def test_a_council_closure_day_is_not_a_working_day():
    closed = WorkingCalendar(frozenset({date(2026, 12, 29)}))
    assert closed.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 30)


def test_something_received_on_a_saturday_starts_its_clock_on_monday():
    received = datetime(2024, 6, 1, 11, 0, tzinfo=UTC)
    start = CAL.clock_start(received)
    assert start == date(2024, 6, 3)
    assert CAL.add_working_days(start, 3) == date(2024, 6, 6)


def test_something_received_after_the_cut_off_counts_as_received_the_next_working_day():
    received = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 17:30 in London (GMT)
    assert CAL.clock_start(received, cut_off=time(17, 0)) == date(2026, 12, 1)
    assert CAL.clock_start(received) == date(2026, 11, 30)


def test_receipt_is_counted_in_london_time_not_utc():
    # 23:30 UTC on a summer Friday is 00:30 Saturday in London, so the clock starts Monday.
    assert CAL.clock_start(datetime(2024, 6, 7, 23, 30, tzinfo=UTC)) == date(2024, 6, 10)


def test_working_days_between_counts_days_after_the_start_up_to_the_end():
    assert CAL.working_days_between(date(2023, 5, 5), date(2023, 5, 9)) == 1
    assert CAL.working_days_between(date(2026, 11, 27), date(2026, 12, 11)) == 10
    assert CAL.working_days_between(date(2026, 12, 11), date(2026, 11, 27)) == -10
    assert CAL.working_days_between(date(2026, 11, 30), date(2026, 11, 30)) == 0


def test_statutory_and_corporate_timescales_match_the_regulations_and_the_code():
    assert (STATUTORY.acknowledge, STATUTORY.stages[1].respond, STATUTORY.stages[1].extend_to) == (3, 10, 20)
    assert (STATUTORY.stages[2].respond, STATUTORY.stages[2].extend_to, STATUTORY.stages[3].respond) == (25, 65, 30)
    assert STATUTORY.escalation_window == 20
    assert (CORPORATE.acknowledge, CORPORATE.stages[1].respond, CORPORATE.stages[2].respond) == (5, 10, 20)
    assert 3 not in CORPORATE.stages


def test_acknowledgement_days_come_from_settings():
    assert timescales_for("statutory", settings_for_tests({"STATUTORY_ACK_DAYS": 2})).acknowledge == 2
    assert timescales_for("corporate", settings_for_tests({"CORPORATE_ACK_DAYS": 4})).acknowledge == 4
    assert timescales_for("undecided").stages == STATUTORY.stages


@pytest.mark.parametrize(
    ("due", "today", "colour"),
    [
        (date(2026, 12, 1), date(2026, 12, 2), "red"),
        (date(2026, 12, 3), date(2026, 12, 1), "amber"),
        (date(2026, 12, 1), date(2026, 12, 1), "amber"),
        (date(2026, 12, 10), date(2026, 12, 1), "green"),
        (None, date(2026, 12, 1), "green"),
    ],
)
def test_red_amber_green_is_by_working_days_to_the_due_date(due, today, colour):
    assert rag(CAL, due, today) == colour
