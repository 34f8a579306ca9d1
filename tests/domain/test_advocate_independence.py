"""Who may not be a child's advocate (rules-reference §1.8, §10 item 21): the case refuses its own handler, its
team's accounts and council staff without asking; everyone else declares all three parts first."""

from __future__ import annotations

import pytest

from intake.domain.advocate_independence import (
    HANDLER,
    NOT_DECLARED,
    NOT_SERVICE_MANAGER,
    NOT_SUBJECT,
    NOT_SUBJECTS_MANAGER,
    SAME_TEAM,
    STAFF_ACCOUNT,
    AdvocateDisqualified,
    Declaration,
    DeclarationMissing,
    check_advocate,
    disqualification,
)
from intake.models import Representation, Role, StaffUser, Stage

MESSAGES = {
    STAFF_ACCOUNT: "not an advocate",
    HANDLER: "handles it",
    SAME_TEAM: "same team",
    NOT_DECLARED: "declare all three",
}


def _advocate(**fields) -> StaffUser:
    return StaffUser(**{"id": 7, "email": "ade@advocacy.example", "role": Role.ADVOCATE, **fields})


def _case(**fields) -> Representation:
    return Representation(**{"assigned_to_id": 1, "team_id": 2, "stages": [], **fields})


def test_an_advocate_the_case_does_not_concern_is_not_disqualified():
    assert disqualification(_case(), _advocate()) is None
    assert disqualification(_case(team_id=None), _advocate(team_id=None)) is None


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADVOCATE])
def test_a_council_staff_account_can_never_be_a_childs_advocate(role):
    assert disqualification(_case(), _advocate(role=role)) == STAFF_ACCOUNT
    assert disqualification(None, _advocate(role=role)) == STAFF_ACCOUNT  # nor raise a case as one


def test_the_advocate_raising_a_new_case_is_disqualified_by_nothing_the_case_shows():
    assert disqualification(None, _advocate(team_id=2)) is None


def test_the_person_handling_the_case_cannot_be_its_advocate():
    assert disqualification(_case(assigned_to_id=7), _advocate()) == HANDLER


def test_the_handler_of_any_stage_cannot_be_its_advocate():
    stages = [Stage(number=1, handled_by_id=1), Stage(number=2, handled_by_id=7)]
    assert disqualification(_case(stages=stages), _advocate()) == HANDLER


def test_an_account_of_the_team_the_case_is_about_cannot_be_its_advocate():
    assert disqualification(_case(team_id=2), _advocate(team_id=2)) == SAME_TEAM
    assert disqualification(_case(team_id=None), _advocate(team_id=None)) is None


def test_a_declaration_is_complete_only_with_all_three_parts():
    assert Declaration.of([NOT_SUBJECT, NOT_SUBJECTS_MANAGER, NOT_SERVICE_MANAGER]).complete
    assert Declaration.whole().complete
    assert not Declaration.of([NOT_SUBJECT, NOT_SUBJECTS_MANAGER]).complete
    assert not Declaration.of(None).complete
    assert not Declaration.of(["made_up", "another", "third"]).complete


def test_parts_nobody_asked_for_are_ignored():
    assert Declaration.of([NOT_SUBJECT, "made_up"]).parts == {NOT_SUBJECT}


def test_what_the_case_shows_is_refused_before_the_declaration_is_asked_for():
    with pytest.raises(AdvocateDisqualified, match="handles it"):
        check_advocate(_case(assigned_to_id=7), _advocate(), Declaration.whole(), MESSAGES)


def test_an_incomplete_declaration_is_refused_in_the_words_the_page_gave():
    with pytest.raises(DeclarationMissing, match="declare all three"):
        check_advocate(_case(), _advocate(), Declaration.of([NOT_SUBJECT]), MESSAGES)


def test_an_advocate_with_the_whole_declaration_passes_on_a_case_and_on_a_new_one():
    assert check_advocate(_case(), _advocate(), Declaration.whole(), MESSAGES) is None  # no refusal raised
    assert check_advocate(None, _advocate(), Declaration.whole(), MESSAGES) is None
