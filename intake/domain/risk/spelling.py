"""Tricks that hide a word from a screen, undone before it reads the text (``normalise`` calls these).

- invisible characters: zero-width spaces, joiners and non-joiners, word joiners, soft hyphens and
  bidi controls are dropped, so "k\\u200bill" reads "kill";
- look-alike letters: Cyrillic and Greek letters that look Latin ("кіll", "ѕuicide") become the Latin
  letter they imitate, from a small kept table (Unicode's confusables.txt has thousands of entries
  for every script; these are the ones a phone keyboard offers);
- leetspeak inside a word: a digit or symbol between letters ("k1ll", "myse1f", "r@pe", "k!ll") or
  starting a long word ("5uicide", "@buse") becomes the letter it stands for, when that spells a known word;
  text-speak ("2nite", "b4", "sum1"), numbers ("5th", "10am", "ps5") and Arabizi, where digits are
  letters ("ya3ni", "5ayfe", "7ali"), are left alone;
- letters dotted or spaced out: "k.i.l.l", "k-i-l-l" are joined; a run of three or more single letters
  ("k i l l m y s e l f") is joined and split again into known words (the words of the training
  messages), "kill myself", when it can be; otherwise it is left as it was;
- emoji inside a word ("ki🔪ll") are dropped; between words they are spaces, as any symbol is;
- contact details (an email or web address, a phone number) are dropped: they are no one's words, and
  their pieces ("live", "co", "uk") only add noise for the model.

Stretched letters ("kiiill") are collapsed by ``normalise`` itself.
"""

from __future__ import annotations

import re
from functools import cache

from intake.domain.risk import weights

__all__ = ["join_spaced_letters", "undo_tricks"]

_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"),
    None,
) | dict.fromkeys(range(0x2066, 0x206A), None)
# Look-alikes of Latin letters, lower case (the text is lower-cased first): Cyrillic, then Greek.
_LOOK_ALIKES = str.maketrans(
    "аеёіїјкмнорсттухѕԁԛԝһԍɡαεικνορτυχϲ",
    "aeeiijkmhopcttyxsdqwhggaeikvoptuxc",
)
_HAS_LOOK_ALIKE = re.compile("[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0261]")
_LEET = str.maketrans("013457@$!", "oieastasi")
# A digit or symbol with a letter either side, or one starting a word of four letters or more.
_LEET_INSIDE = re.compile(r"(?<=[a-z])[013457@$!]+(?=[a-z])|(?<![\w@$!])[5@$](?=[a-z]{5,}\b)")
# The words a disclosure is disguised to hide, in English and Polish (normalised: no diacritics). Arabic is
# written in its own script, where these tricks do not apply; Arabizi uses digits as letters.


def _words(*lines: str) -> frozenset[str]:
    return frozenset(word for line in lines for word in line.split())


