"""Words a child should never have to read from us, in each language, and a check for them.

Procedure words ("Ombudsman", "stage", "escalate") mean something to staff and nothing to a 12-year-old: we say
"someone independent who can look at it if you're still not happy", "step 2 of 3", "look at it again". The list
is checked over every child-facing string (``tests/domain/test_language_plain_words.py``) and printed by
``bench/personas.py``. Each entry is a lower-case stem, matched at the start of a word.
"""

from __future__ import annotations

import re

WORDS_TO_AVOID = {
    "en": (
        "ombudsman",
        "representation",
        "procedure",
        "adjudicat",
        "stage",
        "escalat",
        "statutory",
        "regulation",
        "complainant",
        "jurisdiction",
        "pursuant",
        "hereby",
        "aforementioned",
        "safeguarding",
        "remit",
        "substantiat",
        "deem",
    ),
    "pl": (
        "ombudsman",
        "procedur",
        "etap",
        "eskalac",
        "eskalow",
        "reprezentac",
        "rozstrzygni",
        "orzecz",
        "ustawow",
        "skarżąc",
        "jurysdykc",
        "niniejsz",
    ),
    "ar": ("أمين المظالم", "إجراءات", "مرحلة", "تصعيد", "التحكيم", "الولاية القضائية", "المشتكي", "بموجب"),
}


def hard_words(text: str, lang: str) -> list[str]:
    """The words to avoid that ``text`` uses (their stems), in the order of the list."""
    lowered = text.lower()
    # Arabic joins "the" (ال) and other short words to the front of a word, so a stem is looked for anywhere.
    start = "" if lang == "ar" else r"(?<!\w)"
    found = []
    for stem in WORDS_TO_AVOID.get(lang, ()):
        if re.search(start + re.escape(stem), lowered):
            found.append(stem)
    return found
