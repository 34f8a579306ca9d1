"""A small statistical second opinion for the risk screen: "does this read like a disclosure?"

The phrase and concept rules are precise and explainable but only
know the wording someone thought of. This model catches indirect wording they miss
("i sleep with a chair against the door", "i've been saving up my tablets"). It only
ever *adds* a hit for human review (rule ``concern``); it never clears a message.

Model: logistic regression over features of the ``normalise()``d text (the same
normalisation as the rules, so text-speak, Polish diacritics and Arabic letter variants
are already unified):

- character n-grams (2 to 5 characters) of each word padded with a space either side
  (" hits " gives " h", "hit", "its ", " hits", ...), so misspellings, inflections and
  Arabizi spellings ("cutin", "cięłam", "بيضربني", "5ayfe") share features with known words;
- word pairs ("chair against"), so short phrases count.

Each feature has a weight (positive: reads like a disclosure). A word's contribution is
the sum of its n-gram weights (cached per word). The score is the bias plus the best sum
of contributions over any run of ``window`` words within a sentence, so a disclosure
buried inside a long ordinary complaint is not averaged away.

Weights come from ``model_weights.json``, written by ``scripts/train_risk_model.py``
(cross-validated; the file records the figures). There is one threshold per script
(``script_of``: Arabic script or not), chosen there on held-out folds of the blind-written
sets so that rules and model together keep false alarms at or under 13% for each (the
trainer's ``MAX_FALSE_ALARMS``). The file also holds the score of every word in the training
messages (``word_scores``): they are what a batch of new messages mostly consists of, and
working each out again was a quarter of the time to screen a batch. Pure Python, no numpy
at run time.
"""

from __future__ import annotations

import math
import re
from itertools import accumulate, repeat
from operator import add, sub
from typing import Any

from intake.domain.risk.normalise import normalise
from intake.domain.risk.weights import NGRAM_MAX, NGRAM_MIN, SCHEMA, WEIGHTS_PATH, load

__all__ = [
    "MODEL_INFO",
    "SCHEMA",
    "THRESHOLD",
    "THRESHOLDS",
    "WEIGHTS_PATH",
    "concern_normalised",
    "explain",
    "explain_normalised",
    "score",
    "score_normalised",
    "score_with",
    "script_of",
    "threshold_for",
    "word_features",
    "word_score_with",
]

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def script_of(text: str) -> str:
    """ "arabic" if the text has any Arabic letter, else "latin" (English, Polish, Arabizi)."""
    if text.isascii():  # known without reading the text: Python records it when it builds the string
        return "latin"
    return "arabic" if _ARABIC_LETTER.search(text) else "latin"


def word_features(word: str) -> list[str]:
    """Character n-grams of one word padded with spaces (distinct, in order of first appearance)."""
    padded = f" {word} "
    size = len(padded)
    grams = [padded[i : i + n] for n in range(NGRAM_MIN, NGRAM_MAX + 1) for i in range(size - n + 1)]
    return list(dict.fromkeys(grams))


def word_score_with(word: str, weights: dict[str, float]) -> float:
    """The sum of the weights of a word's distinct n-grams (``word_features``), in their order."""
    return sum(map(weights.get, word_features(word), repeat(0.0)))


# _WORD_SCORES: word_score_with() of every word in the training messages, worked out by the trainer, so that a
# batch of new messages mostly finds its words already scored (94-96% of the words in the two sets it never saw).
_LOADED = load()
_WEIGHTS, _BIAS, THRESHOLDS, _WINDOW = _LOADED.weights, _LOADED.bias, _LOADED.thresholds, _LOADED.window
_WORD_SCORES, MODEL_INFO = _LOADED.word_scores, _LOADED.info
# The word-pair weights again, keyed by (first word, second word): looking up the pairs that zip() already
# made costs half as much as joining each into a "first second" string to look it up. (A character n-gram
# has spaces only at its ends, so a space inside a key marks a pair.)
_PAIRS: dict[tuple[str, str], float] = {
    (first, second): weight
    for key, weight in _WEIGHTS.items()
    if " " in key.strip(" ")
    for first, second in [key.split(" ")]
}
THRESHOLD = THRESHOLDS["latin"]  # for English and Polish; Arabic script has its own (see threshold_for)
_CACHE: dict[str, float] = {**_WORD_SCORES, ".": 0.0}  # word -> word_score_with(); "." marks a sentence end
_CACHE_LIMIT = len(_CACHE) + 50_000


def _word_score(word: str) -> float:
    value = _CACHE.get(word)
    if value is None:
        value = word_score_with(word, _WEIGHTS)
        if len(_CACHE) >= _CACHE_LIMIT:  # words from the training messages stay; the others start again
            _CACHE.clear()
            _CACHE.update(_WORD_SCORES)
            _CACHE["."] = 0.0
        _CACHE[word] = value
    return value


