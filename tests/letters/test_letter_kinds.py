"""Each kind of letter says what the rules require, and refuses to be sent without it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from intake.letters.compose import LetterDraft, LetterError, LetterProblems, compose, officer_words
from intake.letters.kinds import FREE_PART_LIMIT, RULES, LetterKind
from intake.letters.sending import letter_facts
from intake.models import SubmittedBy
from tests.letters.conftest import TODAY

pytestmark = pytest.mark.usefixtures("staff_request")


def _facts(session, settings, rep):
    return letter_facts(session, rep, settings, TODAY)


def _text(letter) -> str:
    return "\n".join(p.text for s in letter.sections for p in s.paragraphs)


def test_an_acknowledgement_to_a_child_gives_the_procedure_the_handler_the_due_date_an_advocate_and_the_ombudsman(
    session, settings, make_case
):
    rep = make_case()
    letter = compose(
        _facts(session, settings, rep), LetterDraft(LetterKind.ACKNOWLEDGEMENT), RULES[LetterKind.ACKNOWLEDGEMENT]
    )
    assert {"procedure", "handler", "due", "advocacy", "ombudsman"} <= letter.keys
    text = _text(letter)
    assert "Monday, 16 November 2026" in text  # received Monday 2 November + 10 working days
    assert "An advocate is someone who is on your side" in text
    assert "To ask for one, call 0800 123 4567." in text
    assert "www.lgo.org.uk, 0300 061 0614" in text
    assert rep.reference in letter.reference_line


def test_an_acknowledgement_to_a_child_without_the_advocacy_block_is_refused(session, settings, make_case):
    """rules-reference §10 item 11: the template is checked, so a letter that lost the block cannot go."""
    rules = RULES[LetterKind.ACKNOWLEDGEMENT]
    facts = _facts(session, settings, make_case())
    letter = compose(facts, LetterDraft(LetterKind.ACKNOWLEDGEMENT), rules)
    without = tuple(s for s in letter.sections if s.key != "advocacy")
    lost = replace(rules, needs=rules.needs | {"advocacy"})
    from intake.letters import compose as composing

    with pytest.raises(LetterError, match="advocacy"):
        composing._check_complete(lost, facts, replace(letter, sections=without))


def test_an_acknowledgement_to_a_parent_names_the_regulations_and_needs_no_advocacy_block(session, settings, make_case):
    rep = make_case(submitted_by=SubmittedBy.PARENT)
    letter = compose(
        _facts(session, settings, rep), LetterDraft(LetterKind.ACKNOWLEDGEMENT), RULES[LetterKind.ACKNOWLEDGEMENT]
    )
    assert "Representations Procedure (England) Regulations 2006" in _text(letter)
    assert letter.sign_off == "Yours sincerely,"


@pytest.mark.parametrize(
    ("kind", "parts", "field"),
    [
        (LetterKind.STAGE1_RESPONSE, {"outcome": "upheld", "resolved": "no"}, "findings"),
        (LetterKind.STAGE1_RESPONSE, {"outcome": "upheld", "resolved": "yes", "findings": "We found it."}, "terms"),
        (LetterKind.STAGE1_RESPONSE, {"resolved": "no", "findings": "We found it."}, "outcome"),
        (LetterKind.REFUSAL, {"refused": "complaint"}, "reason"),
    ],
)
def test_a_letter_missing_a_required_free_part_is_refused_naming_the_part(
    session, settings, make_case, kind, parts, field
):
    facts = _facts(session, settings, make_case())
    with pytest.raises(LetterProblems) as refused:
        compose(facts, LetterDraft(kind, parts=parts), RULES[kind])
    assert field in refused.value.problems


def test_a_response_without_the_right_to_the_next_stage_is_refused(session, settings, make_case):
    rules = RULES[LetterKind.STAGE1_RESPONSE]
    facts = _facts(session, settings, make_case())
    draft = LetterDraft(LetterKind.STAGE1_RESPONSE, parts={"outcome": "upheld", "resolved": "no", "findings": "x"})
    letter = compose(facts, draft, rules)
    assert "next_stage" in letter.keys and "20 working days" in _text(letter)
    from intake.letters import compose as composing

    with pytest.raises(LetterError, match="next_stage"):
        composing._check_complete(
            rules, facts, replace(letter, sections=tuple(s for s in letter.sections if s.key != "next_stage"))
        )


def test_free_parts_keep_markup_and_emoji_as_written_and_lose_only_controls_and_bidi_overrides():
    typed = "<b>We</b> agree & we're sorry 😀\r\nLine two\x07 \u202eevil\u202c"
    assert officer_words(typed) == "<b>We</b> agree & we're sorry 😀\nLine two evil"


def test_a_very_long_free_part_is_refused_with_its_length(session, settings, make_case):
    facts = _facts(session, settings, make_case())
    draft = LetterDraft(LetterKind.REFUSAL, parts={"refused": "complaint", "reason": "x" * (FREE_PART_LIMIT + 1)})
    with pytest.raises(LetterProblems) as refused:
        compose(facts, draft, RULES[LetterKind.REFUSAL])
    assert refused.value.problems["reason"] == "Keep this to 3,000 characters or fewer. It has 3,001."


def test_a_preview_marks_the_parts_still_to_write_instead_of_refusing(session, settings, make_case):
    facts = _facts(session, settings, make_case())
    letter = compose(
        facts, LetterDraft(LetterKind.REFUSAL, parts={"refused": "complaint"}), RULES[LetterKind.REFUSAL], strict=False
    )
    assert [s.missing for s in letter.sections if s.missing] == ["Why"]
