"""Crude readings of an email's words: which language (Arabic script, Polish letters or words, else English),
and whether the person asked us not to write back. Crude on purpose: staff can correct both, and a wrong
guess only changes the language of an acknowledgement."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
_POLISH_LETTERS = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
_WORD = re.compile(r"[^\W\d_]+")
# Everyday Polish words that are not also English ones.
_POLISH_WORD_LIST = (
    "nie jest się sie że mój moja moje mnie mi jestem dziecko dzieci bardzo dlaczego proszę prosze dzień "
    "dobry dziękuję dziekuje opiekun opiekunka szkoła szkole mam był była było tata chcę chce "
    "pomocy pomoc rodzina rodzinie dom domu ich oni ona też tez który która kiedy gdzie jak tylko już "
    "juz czy "
)
_POLISH_WORDS = frozenset(_POLISH_WORD_LIST.split())

# "Don't email me", "do not reply": the address is not safe to write back to (perhaps someone else reads it).
_DO_NOT_WRITE = re.compile(
    r"(?i)\b(do not|don't|dont|please don't|please do not) (e-?mail|reply|write back|respond|contact me by e-?mail)"
    r"|\bnie (odpisuj|odpisywać|odpisywac|pisz do mnie|wysyłaj|wysylaj)"
    r"|\bproszę nie (odpowiadać|odpisywać)|\bprosze nie (odpowiadac|odpisywac)"
    r"|لا ترد(وا)? علي|لا تراسلوني|لا تردوا"
)


def detect_language(text: str) -> str:
    """ "ar", "pl" or "en"."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return "en"
    if len(_ARABIC.findall(text)) >= max(3, letters * 0.3):
        return "ar"
    words = [w.lower() for w in _WORD.findall(text)]
    polish_words = sum(1 for w in words if w in _POLISH_WORDS)
    if len(_POLISH_LETTERS.findall(text)) >= 2 or (polish_words >= 3 and polish_words >= len(words) * 0.1):
        return "pl"
    return "en"


def asks_not_to_be_written_to(text: str) -> bool:
    return bool(_DO_NOT_WRITE.search(text))