def _contributions(normalised: str) -> tuple[list[str], list[float]]:
    """Per-token contribution: the word's n-grams plus the pair it ends (sentence marks break pairs)."""
    tokens = normalised.split()
    return tokens, _token_values(tokens)


def _token_values(tokens: list[str]) -> list[float]:
    values: list[Any] = list(map(_CACHE.get, tokens))  # floats, once any word not in the cache is scored
    if None in values:
        values = [_word_score(token) if value is None else value for token, value in zip(tokens, values, strict=True)]
    if len(tokens) > 1:  # pairs with "." never have a weight; built and looked up at C speed
        pairs = map(_PAIRS.get, zip(tokens, tokens[1:], strict=False), repeat(0.0))
        values[1:] = map(add, values[1:], pairs)
    return values


def _best_window(values: list[float], window: int, tokens: list[str]) -> tuple[float, int]:
    """Largest sum over up to ``window`` consecutive values inside one sentence, and where it starts.

    Sentences are split at "." tokens, so ordinary words in the next sentence cannot cancel a disclosure.
    """
    best, best_start, start = -math.inf, 0, 0
    size = len(values)
    ends: list[int] = []
    for _ in range(tokens.count(".")):  # where each sentence ends, found at C speed
        ends.append(tokens.index(".", ends[-1] + 1 if ends else 0))
    ends.append(size)
    for end in ends:
        if end > start or best == -math.inf:
            part = values[start:end]
            if len(part) <= window:
                total, offset = sum(part), 0
            else:
                prefix = [0.0, *accumulate(part)]
                sums = list(map(sub, prefix[window:], prefix))
                total = max(sums)
                offset = sums.index(total)
            if total > best:
                best, best_start = total, start + offset
        start = end + 1
    return best, best_start


def score_with(normalised: str, weights: dict[str, float], bias: float, window: int) -> float:
    """The same score from any weights, without the cache: for training and cross-validation."""
    values = []
    previous = "."
    for token in normalised.split():
        value = 0.0
        if token != ".":
            value = sum(weights.get(gram, 0.0) for gram in word_features(token))
            if previous != ".":
                value += weights.get(f"{previous} {token}", 0.0)
        values.append(value)
        previous = token
    return bias + _best_window(values, window, normalised.split())[0]


def score_normalised(normalised: str) -> float:
    """Log-odds-like score that an already ``normalise()``d message is a disclosure (see ``threshold_for``)."""
    tokens, values = _contributions(normalised)
    return _BIAS + _best_window(values, _WINDOW, tokens)[0]


def threshold_for(normalised: str) -> float:
    """The score at or above which this text is flagged: it depends on the script it is written in."""
    return THRESHOLDS[script_of(normalised)]


def score(text: str) -> float:
    """The score of a raw message (at or above ``threshold_for`` its normalised text: ask a person)."""
    return score_normalised(normalise(text))


def concern_normalised(normalised: str, tokens: list[str], explain: bool = True) -> list[str] | None:
    """``explain_normalised`` if the model flags this text, else None, reading the text once for both.

    ``tokens`` is ``normalised.split()``. With ``explain=False`` a flag gives an empty list.
    """
    values = _token_values(tokens)
    best, start = _best_window(values, _WINDOW, tokens)
    if _BIAS + best < threshold_for(normalised):
        return None
    return _strongest(tokens, start) if explain else []


def explain_normalised(normalised: str, k: int = 5) -> list[str]:
    """The words (or word pairs) in the best window that pushed the score up most, strongest first."""
    tokens, values = _contributions(normalised)
    return _strongest(tokens, _best_window(values, _WINDOW, tokens)[1], k)


def _strongest(tokens: list[str], start: int, k: int = 5) -> list[str]:
    """The k words and word pairs of the window starting at ``start`` that weigh most towards a disclosure."""
    window = tokens[start : start + _WINDOW]
    owns: list[Any] = list(map(_CACHE.get, window))  # scored a moment ago, unless the cache was full and cleared since
    if None in owns:
        owns = list(map(_word_score, window))
    scored = {token: own for token, own in zip(window, owns, strict=True) if own > 0 and token != "."}
    before = tokens[start - 1 : start + _WINDOW - 1] if start else [".", *window[:-1]]
    pairs = list(zip(before, window, strict=False))  # before is one shorter at the start
    # A pair with a sentence mark in it has no weight.
    scored.update(
        (" ".join(pair), weight)
        for pair, weight in zip(pairs, map(_PAIRS.get, pairs, repeat(0.0)), strict=True)
        if weight > 0
    )
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return [fragment for fragment, _ in ranked[:k]]


def explain(text: str, k: int = 5) -> list[str]:
    """Readable fragments of a raw message that made the model flag it, for staff."""
    return explain_normalised(normalise(text), k)
