"""A new case is written with one INSERT per row and comes back as the ORM would have left it after a flush."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, select

from intake.data.cases import add_case, new_case
from intake.models import Channel, ContactMethod, Kind, Procedure, Representation, Stage, Status, SubmittedBy
from intake.models.base import utcnow


def _columns(**overrides):
    return {
        "reference": "B4TT-9QXR",
        "kind": Kind.COMPLAINT,
        "channel": Channel.SMS,
        "submitted_by": SubmittedBy.CHILD,
        "what_happened": "my allowance stopped <b>and nobody told me</b> 😢",
        "received_at": utcnow(),
        "received_on": date(2026, 12, 7),
        **overrides,
    }


def _written(session, reference: str) -> dict:
    """The stored row, read past the session (a fresh Core read)."""
    table = Representation.__table__
    row = session.connection().execute(select(table).where(table.c.reference == reference)).mappings().one()
    return dict(row)


def test_a_new_case_is_persistent_with_nothing_left_to_flush(session):
    rep = add_case(session, new_case(_columns(), [{"number": 1, "started_on": date(2026, 12, 7)}], ["money"]))

    state = inspect(rep)
    assert state.persistent and not state.modified
    assert not session.new and not session.dirty
    assert rep.id == _written(session, rep.reference)["id"]
    session.rollback()


def test_columns_left_out_take_the_models_defaults_in_the_object_and_the_row(session):
    rep = add_case(session, new_case(_columns(), [], []))

    written = _written(session, rep.reference)
    assert (rep.status, written["status"]) == (Status.NEW, Status.NEW)
    assert (rep.procedure, written["procedure"]) == (Procedure.UNDECIDED, Procedure.UNDECIDED)
    assert (rep.preferred_contact, written["preferred_contact"]) == (ContactMethod.NONE, ContactMethod.NONE)
    assert rep.language == written["language"] == "en"
    assert rep.legal_hold is written["legal_hold"] is False
    assert rep.created_at is not None and written["created_at"] is not None
    assert rep.assigned_to_id is None and written["assigned_to_id"] is None
    session.rollback()


def test_every_column_of_the_object_matches_the_stored_row(session):
    rep = add_case(session, new_case(_columns(contact_phone="+447700900123", wants_contact=True), [], []))

    written = _written(session, rep.reference)
    assert {key: getattr(rep, key) for key in written} == written
    session.rollback()


def test_the_persons_words_are_stored_exactly_as_written(session):
    words = "he said <kill myself> was a joke & laughed 🙃"
    rep = add_case(session, new_case(_columns(what_happened=words), [], []))

    assert _written(session, rep.reference)["what_happened"] == words
    session.rollback()


def test_the_stages_and_categories_are_loaded_and_point_back_at_the_case(session):
    stage = {"number": 1, "started_on": date(2026, 12, 7), "due_on": date(2026, 12, 21)}
    rep = add_case(session, new_case(_columns(), [stage], ["money", "leaving_care"]))

    assert [(s.number, s.due_on) for s in rep.stages] == [(1, date(2026, 12, 21))]
    assert rep.stages[0].representation is rep and rep.stages[0].paused_working_days == 0
    assert rep.category_codes == ["money", "leaving_care"]
    assert all(c.representation is rep for c in rep.categories)
    stored = session.connection().execute(select(Stage.__table__.c.due_on).where(Stage.representation_id == rep.id))
    assert stored.scalars().all() == [date(2026, 12, 21)]
    session.rollback()


def test_a_later_change_to_a_new_case_is_written_by_the_next_flush(session):
    rep = add_case(session, new_case(_columns(), [{"number": 1, "started_on": date(2026, 12, 7)}], []))

    rep.status = Status.OPEN
    rep.stages[0].due_on = date(2026, 12, 22)
    session.flush()

    assert _written(session, rep.reference)["status"] == Status.OPEN
    due = session.connection().execute(select(Stage.__table__.c.due_on).where(Stage.representation_id == rep.id))
    assert due.scalar_one() == date(2026, 12, 22)
    session.rollback()


def test_a_new_case_built_and_not_yet_written_is_not_in_the_session_and_has_its_defaults(session):
    built = new_case(_columns(), [{"number": 1, "started_on": date(2026, 12, 7)}], ["money"])

    assert inspect(built.representation).transient
    assert built.representation.status is Status.NEW and built.stages[0].paused_working_days == 0
    assert not session.new


def test_a_case_is_found_by_the_session_without_reading_it_again(session):
    rep = add_case(session, new_case(_columns(), [], []))

    assert session.get(Representation, rep.id) is rep
    session.rollback()
