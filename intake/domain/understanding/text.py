"""Normalising what someone typed, so "It’s ME!!", "its me" and "itsss me" read the same."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

_ARABIC_MARKS = {cp: None for cp in [*range(0x064B, 0x0660), 0x0670, 0x0640]}  # harakat, superscript alef, tatweel
_CHAR_MAP = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ß": "ss",
        "’": "",
        "‘": "",
        "'": "",
        "`": "",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x2460 + i): str(i + 1) for i in range(9)},  # circled digits
    }
)
_KEYCAP = re.compile("([0-9])\ufe0f?\u20e3")  # 1️⃣ → 1
_NON_WORD = re.compile(r"[^\w]+|_")
_STRETCHED = re.compile(r"(\w)\1{2,}")  # "yesss" → "yes", "nooo" → "no"


# Cached: every menu option and keyword phrase, and the same incoming text, are simplified many times a message.
@functools.lru_cache(maxsize=4096)
def simplify(text: str | None) -> str:
    """Lower case, no accents or punctuation, Arabic letter forms unified, single spaces."""
    if not text:
        return ""
    if text.isascii():  # already in every normal form, with no accents, keycaps or Arabic marks
        text = text.translate(_CHAR_MAP).lower()
    else:
        text = _KEYCAP.sub(r"\1", text)
        text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).lower()
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.translate(_ARABIC_MARKS)
    text = _NON_WORD.sub(" ", text)
    text = _STRETCHED.sub(r"\1", text)
    return " ".join(text.split())


def has_words(text: str | None) -> bool:
    """True if there is at least one letter or digit (emoji-only and blank messages are not words)."""
    return bool(simplify(text))


def contains(simple: str, phrase: str) -> bool:
    if phrase.endswith("*"):  # a stem: "niepelnosprawn*" matches any ending
        return re.search(r"(?:^|\s)" + re.escape(phrase[:-1]), simple) is not None
    return f" {phrase} " in f" {simple} "


def finder(phrase: str) -> Callable[[str], object]:
    """``contains`` for one phrase, prepared once: it is given the simplified text padded with a space each side
    (``f" {simple} "``), so a message is padded once for a whole list of phrases rather than once per phrase.
    What it returns is true when the phrase is there."""
    if phrase.endswith("*"):
        return re.compile(r"(?:^|\s)" + re.escape(phrase[:-1])).search
    whole = f" {phrase} "
    return lambda padded: whole in padded
