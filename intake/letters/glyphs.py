"""The vendored fonts, and text made printable with them: every character prints, or a visible stand-in does.

A free part an officer typed may hold anything: Polish, Arabic, an emoji a child sent, a character from a
script none of our fonts has. fpdf2 with a missing glyph logs a warning and prints nothing, which would
silently drop words from a letter. So before printing, each character none of the fonts has becomes the
replacement character (U+FFFD, in DejaVu Sans), and emoji modifiers that only change a colour (skin tones,
the emoji/text presentation selectors) are dropped: a printed letter is black and white.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class Face:
    family: str
    regular: Path
    bold: Path | None = None


LATIN = Face("dejavu", FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf")
ARABIC = Face("naskh", FONTS / "NotoNaskhArabic-Regular.ttf", FONTS / "NotoNaskhArabic-Bold.ttf")
EMOJI = Face("emoji", FONTS / "SymbolaEmoji.ttf")
FACES = (LATIN, ARABIC, EMOJI)

REPLACEMENT = "\ufffd"
# Skin tones (U+1F3FB-1F3FF) and variation selectors 15/16 only colour or restyle the emoji before them.
_COLOUR_ONLY = re.compile("[\U0001f3fb-\U0001f3ff\ufe0e\ufe0f]")
# Arabic script (with its presentation forms): a run of it needs shaping (joined letters, right to left).
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_EMOJI_RANGE = re.compile("[\u2600-\u27bf\u2b50-\u2b55\U0001f1e6-\U0001f1ff\U0001f300-\U0001f64f\U0001f680-\U0001f9ff]")


@cache
def coverage(path: Path) -> frozenset[int]:
    """The code points a font has a glyph for (read once per process)."""
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@cache
def _printable() -> frozenset[int]:
    return coverage(LATIN.regular) | coverage(ARABIC.regular) | coverage(EMOJI.regular)


def _keep(char: str, printable: frozenset[int]) -> str:
    if ord(char) in printable or char in "\n\t":
        return char
    if unicodedata.category(char) in ("Cf", "Mn"):  # invisible joiners and marks: nothing to print
        return char if char in "\u200c\u200d" else ""
    return REPLACEMENT


def printable(text: str) -> str:
    """``text`` with every character the fonts cannot print replaced by U+FFFD (and colour-only marks dropped)."""
    text = _COLOUR_ONLY.sub("", unicodedata.normalize("NFC", text))
    table = _printable()
    if all(ord(c) in table or c in "\n\t" for c in text):
        return text
    return "".join(_keep(c, table) for c in text)


def needs_shaping(text: str) -> bool:
    """Arabic must be shaped (letters joined, runs right to left); Latin text prints correctly without it."""
    return bool(_ARABIC.search(text))


def has_emoji(text: str) -> bool:
    return bool(_EMOJI_RANGE.search(text))
