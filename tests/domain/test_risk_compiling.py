"""The risk screen's word-start patterns: one per script, the Arabic one compiled when a text first needs it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from intake.domain.risk import phrases
from intake.domain.risk.compiling import word_start_patterns

ROOT = Path(__file__).resolve().parents[2]

PARTS = [
    ("h", r"h(?:its? me\b(?P<t0>)|urts? me\b(?P<t1>))"),
    ("s", r"s(?:cared\b(?P<t2>))"),
    ("ض", r"ض(?:رب\w*(?P<t3>))"),
    ("خ", r"خ(?:ايف\w*(?P<t4>))"),
]


def _joint(parts: list[tuple[str, str]]) -> re.Pattern[str]:
    """The single pattern the split ones replace (as the screen compiled it before)."""
    return re.compile(" (?=[وف]?(?:" + "|".join(part for _, part in parts) + "))")


@pytest.mark.parametrize(
    "text",
    [
        " he hits me and i am scared ",
        " ابي ضربني وانا خايف ",
        " he hits me . ابوي بيضربني . scared وخايفه ",
        " nothing here at all ",
    ],
)
def test_the_split_patterns_find_what_one_joint_pattern_finds_in_the_same_order(text):
    split = word_start_patterns(PARTS)
    joint = _joint(PARTS)
    found = [(m.start(), m.lastgroup, m.end(m.lastgroup)) for m in split.finditer(text)]
    assert found == [(m.start(), m.lastgroup, m.end(m.lastgroup)) for m in joint.finditer(text)]
    assert bool(split.search(text)) == bool(joint.search(text))


def test_the_arabic_patterns_are_compiled_only_when_a_text_in_arabic_script_needs_them():
    probe = (
        "from intake.domain.risk import phrases, screen\n"
        "screen('he hits me')\n"
        "before = 'arabic' in vars(phrases._PATTERNS)\n"
        "result = screen('ابوي بيضربني كل يوم')\n"
        "print(before, 'arabic' in vars(phrases._PATTERNS), result.is_risk)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]


def test_a_broken_tail_is_named_by_its_rule_and_description(monkeypatch):
    monkeypatch.setattr(phrases, "ENTRIES", [("threat", "mentions a broken example", ["kill"], r" (?:me", [])])
    with pytest.raises(ValueError, match="threat / mentions a broken example"):
        phrases.check_tails()


def test_every_tail_of_the_phrase_table_compiles():
    phrases.check_tails()
