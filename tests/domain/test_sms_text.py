"""Segment counting: what a text will cost and whether it stays GSM-7."""

from __future__ import annotations

import pytest

from intake.domain.sms_text import is_gsm7, measure, non_gsm7_characters, segments


@pytest.mark.parametrize(
    ("text", "encoding", "units", "count"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("{" * 80, "GSM-7", 160, 1),  # extension characters take two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("It's free", "GSM-7", 9, 1),
        ("It’s free", "UCS-2", 9, 1),  # one curly apostrophe makes the whole text UCS-2
        ("ż" * 70, "UCS-2", 70, 1),
        ("ż" * 71, "UCS-2", 71, 2),
        ("ż" * 134, "UCS-2", 134, 2),
        ("ż" * 135, "UCS-2", 135, 3),
        ("مرحبا", "UCS-2", 5, 1),
        ("😀" * 35, "UCS-2", 70, 1),  # an emoji is two UTF-16 code units
        ("😀" * 36, "UCS-2", 72, 2),
    ],
)
def test_a_text_is_measured_in_the_right_encoding_and_segments(text, encoding, units, count):
    length = measure(text)
    assert (length.encoding, length.units, length.segments) == (encoding, units, count)
    assert segments(text) == count


def test_the_characters_that_force_unicode_are_named():
    assert non_gsm7_characters("Don’t worry 😀") == ["’", "😀"]
    assert is_gsm7("Call 999. Childline (free): 0800 1111.")
