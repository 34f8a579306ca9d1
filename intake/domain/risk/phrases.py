"""The phrase layer: every rule entry of ``phrase_table.py`` compiled into one pattern, run once over a message.

Every entry is a list of literal *lead* words plus a regular-expression *tail* (and, for a few entries,
words that must not come just before the lead, such as "i" in "i hit my head"). All leads are compiled
into one pattern behind a literal space, dispatched on their first and second letters, so the regex
engine jumps from word start to word start and only tries the tails whose lead matched (about 0.2 ms
of a 1,000-character message).
"""

from __future__ import annotations

import re

from intake.domain.risk.compiling import ScriptPatterns, word_start_patterns
from intake.domain.risk.guards import is_everyday, is_guarded, sentence_at
from intake.domain.risk.phrase_table import ENTRIES, MACROS
from intake.domain.risk.result import RiskHit

__all__ = ["PHRASE_RULE_IDS", "phrase_hits"]

PHRASE_RULE_IDS: tuple[str, ...] = tuple(dict.fromkeys(rule for rule, *_ in ENTRIES))


def _expand_macros(pattern: str) -> str:
    for _ in range(3):  # macros may contain macros
        for name, body in MACROS.items():
            pattern = pattern.replace(name, body)
    return pattern


def _trie(words: list[str]) -> str:
    """A regex alternation of literal words, factored into a character trie."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            parts.append("")
        if parts == [""]:
            return ""
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


# (leads are word prefixes, the leads after their first letter, the entries they start, in order)
_LeadClass = tuple[bool, list[str], list[int]]


def _class_part(prefix: bool, rests: list[str], chosen: list[int], tails: list[str], tags: dict[str, int]) -> str:
    alternatives = []
    for index in chosen:
        tag = f"t{len(tags)}"
        tags[tag] = index
        alternatives.append(f"(?:{tails[index]})(?P<{tag}>)")
    return _trie(rests) + ("" if prefix else r"\b") + "(?:" + "|".join(alternatives) + ")"


def _second_key(rest: str, prefix: bool) -> str | None:
    """What the character after a lead's first letter must be: itself if a word character,
    "" for any other character (or none), None when a one-letter prefix lets it be anything."""
    if not rest:
        return None if prefix else ""
    return rest[0] if rest[0].isalnum() or rest[0] == "_" else ""


def _after_first(ordered: list[_LeadClass], tails: list[str], tags: dict[str, int]) -> str:
    """The classes of one first letter, dispatched on the second letter where that is safe.

    Without this, a word starting with "s" is tried against all 60-odd classes of "s" leads.
    Two leads whose second characters are different word characters (or one a word character
    and one not) can never both match at one place, so splitting the classes into one group
    per second letter changes nothing that matches, only how quickly a miss is found. Within
    a group the classes keep their order. A one-letter prefix lead could sit under any group,
    so a first letter that has one keeps its classes undivided.
    """
    if any(_second_key(rest, prefix) is None for prefix, rests, _ in ordered for rest in rests):
        return (
            "(?:" + "|".join(_class_part(prefix, rests, chosen, tails, tags) for prefix, rests, chosen in ordered) + ")"
        )
    groups: dict[str, list[str]] = {}
    for prefix, rests, chosen in ordered:
        by_key: dict[str, list[str]] = {}
        for rest in rests:
            key = _second_key(rest, prefix)
            assert key is not None
            by_key.setdefault(key, []).append(rest[len(key) :])
        for key, stripped in by_key.items():
            groups.setdefault(key, []).append(_class_part(prefix, stripped, chosen, tails, tags))
    return "(?:" + "|".join(re.escape(key) + "(?:" + "|".join(parts) + ")" for key, parts in groups.items()) + ")"


def _lead_classes() -> dict[str, dict[tuple[bool, tuple[int, ...]], list[str]]]:
    """Leads by first character, then by (is a prefix, the entries they start): the rest of each lead."""
    lead_entries: dict[tuple[str, bool], list[int]] = {}
    for index, (_, _, leads, _, _) in enumerate(ENTRIES):
        for raw in leads:
            lead = raw.replace("\u00a0", " ")
            key = (lead.rstrip("*"), lead.endswith("*"))
            lead_entries.setdefault(key, []).append(index)
    by_first: dict[str, dict[tuple[bool, tuple[int, ...]], list[str]]] = {}
    for (lead, prefix), indexes in lead_entries.items():
        by_first.setdefault(lead[0], {}).setdefault((prefix, tuple(indexes)), []).append(lead[1:])
    return by_first


def _build() -> tuple[ScriptPatterns, dict[str, int]]:
    """Compile all entries into one pattern per script: a literal space, then lead words, then tails.

    Leads are dispatched on their first character, then on their second (see
    ``_after_first``), then grouped by the set of tails they take (so a long tail is
    written once per pair of letters, not once per lead). Each tail ends in an empty
    named group; ``lastgroup`` says which entry matched and where the match ended. The
    whole thing sits in a lookahead so that ``finditer`` visits every word start,
    including ones inside an earlier match.
    """
    tails = [_expand_macros(tail) for _, _, _, tail, _ in ENTRIES]
    tags: dict[str, int] = {}
    first_parts: list[tuple[str, str]] = []
    for first, classes in sorted(_lead_classes().items()):
        # Entries with a "not after" guard are checked in Python after matching, so at
        # each first letter they come after all unguarded entries: a rejected guarded
        # hit can then never hide an unguarded one at the same word.
        ordered: list[_LeadClass] = []
        for guarded in (False, True):
            for (prefix, indexes), rests in classes.items():
                chosen = [index for index in indexes if bool(ENTRIES[index][4]) is guarded]
                if chosen:
                    ordered.append((prefix, rests, chosen))
        first_parts.append((first, re.escape(first) + _after_first(ordered, tails, tags)))
    try:
        return word_start_patterns(first_parts), tags
    except re.error:  # name the entry whose tail is broken
        check_tails()
        raise


def check_tails() -> None:
    """Raise ValueError naming the first entry whose tail is not a valid pattern."""
    for rule, description, _, tail, _ in ENTRIES:
        try:
            re.compile(_expand_macros(tail))
        except re.error as error:
            raise ValueError(f"bad tail in {rule} / {description}: {error}") from error


_PATTERNS, _TAGS = _build()


def _preceded_by(padded: str, start: int, words: list[str]) -> bool:
    before = padded[max(0, start - 24) : start]
    return any(before.endswith(f" {word} ") for word in words)


def phrase_hits(padded: str, everyday: set[str] | None = None) -> dict[str, RiskHit]:
    """The first hit of each rule in ``padded`` (normalised text between " . " marks), in order of position.

    ``everyday``, if given, collects the sentences (stripped of " . ") in which a hit was read as everyday.
    """
    seen: dict[str, RiskHit] = {}
    for match in _PATTERNS.finditer(padded):
        tag = match.lastgroup
        if tag is None:  # pragma: no cover - every alternative ends in a tag
            continue
        rule, description, _, _, not_after = ENTRIES[_TAGS[tag]]
        start = match.end()
        if rule in seen or (not_after and _preceded_by(padded, start, not_after)):
            continue
        end = match.end(tag)
        if is_guarded(rule, description):
            sentence = sentence_at(padded, start, end)
            if is_everyday(rule, description, sentence):
                if everyday is not None:
                    everyday.add(sentence.strip(" ."))
                continue
        seen[rule] = RiskHit(rule, description, padded[start:end])
    return seen
