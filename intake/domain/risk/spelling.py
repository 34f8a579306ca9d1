"""Tricks that hide a word from a screen, undone before it reads the text (``normalise`` calls these).

- invisible characters: zero-width spaces, joiners and non-joiners, word joiners, soft hyphens and
  bidi controls are dropped, so "k\\u200bill" reads "kill";
- look-alike letters: Cyrillic and Greek letters that look Latin ("кіll", "ѕuicide") become the Latin
  letter they imitate, from a small kept table (Unicode's confusables.txt has thousands of entries
  for every script; these are the ones a phone keyboard offers);
- leetspeak inside a word: a digit or symbol between letters ("k1ll", "myse1f", "r@pe", "k!ll") or
  starting a long word ("5uicide", "@buse") becomes the letter it stands for, when that spells a known word;
  so does a whole word of letters and digits ("5tepd4d", "h1t5", "m3") that then spells a word of a
  disclosure or one of the few words around one ("stepdad", "me", "night");
  text-speak ("2nite", "b4", "sum1"), numbers ("5th", "10am", "ps5") and Arabizi, where digits are
  letters ("ya3ni", "5ayfe", "7ali"), are left alone;
- letters dotted or spaced out: "k.i.l.l", "k-i-l-l" are joined; a run of three or more single letters
  ("k i l l m y s e l f") is joined and split again into known words (the words of the training
  messages), "kill myself", when it can be; otherwise it is left as it was;
- emoji inside a word ("ki🔪ll") are dropped; between words they are spaces, as any symbol is, except a
  knife (🔪, 🗡) standing where a word would be ("🔪 myself tonight", "chce 🔪 sie", "بدي 🔪 حالي"): it is
  read as the language's "kill" (``_knife_as_word``);
- words run together with no spaces ("iwanttokillmyself", "niechcejuzzyc", "بديموتمابقىفيني"): a long
  run of letters that is not a known word but holds a word people hide is also read split into known
  words (``split_run_together``, which ``normalise`` calls on each word);
- contact details (an email or web address, a phone number) are dropped: they are no one's words, and
  their pieces ("live", "co", "uk") only add noise for the model.

Stretched letters ("kiiill") are collapsed by ``normalise`` itself.
"""

from __future__ import annotations

import re
from functools import cache

from intake.domain.risk import weights

