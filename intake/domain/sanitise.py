"""Free text in, the same text out: kept exactly as written, made safe to store.

Nothing that looks like markup is removed: "I want to <kill myself>" is a disclosure, not a tag. What a
person types is stored as written and made safe on the way out (Jinja autoescaping, plain-text email);
HTML is produced from it only where the staff page linkifies it. Only what no one can see and what can
disguise text is taken away: control characters other than new lines and tabs, and the bidi embedding,
override and isolate controls that can make stored text read backwards. Zero-width joiners stay (emoji
sequences need U+200D); the risk screen reads through every zero-width character itself.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls other than tab and new line, DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069). The marks U+200E, U+200F and
# U+061C stay: they only set the direction of neutral characters in text that mixes scripts.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


class TextTooLong(ValueError):
    def __init__(self, length: int, limit: int):
        super().__init__(f"text is {length} characters; the limit is {limit}")
        self.length = length
        self.limit = limit


def clean_text(text: str | None) -> str:
    """NFC, new lines as ``\\n``, invisible controls and bidi overrides removed, ends trimmed. Nothing else changes."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _BIDI_CONTROL.sub("", _CONTROL.sub("", text)).strip()


def clean_limited(text: str | None, limit: int) -> str:
    """``clean_text``, refusing (not truncating) anything over ``limit`` characters: nothing is silently lost."""
    cleaned = clean_text(text)
    if len(cleaned) > limit:
        raise TextTooLong(len(cleaned), limit)
    return cleaned


_PHONE_JUNK = re.compile(r"[\s\-().]")


def normalise_phone(raw: str | None) -> str | None:
    """A UK or international number in E.164 (``+447700900123``), or None if it is not one."""
    if not raw:
        return None
    number = _PHONE_JUNK.sub("", raw.strip())
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+44" + number[1:]
    if not re.fullmatch(r"\+[1-9]\d{7,14}", number):
        return None
    return number


_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def normalise_email(raw: str | None) -> str | None:
    if not raw:
        return None
    email = raw.strip()
    return email if len(email) <= 320 and _EMAIL.match(email) else None
