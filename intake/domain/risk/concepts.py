"""The concept layer: tag words with concepts (``lexicon.py``) and fire a rule when the right ones meet.

Every lexicon fragment is compiled into one pattern per script, dispatched on the letters it starts
with and tried at every word start (so concepts may overlap). A rule fires when its anchor concept and
its conditions occur near each other in one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from intake.domain.risk.compiling import ScriptPatterns, word_start_patterns
from intake.domain.risk.lexicon import CONCEPTS, IMPLIES, RULES

__all__ = ["concept_hits"]

_Cond = tuple[str, str, int]
_Tree = dict[str, dict[str, list[tuple[bool, int, str]]]]


def _compile() -> tuple[ScriptPatterns, ScriptPatterns, dict[str, tuple[str, ...]]]:
    """One pattern tried at every word start; each alternative ends in an empty named group.

    A fragment listed under several concepts is compiled once and tags all of them.
    Within a first letter, phrases come before single words and longer before shorter,
    so the most specific reading of a word start wins.

    Also a pattern of only the fragments of anchor concepts, with no groups: where it finds
    nothing, no rule can fire (every rule needs its anchor), so ``concept_hits`` can skip the
    sentence. Most sentences of most messages have no anchor in them.
    """
    owners: dict[str, list[str]] = {}
    for concept, fragments in CONCEPTS.items():
        for fragment in fragments:
            names = owners.setdefault(fragment, [])
            for name in (concept, *IMPLIES.get(concept, ())):
                if name not in names:
                    names.append(name)
    anchors = {anchor for _, _, anchor, _, _ in RULES}
    tags: dict[str, tuple[str, ...]] = {}
    tree: _Tree = {}
    gate: _Tree = {}
    for fragment, names in owners.items():
        for literal in _expand(fragment):
            tag = f"c{len(tags)}"
            tags[tag] = tuple(names)
            key = ["", ""]
            for i in (0, 1):
                if len(literal) > i + 1 and _literal(literal[i]) and literal[i + 1] not in "?*+{":
                    key[i] = literal[i]
                else:
                    break
            rest = literal[len("".join(key)) :]
            sort_key = (" " not in literal, -len(literal))
            tree.setdefault(key[0], {}).setdefault(key[1], []).append((*sort_key, f"{rest}\\b(?P<{tag}>)"))
            if anchors.intersection(names):
                gate.setdefault(key[0], {}).setdefault(key[1], []).append((*sort_key, f"{rest}\\b"))
    return word_start_patterns(_by_first(tree)), word_start_patterns(_by_first(gate)), tags


def _by_first(tree: _Tree) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for first, seconds in sorted(tree.items()):
        inner = []
        for second, alts in sorted(seconds.items()):
            body = "(?:" + "|".join(alt for *_, alt in sorted(alts)) + ")"
            inner.append(re.escape(second) + body if second else body)
        body = "(?:" + "|".join(inner) + ")"
        parts.append((first, re.escape(first) + body if first else body))
    return parts


def _literal(char: str) -> bool:
    return char.isalnum() or char == " "


_LEADING_GROUP = re.compile(r"^\(\?:([^()]*)\)(\??)(.*)$")
_LEADING_CLASS = re.compile(r"^\[((?:\w-\w|\w)+)\](.*)$")  # [1-5], [aeo]
_LEADING_OPTIONAL = re.compile(r"^(\w)\?(.*)$")  # s?krzywdz


def _expand(fragment: str) -> list[str]:
    """Spell out what a fragment starts with (a ``(?:a|b)`` group, a ``[1-5]`` class, an optional
    letter) so that each alternative starts with plain letters and can be dispatched on them.

    A fragment that starts with anything else is tried at every word start, which is what
    made the concept pass slow; each spelt-out alternative is tried only where a word starts
    with its letters.
    """
    match = _LEADING_GROUP.match(fragment)
    if (
        match
        and "[" not in match.group(1)
        and "\\|" not in match.group(1)
        and match.group(3)[:1] not in ("*", "+", "{")
    ):
        options, optional, rest = match.group(1).split("|"), match.group(2), match.group(3)
        if optional:
            options.append("")
        return [out for option in options for out in _expand(option + rest) if out]
    match = _LEADING_CLASS.match(fragment)
    if match and match.group(2)[:1] not in ("?", "*", "+", "{"):
        chars = re.sub(r"(\w)-(\w)", lambda m: "".join(map(chr, range(ord(m[1]), ord(m[2]) + 1))), match.group(1))
        return [out for char in chars for out in _expand(char + match.group(2))]
    match = _LEADING_OPTIONAL.match(fragment)
    if match:
        return [out for option in (match.group(1), "") for out in _expand(option + match.group(2)) if out]
    return [fragment]


_PATTERNS, _ANCHORS, _TAGS = _compile()
_UNLESS = [re.compile(unless) if unless else None for *_, unless in RULES]
# Words that, just before the anchor, make it someone else's act ("i hit my head", "it hurts my back").
_NOT_AFTER: dict[str, frozenset[str]] = {
    "HARM": frozenset(
        ["i", "we", "accidentally", "nearly", "almost", "it", "that", "this", "which", "not", "also", "and", "then"]
    ),
    "THREATEN": frozenset(["i", "we"]),
}
_BY_ANCHOR: dict[str, list[int]] = {}
for _index, (_rule, _desc, _anchor, _conds, _unless) in enumerate(RULES):
    _BY_ANCHOR.setdefault(_anchor, []).append(_index)
_ANCHOR_RANK = {anchor: rank for rank, anchor in enumerate(_BY_ANCHOR)}
_NEEDED = {anchor for anchor in _BY_ANCHOR} | {c for *_, conds, _ in RULES for c, _, _ in conds}
missing_concepts = _NEEDED - set(CONCEPTS)
if missing_concepts:  # pragma: no cover - a typo in RULES
    raise ValueError(f"unknown concepts in RULES: {sorted(missing_concepts)}")


def _ok(found: dict[str, list[tuple[int, int]]], start: int, end: int, conds: list[_Cond]) -> bool:
    for concept, where, chars in conds:
        spans = found.get(concept)
        if not spans:
            return False
        for s, e in spans:
            if (s, e) == (start, end):
                continue
            after = 0 <= s - end <= chars
            before = 0 <= start - e <= chars
            if (
                (where == "after" and after)
                or (where == "before" and before)
                or (where == "near" and (after or before))
            ):
                break
        else:
            return False
    return True


def _concepts_in(sentence: str) -> dict[str, list[tuple[int, int]]]:
    """Where each concept occurs in one sentence: (start, end) spans in order of position."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _PATTERNS.finditer(sentence):
        tag = match.lastgroup
        if tag is None:  # pragma: no cover
            continue
        span = (match.end(), match.end(tag))
        for concept in _TAGS[tag]:
            found.setdefault(concept, []).append(span)
    return found


