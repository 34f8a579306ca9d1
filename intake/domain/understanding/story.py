"""What a message already tells us, so the conversation does not ask it again.

A child who opens with "hi i wanna complain my social worker never rings me back n i missed contact with my
mum" has said what they want (a complaint), who it is about (themselves), the story, and who it is about (their
social worker). These functions read those from the simplified text (``text.simplify``) and, for what would help,
from the words as written (it is kept in their own words). Each returns None when the message does not say, and
the conversation asks. Whatever is read here is confirmed in the summary before anything is sent.
"""

from __future__ import annotations

import re

from intake.domain.understanding import story_words as w
from intake.domain.understanding.story_words import REMEDY_OPENERS
from intake.domain.understanding.text import finder, simplify

# The phrase lists in the simplified form messages are compared in (Arabic letter forms unified, and so on).
WANTING_TO_TELL = tuple(simplify(p) for p in w.WANTING_TO_TELL)
FILLER_WORDS = frozenset(simplify(p) for p in w.FILLER_WORDS)
ABOUT_OTHER = tuple(simplify(p) for p in w.ABOUT_OTHER)
# Each list's phrases prepared once to be looked for in a padded message (``text.finder``).
_ABOUT_OTHER_FOUND = tuple(finder(p) for p in ABOUT_OTHER)
ABOUT_ME = frozenset(simplify(p) for p in w.ABOUT_ME)
ARABIC_MY_WORDS = frozenset(simplify(p) for p in w.ARABIC_MY_WORDS)
ROLE_STATEMENTS = tuple((simplify(p), role) for p, role in w.ROLE_STATEMENTS)
_ROLE_STATEMENTS_FOUND = tuple((finder(p), role) for p, role in ROLE_STATEMENTS)
WORKERS = tuple((simplify(p), name) for p, name in w.WORKERS)
_WORKERS_FOUND = tuple((finder(p), len(p), name) for p, name in WORKERS)
INTENT_STARTS = tuple(simplify(p) for p in w.INTENT_STARTS)

# A story says something beyond greetings and "I want to complain": at least this many other words.
STORY_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?\n]+")
# Arabic joins "in", "and", "for" and "so" (ب و ل ف) to the front of a word that starts with "the" (ال).
_ARABIC_PREFIX = re.compile(r"(?<!\S)[\u0648\u0628\u0644\u0641](?=\u0627\u0644)")


def has_story(simple: str) -> bool:
    """True if the message tells something that happened, not only a greeting and what they want to do."""
    return len(story_words(simple)) >= STORY_WORDS


def story_words(simple: str) -> list[str]:
    rest = f" {simple} "
    for phrase in WANTING_TO_TELL:
        rest = rest.replace(f" {phrase} ", " ")
    return [word for word in rest.split() if word not in FILLER_WORDS]


def about_of(simple: str) -> str | None:
    """ "me" when they write about themselves, "other" when they write for someone else, or None."""
    padded = f" {simple} "
    if any(found(padded) for found in _ABOUT_OTHER_FOUND):
        return "other"
    words = set(simple.split())
    if words & ABOUT_ME or words & ARABIC_MY_WORDS or any(_arabic_me(word) for word in words):
        return "me"
    return None


def _arabic_me(word: str) -> bool:
    return len(word) >= w.ARABIC_ME_MIN and word.endswith(w.ARABIC_ME_ENDING) and "\u0621" <= word[0] <= "\u064a"


def role_of(simple: str) -> str | None:
    """Who is writing, when they say it outright ("im her foster carer", "jestem mamą")."""
    padded = f" {simple} "
    for found, role in _ROLE_STATEMENTS_FOUND:
        if found(padded):
            return role
    return None


def worker_of(simple: str) -> str | None:
    """The worker or service the message names ("social worker", "my PA"), in the words we confirm it with."""
    simple = _ARABIC_PREFIX.sub("", simple)  # "بالدار" (in the home) names "الدار" (the home)
    padded = f" {simple} "
    named = [(length, name) for found, length, name in _WORKERS_FOUND if found(padded)]
    return max(named)[1] if named else None


def remedy_of(words: str) -> str | None:
    """What they say would put it right ("I just want a worker who calls back"), in their own words, or None.

    Only a sentence that starts by asking for something counts, and never the wish to complain itself.
    """
    for sentence in _SENTENCE_END.split(words):
        sentence = sentence.strip()
        lowered = _plain(sentence)
        for opener in REMEDY_OPENERS:
            at = lowered.find(opener)
            if at < 0 or (at > 0 and lowered[at - 1].isalnum()) or _negated(lowered[:at]):
                continue
            wanted = simplify(lowered[at + len(opener) :])
            if len(wanted.split()) >= 2 and not wanted.startswith(INTENT_STARTS):
                return sentence[at:].strip()
    return None


def _negated(before: str) -> bool:
    """True if the word just before "I want" turns it round ("ما ابي اروح": I don't want to go)."""
    words = simplify(before).split()
    return bool(words) and words[-1] in w.NEGATIONS


def _plain(text: str) -> str:
    """Lower case with the apostrophes gone, keeping every other character where it was (so offsets still match)."""
    return text.lower().replace("’", "'")
