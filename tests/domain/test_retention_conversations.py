"""Retention covers everything personal: two cases from one number, one purged, leave only the other's words;
unfinished conversations and drafts nobody came back to are deleted after ABANDONED_DAYS."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

from intake.domain import casework
from intake.domain.retention import purge_abandoned, purge_expired
from intake.extensions import db
from intake.models import Conversation, FormDraft, Message, Outcome, Representation
from intake.models.base import utcnow
from tests.factories import create_staff
from tests.support.twilio_webhooks import text

NUMBER = "+447700900123"
FIRST = ("My foster carer shouts at me every night about homework", "Someone to listen to me properly")
SECOND = ("The contact centre cancelled my visit with my brother again", "Let me see my brother at weekends")


def _text_a_case(client, settings, story: str, helps: str) -> None:
    for body in ("hi", "1", "1", "1", story, "DONE", helps, "SKIP", "NO", "NO", "SKIP", "YES"):
        text(client, settings, body, sender=NUMBER)


def everything_stored(session) -> str:
    """Every value in every table, as text: what a search of the database would find."""
    rows = []
    for table in db.metadata.sorted_tables:
        rows += [repr(tuple(row)) for row in session.execute(select(table)).all()]
    return "\n".join(rows)


def test_two_cases_from_one_number_and_one_purged_leave_every_word_of_the_other(client, settings, session):
    _text_a_case(client, settings, *FIRST)
    _text_a_case(client, settings, *SECOND)
    first, second = session.scalars(select(Representation).order_by(Representation.id)).all()
    assert FIRST[0] in first.what_happened and SECOND[0] in second.what_happened
    officer, day = create_staff(), first.received_on
    casework.record_response(session, first, officer, Outcome.UPHELD, day, day)
    casework.close(session, first, officer, settings, day)
    session.commit()
    later = date(day.year + 7, day.month, 1)
    assert [p.reference for p in purge_expired(session, later)] == [first.reference]
    session.commit()
    stored = everything_stored(session)
    assert not [words for words in FIRST if words in stored]
    assert first.reference not in session.scalar(select(Conversation)).state.get("cases", [])
    assert all(words in stored for words in SECOND)
    assert session.scalar(select(Representation)).reference == second.reference


def test_every_message_of_a_conversation_belongs_to_the_case_it_made(client, settings, session):
    _text_a_case(client, settings, *FIRST)
    rep = session.scalar(select(Representation))
    messages = session.scalars(select(Message)).all()
    assert messages and all(m.representation_id == rep.id for m in messages)


def _idle(session, days: int) -> None:
    then = utcnow() - timedelta(days=days)
    session.execute(update(Conversation).values(updated_at=then))
    session.execute(update(FormDraft).values(updated_at=then))
    session.commit()


def test_an_unfinished_conversation_and_draft_are_deleted_after_thirty_idle_days(client, settings, session):
    for body in ("hi", "1", "1", "1", "My key worker read my diary out loud"):
        text(client, settings, body, sender=NUMBER)
    session.add(FormDraft(id="d" * 40, answers={"what_happened": "The taxi never came to take me to school"}))
    session.commit()
    _idle(session, 29)
    assert purge_abandoned(session, utcnow(), 30).conversations == []
    _idle(session, 31)
    result = purge_abandoned(session, utcnow(), 30)
    session.commit()
    assert [(c.channel, c.deleted) for c in result.conversations] == [("sms", True)] and result.drafts == 1
    stored = everything_stored(session)
    assert "diary" not in stored and "taxi" not in stored and "7700900123" not in stored


def test_an_unfinished_story_after_a_case_goes_but_the_case_and_its_words_stay(client, settings, session):
    _text_a_case(client, settings, *FIRST)
    for body in ("hi", "1", "1", "1", "I want more pocket money on Saturdays please"):
        text(client, settings, body, sender=NUMBER)
    _idle(session, 31)
    result = purge_abandoned(session, utcnow(), 30)
    session.commit()
    assert [(c.deleted, c.messages > 0) for c in result.conversations] == [(False, True)]
    stored = everything_stored(session)
    assert "pocket money" not in stored and all(words in stored for words in FIRST)
    rep = session.scalar(select(Representation))
    assert session.scalar(select(Conversation)).state.get("cases") == [rep.reference]


def test_a_conversation_that_raised_an_alert_made_a_case_and_is_not_abandoned(client, settings, session):
    for body in ("hi", "1", "1", "1", "my dad hits me and I am scared to go home tonight"):
        text(client, settings, body, sender=NUMBER)
    rep = session.scalar(select(Representation))
    assert rep is not None and rep.safeguarding  # the disclosure made the case at once
    _idle(session, 31)
    purge_abandoned(session, utcnow(), 30)
    session.commit()
    assert "scared to go home" in everything_stored(session)


def test_the_purge_command_names_abandoned_conversations_by_id_only(app, client, settings, session):
    for body in ("hi", "1", "1", "1", "My key worker read my diary out loud"):
        text(client, settings, body, sender=NUMBER)
    _idle(session, 31)
    result = app.test_cli_runner().invoke(args=["purge-expired"])
    assert result.exit_code == 0 and "Deleted unfinished sms conversation" in result.output
    assert "7700" not in result.output and "diary" not in result.output
