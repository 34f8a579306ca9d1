"""How an SMS will be encoded and how many segments (billed parts) it will take.

GSM 03.38 (GSM-7) fits 160 characters in one segment and 153 per segment once a
message is split. Any character outside it (a curly apostrophe, an emoji, Polish
or Arabic letters) switches the whole message to UCS-2: 70 characters, then 67
per segment. Characters in the GSM-7 extension table (``{ } [ ] ~ \\ | ^ €``) take
two septets each. See rules-reference.md §6.5.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

SINGLE_GSM7, MULTI_GSM7 = 160, 153
SINGLE_UCS2, MULTI_UCS2 = 70, 67


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def measure(text: str) -> SmsLength:
    """Encoding, length in units, and number of segments ``text`` will be sent as."""
    if is_gsm7(text):
        units = sum(2 if c in GSM7_EXTENSION else 1 for c in text)
        single, multi, encoding = SINGLE_GSM7, MULTI_GSM7, "GSM-7"
    else:
        # Characters outside the Basic Multilingual Plane (most emoji) take two UTF-16 code units.
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = SINGLE_UCS2, MULTI_UCS2, "UCS-2"
    if units == 0:
        segments = 0
    elif units <= single:
        segments = 1
    else:
        segments = -(-units // multi)
    return SmsLength(encoding, units, segments)


def segments(text: str) -> int:
    return measure(text).segments


def non_gsm7_characters(text: str) -> list[str]:
    """The characters that force ``text`` into UCS-2, for a helpful test failure."""
    return sorted({c for c in text if c not in GSM7_BASIC and c not in GSM7_EXTENSION})
