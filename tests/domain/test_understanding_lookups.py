"""Look-ups prepared once find what the plain comparisons find: a yes or a no one typo away ("yse", "nop"), and a
phrase in a message, and a menu option's near-miss ("complane")."""

from __future__ import annotations

import difflib

from intake.domain import understanding as u
from intake.domain.understanding.answers import _YES_NO_TYPED, _near_yes_no
from intake.domain.understanding.menus import Menu
from intake.domain.understanding.text import contains, finder
from intake.domain.understanding.vocabulary import YES_SET

LETTERS = "abcdefghijklmnopqrstuvwxyzęłó"


def one_edit(a: str, b: str) -> bool:
    """The comparison the look-up replaces: one letter changed, added, dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def compared_one_by_one(word: str) -> bool | None:
    for known in _YES_NO_TYPED:
        if one_edit(word, known):
            return known in YES_SET
    return None


def typos_of(word: str, letters: str = LETTERS) -> set[str]:
    changed = {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in letters}
    added = {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    dropped = {word[:i] + word[i + 1 :] for i in range(len(word))}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return changed | added | dropped | swapped


def test_every_typo_of_every_yes_and_no_reads_as_comparing_one_by_one_reads_it():
    words = set(_YES_NO_TYPED)
    for known in _YES_NO_TYPED:
        words |= typos_of(known)
    words |= {"done", "skip", "maybe", "mum", "dunno", "never", "okay", "nobody", "yesterday", "نعمم", "nieee"}
    words = {word for word in words if len(word) >= 3}
    differ = {word for word in words if _near_yes_no(word) is not compared_one_by_one(word)}
    assert differ == set()


def test_a_typo_nearer_a_yes_than_a_no_still_reads_as_the_first_listed():
    assert u.yes_no("yse") is True
    assert u.yes_no("nop") is False


def test_a_prepared_phrase_is_found_where_contains_finds_it():
    messages = ["my social worker never rings", "social workers", "my sw", "antisocial worker", "foster carers", ""]
    for phrase in ("social worker", "sw", "foster*", "carer", "worker"):
        found = finder(phrase)
        assert [bool(found(f" {m} ")) for m in messages] == [contains(m, phrase) for m in messages]


def near_miss_against_every_word(menu: Menu, word: str) -> str | None:
    close = difflib.get_close_matches(word, menu._near, 1, 0.8)
    return menu._vocabulary[close[0]] if close else None


def test_a_near_miss_is_found_among_words_of_a_near_length_as_among_all_of_them():
    menus = [u.menu_for(options) for options in (u.KIND_OPTIONS, u.ABOUT_OPTIONS, u.ROLE_OPTIONS, u.LANGUAGE_OPTIONS)]
    for menu in menus:
        words = {typo for known in menu._near for typo in typos_of(known, "aeix") if len(typo) >= 5}
        words |= {"social", "worker", "fostering", "complain", "leaving", "nobody", "abcdefghijklmnop"}
        for word in words:
            assert menu._near_miss(word) == near_miss_against_every_word(menu, word), word


def mentioned_in_every_word_group(menu: Menu, simple: str) -> dict[str, int]:
    words = simple.split()
    longest = max(len(phrase.split()) for phrase in menu._exact)
    best: dict[str, int] = {}
    for n in range(1, min(longest, len(words)) + 1):
        for i in range(len(words) - n + 1):
            for key, length in menu._exact.get(" ".join(words[i : i + n]), {}).items():
                best[key] = max(best.get(key, 0), length)
    for pattern, key, length in menu._stems:
        if pattern.search(simple):
            best[key] = max(best.get(key, 0), length)
    return best


def test_options_mentioned_are_found_from_their_first_words_as_in_every_word_group():
    for options in (u.KIND_OPTIONS, u.ABOUT_OPTIONS, u.ROLE_OPTIONS, u.LANGUAGE_OPTIONS):
        menu = u.menu_for(options)
        phrases = sorted(menu._exact)
        messages = [f"so {a} and {b} {c}" for a, b, c in zip(phrases, phrases[1:], phrases[2:], strict=False)]
        messages += ["", "i", "i want to complain about my social worker", *phrases]
        for message in messages:
            assert menu.mentioned(message) == mentioned_in_every_word_group(menu, message), message
