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


def test_an_extension_letter_gives_the_new_date_the_old_one_and_the_reason(session, settings, make_case, officer):
    from datetime import date

    from intake.domain import casework

    rep = make_case()
    casework.extend(session, rep, officer, settings, date(2026, 11, 30), "Three teams are involved.")
    session.commit()
    letter = compose(
        _facts(session, settings, rep),
        LetterDraft(LetterKind.EXTENSION, parts={"reason": "Three teams."}),
        RULES[LetterKind.EXTENSION],
    )
    text = _text(letter)
    assert "We will send you our answer by Monday, 30 November 2026." in text
    assert "Before, we said Monday, 16 November 2026." in text and "Three teams." in text
    assert {"new_date", "reason", "ombudsman"} <= letter.keys


def _stage_facts(session, settings, rep, **changes):
    return replace(_facts(session, settings, rep), **changes)


def test_a_stage_2_adjudication_names_who_investigated_and_gives_the_right_to_stage_3(session, settings, make_case):
    from intake.letters.facts import StageFacts

    rep = make_case()
    stage2 = StageFacts(2, True, None, None, None, None, None)
    facts = _stage_facts(
        session,
        settings,
        rep,
        stages=(*_facts(session, settings, rep).stages, stage2),
        investigating_officer="Ann Jones",
        independent_person="Bob Smith",
    )
    draft = LetterDraft(
        LetterKind.STAGE2_ADJUDICATION, parts={"outcome": "not_upheld", "decisions": "Point 1: not upheld."}
    )
    text = _text(compose(facts, draft, RULES[LetterKind.STAGE2_ADJUDICATION]))
    assert "Ann Jones looked into your complaint." in text and "Bob Smith checked that it was done fairly." in text
    assert "you can ask for stage 3" in text and "Point 1: not upheld." in text


def test_a_stage_3_response_lists_each_recommendation_and_refuses_a_rejection_without_reasons(
    session, settings, make_case
):
    from intake.letters.facts import Recommendation, StageFacts

    rep = make_case()
    stages = (*_facts(session, settings, rep).stages, StageFacts(3, True, None, None, None, None, None))
    accepted, rejected = Recommendation("Apologise.", True), Recommendation("Pay £500.", False, "We paid £250.")
    facts = _stage_facts(
        session, settings, rep, stages=stages, recommendations=(accepted, rejected), independent_person="Bob Smith"
    )
    rules = RULES[LetterKind.STAGE3_RESPONSE]
    draft = LetterDraft(LetterKind.STAGE3_RESPONSE, parts={"outcome": "partly_upheld", "response": "As above."})
    text = _text(compose(facts, draft, rules))
    assert "The panel said: Apologise. We accept this." in text
    assert "The panel said: Pay £500. We do not accept this, because: We paid £250." in text
    assert "We wrote this answer with Bob Smith" in text and "Local Government and Social Care Ombudsman" in text
    unexplained = replace(facts, recommendations=(Recommendation("Pay £500.", False, " "),))
    assert "needs our reasons in writing" in str(rules.unavailable(unexplained))


def test_a_pause_letter_says_they_may_ask_again_after_the_proceedings(session, settings, make_case):
    facts = _facts(session, settings, make_case())
    draft = LetterDraft(LetterKind.PAUSE, parts={"proceedings": "The court case about where you live."})
    letter = compose(facts, draft, RULES[LetterKind.PAUSE])
    text = _text(letter)
    assert "The court case about where you live." in text
    assert "When they have finished, you can ask us to look at your complaint again." in text
    assert {"proceedings", "resubmit", "ombudsman"} <= letter.keys


def test_a_withdrawal_letter_confirms_it_is_closed_and_they_can_come_back(session, settings, make_case, officer):
    from intake.domain import casework

    rep = make_case()
    casework.withdraw(session, rep, officer, settings, TODAY, "They told us on the phone.")
    session.commit()
    letter = compose(_facts(session, settings, rep), LetterDraft(LetterKind.WITHDRAWAL), RULES[LetterKind.WITHDRAWAL])
    assert "We have closed your complaint." in _text(letter) and "You can come back to us at any time." in _text(letter)
