"""Plain words: the fixed parts of every letter, checked with textstat's Flesch-Kincaid grade.

Letters to children and young people aim at a reading age of about 9 (grade 5 or lower, rules-reference
§10 item 39); letters to adults may be plainer-professional (grade 8 or lower). Only our fixed words are
measured: the officer's own words are theirs to write.
"""

from __future__ import annotations

from datetime import date

import pytest
import textstat

from intake.letters.compose import LetterDraft, compose
from intake.letters.facts import Council, LetterFacts, Recommendation, StageFacts
from intake.letters.kinds import RULES, LetterKind
from intake.models import Kind, Procedure, Status

pytestmark = pytest.mark.usefixtures("staff_request")

PARTS = {
    "outcome": "partly_upheld",
    "resolved": "yes",
    "refused": "complaint",
    **{name: "Written by the officer." for name in ("findings", "terms", "decisions", "response", "reason")},
    **{name: "Written by the officer." for name in ("proceedings", "summary", "note", "actions")},
}


def _facts(for_child: bool, kind: LetterKind, procedure: Procedure) -> LetterFacts:
    stages = tuple(
        StageFacts(n, True, date(2026, 11, 30), date(2026, 11, 16), "It is complex.", None, None) for n in (1, 2, 3)
    )
    return LetterFacts(
        reference="K7QM-3XPD",
        kind=Kind.COMPLAINT,
        procedure=procedure,
        status=Status.WITHDRAWN if kind is LetterKind.WITHDRAWAL else Status.OPEN,
        for_child=for_child,
        language="en",
        name="Sam",
        handled_by="Olu Officer",
        today=date(2026, 11, 4),
        received_on=date(2026, 11, 2),
        acknowledged=False,
        stage1_due=date(2026, 11, 16),
        stages=stages,
        advocate=None,
        escalate_by=date(2026, 12, 2),
        council=Council(
            "Demo Borough Council",
            ("Town Hall",),
            "0800 123 4567",
            "complaints@council.example",
            "www.lgo.org.uk, 0300 061 0614",
        ),
        investigating_officer="Ann Jones",
        independent_person="Bob Smith",
        panel_met_on=date(2027, 1, 5),
        recommendations=(Recommendation("Say sorry.", True), Recommendation("Pay £100.", False, "We paid already.")),
    )


def fixed_words(kind: LetterKind, for_child: bool, procedure: Procedure = Procedure.STATUTORY) -> str:
    letter = compose(_facts(for_child, kind, procedure), LetterDraft(kind, parts=PARTS), RULES[kind])
    headings = [s.heading + "." for s in letter.sections if s.heading]
    paragraphs = [p.text for s in letter.sections for p in s.paragraphs if not p.officer]
    return " ".join([letter.title + ".", *headings, *paragraphs])


@pytest.mark.parametrize("procedure", [Procedure.STATUTORY, Procedure.CORPORATE])
@pytest.mark.parametrize("kind", list(LetterKind))
def test_the_fixed_words_of_a_letter_to_a_child_read_at_grade_5_or_below(kind, procedure):
    grade = textstat.flesch_kincaid_grade(fixed_words(kind, True, procedure))
    assert grade <= 5, f"{kind.value} to a child reads at grade {grade}"


@pytest.mark.parametrize("kind", list(LetterKind))
def test_the_fixed_words_of_a_letter_to_an_adult_read_at_grade_8_or_below(kind):
    grade = textstat.flesch_kincaid_grade(fixed_words(kind, False))
    assert grade <= 8, f"{kind.value} to an adult reads at grade {grade}"


def test_the_measure_reads_our_words_not_the_officers():
    words = fixed_words(LetterKind.STAGE1_RESPONSE, True)
    assert "Written by the officer." not in words and "We agree with part of your complaint." in words
