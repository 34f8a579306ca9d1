"""The case a conversation makes is written once: each of its rows in one INSERT, with no UPDATE after it."""

from __future__ import annotations

from datetime import time

from sqlalchemy import event, select

from intake.extensions import db
from intake.models import Representation
from tests.domain.test_conversation import FULL, talk
from tests.factories import create_teams

TO_STORY = ["hi", "1", "1", "my worker never rings back", "done", "to be listened to", "my PA", "no", "yes"]


def test_a_texting_window_goes_into_the_cases_insert_and_the_case_is_never_updated(session, settings):
    talk(session, settings, TO_STORY)  # up to where they say texts are safe
    statements: list[str] = []

    def _seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", _seen)
    try:
        talk(session, settings, ["only mornings", "yes"])  # the window, then send
    finally:
        event.remove(db.engine, "before_cursor_execute", _seen)

    rep = session.scalar(select(Representation))
    assert (rep.contact_text_from, rep.contact_text_until) == (time(8), time(12))
    written = [" ".join(s.split()[:3]) for s in statements if s.lstrip().startswith(("INSERT", "UPDATE"))]
    assert "INSERT INTO representation" in written
    assert not [w for w in written if w.startswith("UPDATE representation ")]


def test_the_team_a_conversation_names_is_read_once_for_its_case(session, settings):
    create_teams(settings["COUNCIL_TEAMS"])
    lines, _story_at, _expected = FULL["en"]
    talk(session, settings, lines[:-1])  # up to the last answer
    statements: list[str] = []

    def _seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", _seen)
    try:
        talk(session, settings, lines[-1:])  # send
    finally:
        event.remove(db.engine, "before_cursor_execute", _seen)

    rep = session.scalar(select(Representation))
    assert rep.team is not None and rep.team.name == "Leaving care"
    assert len([s for s in statements if s.startswith("SELECT") and " FROM team" in s]) == 1, statements
