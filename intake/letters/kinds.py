"""The kinds of letter, what the officer writes in each, and when each may be sent.

Each kind has fixed parts (rights, dates, contacts: written in ``wording``) and free parts the officer
writes ("what we found"). ``KindRules.needs`` names the sections every letter of the kind must carry and
``needs_for_child`` those a letter to a child or care leaver must also carry; ``compose`` refuses a letter
without them (rules-reference §10 items 11, 13, 18, 25).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from intake.letters.facts import LetterFacts
from intake.models import Kind, Outcome, Procedure, Status

FREE_PART_LIMIT = 3000  # characters in one free part: about a page
NAME_LIMIT = 200
ADDRESS_LIMIT = 500


class LetterKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    EXTENSION = "extension"
    STAGE1_RESPONSE = "stage1_response"
    STAGE2_ADJUDICATION = "stage2_adjudication"
    STAGE3_RESPONSE = "stage3_response"
    REFUSAL = "refusal"
    WITHDRAWAL = "withdrawal"
    PAUSE = "pause"


@dataclass(frozen=True)
class Part:
    """Something the officer writes or chooses. A part with ``options`` is a choice, otherwise free text."""

    name: str
    label: LazyString
    hint: LazyString | None = None
    required: bool = False
    required_when: tuple[str, str] | None = None  # (another part, its value): required only then
    options: tuple[tuple[str, LazyString], ...] = ()

    @property
    def is_choice(self) -> bool:
        return bool(self.options)


@dataclass(frozen=True)
class KindRules:
    kind: LetterKind
    name: LazyString
    summary: LazyString
    parts: tuple[Part, ...]
    needs: frozenset[str]
    needs_for_child: frozenset[str] = frozenset()
    responds_to_stage: int | None = None  # sending it records that stage's response, if none is recorded
    unavailable: Callable[[LetterFacts], LazyString | None] = lambda facts: None


OUTCOME = Part(
    "outcome",
    _l("Our answer"),
    options=(
        (Outcome.UPHELD.value, _l("Upheld: we agree with the complaint")),
        (Outcome.PARTLY_UPHELD.value, _l("Partly upheld: we agree with part of it")),
        (Outcome.NOT_UPHELD.value, _l("Not upheld: we do not agree with it")),
    ),
    required=True,
)
WHAT_WE_WILL_DO = Part("actions", _l("What we will do"), _l("Optional. Each thing on its own line."))


def _needs_complaint(facts: LetterFacts) -> LazyString | None:
    if facts.kind is not Kind.COMPLAINT:
        return _l("This letter is about a complaint. This case is not a complaint.")
    if facts.procedure is Procedure.UNDECIDED:
        return _l("Choose the procedure at triage first: the letter says which procedure we follow.")
    return None


def _acknowledgement(facts: LetterFacts) -> LazyString | None:
    if reason := _needs_complaint(facts):
        return reason
    if facts.stage1_due is None:
        return _l("Stage 1 has no due date yet. Triage the case first.")
    return None


def _extension(facts: LetterFacts) -> LazyString | None:
    stage = facts.current_stage
    if stage is None or not stage.open or not stage.extension_reason:
        return _l("Record the extension on the case first: this letter gives its new date and reason.")
    return None


def _response_to(number: int) -> Callable[[LetterFacts], LazyString | None]:
    def unavailable(facts: LetterFacts) -> LazyString | None:
        if reason := _needs_complaint(facts):
            return reason
        stage = facts.stage(number)
        if stage is None:
            return _l("This case has no stage %(number)s.", number=number)
        if stage.open and facts.current_stage is not stage:
            return _l("Stage %(number)s is not the current stage.", number=number)
        if number == 2 and stage.open and not (facts.investigating_officer and facts.independent_person):
            return _l("Record the Investigating Officer and the Independent Person first.")
        return None

    return unavailable


def _stage3_response(facts: LetterFacts) -> LazyString | None:
    if reason := _response_to(3)(facts):
        return reason
    if any(not r.accepted and not r.reasons.strip() for r in facts.recommendations):
        return _l("A recommendation we do not accept needs our reasons in writing. Record them first.")
    return None


def _withdrawal(facts: LetterFacts) -> LazyString | None:
    if facts.status is not Status.WITHDRAWN:
        return _l("Record the withdrawal on the case first.")
    return None


def _pause(facts: LetterFacts) -> LazyString | None:
    if facts.kind is not Kind.COMPLAINT:
        return _l("This letter is about a complaint. This case is not a complaint.")
    if not facts.is_open:
        return _l("The case is closed: there is nothing to put on hold.")
    if facts.status is not Status.PAUSED:
        return _l("Pause the case first: this letter tells them it is on hold.")
    return None


RULES: dict[LetterKind, KindRules] = {
    r.kind: r
    for r in (
        KindRules(
            LetterKind.ACKNOWLEDGEMENT,
            _l("Acknowledgement"),
            _l("We have the complaint: the procedure, who is handling it, the stage 1 date, advocacy, the Ombudsman."),
            (Part("summary", _l("What we understand the complaint is about"), _l("Optional. In plain words.")),),
            needs=frozenset({"procedure", "handler", "due", "ombudsman"}),
            needs_for_child=frozenset({"advocacy"}),
            unavailable=_acknowledgement,
        ),
        KindRules(
            LetterKind.EXTENSION,
            _l("Extension"),
            _l("We need more time: the new date, why, and the Ombudsman."),
            (Part("reason", _l("Why we need more time"), required=True),),
            needs=frozenset({"new_date", "reason", "ombudsman"}),
            unavailable=_extension,
        ),
        KindRules(
            LetterKind.STAGE1_RESPONSE,
            _l("Stage 1 response"),
            _l("Our answer at stage 1, what we agreed, and how to ask for stage 2."),
            (
                OUTCOME,
                Part("findings", _l("What we found"), required=True),
                WHAT_WE_WILL_DO,
                Part(
                    "resolved",
                    _l("Did they agree that this puts things right?"),
                    options=(("yes", _l("Yes: set out the terms of resolution")), ("no", _l("No, or not yet"))),
                    required=True,
                ),
                Part("terms", _l("What we agreed (the terms of resolution)"), required_when=("resolved", "yes")),
            ),
            needs=frozenset({"outcome", "findings", "next_stage"}),
            responds_to_stage=1,
            unavailable=_response_to(1),
        ),
        KindRules(
            LetterKind.STAGE2_ADJUDICATION,
            _l("Stage 2 adjudication"),
            _l("The decision on each point after the investigation, what we will do, and the right to stage 3."),
            (
                OUTCOME,
                Part("decisions", _l("Our decision on each point"), _l("Each point on its own line."), required=True),
                WHAT_WE_WILL_DO,
            ),
            needs=frozenset({"investigation", "outcome", "decisions", "next_stage"}),
            responds_to_stage=2,
            unavailable=_response_to(2),
        ),
        KindRules(
            LetterKind.STAGE3_RESPONSE,
            _l("Stage 3 response"),
            _l("Our answer to the review panel, each recommendation accepted or not with reasons, the Ombudsman."),
            (
                OUTCOME,
                Part(
                    "response",
                    _l("Each recommendation, and whether we accept it"),
                    _l("Give reasons for any recommendation we do not accept."),
                    required=True,
                ),
            ),
            needs=frozenset({"recommendations", "next_stage"}),
            responds_to_stage=3,
            unavailable=_stage3_response,
        ),
        KindRules(
            LetterKind.REFUSAL,
            _l("Refusal"),
            _l("We cannot look into the complaint, or move it on: why, and the right to go to the Ombudsman."),
            (
                Part(
                    "refused",
                    _l("What are we refusing?"),
                    options=(
                        ("complaint", _l("To look into the complaint")),
                        ("next_stage", _l("To move it to the next stage")),
                    ),
                    required=True,
                ),
                Part("reason", _l("Why"), _l("The reasons for our decision, in plain words."), required=True),
            ),
            needs=frozenset({"reason", "ombudsman"}),
            unavailable=_needs_complaint,
        ),
        KindRules(
            LetterKind.WITHDRAWAL,
            _l("Withdrawal"),
            _l("Confirms that they stopped the complaint, and that they can come back to us."),
            (Part("note", _l("Anything else to say"), _l("Optional.")),),
            needs=frozenset({"closed", "come_back"}),
            unavailable=_withdrawal,
        ),
        KindRules(
            LetterKind.PAUSE,
            _l("Pause for other proceedings"),
            _l("We will not look into it while other proceedings go on (reg 8); they can ask again afterwards."),
            (
                Part(
                    "proceedings",
                    _l("What the other proceedings are"),
                    _l("For example: the court case about where you live."),
                    required=True,
                ),
            ),
            needs=frozenset({"proceedings", "resubmit", "ombudsman"}),
            unavailable=_pause,
        ),
    )
}


def rules_for(kind: str) -> KindRules | None:
    try:
        return RULES[LetterKind(kind)]
    except ValueError:
        return None
