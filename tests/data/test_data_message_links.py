"""Linking a conversation's messages to its case: every message not yet on a case, whether stored, added to
the session and not yet written, or already loaded; and nothing else in the session is written on the way."""

from __future__ import annotations

from sqlalchemy import select

from intake.data import conversations
from intake.domain.audit import record_event
from intake.models import AuditEvent, Conversation, Message
from tests.factories import create_representation


def _conversation(session, address: str) -> Conversation:
    conversation = Conversation(channel="sms", address=address, language="en", state={})
    session.add(conversation)
    session.flush()
    return conversation


def _message(session, conversation: Conversation, body: str, *, direction: str = "in", case_id=None) -> Message:
    message = Message(conversation_id=conversation.id, direction=direction, body=body, representation_id=case_id)
    session.add(message)
    return message


def _stored_links(session, *messages: Message) -> list[int | None]:
    ids = [m.id for m in messages]
    rows = dict(session.execute(select(Message.id, Message.representation_id).where(Message.id.in_(ids))).all())
    return [rows[i] for i in ids]


def test_every_unlinked_message_of_the_conversation_in_and_out_is_linked_to_the_case(session):
    earlier, case = create_representation(), create_representation()
    ours, theirs = _conversation(session, "+447700900001"), _conversation(session, "+447700900002")
    texted = _message(session, ours, "hi")
    answered = _message(session, ours, "Hello", direction="out")
    on_an_earlier_case = _message(session, ours, "my old case", case_id=earlier.id)
    someone_else = _message(session, theirs, "hi")
    session.commit()

    conversations.link_unlinked_messages(session, ours.id, case.id)
    session.commit()

    assert _stored_links(session, texted, answered, on_an_earlier_case, someone_else) == [
        case.id,
        case.id,
        earlier.id,
        None,
    ]


def test_a_message_added_but_not_yet_written_is_linked_too(session):
    case_id = create_representation().id  # read now: reading it after the add would flush the message
    conversation = _conversation(session, "+447700900003")
    pending = _message(session, conversation, "not flushed yet")

    conversations.link_unlinked_messages(session, conversation.id, case_id)
    session.commit()

    assert pending.representation_id == case_id
    assert _stored_links(session, pending) == [case_id]


def test_messages_already_loaded_show_the_link_without_a_reload(session):
    case = create_representation()
    conversation = _conversation(session, "+447700900004")
    loaded = _message(session, conversation, "hello")
    session.flush()

    conversations.link_unlinked_messages(session, conversation.id, case.id)

    assert loaded.representation_id == case.id
    assert loaded not in session.dirty  # the database has it already: nothing left to write
    session.commit()
    assert _stored_links(session, loaded) == [case.id]


def test_linking_leaves_the_rest_of_the_session_for_the_commit_to_write(session):
    case = create_representation()
    conversation = _conversation(session, "+447700900005")
    _message(session, conversation, "hello")
    session.flush()
    event = record_event(session, "submitted", representation=case, actor="sms", detail="test")  # loads case.id

    conversations.link_unlinked_messages(session, conversation.id, case.id)

    assert event in session.new
    session.commit()
    assert session.scalar(select(AuditEvent.id).where(AuditEvent.id == event.id)) is not None


def test_link_messages_links_only_the_messages_named_and_loaded_ones_show_it(session):
    case = create_representation()
    conversation = _conversation(session, "+447700900006")
    kept_aside = _message(session, conversation, "words that did not fit")
    other = _message(session, conversation, "yes")
    session.flush()

    conversations.link_messages(session, iter([kept_aside.id]), case.id)

    assert (kept_aside.representation_id, other.representation_id) == (case.id, None)
    session.commit()
    assert _stored_links(session, kept_aside, other) == [case.id, None]


def test_a_message_taken_off_a_case_in_this_session_is_linked_to_the_new_one(session):
    earlier_id, case_id = create_representation().id, create_representation().id
    conversation = _conversation(session, "+447700900007")
    moved = _message(session, conversation, "kept", case_id=earlier_id)
    session.flush()
    moved.representation_id = None  # changed here, not yet written

    conversations.link_unlinked_messages(session, conversation.id, case_id)
    session.commit()

    assert moved.representation_id == case_id
    assert _stored_links(session, moved) == [case_id]
