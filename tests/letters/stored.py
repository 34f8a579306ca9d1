"""A letter stored on a case, for tests elsewhere that need one to exist (the route-access matrix)."""

from __future__ import annotations

from datetime import date

from flask import current_app

from intake.data.letters import letters_for_case
from intake.extensions import db
from intake.letters.bodies import letter_text
from intake.letters.compose import LetterDraft, compose
from intake.letters.kinds import RULES, LetterKind
from intake.letters.sending import letter_facts
from intake.models import Letter, LetterMethod, Representation, StaffUser


def stored_letter(session, rep: Representation, staff: StaffUser) -> Letter:
    """A pause letter on ``rep``, as if printed for post by ``staff``."""
    facts = letter_facts(session, rep, current_app.config, date(2026, 11, 4))
    draft = LetterDraft(LetterKind.PAUSE, parts={"proceedings": "The court case."})
    composed = compose(facts, draft, RULES[LetterKind.PAUSE])
    letter = Letter(
        representation_id=rep.id,
        kind=composed.kind,
        language=composed.language,
        method=LetterMethod.POST,
        content=composed.to_json(),
        body_text=letter_text(composed),
        sent_by=staff.email,
    )
    session.add(letter)
    session.flush()
    return letter


def letter_ids_on(rep: Representation) -> list[int]:
    return [letter.id for letter in letters_for_case(db.session, rep.id)]
