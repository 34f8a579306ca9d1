"""Patterns tried at every word start, split by script so that start-up compiles only what it needs.

The phrase and concept layers each join hundreds of alternatives into one pattern, dispatched on the
letter a word starts with: ``" (?=...)"`` tried at every space. Such a pattern matches only the space
before a word and looks ahead, so each word start is tried on its own and an alternative that starts
with a Latin letter can never match where one that starts with an Arabic letter does. The
alternatives are therefore compiled as two patterns, one per script, and a text with Arabic in it is
read with both, their matches merged in order of position: exactly what one joint pattern finds
(apart from a Latin word glued onto the Arabic conjunction, "وkill", which nobody writes).

Why: ``re.compile`` parses a pattern in pure Python, about 3 µs per character of it, and these are
big (the phrase pattern alone is about 150 KB). Most text is Latin (``normalise`` turns Polish into
plain ASCII), so the Arabic halves are compiled the first time a text needs them, not at start-up,
and nothing is compiled twice. There is no public way to keep a compiled ``re`` program between
runs, so none is kept.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from functools import cached_property
from operator import methodcaller

__all__ = ["ScriptPatterns", "word_start_patterns"]

_START = methodcaller("start")


class ScriptPatterns:
    """One word-start pattern per script: Latin compiled now, Arabic on first use."""

    def __init__(self, latin: str, arabic: str):
        self.latin = re.compile(latin)
        self._arabic_source = arabic

    @cached_property
    def arabic(self) -> re.Pattern[str]:
        return re.compile(self._arabic_source)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every word start where an alternative matches, in order of position."""
        if text.isascii():
            return self.latin.finditer(text)
        return heapq.merge(self.latin.finditer(text), self.arabic.finditer(text), key=_START)

    def search(self, text: str) -> re.Match[str] | None:
        """Whether any alternative matches anywhere (not necessarily the first match)."""
        return self.latin.search(text) or (None if text.isascii() else self.arabic.search(text))


def word_start_patterns(by_first: list[tuple[str, str]]) -> ScriptPatterns:
    """Alternatives, each under the character it starts with, as patterns tried at every word start.

    A word written in Arabic script may carry the conjunction و or ف ("and", "so") written onto it.
    """
    latin = " (?=(?:" + "|".join(part for first, part in by_first if first.isascii()) + "))"
    arabic = " (?=[وف]?(?:" + "|".join(part for first, part in by_first if not first.isascii()) + "))"
    return ScriptPatterns(latin, arabic)
