"""Menus: which numbered option someone meant, from a number, the option's words, natural phrasing or a
near-miss; and which configured team free text is about."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Sequence

from intake.domain.understanding.answers import number_of
from intake.domain.understanding.text import finder, simplify
from intake.domain.understanding.vocabulary import TEAM_KEYWORDS

# A near-miss ("complane") is looked for only in short answers: a menu answer is a few words, and comparing
# every word of a long story with every option would cost milliseconds for nothing.
_NEAR_MISS_MAX_WORDS = 8
_NEAR_MISS_RATIO = 0.8  # difflib's similarity, 0 to 1


class Menu:
    """A numbered question's options, indexed once by their simplified phrases.

    ``options`` is ``[(key, phrases), ...]`` in the order they were numbered in the question. A phrase ending
    in ``*`` is a stem ("foster*" matches "fosterers").
    """

    def __init__(self, options: Sequence[tuple[str, Iterable[str]]]):
        self.keys = tuple(key for key, _ in options)
        self._exact: dict[str, dict[str, int]] = {}
        self._stems: list[tuple[re.Pattern[str], str, int]] = []
        self._vocabulary: dict[str, str] = {}
        for key, phrases in options:
            for phrase in phrases:
                self._add(key, phrase)
        # The most words of a phrase starting with each word, so only the word groups that could be one are looked up.
        self._longest_from: dict[str, int] = {}
        for phrase in self._exact:
            if words := phrase.split():
                self._longest_from[words[0]] = max(self._longest_from.get(words[0], 0), len(words))
        self._near = list(self._vocabulary)
        self._near_by_length: dict[int, list[str]] = {}

    def _add(self, key: str, phrase: str) -> None:
        simple = simplify(phrase)
        if phrase.endswith("*"):
            self._stems.append((re.compile(r"(?:^|\s)" + re.escape(simple)), key, len(phrase)))
            return
        lengths = self._exact.setdefault(simple, {})
        lengths[key] = max(lengths.get(key, 0), len(phrase))
        if " " not in phrase and len(phrase) >= 5:
            self._vocabulary.setdefault(simple, key)

    def choose(self, simple: str) -> str | None:
        """The key of the option meant, or None.

        A number picks by position. Otherwise the longest phrase found in the message wins; a tie between
        options is unclear. Near-misses of single words ("complane", "fostr") are matched last.
        """
        if not simple:
            return None
        number = number_of(simple)
        if number is not None:
            return self.keys[number - 1] if 1 <= number <= len(self.keys) else None
        best = self.mentioned(simple)
        if best:
            ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
            return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None
        return self._near_miss(simple)

    def mentioned(self, simple: str) -> dict[str, int]:
        """Every option whose words appear in the message, with the length of its longest phrase found."""
        words = simple.split()
        best: dict[str, int] = {}
        for i, first in enumerate(words):
            phrase = first
            for end in range(i + 1, min(i + self._longest_from.get(first, 0), len(words)) + 1):
                if end > i + 1:
                    phrase = f"{phrase} {words[end - 1]}"
                for key, length in self._exact.get(phrase, {}).items():
                    best[key] = max(best.get(key, 0), length)
        for pattern, key, length in self._stems:
            if pattern.search(simple):
                best[key] = max(best.get(key, 0), length)
        return best

    def _near_miss(self, simple: str) -> str | None:
        words = simple.split()
        if len(words) > _NEAR_MISS_MAX_WORDS:
            return None
        found = set()
        for word in words:
            if len(word) < 5 or not (near := self._near_in_length(len(word))):
                continue
            if close := difflib.get_close_matches(word, near, 1, _NEAR_MISS_RATIO):
                found.add(self._vocabulary[close[0]])
        return found.pop() if len(found) == 1 else None

    def _near_in_length(self, length: int) -> list[str]:
        """The words a word of ``length`` letters could be a near-miss of: difflib's first test
        (``real_quick_ratio``, from the two lengths alone) passes them. The others it would turn down anyway, so
        leaving them out gives the same match without making a matcher for each word of a story."""
        near = self._near_by_length.get(length)
        if near is None:
            near = [w for w in self._near if 2.0 * min(length, len(w)) / (length + len(w)) >= _NEAR_MISS_RATIO]
            self._near_by_length[length] = near
        return near


_MENUS: dict[int, tuple[object, Menu]] = {}


def menu_for(options: Sequence[tuple[str, Iterable[str]]]) -> Menu:
    """The index of ``options``, built the first time they are used (the option lists are module constants)."""
    cached = _MENUS.get(id(options))
    if cached is None or cached[0] is not options:
        cached = (options, Menu(options))
        _MENUS[id(options)] = cached
    return cached[1]


def choose(text: str | None, options: Sequence[tuple[str, Iterable[str]]]) -> str | None:
    """The key of the option meant in ``text``, or None (see ``Menu.choose``)."""
    return menu_for(options).choose(simplify(text))


def match_team(text: str | None, team_names: Sequence[str]) -> str | None:
    """The configured team someone means ("my PA" → Leaving care), or None if it isn't clear."""
    return team_of(simplify(text), tuple(team_names))


def team_of(simple: str, team_names: tuple[str, ...]) -> str | None:
    """``match_team`` for text already simplified."""
    if not simple:
        return None
    named, menu = _team_menu(team_names)
    padded = f" {simple} "
    for found, name in named:  # they named a team outright
        if found(padded):
            return name
    if menu is None or number_of(simple) is not None:
        return None
    return menu.choose(simple)


@functools.lru_cache(maxsize=8)
def _team_menu(team_names: tuple[str, ...]) -> tuple[tuple[tuple[Callable[[str], object], str], ...], Menu | None]:
    configured = {name.lower(): name for name in team_names}
    named = tuple((finder(simplify(lower)), name) for lower, name in configured.items())
    options = [(configured[team.lower()], words) for team, words in TEAM_KEYWORDS.items() if team.lower() in configured]
    return named, (Menu(options) if options else None)
