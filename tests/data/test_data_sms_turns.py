"""The SMS turn's statements (read the conversation, save its state with the message), run through ``Prepared``:
the same values SQLAlchemy's own execution gives, and a stale write changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intake.data import conversations
from intake.extensions import db
from intake.models import Conversation, Message

NUMBER = "+447700900701"


def _first_turn(sid: str = "SM-first") -> Conversation:
    with db.engine.begin() as connection:
        conversation, version, _replayed = conversations.sms_conversation(connection, NUMBER, sid)
        conversation.state = {"step": "menu", "lang": "pl", "story": ["zażółć gęślą jaźń 😀 <b>"]}
        conversation.language = "pl"
        conversations.save_sms_turn(
            connection, conversation, version, True, {"body": "hi", "provider_sid": sid, "reply": "<Response />"}
        )
    return conversation


def test_a_conversation_read_for_a_turn_has_the_values_the_orm_reads(session):
    made = _first_turn()
    with db.engine.connect() as connection:
        conversation, version, replayed = conversations.sms_conversation(connection, NUMBER, "SM-new")
    stored = session.get(Conversation, made.id)
    assert conversation.id == stored.id
    assert conversation.state == stored.state == {"step": "menu", "lang": "pl", "story": ["zażółć gęślą jaźń 😀 <b>"]}
    assert conversation.language == "pl"
    assert version == stored.updated_at and version.tzinfo is not None  # a timezone-aware UTC time, as the ORM gives
    assert replayed is None


def test_a_message_sid_already_answered_is_read_back_with_its_reply(session):
    _first_turn("SM-again")
    with db.engine.connect() as connection:
        _conversation, _version, replayed = conversations.sms_conversation(connection, NUMBER, "SM-again")
    assert replayed == "<Response />"
    assert conversations.stored_reply(session, "SM-again") == "<Response />"
    assert conversations.stored_reply(session, "SM-never") is None


def test_a_turn_saved_against_the_version_it_read_moves_the_state_and_stores_the_message(session):
    _first_turn()
    with db.engine.begin() as connection:
        conversation, version, _ = conversations.sms_conversation(connection, NUMBER, "SM-second")
        conversation.state = {**conversation.state, "step": "story"}
        conversations.save_sms_turn(
            connection, conversation, version, True, {"body": "2", "provider_sid": "SM-second", "reply": "<R/>"}
        )
    session.expire_all()
    stored = session.scalar(select(Conversation).where(Conversation.address == NUMBER))
    assert stored.state["step"] == "story" and stored.updated_at > version
    message = session.scalar(select(Message).where(Message.provider_sid == "SM-second"))
    assert (message.conversation_id, message.direction, message.body, message.reply) == (stored.id, "in", "2", "<R/>")
    assert message.created_at.tzinfo is not None


def test_a_turn_saved_against_an_old_version_changes_nothing_and_says_it_is_stale(session):
    made = _first_turn()
    old = datetime.now(UTC) - timedelta(days=1)
    with db.engine.connect() as connection:
        conversation, _version, _ = conversations.sms_conversation(connection, NUMBER, "SM-late")
        conversation.state = {"step": "overwritten"}
        with pytest.raises(conversations.StaleConversation):
            conversations.save_sms_turn(
                connection, conversation, old, True, {"body": "late", "provider_sid": "SM-late", "reply": "<R/>"}
            )
        connection.rollback()
    session.expire_all()
    assert session.get(Conversation, made.id).state["step"] == "menu"
    assert session.scalar(select(Message).where(Message.provider_sid == "SM-late")) is None


def test_the_same_message_sid_stored_twice_fails_as_sqlalchemy_s_integrity_error(session):
    _first_turn("SM-twice")
    with db.engine.connect() as connection:
        with pytest.raises(IntegrityError):
            conversations.store_inbound_message(connection, {"body": "x", "provider_sid": "SM-twice"})
        connection.rollback()
