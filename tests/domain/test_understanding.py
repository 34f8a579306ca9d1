"""Reading natural replies: numbers, words, text-speak, misspellings, Polish and Arabic."""

from __future__ import annotations

import pytest

from intake.domain import understanding as u
from intake.domain.references import new_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", "complaint"),
        ("1.", "complaint"),
        ("one", "complaint"),
        ("1️⃣", "complaint"),
        ("١", "complaint"),
        ("i want to complain", "complaint"),
        ("Complane", "complaint"),
        ("compliant", "complaint"),
        ("somethings wrong", "complaint"),
        ("something’s WRONG!!", "complaint"),
        ("not happy", "complaint"),
        ("2", "compliment"),
        ("say thank you", "compliment"),
        ("thx", "compliment"),
        ("compliment", "compliment"),
        ("3", "comment"),
        ("i have an idea", "comment"),
        ("suggestion", "comment"),
        ("4", "contact"),
        ("can someone call me", "contact"),
        ("get in touch", "contact"),
        ("skarga", "complaint"),
        ("chcę podziękować", "compliment"),
        ("mam pomysł", "comment"),
        ("شكوى", "complaint"),
        ("شكرا", "compliment"),
        ("عندي فكرة", "comment"),
        ("5", None),
        ("banana", None),
        ("", None),
        ("😀😀", None),
    ],
)
def test_what_someone_wants_is_read_from_numbers_words_and_misspellings(text, expected):
    assert u.choose(text, u.KIND_OPTIONS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", "me"),
        ("me", "me"),
        ("its about me", "me"),
        ("it's about ME", "me"),
        ("myself", "me"),
        ("2", "other"),
        ("someone else", "other"),
        ("my mum", "other"),
        ("my little brother", "other"),
        ("o mnie", "me"),
        ("ktoś inny", "other"),
        ("عني", "me"),
        ("شخص آخر", "other"),
    ],
)
def test_who_it_is_about_is_understood(text, expected):
    assert u.choose(text, u.ABOUT_OPTIONS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", "foster_carer"),
        ("im her foster carer", "foster_carer"),
        ("foster mum", "foster_carer"),
        ("mum", "parent"),
        ("I'm his dad", "parent"),
        ("advocate", "advocate"),
        ("teacher", "professional"),
        ("social worker", "professional"),
        ("nan", "carer"),
        ("rodzic", "parent"),
        ("معلم", "professional"),
    ],
)
def test_who_is_writing_is_understood(text, expected):
    assert u.choose(text, u.ROLE_OPTIONS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Yeah", True),
        ("yep", True),
        ("ye", True),
        ("yesss", True),
        ("ok", True),
        ("sure", True),
        ("yeah thats fine", True),
        ("tak", True),
        ("نعم", True),
        ("yse", True),
        ("no", False),
        ("nah", False),
        ("no thanks", False),
        ("nope", False),
        ("nah its my mums phone", False),
        ("nie", False),
        ("لا", False),
        ("maybe", None),
        ("", None),
        ("yes no", None),
        ("🤷", None),
    ],
)
def test_yes_and_no_are_read_from_everyday_words(text, expected):
    assert u.yes_no(text) is expected


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("done", "only"),
        ("DONE.", "only"),
        ("thats it", "only"),
        ("that's all", "only"),
        ("nothing else", "only"),
        ("gotowe", "only"),
        ("تم", "only"),
        ("and then she shouted at me. thats it", "end"),
        ("he never came. done", "end"),
        ("he done it again", ""),
        ("i am not done with this yet he keeps", ""),
    ],
)
def test_finishing_the_story_is_recognised(text, signal):
    assert u.done_signal(text) == signal


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("STOP", "opt_out"),
        (" stop ", "opt_out"),
        ("Unsubscribe", "opt_out"),
        ("quit", "opt_out"),
        ("END", "opt_out"),
        ("optout", "opt_out"),
        ("start", "opt_in"),
        ("UNSTOP", "opt_in"),
        ("make it stop", None),
        ("please stop moving me", None),
        ("stop it", None),
        ("start again", None),
    ],
)
def test_only_the_exact_single_keyword_opts_out(text, keyword):
    assert u.sms_keyword(text) == keyword


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("my PA", "Leaving care"),
        ("my leaving care worker", "Leaving care"),
        ("the foster carer", "Fostering"),
        ("my fosterers", "Fostering"),
        ("Fostering", "Fostering"),
        ("dont know", None),
        ("my social worker", None),
        ("rodzina zastępcza", "Fostering"),
    ],
)
def test_free_text_about_a_service_maps_to_a_configured_team(text, team):
    assert u.match_team(text, ("Leaving care", "Fostering", "Other")) == team


def test_a_team_that_is_not_configured_is_never_chosen():
    assert u.match_team("my PA", ("Fostering", "Other")) is None


def test_a_reference_is_a_status_request_alone_or_after_status():
    ref = new_reference()
    assert u.status_reference(ref) == ref
    assert u.status_reference(f"STATUS {ref.lower()}") == ref
    assert u.status_reference(f"status {ref.replace('-', '')}?") == ref
    assert u.status_reference(f"my worker said {ref} is wrong") is None
    assert u.status_reference(f"my worker said {ref} is wrong", anywhere=True) == ref
    assert u.status_reference("STATUS AAAA-AAAB") is None  # wrong check character


@pytest.mark.parametrize("text", ["help", "HELP", "Help!", "pomoc", "مساعدة"])
def test_help_is_understood_in_every_language(text):
    assert u.is_help(text)


def test_help_inside_a_sentence_is_not_the_help_keyword():
    assert not u.is_help("help me he keeps hitting me")
    assert u.is_restart("Start again") and u.is_restart("od nowa") and not u.is_restart("start")