def _fires(
    index: int, anchor: str, sentence: str, found: dict[str, list[tuple[int, int]]], span: tuple[int, int]
) -> bool:
    """Whether rule ``index`` fires at this span of its anchor: its conditions hold and nothing stops it."""
    start, end = span
    if not _ok(found, start, end, RULES[index][3]):
        return False
    guard = _NOT_AFTER.get(anchor)
    if guard:
        before = sentence[:start].rsplit(None, 1)[-1:]
        if before and before[0] in guard:
            return False
    unless = _UNLESS[index]
    return unless is None or unless.search(sentence, max(0, start - 40), end + 50) is None


def _fragment(sentence: str, found: dict[str, list[tuple[int, int]]], span: tuple[int, int], conds: list[_Cond]) -> str:
    """The words that fired a rule: the anchor and its conditions, at most 60 characters either side."""
    start, end = span
    if not conds:
        return sentence[start:end].strip()
    lo = min([start, *(s for c, _, _ in conds for s, _ in found[c])])
    hi = max([end, *(e for c, _, _ in conds for _, e in found[c])])
    return sentence[max(lo, start - 60) : min(hi, end + 60)].strip()


def _sentence_hits(sentence: str, fired: set[str]) -> Iterator[tuple[str, str, str]]:
    found = _concepts_in(sentence)
    # Only the anchors this sentence has, in the order of RULES (the first rule to fire is the one reported).
    for anchor in sorted(found.keys() & _BY_ANCHOR.keys(), key=_ANCHOR_RANK.__getitem__):
        for index in _BY_ANCHOR[anchor]:
            rule, description, _, conds, _ = RULES[index]
            if rule in fired:
                continue
            span = next((span for span in found[anchor] if _fires(index, anchor, sentence, found, span)), None)
            if span is not None:
                fired.add(rule)
                yield rule, description, _fragment(sentence, found, span, conds)


def concept_hits(padded: str, skip: set[str]) -> list[tuple[str, str, str]]:
    """Rules fired in ``padded`` (normalised text with a leading and trailing space).

    Returns ``(rule, description, matched fragment)`` for each rule id not in ``skip``,
    at most once per rule id.
    """
    out: list[tuple[str, str, str]] = []
    fired = set(skip)
    for sentence in padded.split(" . "):
        sentence = f" {sentence.strip()} "
        if len(sentence) < 4 or _ANCHORS.search(sentence) is None:  # no anchor, so no rule: the commonest case
            continue
        out.extend(_sentence_hits(sentence, fired))
    return out