_HIDDEN_WORDS = _words(
    "kill kills killed killing myself yourself himself herself die died dying dead death suicide suicidal",
    "hurt hurts hurting harm self selfharm cut cuts cutting cutter bleed blood hit hits hitting beat beats beaten",
    "beating punch punched kick kicked slap slapped choke choked strangle rape raped abuse abused abuser abusing",
    "touch touches touched touching molest grope groped naked nudes nude sex sexual pills tablets overdose",
    "knife knives blade stab stabbed gun shoot hang hanging noose jump bridge scared afraid terrified unsafe",
    "safe help hate alone groom groomed grooming drugs weed cocaine threat threaten threatened bruise bruises",
    "zabic zabije zabil zabila umrzec umre smierc samobojstwo ciac tne cial bije bil bila pobil uderzyl gwalt",
    "zgwalcil dotyka dotykal molestuje tabletki noz boje pomocy krzywdzi skrzywdzil",
)
_TEXT_SPEAK = _words("4ever 4get 4got 4give 4gave 1ce 1der 2day 2nite 2moro 2morrow")
_LEET_WORD = re.compile(r"(?<![\w@$!])[\w@$!]*?(?:[a-z][013457@$!]+[a-z]|[5@$][a-z]{5})[\w@$!]*")
# Contact details are no one's words: an email address, a web address, a phone number.
_CONTACT = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+|(?:https?://|www\.)\S+|\+?\d[\d ()-]{8,}\d")
_MAYBE_CONTACT = re.compile(r"@|www\.|://|\d\d\d")
_SEPARATED = re.compile(r"(?<![^\W_])(?:[^\W\d_][.\-_*·•]){2,}[^\W\d_](?![^\W_])")
_SEPARATOR = re.compile(r"[.\-_*·•]")
# Quick first looks, so that most messages (no leetspeak, no dotted letters) skip the slower patterns above.
_MAYBE_LEET = re.compile(r"[a-z][013457@$!][a-z]|[5@$][a-z]{5}")
_MAYBE_SEPARATED = re.compile(r"[^\W\d_][.\-_*·•][^\W\d_][.\-_*·•][^\W\d_]")
_EMOJI_INSIDE = re.compile(r"(?<=[^\W\d_])[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]+(?=[^\W\d_])")
_SPACED_RUN = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")


def undo_tricks(text: str) -> str:
    """Lower-cased text with contact details dropped and invisible characters, look-alikes, leetspeak and
    dotted letters undone."""
    if _MAYBE_CONTACT.search(text):
        text = _CONTACT.sub(" ", text)
    if not text.isascii():
        text = text.translate(_INVISIBLE)
        if _HAS_LOOK_ALIKE.search(text):
            text = text.translate(_LOOK_ALIKES)
        text = _EMOJI_INSIDE.sub("", text)
    if _MAYBE_LEET.search(text):
        text = _LEET_WORD.sub(_unleet_word, text)
    return _SEPARATED.sub(_join_separated, text) if _MAYBE_SEPARATED.search(text) else text


def _unleet(match: re.Match[str]) -> str:
    return match.group().translate(_LEET)


def _unleet_word(match: re.Match[str]) -> str:
    """One word with its leetspeak undone, only if that spells one of the words people hide (``_HIDDEN_WORDS``):
    "k1ll" is "kill", "myse1f" is "myself" (a "1" may be an "i" or an "l"), while Arabizi keeps its digits
    ("ya3ni", "7ali"). A fixed list, not the model's vocabulary: that is made from text this step has read."""
    original = match.group()
    if original in _TEXT_SPEAK:
        return original
    word = _LEET_INSIDE.sub(_unleet, original)
    known = _HIDDEN_WORDS
    if word in known:
        return word
    ones = [i for i, char in enumerate(original) if char == "1"][:4]
    for mask in range(1, 2 ** len(ones)):
        letters = list(word)
        for bit, at in enumerate(ones):
            if mask >> bit & 1 and letters[at] == "i":
                letters[at] = "l"
        if "".join(letters) in known:
            return "".join(letters)
    return original


def _join_separated(match: re.Match[str]) -> str:
    return _SEPARATOR.sub("", match.group())


def join_spaced_letters(text: str) -> str:
    """Normalised text with each run of three or more single letters put back into known words, if it can be."""
    if _SPACED_RUN.search(text) is None:
        return text
    return _SPACED_RUN.sub(_respell, text)


def _respell(match: re.Match[str]) -> str:
    """The known words the letters spell, then the letters joined (in Arabic script, words are joined
    letters, and the joined form may be the one word the split missed); or the run as it was."""
    letters = match.group().replace(" ", "")
    words = _split(letters)
    if words is None:
        return match.group()
    return " ".join(words) if len(words) == 1 else f"{' '.join(words)} {letters}"


@cache
def _vocabulary() -> frozenset[str]:
    return frozenset(word for word in weights.load().word_scores if word.isalpha())


def _split(letters: str) -> list[str] | None:
    """The fewest known words that spell ``letters`` exactly, or None (dynamic programming, longest words first)."""
    if len(letters) > 60:
        return None
    known = _vocabulary()
    best: list[list[str] | None] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 20), end):
            before = best[start]
            word = letters[start:end]
            if before is not None and word in known and (len(word) > 1 or word in ("i", "a")):
                candidate = [*before, word]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(letters)]