__all__ = ["join_spaced_letters", "split_run_together", "undo_tricks"]

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
_LEET = str.maketrans("0134579@$!", "oieastgasi")
# A digit or symbol with a letter either side, or one starting a word of four letters or more.
_LEET_INSIDE = re.compile(r"(?<=[a-z])[0134579@$!]+(?=[a-z])|(?<![\w@$!])[5@$](?=[a-z]{5,}\b)")
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
# The words around a disclosure that a whole word of leetspeak may spell ("my 5tepd4d h1t5 m3 every n1ght"): a
# fixed, short list, since a digit is a letter in Arabizi ("a5er", "ma3") and stays one there.
_LEET_AROUND = _words("me my mum dad mom stepdad stepmum stepmom night tonight every home")
_TEXT_SPEAK = _words("4ever 4get 4got 4give 4gave 1ce 1der 2day 2nite 2moro 2morrow")
_LEET_WORD = re.compile(
    r"(?<![\w@$!])[\w@$!]*?(?:[a-z][0134579@$!]+[a-z]|[5@$][a-z]{5}|[a-z][0134579@$!]+(?![\w@$!]))[\w@$!]*"
)
# Contact details are no one's words: an email address, a web address, a phone number.
_CONTACT = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+|(?:https?://|www\.)\S+|\+?\d[\d ()-]{8,}\d")
_MAYBE_CONTACT = re.compile(r"@|www\.|://|\d\d\d")
_SEPARATED = re.compile(r"(?<![^\W_])(?:[^\W\d_][.\-_*·•]){2,}[^\W\d_](?![^\W_])")
_SEPARATOR = re.compile(r"[.\-_*·•]")
# Quick first looks, so that most messages (no leetspeak, no dotted letters) skip the slower patterns above; and
# quicker ones still before them: a single character each of them needs (a pattern of one class is scanned fast).
_LEET_CHARACTER = re.compile(r"[0134579@$!]")
_MAYBE_LEET = re.compile(r"[a-z][0134579@$!][a-z]|[5@$][a-z]{5}|[a-z][0134579@$!](?![\w@$!])")
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
        if "\U0001f52a" in text or "\U0001f5e1" in text:
            text = _KNIFE.sub(_knife_as_word, text)
        text = _EMOJI_INSIDE.sub("", text)
    if _LEET_CHARACTER.search(text) and _MAYBE_LEET.search(text):
        text = _LEET_WORD.sub(_unleet_word, text)
    if _SEPARATOR.search(text) and _MAYBE_SEPARATED.search(text):
        return _SEPARATED.sub(_join_separated, text)
    return text


# A knife emoji standing where a word would be: at the start of the text or after a space, with a word after it.
_KNIFE = re.compile(r"(?:(?<=\s)|^)[\U0001f52a\U0001f5e1\ufe0f]+(?=\s*[^\W\d_])")
_WORD_AROUND = re.compile(r"\S+")
_ARABIC = re.compile("[\u0600-\u06ff]")
# Polish words that sit beside a verb like "zabic" ("chce 🔪 sie", "zaraz 🔪 go").
_POLISH_BESIDE = _words("sie siebie sobie go ja mnie cie jego chce chcialbym chcialabym zaraz musze moge bede juz")


def _knife_as_word(match: re.Match[str]) -> str:
    """ "kill" in the language of the words either side of the knife: Arabic script, Polish, else English."""
    text = match.string
    before = _WORD_AROUND.findall(text, 0, match.start())[-1:]
    after = _WORD_AROUND.findall(text, match.end())[:1]
    around = [*before, *after]
    if any(_ARABIC.search(word) for word in around):
        return " \u0627\u0642\u062a\u0644 "  # اقتل
    if any(word in _POLISH_BESIDE for word in around):
        return " zabic "
    return " kill "


def _unleet(match: re.Match[str]) -> str:
    return match.group().translate(_LEET)


def _unleet_word(match: re.Match[str]) -> str:
    """One word with its leetspeak undone, only if that spells one of the words people hide (``_HIDDEN_WORDS``):
    "k1ll" is "kill", "myse1f" is "myself" (a "1" may be an "i" or an "l"), while Arabizi keeps its digits
    ("ya3ni", "7ali"). A fixed list, not the model's vocabulary: that is made from text this step has read."""
    original = match.group()
    if original in _TEXT_SPEAK:
        return original
    ones = [i for i, char in enumerate(original) if char == "1"][:4]
    # First the digits between letters only, against the hidden words; then every digit and symbol of the word,
    # against those and the words around them ("h1t5" is "hits", "5tepd4d" is "stepdad", "m3" is "me").
    for word, known in (
        (_LEET_INSIDE.sub(_unleet, original), _HIDDEN_WORDS),
        (original.translate(_LEET), _HIDDEN_WORDS | _LEET_AROUND),
    ):
        for mask in range(2 ** len(ones)):
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


def _split(
    letters: str, known: frozenset[str] | None = None, preferred: frozenset[str] = frozenset()
) -> list[str] | None:
    """The fewest known words that spell ``letters`` exactly, or None (dynamic programming, longest words first).

    Of two splits with as many words, the one with more ``preferred`` words wins.
    """
    if len(letters) > 60:
        return None
    if known is None:
        known = _vocabulary()
    best: list[tuple[int, int, list[str]] | None] = [(0, 0, [])] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 20), end):
            before = best[start]
            word = letters[start:end]
            if before is not None and word in known and (len(word) > 1 or word in ("i", "a")):
                candidate = (before[0] + 1, before[1] - (word in preferred), [*before[2], word])
                current = best[end]
                if current is None or candidate[:2] < current[:2]:
                    best[end] = candidate
    found = best[len(letters)]
    return None if found is None else found[2]


# Where a run-together word may hide a disclosure: it holds one of these (spaceless) stems. Only such words are
# split, which keeps the splitting off nearly every long word, and its cost off nearly every message.
_DANGER_STEM = re.compile(
    r"kill|die|dead|suicid|hurt|harm|cut|hit|beat|punch|kick|slap|choke|rape|abus|touch|molest|drug|knife|stab|"
    r"hang|overdos|pill|scared|unsafe|zabi|umr|zyc|smier|bije|gwalc|dotyk|krzywd|"
    r"\u0645\u0648\u062a|\u0627\u0646\u062a\u062d\u0631|\u0642\u062a\u0644|\u0636\u0631\u0628|\u0644\u0645\u0633|"
    r"\u062e\u0627\u064a\u0641|\u063a\u062a\u0635\u0628"
)  # Arabic: موت انتحر قتل ضرب لمس خايف غتصب
# Words of a disclosure (more in Arabic script and Polish), which a split prefers where two readings are as short.
_DANGER_WORDS = _words(
    "موت اموت انتحر اقتل يقتلني يضربني بيضربني ضربني بيلمسني يلمسني لمسني حالي نفسي خايف",
    "zyc zycia umrzec zabic",
)
_MIN_RUN = 9  # letters: "wanttodie"; shorter unknown words are typos and names, not sentences


def split_run_together(word: str, also_known: frozenset[str]) -> list[str] | None:
    """The known words a long run of letters with no spaces spells, if it is not a known word itself and the
    split holds a word people hide ("iwanttokillmyself" → i want to kill myself); else None.

    ``also_known``: words the caller reads besides the training messages' own (the text-speak it expands, such
    as "theyll"). Where two splits are as short, the one with more words of a disclosure wins: a miss costs more
    than a false alarm, and a person reads every alert.
    """
    if len(word) < _MIN_RUN or not word.isalpha() or _DANGER_STEM.search(word) is None:
        return None
    known = _vocabulary()
    if word in known or word in also_known:
        return None
    danger = _HIDDEN_WORDS | _DANGER_WORDS
    words = _split(word, known | also_known | danger, danger)
    if words is None or len(words) < 2 or danger.isdisjoint(words):
        return None
    return words
