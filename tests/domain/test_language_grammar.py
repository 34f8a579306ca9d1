"""Polish grammar in what we send: a date after "do" in the genitive, counts by Babel's plural rules."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale

from intake.domain.conversation import finished_replies, plain_date
from intake.domain.conversation.context import EngineContext
from intake.i18n import POLISH_DAY_GENITIVE, count_days, date_by
from tests.domain.test_conversation import MONDAY_10AM, at


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 10), "czwartku, 10 grudnia"),
        (date(2026, 12, 7), "poniedziałku, 7 grudnia"),
        (date(2026, 12, 9), "środy, 9 grudnia"),
        (date(2026, 12, 13), "niedzieli, 13 grudnia"),
        (date(2027, 3, 1), "poniedziałku, 1 marca"),
    ],
)
def test_a_polish_date_after_do_is_in_the_genitive(day, words):
    assert date_by(day, "pl") == words


def test_every_polish_day_name_babel_gives_has_its_genitive():
    assert {date_by(date(2026, 12, d), "pl").split(",")[0] for d in range(7, 14)} == set(POLISH_DAY_GENITIVE.values())


def test_english_and_arabic_dates_read_as_before():
    assert date_by(date(2026, 12, 10), "en") == "Thursday 10 December"
    assert date_by(date(2026, 12, 10), "ar") == "الخميس 10 ديسمبر"


@pytest.mark.parametrize(
    ("number", "pl", "en"), [(1, "1 dzień", "1 day"), (2, "2 dni", "2 days"), (5, "5 dni", "5 days")]
)
def test_counts_of_days_take_the_right_form(app, number, pl, en):
    with force_locale("pl"):
        assert count_days(number) == pl
    with force_locale("en"):
        assert count_days(number) == en


def test_the_reference_reply_in_polish_says_do_czwartku(app, settings):
    ctx = EngineContext("sms", MONDAY_10AM, settings)
    first, _second = finished_replies(at("done", lang="pl", safe=True), ctx, "K7QM-3XPD", date(2026, 12, 10))
    assert first.endswith("Odezwiemy się do czwartku, 10 grudnia.")
    with force_locale("pl"):
        assert plain_date(date(2026, 12, 10)) == "czwartku, 10 grudnia"
