"""Normalisation: the one reading of a message that every layer of the screen works on.

Lower case, script variants unified (Polish without diacritics, Arabic without harakat and with
أ إ آ → ا, ى → ي, ة → ه), text-speak expanded, punctuation dropped; sentence ends kept as a lone ``.``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import cast

from intake.domain.risk.spelling import join_spaced_letters, split_run_together, undo_tricks

__all__ = ["normalise"]

# Combining marks removed after NFD: Latin accents (U+0300-036F), Arabic harakat, hamza
# above / below and madda (U+064B-065F), superscript alef and Quranic marks. Removing
# hamza and madda is what unifies أ إ آ → ا, ؤ → و and ئ → ي.
_MARKS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed]")

_CHAR_MAPPING: dict[str, str] = {
    # ASCII punctuation: sentence ends become a "." token, apostrophes and "*" join
    # ("he'll" → "hell", "i'm" → "im", "sh*t" → "sht"), everything else is a space.
    **{c: " " for c in '"#$%()+,-/:<=>@[\\]^_{|}~\t\r\f\v'},
    **{c: " . " for c in ".!?;\n"},
    "'": "",
    "`": "",
    "*": "",
    "&": " and ",
    # Laughing emoji mark a joke, like "lol" (the idioms below use it): "mum will kill me 😂".
    **{c: " lol " for c in "\U0001f602\U0001f923\U0001f605\U0001f606\U0001f639\U0001f61c\U0001f61d"},
    "\u2019": "",
    "\u2018": "",
    "\u00b4": "",
    "\u2026": " . ",
    "\u061f": " . ",
    "\u061b": " . ",
    # Letters with no decomposition, and Arabic / Persian letter variants.
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ß": "ss",
    "ı": "i",
    "ى": "ي",
    "ة": "ه",
    "ـ": "",
    "ٱ": "ا",
    "ی": "ي",
    "ک": "ك",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}
# str.translate is only fast when every entry maps to one character (or none), so the
# two multi-character replacements go through placeholders and str.replace.
_SENTENCE, _AND = "\x1e", "\x1d"
_ASCII_TABLE = str.maketrans(
    {c: {" . ": _SENTENCE, " and ": _AND}.get(v, v) or None for c, v in _CHAR_MAPPING.items() if c.isascii()}
)
# The same as bytes.translate arguments: a 256-byte table and the bytes to delete. For ASCII text this is
# seven times as fast as str.translate, which leaves its fast path at the first character it deletes.
_ASCII_BYTES = bytes(ord(cast(str, _ASCII_TABLE[b])) if _ASCII_TABLE.get(b) else b for b in range(256))
_ASCII_DELETE = bytes(b for b, to in _ASCII_TABLE.items() if to is None)
# For non-ASCII text (str.translate is slow there): a few str.replace calls for the
# letters above, then one pass turning any other punctuation, symbol or emoji into a space.
_LETTERS = [(c, v) for c, v in _CHAR_MAPPING.items() if not c.isascii() and (c.isalnum() or c == "ـ")] + [("\n", " . ")]
_NON_WORD = re.compile(r"[^\w\s]")
# Only real HTML elements: "<die>" or "<kill myself>" are the child's words, not markup.
_TAG = re.compile(
    r"</?(?:a|b|i|u|s|p|q|br|hr|em|strong|small|big|sub|sup|mark|del|ins|code|pre|div|span|font|center|"
    r"blockquote|ul|ol|li|h[1-6]|img|table|tr|td|th|html|head|body|title|script|style)\b[^<>]{0,200}?/?>"
)
_REPEATS_ASCII = re.compile(r"([a-z])\1\1+")  # hiiiits → hits, noooo → no
_REPEATS = re.compile(r"(\w)\1\1+")


def _map_char(match: re.Match[str]) -> str:
    return _CHAR_MAPPING.get(match.group(), " ")


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


def _collapse(match: re.Match[str]) -> str:
    char = match.group(1)
    return match.group() if char.isdigit() or char == "_" else char


_TWO = re.compile(  # "scared 2 go home" → "scared to go home", but not "for 2 days"
    r" 2(?= )(?! (?:\d\w*|days?|weeks?|hours?|hrs?|nights?|months?|years?|yrs?|mins?|minutes|times|x|am|pm|"
    r"of|or|and|nil|am|pm)\b)"
)

_TEXTSPEAK = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "youre": "you are",
    "r": "are",
    "im": "i am",
    "ive": "i have",
    "iam": "i am",
    "dont": "do not",
    "dnt": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "cnt": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "aint": "is not",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "theyll": "they will",
    "youll": "you will",
    "theyd": "they would",
    "youd": "you would",
    "theres": "there is",
    "thats": "that is",
    "its": "it is",
    "wanna": "want to",
    "wana": "want to",
    "wnna": "want to",
    "wna": "want to",
    "wan2": "want to",
    "want2": "want to",
    "wanted2": "wanted to",
    "wan": "want",
    "w8": "wait",
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "gna": "going to",
    "goin": "going",
    "gotta": "got to",
    "lemme": "let me",
    "tryna": "trying to",
    "n": "and",
    "nd": "and",
    "pls": "please",
    "plz": "please",
    "plez": "please",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "sis": "sister",
    "bro": "brother",
    "nite": "night",
    "nyt": "night",
    "2nite": "tonight",
    "2night": "tonight",
    "2nyt": "tonight",
    "tonite": "tonight",
    "tonyt": "tonight",
    "2day": "today",
    "2moro": "tomorrow",
    "b4": "before",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "ppl": "people",
    "sum1": "someone",
    "some1": "someone",
    "no1": "no one",
    "noone": "no one",
    "nobodys": "nobody is",
    "any1": "anyone",
    "every1": "everyone",
    "wen": "when",
    "wiv": "with",
    "myslf": "myself",
    "mysef": "myself",
    "meself": "myself",
    "miself": "myself",
    "maself": "myself",
    "kil": "kill",
    "kiling": "killing",
    "killin": "killing",
    "ded": "dead",
    "dieing": "dying",
    "skool": "school",
    "hom": "home",
    "hme": "home",
    "evry": "every",
    "nvr": "never",
    "stepdad": "step dad",
    "stepmum": "step mum",
    "stepmom": "step mom",
}


def normalise(text: str) -> str:
    """Lower-case, unify script variants, expand text-speak and drop punctuation.

    Words are separated by single spaces; sentence ends (``. ! ? ;`` and new lines)
    are kept as a lone ``.`` so that patterns do not run across sentences.
    """
    text = undo_tricks((text if text.isascii() else unicodedata.normalize("NFKC", text)).lower())  # ASCII is NFKC
    if "<" in text:  # pasted markup ("<b>", "</p>", "<br/>") is no word the child wrote; "<kill myself>" is
        text = _TAG.sub(" ", text)
    if "&" in text and ";" in text:  # "&lt;3", "&amp;": entities typed or pasted read as what they stand for
        text = html.unescape(text)
    if text.isascii():
        text = (
            text.encode()
            .translate(_ASCII_BYTES, _ASCII_DELETE)
            .decode()
            .replace(_SENTENCE, " . ")
            .replace(_AND, " and ")
        )
        text = _REPEATS_ASCII.sub(_first_group, text)
    else:
        text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))
        for char, replacement in _LETTERS:
            if char in text:
                text = text.replace(char, replacement)
        text = _REPEATS.sub(_collapse, _NON_WORD.sub(_map_char, text))
    if " 2 " in text or text.startswith("2 "):
        text = _TWO.sub(" to", f" {text} ")
    words = text.split()
    if any(len(word) >= 9 for word in words):  # quick first look: only a long word can be a sentence run together
        words = _run_together_split(words)
    words = join_spaced_letters(" ".join(words)).split()
    return " ".join(map(_TEXTSPEAK.get, words, words))


_SPELT_AS_TEXT_SPEAK = frozenset(_TEXTSPEAK)


def _run_together_split(words: list[str]) -> list[str]:
    """The words, each run-together sentence followed by the known words it spells ("iwanttokillmyself" →
    "iwanttokillmyself i want to kill myself"): the run itself stays, for the model, which has read it before."""
    out: list[str] = []
    for word in words:
        out.append(word)
        split = split_run_together(word, _SPELT_AS_TEXT_SPEAK) if len(word) >= 9 else None
        if split:
            out.extend(split)
    return out
