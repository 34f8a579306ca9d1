"""Case notes: what staff write on a case, kept as plain text and escaped on the page."""

from __future__ import annotations

from sqlalchemy.orm import Session

from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError
from intake.domain.sanitise import clean_text
from intake.models import CaseNote, Representation, StaffUser

NOTE_LIMIT = 5000


def add_note(session: Session, rep: Representation, staff: StaffUser, text: str) -> CaseNote:
    body = clean_text(text)
    if not body:
        raise CaseworkError("Enter a note.")
    if len(body) > NOTE_LIMIT:
        raise CaseworkError(f"A note must be {NOTE_LIMIT} characters or fewer.")
    note = CaseNote(representation_id=rep.id, author_id=staff.id, author=staff.email, body=body)
    session.add(note)
    record_event(session, "note_added", representation=rep, staff=staff)
    return note
