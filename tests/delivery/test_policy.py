"""Policy: when a text to the person may go (quiet hours, their own window), at the edges, and backoff."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from intake.delivery.policy import Span, next_allowed, suppression_reason, text_held_until
from intake.domain.routing import AUDIENCE_PERSON
from intake.models import NotificationChannel

LONDON = ZoneInfo("Europe/London")
QUIET = Span(time(20, 0), time(8, 0))


def london(*args) -> datetime:
    """A wall-clock time in London, as the UTC instant the worker compares."""
    return datetime(*args, tzinfo=LONDON).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (london(2026, 1, 14, 19, 59), None),
        (london(2026, 1, 14, 20, 0), london(2026, 1, 15, 8, 0)),
        (london(2026, 1, 14, 23, 30), london(2026, 1, 15, 8, 0)),
        (london(2026, 1, 15, 7, 59), london(2026, 1, 15, 8, 0)),
        (london(2026, 1, 15, 8, 0), None),
        (london(2026, 7, 14, 19, 59), None),  # summer time: the same wall-clock edges
        (london(2026, 7, 14, 20, 0), london(2026, 7, 15, 8, 0)),
        (london(2026, 7, 15, 7, 59), london(2026, 7, 15, 8, 0)),
        (london(2026, 7, 15, 8, 0), None),
    ],
)
def test_quiet_hours_hold_a_text_from_20_00_until_08_00_london_time(now, allowed):
    assert next_allowed(now, QUIET, None) == allowed


def test_the_night_the_clocks_go_forward_ends_quiet_hours_at_08_00_summer_time():
    held = next_allowed(london(2026, 3, 28, 21, 0), QUIET, None)
    assert held == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 08:00 BST: ten hours later, not eleven


def test_the_night_the_clocks_go_back_ends_quiet_hours_at_08_00_winter_time():
    held = next_allowed(london(2026, 10, 24, 21, 0), QUIET, None)
    assert held == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)  # 08:00 GMT: twelve hours later


def test_quiet_hours_ending_in_the_hour_that_is_skipped_end_on_the_new_clock():
    quiet = Span(time(20, 0), time(1, 30))
    assert next_allowed(london(2026, 3, 28, 23, 0), quiet, None) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_quiet_hours_ending_in_the_hour_that_happens_twice_end_the_first_time_and_hold_again_the_second():
    quiet = Span(time(20, 0), time(1, 30))
    first_0100 = datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # 01:00 BST
    second_0100 = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 01:00 GMT, an hour later
    assert next_allowed(first_0100, quiet, None) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert next_allowed(second_0100, quiet, None) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (london(2026, 1, 14, 21, 59), london(2026, 1, 14, 22, 0)),
        (london(2026, 1, 14, 22, 0), None),
        (london(2026, 1, 15, 1, 59), None),
        (london(2026, 1, 15, 2, 0), london(2026, 1, 15, 22, 0)),
    ],
)
def test_a_window_that_crosses_midnight_allows_texts_late_and_holds_them_after(now, allowed):
    assert next_allowed(now, None, Span(time(22, 0), time(2, 0))) == allowed


def test_a_window_wholly_inside_quiet_hours_follows_what_the_person_said():
    window = Span(time(22, 0), time(2, 0))
    assert next_allowed(london(2026, 1, 14, 12, 0), QUIET, window) == london(2026, 1, 14, 22, 0)
    assert next_allowed(london(2026, 1, 14, 23, 0), QUIET, window) is None


@pytest.mark.parametrize(
    ("window", "now", "allowed"),
    [
        # "not after 6": until 18:00, and never in quiet hours
        (Span(None, time(18, 0)), london(2026, 1, 14, 17, 59), None),
        (Span(None, time(18, 0)), london(2026, 1, 14, 18, 0), london(2026, 1, 15, 8, 0)),
        # "only mornings": 08:00 to 12:00
        (Span(time(8, 0), time(12, 0)), london(2026, 1, 14, 12, 30), london(2026, 1, 15, 8, 0)),
        (Span(time(8, 0), time(12, 0)), london(2026, 1, 14, 7, 0), london(2026, 1, 14, 8, 0)),
        # "after school": from 16:00, and quiet hours still start at 20:00
        (Span(time(16, 0), None), london(2026, 1, 14, 10, 0), london(2026, 1, 14, 16, 0)),
        (Span(time(16, 0), None), london(2026, 1, 14, 20, 30), london(2026, 1, 15, 16, 0)),
    ],
)
def test_the_persons_window_and_quiet_hours_both_apply(window, now, allowed):
    assert next_allowed(now, QUIET, window) == allowed


def text(template="acknowledgement_sms", audience=AUDIENCE_PERSON, urgent=False, channel=NotificationChannel.SMS):
    return SimpleNamespace(
        template=template, audience=audience, urgent=urgent, channel=channel, recipient="+447700900123"
    )


def case(**kw):
    kw.setdefault("contact_text_from", None)
    kw.setdefault("contact_text_until", None)
    kw.setdefault("safe_to_contact", True)
    kw.setdefault("contact_via_advocate", False)
    return SimpleNamespace(**kw)


NIGHT = london(2026, 1, 14, 23, 0)
QUIET_HOURS = (time(20, 0), time(8, 0))


def test_only_texts_to_the_person_wait_for_the_morning():
    morning = london(2026, 1, 15, 8, 0)
    assert text_held_until(text(), case(), NIGHT, QUIET_HOURS) == morning
    assert text_held_until(text("staff_reply_sms", "the person who got in touch"), case(), NIGHT, QUIET_HOURS)
    staff = text("rights_alert_sms", "children's rights officer")
    assert text_held_until(staff, case(), NIGHT, QUIET_HOURS) is None
    assert (
        text_held_until(text("safeguarding_alert_sms", "safeguarding", urgent=True), case(), NIGHT, QUIET_HOURS) is None
    )
    email = text("acknowledgement", channel=NotificationChannel.EMAIL)
    assert text_held_until(email, case(), NIGHT, QUIET_HOURS) is None


def test_an_urgent_text_to_the_person_is_never_held():
    assert text_held_until(text(urgent=True), case(contact_text_until=time(18, 0)), NIGHT, QUIET_HOURS) is None


def test_with_quiet_hours_off_only_the_persons_window_holds_a_text():
    assert text_held_until(text(), case(), NIGHT, None) is None
    held = text_held_until(text(), case(contact_text_from=time(16, 0)), london(2026, 1, 14, 10, 0), None)
    assert held == london(2026, 1, 14, 16, 0)


def test_a_person_not_safe_to_contact_is_never_texted_and_an_opted_out_number_never_gets_a_text():
    assert "safe to contact" in suppression_reason(text(), case(safe_to_contact=None), set())
    assert "advocate" in suppression_reason(text(), case(contact_via_advocate=True), set())
    staff = text("rights_alert_sms", "children's rights officer")
    assert "opted out" in suppression_reason(staff, case(safe_to_contact=False), {"+447700900123"})
    assert suppression_reason(staff, case(safe_to_contact=False), set()) is None


def test_a_span_includes_its_start_and_not_its_end():
    span = Span(time(20, 0), time(8, 0))
    assert span.contains(time(20, 0)) and span.contains(time(0, 0)) and span.contains(time(7, 59, 59))
    assert not span.contains(time(8, 0)) and not span.contains(time(19, 59, 59))
    assert Span(None, time(18, 0)).contains(time(0, 0)) and not Span(time(16, 0), None).contains(time(15, 0))


def test_the_answer_is_always_later_than_now_and_within_a_day():
    now = london(2026, 1, 14, 20, 0)
    for minutes in range(0, 24 * 60, 7):
        moment = now + timedelta(minutes=minutes)
        allowed = next_allowed(moment, QUIET, Span(time(9, 0), time(21, 0)))
        assert allowed is None or moment < allowed <= moment + timedelta(days=1)
