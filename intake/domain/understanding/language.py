"""Which language a message is in: English, Polish or Arabic, from the first message on.

Children text in their own way: Polish without its letters ("czesc chce zlozyc skarge"), Arabic in Latin
letters and digits ("salam ana 3ayez ashtki", Arabizi), English in text-speak ("i wanna complain"), and
often a mix. The general-purpose detectors read none of these well on a few words, and none reads Arabizi
as Arabic, so this is a small scorer over three kinds of evidence, measured on a table of messages
(``tests/domain/test_language_detection.py``, ``data/language/``):

- the script: Arabic letters make it Arabic; Polish letters (ą, ę, ł, ż ...) are strong evidence of Polish;
- common words in each language, written as they are texted (with and without Polish letters);
- the shape of a word no list holds: Polish letter groups (rz, sz, cz, ść) and endings (-ego, -ych, -ować),
  English ones (th, wh, -ing, q, v, x), and Arabizi's digits inside a word ("3ayez", "a7tag").

A message that gives nothing to go on ("hi", "ok", "?", an emoji, a number) has no language: the
conversation then asks which one they want.
"""

from __future__ import annotations

import re

from intake.domain.understanding.language_words import (
    ARABIZI_WORDS,
    ENGLISH_WORDS,
    POLISH_WORDS,
    UNIVERSAL_WORDS,
)

_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u0750-\u077f]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_POLISH_LETTER = re.compile("[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
# Arabizi writes the Arabic letters Latin lacks as digits: 2 (hamza), 3 (ain), 5 (kha), 7 (ha), 9 (sad).
_ARABIZI_WORD = re.compile(r"^(?=.*[a-z])(?:[a-z]*[23579][a-z]+|[a-z]+[23579][a-z]*)$")
_POLISH_SHAPES = re.compile(
    r"rz|sz|cz|dz|ść|szcz|ych$|ego$|emu$|ami$|owi$|owac$|owa$|cie$|ysz$|esz$|ac$|ic$|ki$|ny$|na$"
)
_ENGLISH_SHAPES = re.compile(r"th|wh|ck|ee|oo|ea|ou|gh|ing$|ed$|ly$|tion|[qvx]|^w[aeiou]")
_LEXICONS = (("en", ENGLISH_WORDS), ("pl", POLISH_WORDS), ("ar", ARABIZI_WORDS))


def _languages_by_word() -> dict[str, tuple[str, ...]]:
    """Each known word with the languages whose lists hold it, so a word is looked up once, not in each list."""
    languages: dict[str, tuple[str, ...]] = {}
    for lang, words in _LEXICONS:
        for word in words:
            languages[word] = (*languages.get(word, ()), lang)
    return languages


_LANGUAGES_OF = _languages_by_word()
# How much one piece of evidence counts.
_LETTER, _WORD, _SHAPE = 3, 2, 1
# The least evidence that decides: one known word or Polish letter, or the shape of two words ("banana" alone is not).
_ENOUGH = 2


def guess_language(text: str, simple: str) -> str | None:
    """``"en"``, ``"pl"`` or ``"ar"``, or None when nothing gives it away.

    ``text`` is the message as stored (its letters), ``simple`` its simplified form (``understanding.simplify``).
    """
    polish_letters = 0
    if not text.isascii():  # only then can it hold Arabic or Polish letters
        arabic = len(_ARABIC_LETTER.findall(text))
        if arabic and arabic >= 0.25 * (arabic + len(_LATIN_LETTER.findall(text))):
            return "ar"
        polish_letters = len(_POLISH_LETTER.findall(text))
    scores = {"en": 0, "pl": _LETTER * polish_letters, "ar": 0}
    for word in simple.split():
        _score_word(word, scores)
    best = max(scores.values())
    if best < _ENOUGH:
        return None
    leaders = [lang for lang, score in scores.items() if score == best]
    return leaders[0] if len(leaders) == 1 else None


def _score_word(word: str, scores: dict[str, int]) -> None:
    if word in UNIVERSAL_WORDS or word.isdigit():
        return
    known = _LANGUAGES_OF.get(word, ())
    if len(known) == 1:
        scores[known[0]] += _WORD
        return
    if known:  # "to", "no", "a": in more than one list, so it says nothing
        return
    if _ARABIZI_WORD.match(word):
        scores["ar"] += _WORD
    elif len(word) >= 3:
        polish, english = bool(_POLISH_SHAPES.search(word)), bool(_ENGLISH_SHAPES.search(word))
        if polish != english:
            scores["pl" if polish else "en"] += _SHAPE
