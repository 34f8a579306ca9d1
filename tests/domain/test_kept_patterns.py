"""Kept patterns: compiled once, loaded from disk after that, never different from ``re.compile``."""

from __future__ import annotations

import marshal
import re
from re import _parser

import pytest

from intake.domain import kept_patterns, risk, risk_lexicon
from intake.domain.kept_patterns import compile_all_kept, compile_kept, kept_path

# Named groups, a lookahead, a negative lookahead, a lazy repeat, Unicode classes and Arabic letters.
PATTERN = r" (?=(?:hit+(?:s|ing)?(?! (?:the|a) ball)(?P<hit>)|ضرب\w*(?P<darb>)|(?:\w+ ){0,2}?scared(?P<scared>)))"
TEXTS = [
    " he hits me ",
    " she hit the ball ",
    " i am so scared ",
    " بيضربني كل يوم ",
    " nothing here ",
    " hitting hittt hits ",
]


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, str | None, int]]:
    return [(m.start(), m.lastgroup, m.end(m.lastgroup) if m.lastgroup else -1) for m in pattern.finditer(text)]


def test_a_kept_pattern_matches_exactly_what_re_compile_matches(tmp_path):
    fresh = re.compile(PATTERN)
    first = compile_kept("sample", PATTERN, tmp_path)
    loaded = compile_kept("sample", PATTERN, tmp_path)
    assert kept_path("sample", [PATTERN], tmp_path).exists()
    for text in TEXTS:
        assert matches(first, text) == matches(fresh, text)
        assert matches(loaded, text) == matches(fresh, text)
    assert loaded.groupindex == fresh.groupindex
    assert loaded.pattern == PATTERN


def test_the_second_compile_loads_the_kept_program_without_parsing_the_pattern(tmp_path, monkeypatch):
    compile_kept("sample", PATTERN, tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(_parser, "parse", refuse)
    loaded = compile_kept("sample", PATTERN, tmp_path)
    assert matches(loaded, " he hits me ") == [(3, "hit", 8)]


def test_a_damaged_kept_file_is_compiled_again_and_replaced(tmp_path):
    path = kept_path("sample", [PATTERN], tmp_path)
    compile_kept("sample", PATTERN, tmp_path)
    path.write_bytes(b"not a compiled pattern")
    pattern = compile_kept("sample", PATTERN, tmp_path)
    assert matches(pattern, " he hits me ") == [(3, "hit", 8)]
    assert path.read_bytes() != b"not a compiled pattern"


def test_a_file_kept_for_another_pattern_is_not_used_for_this_one(tmp_path):
    other = r"(?P<a>x)(?P<b>y)"
    compile_kept("sample", other, tmp_path)
    kept_path("sample", [other], tmp_path).rename(kept_path("sample", [PATTERN], tmp_path))
    pattern = compile_kept("sample", PATTERN, tmp_path)
    assert matches(pattern, " he hits me ") == [(3, "hit", 8)]
    assert pattern.groupindex == re.compile(PATTERN).groupindex


def test_a_kept_program_the_regex_engine_refuses_is_compiled_again(tmp_path):
    compile_kept("sample", PATTERN, tmp_path)
    path = kept_path("sample", [PATTERN], tmp_path)
    key, [(flags, code, *rest)] = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((key, [(flags, b"\xff" * len(code), *rest)])))  # the right key, a broken program
    pattern = compile_kept("sample", PATTERN, tmp_path)
    assert matches(pattern, " he hits me ") == [(3, "hit", 8)]


def test_a_folder_that_cannot_be_written_still_gives_a_working_pattern(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("a file where the folder should be")
    pattern = compile_kept("sample", PATTERN, blocked / "cache")
    assert matches(pattern, " he hits me ") == [(3, "hit", 8)]


def test_a_changed_pattern_replaces_the_file_kept_for_its_older_version(tmp_path):
    compile_kept("sample", PATTERN, tmp_path)
    compile_kept("sample", PATTERN + "|x", tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == [kept_path("sample", [PATTERN + "|x"], tmp_path).name]


def test_when_re_internals_are_not_as_expected_it_falls_back_to_re_compile(tmp_path, monkeypatch):
    monkeypatch.setattr(kept_patterns, "_compile", lambda pattern: (_ for _ in ()).throw(AttributeError("changed")))
    pattern = compile_kept("sample", PATTERN, tmp_path)
    assert matches(pattern, " he hits me ") == [(3, "hit", 8)]
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "pattern",
    [risk._PATTERN, risk._PATTERN_ASCII, risk._IDIOMS, risk_lexicon._PATTERN, risk_lexicon._PATTERN_ASCII],
    ids=["phrases", "phrases for ascii text", "idioms", "concepts", "concepts for ascii text"],
)
def test_the_risk_screens_kept_patterns_match_as_freshly_compiled_ones_do(pattern):
    fresh = re.compile(pattern.pattern)
    assert pattern.groupindex == fresh.groupindex
    texts = [
        " . he hits me and my mum . ",
        " . my step dad said he will kill me if i tell . ",
        " . nobody calls me back lol . ",
        " . زوج امي بيضربني . ",
        " . ojczym mnie bije . ",
        " . i want to die . i have been cutting myself . ",
    ]
    for text in texts:
        assert matches(pattern, text) == matches(fresh, text)
        assert pattern.sub(" ", text) == fresh.sub(" ", text)


@pytest.mark.parametrize("module", [risk, risk_lexicon], ids=["phrases", "concepts"])
def test_the_pattern_for_ascii_text_finds_what_the_whole_pattern_finds_in_it(module):
    texts = [
        " . he hits me and my mum . ",
        " . my step dad said he will kill me if i tell . ",
        " . ojczym mnie bije i nikt nie oddzwania . ",
        " . the older lads make me carry stuff for them . ",
    ]
    for text in texts:
        assert matches(module._PATTERN_ASCII, text) == matches(module._PATTERN, text)


def test_several_patterns_kept_in_one_file_come_back_in_order(tmp_path):
    patterns = [PATTERN, r"\bkill(?:s|ed)?\b", r"(?P<x>a)|(?P<y>b)"]
    first = compile_all_kept("several", patterns, tmp_path)
    loaded = compile_all_kept("several", patterns, tmp_path)
    assert [p.pattern for p in loaded] == patterns and len(list(tmp_path.iterdir())) == 1
    for text in TEXTS + [" b a kills "]:
        for fresh, kept, again in zip(map(re.compile, patterns), first, loaded, strict=True):
            assert matches(kept, text) == matches(again, text) == matches(fresh, text)
