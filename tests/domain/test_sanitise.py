"""Free text is kept exactly as written: only invisible controls and bidi overrides are taken away."""

from __future__ import annotations

import pytest

from intake.domain import risk
from intake.domain.sanitise import TextTooLong, clean_limited, clean_text


@pytest.mark.parametrize(
    "text",
    [
        "I want to <kill myself>",
        "…but I want to <kill myself>",
        "he told me <you will never see your mum again>",
        'Jo said <b>no</b> & <script>alert("x")</script> <3',
        "fish &amp; chips &lt;3",
        "a < b > c",
        "Mój pracownik nie dzwoni 😢 لا أحد يتصل بي",
    ],
)
def test_anything_that_looks_like_markup_or_an_entity_is_kept_as_written(text):
    assert clean_text(text) == text


def test_a_disclosure_in_angle_brackets_is_kept_and_flagged():
    text = clean_text("I want to <kill myself>")
    assert text == "I want to <kill myself>"
    assert risk.screen(text).is_risk


def test_text_is_nfc_normalised_and_new_lines_are_unix_ones():
    assert clean_text("cafe\u0301\r\nline two\rline three") == "caf\u00e9\nline two\nline three"


def test_control_characters_other_than_new_lines_and_tabs_are_removed():
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x85f\tg\nh") == "abcdef\tg\nh"


@pytest.mark.parametrize(
    "control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_bidi_embedding_override_and_isolate_controls_are_removed(control):
    assert clean_text(f"my ref is {control}ABCD-1234{control}") == "my ref is ABCD-1234"


def test_direction_marks_and_zero_width_joiners_are_kept():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, three people joined by U+200D
    assert clean_text(f"my {family} \u200fمرحبا\u200e") == f"my {family} \u200fمرحبا\u200e"


def test_spaces_inside_the_text_are_kept_and_only_the_ends_are_trimmed():
    assert clean_text("  first   line\n\n\n\nlast  line \n ") == "first   line\n\n\n\nlast  line"


def test_nothing_gives_an_empty_string():
    assert clean_text(None) == "" == clean_text("") == clean_text(" \u202e\x00 ")


def test_clean_limited_refuses_text_over_the_limit_and_never_truncates_it():
    assert clean_limited("<kill myself>", 13) == "<kill myself>"
    with pytest.raises(TextTooLong) as refused:
        clean_limited("<kill myself>!", 13)
    assert (refused.value.length, refused.value.limit) == (14, 13)
