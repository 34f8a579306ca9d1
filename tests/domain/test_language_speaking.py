"""Speaking one language for a while (``intake.i18n.speaking``): the conversation's words from that language's
catalogue, the same as flask_babel gives, and the language before it back afterwards."""

from __future__ import annotations

import threading

import flask_babel
from flask_babel import force_locale, get_locale

from intake.domain.conversation import words
from intake.i18n import count_days, gettext, ngettext, speaking, spoken_language

STARTING_AGAIN = "OK, let's start again."


def test_speaking_polish_gives_the_words_flask_babel_gives_in_polish(app):
    with force_locale("pl"):
        polish = flask_babel.gettext(STARTING_AGAIN)
    assert polish != STARTING_AGAIN
    with speaking("pl"):
        assert gettext(STARTING_AGAIN) == polish
        assert words.starting_again() == polish


def test_speaking_a_language_sets_flask_babels_locale_too_and_gives_it_back(app):
    with force_locale("ar"):
        with speaking("pl"):
            assert get_locale().language == "pl"
            assert spoken_language() == "pl"
        assert get_locale().language == "ar"
        assert spoken_language() == "ar"
        assert gettext(STARTING_AGAIN) == flask_babel.gettext(STARTING_AGAIN)


def test_speaking_another_language_inside_one_speaks_it_until_it_ends(app):
    with speaking("pl"):
        polish = gettext(STARTING_AGAIN)
        with speaking("en"):
            assert gettext(STARTING_AGAIN) == STARTING_AGAIN
            with speaking("en"):
                assert spoken_language() == "en"
        assert gettext(STARTING_AGAIN) == polish


def test_words_with_values_are_filled_in_in_the_language_spoken(app):
    with force_locale("pl"):
        expected = words.added_to("K7QM-3XPD")
    assert "K7QM-3XPD" in expected
    assert not expected.startswith("Thank you")
    with speaking("pl"):
        assert words.added_to("K7QM-3XPD") == expected


def test_counts_take_the_spoken_languages_plural_forms(app):
    with speaking("pl"):
        assert [count_days(n) for n in (1, 2, 5)] == ["1 dzień", "2 dni", "5 dni"]
        assert ngettext("%(num)d day", "%(num)d days", 22) == "22 dni"
    with speaking("en"):
        assert count_days(2) == "2 days"


def test_speaking_outside_an_app_context_gives_english_as_flask_babel_does(app):
    with speaking("ar"):
        assert gettext(STARTING_AGAIN) != STARTING_AGAIN  # Arabic's catalogue is at hand now
    outside: list[str] = []
    thread = threading.Thread(target=lambda: outside.append(_starting_again_in("ar")))  # no app context there
    thread.start()
    thread.join()
    assert outside == [STARTING_AGAIN]
    with force_locale("ar"):
        assert _starting_again_in("ar") == flask_babel.gettext(STARTING_AGAIN) != STARTING_AGAIN


def _starting_again_in(language: str) -> str:
    with speaking(language):
        return gettext(STARTING_AGAIN)
