"""``screen``: the one entry point. Phrase rules, then concept rules, then the model for what they missed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from intake.domain.risk import model
from intake.domain.risk.concepts import concept_hits
from intake.domain.risk.everyday import is_everyday_talk
from intake.domain.risk.guards import is_everyday, is_guarded, sentence_at
from intake.domain.risk.idioms import IDIOMS
from intake.domain.risk.normalise import normalise
from intake.domain.risk.phrases import PHRASE_RULE_IDS, phrase_hits
from intake.domain.risk.result import RiskHit, RiskResult

__all__ = ["RULE_IDS", "check_lines", "screen"]

RULE_IDS: tuple[str, ...] = (*PHRASE_RULE_IDS, "concern")
_ORDER = {rule: i for i, rule in enumerate(RULE_IDS)}
_CONCERN = "reads like a disclosure the rules did not recognise; please read it"

# A message that is only "i'm scared" (in any of the three languages) is a child asking for safety, too short
# for the model. ("help me" and its translations are the HELP keyword, whose reply already gives 999 and Childline.)
_ONLY_SCARED = re.compile(
    r"^ \. (?:i am |am |im |i m |i feel )?(?:so |really |very |rly )?(?:scared|scard|terrified|frightened|afraid)"
    r"(?: (?:now|rn|right now|please|pls|help|help me))*(?: \.)* $"
    r"|^ \. (?:ja )?(?:sie )?(?:bardzo )?(?:boje|boimy)(?: sie)?(?: bardzo)?(?: \.)* $"
    r"|^ \. (?:انا )?(?:كتير |كثير |مره )?(?:خايف|خايفه|خايفة|خائف|خائفه|مرعوب|مرعوبه)(?: كتير| كثير| مره)?(?: \.)* $"
)


def screen(text: str, *, explain: bool = True) -> RiskResult:
    """Screen one message. Any hit means: raise a safeguarding alert for staff review.

    With ``explain=False`` a ``concern`` hit's ``matched`` is left empty instead of naming the words
    that weighed most with the model, for callers that show only the rule (``check_lines``).
    """
    padded = IDIOMS.sub(" ", f" . {normalise(text)} ")
    everyday: set[str] = set()  # sentences in which a rule's hit was read as everyday (sport, an accident ...)
    seen = phrase_hits(padded, everyday)
    for rule, description, matched in concept_hits(padded, set(seen)):
        if is_guarded(rule, description):
            where = padded.find(matched)
            sentence = sentence_at(padded, where, where + len(matched)) if where >= 0 else ""
            if sentence and is_everyday(rule, description, sentence):
                everyday.add(sentence.strip(" ."))
                continue
        seen[rule] = RiskHit(rule, description, matched)
    if not seen and _ONLY_SCARED.match(padded):
        seen["unsafe"] = RiskHit("unsafe", "says only that they are scared", padded.strip(" ."))
    if not seen:
        for_model = padded
        if everyday:  # the model is not asked again about words the rules have read as everyday
            for_model = " . ".join(s for s in padded.split(" . ") if s.strip(" .") not in everyday) or " . "
        concern = _model_concern(for_model, explain)
        if concern is not None:
            seen["concern"] = concern
    hits = tuple(sorted(seen.values(), key=lambda hit: _ORDER[hit.rule]))
    return RiskResult(hits, screened=padded)


def _model_concern(padded: str, explain: bool) -> RiskHit | None:
    """The model's hit, if it reads the text as a disclosure.

    The model reads the same idiom-free text as the rules. It learned from messages of two words or more, and
    short answers ("yeah", "yeah please", "ok") are half of every conversation: it reads only messages of three
    words or more, and not small talk made only of everyday words (``everyday.py``). Short disclosures ("i'm
    scared", "boje sie") are the rules' work.
    """
    tokens = padded.split()
    if len(tokens) - tokens.count(".") < 3:
        return None
    if is_everyday_talk(tokens):
        return None
    if "." in tokens[1:]:  # several sentences (a story sent in parts, joined): leave out the small-talk ones
        padded = " . ".join(s for s in padded.split(" . ") if not is_everyday_talk(s.split())) or " . "
        tokens = padded.split()
    words = model.concern_normalised(padded, tokens, explain)
    return None if words is None else RiskHit("concern", _CONCERN, ", ".join(words))


def check_lines(lines: Iterable[str]) -> Iterator[str]:
    """For the CLI: one ``RISK\\t<reason>`` or ``OK`` per input line (no newline)."""
    for line in lines:
        result = screen(line.rstrip("\r\n"), explain=False)  # the reason names rules, not words
        yield f"RISK\t{result.reason}" if result.is_risk else "OK"
