"""Which language a message is in: a first guess from the script and a few common words."""

from __future__ import annotations

import re

from intake.domain.understanding.vocabulary import ENGLISH_WORDS, POLISH_WORDS

_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3]")
_POLISH_LETTER = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def guess_language(text: str, simple: str) -> str | None:
    """``"en"``, ``"pl"`` or ``"ar"`` from the letters and common words, or None when nothing gives it away."""
    if _ARABIC_LETTER.search(text):
        return "ar"
    if _POLISH_LETTER.search(text):
        return "pl"
    words = simple.split()
    polish = sum(word in POLISH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    if polish == english:
        return None
    return "pl" if polish > english else "en"
