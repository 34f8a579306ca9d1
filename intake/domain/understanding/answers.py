"""Short answers: yes and no, menu numbers, "done", "skip", keywords, and case references."""

from __future__ import annotations

import re

from intake.domain import references
from intake.domain.understanding.text import simplify
from intake.domain.understanding.vocabulary import (
    DONE_SET,
    HELP_WORDS,
    NO,
    NO_SET,
    NUMBER_PREFIX,
    NUMBER_WORDS,
    OPT_IN_KEYWORDS,
    OPT_OUT_KEYWORDS,
    RESTART_WORDS,
    SKIP_SET,
    STATUS_WORDS,
    YES,
    YES_SET,
)


def yes_no(text: str | None) -> bool | None:
    """True for yes, False for no, None when unclear (or both)."""
    return yes_no_of(simplify(text))


def yes_no_of(simple: str) -> bool | None:
    """``yes_no`` for text already simplified."""
    if not simple:
        return None
    if simple in YES_SET:
        return True
    if simple in NO_SET:
        return False
    words = simple.split()
    # "yeah thats fine", "no not really", "nah its my mums phone": the first word decides,
    # unless the next word says the opposite ("yes no").
    first = words[0]
    two = " ".join(words[:2])
    yes = first in YES_SET or two in YES_SET
    no = first in NO_SET or two in NO_SET
    if len(words) > 1 and two not in YES_SET | NO_SET:
        yes = yes or (no and words[1] in YES_SET)
        no = no or (yes and words[1] in NO_SET)
    if yes != no:
        return yes
    if len(words) == 1 and len(first) >= 3 and not (yes or no):
        return _near_yes_no(first)
    return None


def _near_yes_no(word: str) -> bool | None:
    """One typo away from a yes or a no ("yse", "nope"); the first in the lists wins (the yeses first)."""
    rank = _first_one_edit_away(word, _YES_NO_INDEX)
    return None if rank is None else _YES_NO_TYPED[rank] in YES_SET


# The yeses and noes a typo is matched against: whole words of three letters or more, in the lists' order.
_YES_NO_TYPED = tuple(known for known in (*YES, *NO) if " " not in known and len(known) >= 3)
_EditIndex = tuple[dict[str, int], dict[tuple[int, str], int], dict[str, int]]


def _edit_index(words: tuple[str, ...]) -> _EditIndex:
    """``words`` indexed by what is left with one letter taken out (at each place), so a word one typo away is
    found with a few look-ups instead of a comparison with each of them (``done`` would otherwise be compared
    with all fifty). Each key keeps the first word's position in the list."""
    exact: dict[str, int] = {}
    same_place: dict[tuple[int, str], int] = {}
    shorter: dict[str, int] = {}
    for rank, known in enumerate(words):
        exact.setdefault(known, rank)
        for i in range(len(known)):
            gap = known[:i] + known[i + 1 :]
            same_place.setdefault((i, gap), rank)
            shorter.setdefault(gap, rank)
    return exact, same_place, shorter


_YES_NO_INDEX = _edit_index(_YES_NO_TYPED)


def _first_one_edit_away(word: str, index: _EditIndex) -> int | None:
    """The position of the first indexed word that is ``word`` with one letter changed, added, dropped, or two
    neighbours swapped ("yse"), or ``word`` itself; None if there is none."""
    exact, same_place, shorter = index
    found = [exact.get(word), shorter.get(word)]  # itself; a word with one letter more
    for i in range(len(word)):
        gap = word[:i] + word[i + 1 :]
        found.append(same_place.get((i, gap)))  # one letter changed, here
        found.append(exact.get(gap))  # a word with one letter fewer
    for i in range(len(word) - 1):
        found.append(exact.get(word[:i] + word[i + 1] + word[i] + word[i + 2 :]))  # two neighbours swapped
    ranks = [rank for rank in found if rank is not None]
    return min(ranks) if ranks else None


def number_of(simple: str) -> int | None:
    """The option number someone typed ("2", "two", "option 2", "٢"), or None."""
    words = simple.split()
    if words and words[0] in NUMBER_PREFIX and len(words) > 1:
        words = words[1:]
    if len(words) != 1:
        return None
    word = words[0]
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def is_help(text: str | None) -> bool:
    return simplify(text) in HELP_WORDS


def is_restart(text: str | None) -> bool:
    return simplify(text) in RESTART_WORDS


def is_skip(text: str | None) -> bool:
    return simplify(text) in SKIP_SET


def done_signal(text: str | None) -> str:
    """``"only"`` if the message just says they have finished, ``"end"`` if it ends that way, else ``""``."""
    return done_signal_of(simplify(text))


def done_signal_of(simple: str) -> str:
    """``done_signal`` for text already simplified."""
    if simple in DONE_SET:
        return "only"
    words = simple.split()
    if len(words) < 2 or words[-1] not in _DONE_LAST_WORDS:  # no "done" phrase can end it
        return ""
    for n in (5, 4, 3, 2, 1):
        tail = " ".join(words[-n:])
        if len(words) > n and tail in DONE_SET and tail not in ("no", "nie", "fin"):
            return "end"
    return ""


# The last word of every "done" phrase ("thats it" → "it").
_DONE_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in DONE_SET if phrase.split())


def sms_keyword(text: str | None) -> str | None:
    """``"opt_out"`` or ``"opt_in"`` for the exact single keyword (any case, spaces trimmed), else None.

    "make it stop" is a child talking, not an opt-out.
    """
    word = (text or "").strip().upper()
    if word in OPT_OUT_KEYWORDS:
        return "opt_out"
    if word in OPT_IN_KEYWORDS:
        return "opt_in"
    return None


# Overlapping search, so "said K7QM-3XPD" still finds the reference after trying "said K7QM".
_REFERENCE_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])(?=([A-Za-z0-9]{4})[\s\-]?([A-Za-z0-9]{4})(?![A-Za-z0-9]))")


def find_reference(text: str | None) -> tuple[str, str] | None:
    """The first valid reference in ``text`` and the rest of the text without it, or None."""
    text = text or ""
    for match in _REFERENCE_CANDIDATE.finditer(text):
        candidate = references.normalise(match.group(1) + match.group(2))
        if candidate and references.is_valid(candidate):
            tail = re.sub(r"^[A-Za-z0-9]{4}[\s\-]?[A-Za-z0-9]{4}", "", text[match.start() :], count=1)
            return candidate, text[: match.start()] + " " + tail
    return None


_STATUS_FILLER = STATUS_WORDS | {"my", "is", "what", "whats", "the", "of", "please", "pls"}


def status_reference(text: str | None, *, anywhere: bool = False) -> str | None:
    """The reference someone is asking about: "STATUS K7QM-3XPD", or a bare reference.

    With ``anywhere`` a valid reference inside a longer message also counts (used
    when no conversation is under way, so nothing they are telling us is taken).
    """
    found = find_reference(text)
    if found is None:
        return None
    ref, leftover = found
    if anywhere:
        return ref
    return ref if only_status_words(simplify(leftover)) else None


def only_status_words(simple: str) -> bool:
    """True if the words around a reference only ask about it ("status", "what is my ref")."""
    return all(word in _STATUS_FILLER for word in simple.split())
