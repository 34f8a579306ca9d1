import re

import pytest

from intake.domain.references import ALPHABET, find_reference, is_valid, new_reference, normalise


def test_a_new_reference_is_two_groups_of_four_from_the_readable_alphabet():
    for _ in range(200):
        ref = new_reference()
        assert re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", ref)
        assert is_valid(ref)


def test_the_alphabet_leaves_out_characters_that_look_alike():
    assert not set("01IOL") & set(ALPHABET)


def test_references_are_random_enough_not_to_repeat():
    assert len({new_reference() for _ in range(5000)}) == 5000


def test_any_single_mistyped_character_is_recognised_as_mistyped():
    ref = new_reference()
    chars = ref.replace("-", "")
    for i in range(8):
        for replacement in ALPHABET:
            if replacement != chars[i]:
                typo = chars[:i] + replacement + chars[i + 1 :]
                assert not is_valid(f"{typo[:4]}-{typo[4:]}")


def test_swapping_two_neighbouring_characters_is_recognised_as_mistyped():
    for _ in range(200):
        chars = new_reference().replace("-", "")
        for i in range(7):
            if chars[i] != chars[i + 1]:
                swapped = chars[:i] + chars[i + 1] + chars[i] + chars[i + 2 :]
                assert not is_valid(f"{swapped[:4]}-{swapped[4:]}")


@pytest.mark.parametrize("typed", ["k7qm 3xpd", "K7QM3XPD", " k7qm-3xpd ", "K7QM_3XPD"])
def test_what_people_type_is_normalised(typed):
    assert normalise(typed) == "K7QM-3XPD"


@pytest.mark.parametrize("typed", ["", "K7QM-3XP", "K7QM-3XPDD", "K0QM-3XPD", "hello"])
def test_things_that_cannot_be_references_normalise_to_none(typed):
    assert normalise(typed) is None


def test_a_reference_is_found_inside_a_message():
    ref = new_reference()
    assert find_reference(f"status {ref.lower()}") == ref
    assert find_reference(f"whats happening with {ref.replace('-', '')}?") == ref
    assert find_reference("status please") is None
