"""Conversations (SMS and web chat) and their messages.

The SMS webhook's path is kept lean on purpose: one round trip reads the number's conversation together with
any reply already stored for this MessageSid (a replayed delivery), and the write is one UPDATE (only if the
state changed) and one INSERT (one statement for both on PostgreSQL), built once at import and run through
``Prepared``. The UPDATE is conditional on ``updated_at`` still being what was read (optimistic concurrency),
so two texts from one number worked out at the same moment cannot overwrite each other's answers: the later
writer is told (``StaleConversation``) and works its text out again from the newer state. The read takes no
row lock: on PostgreSQL a FOR UPDATE writes the lock into the row, a write on every text for a race that
almost never happens and that the conditional UPDATE already settles. Nothing here commits: the webhook or
the chat route does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from intake.data.prepared import Prepared
from intake.models import Conversation, Message, Notification, NotificationChannel
from intake.models.base import utcnow
from intake.models.notification import CONVERSATION_REPLY_TEMPLATE, SAFETY_REPLY_TEMPLATE

# Who a conversation's replies are for, in the staff area's words. Not the routing's "person who got in touch":
# a reply answers a text they have just sent, so it is not held for quiet hours nor stopped by what they said
# about being contacted later (as a reply in Twilio's answer is not).
REPLY_AUDIENCE = "the person texting"

_conversations = cast(Table, Conversation.__table__)
_messages = cast(Table, Message.__table__)


# The SMS webhook runs its turn on a Core connection (``transaction.committed_turn``); everything else passes
# its ORM session. The statements below run on either.
Executor = Session | Connection


def _connection(executor: Executor) -> Connection:
    return executor if isinstance(executor, Connection) else executor.connection()


@dataclass(slots=True)
class SmsConversation:
    """A number's SMS conversation as a turn reads it: plain values, not an ORM object. The turn writes it back
    itself (``save_sms_turn``), so the ORM's attribute instrumentation would be paid on every text for nothing."""

    address: str
    id: int | None = None  # None until its first turn is stored
    channel: str = "sms"
    language: str = "en"
    state: dict[str, Any] = field(default_factory=dict)
    representation_id: int | None = None
    updated_at: datetime | None = None


class StaleConversation(Exception):
    """Another text from the same number moved the conversation on while this one was being worked out."""


# Built once and run through ``Prepared`` (``intake/data/prepared.py``): these run for every text that arrives.
_SELECT_REPLY = select(_messages.c.reply).where(_messages.c.provider_sid == bindparam("sid"))
_SELECT_SMS_CONVERSATION = Prepared(
    select(
        _conversations.c.id,
        _conversations.c.language,
        _conversations.c.state,
        _conversations.c.representation_id,
        _conversations.c.updated_at,
        _SELECT_REPLY.scalar_subquery().label("replayed"),
    )
    .where(_conversations.c.channel == "sms", _conversations.c.address == bindparam("address"))
    .order_by(_conversations.c.id)
    .limit(1)
)
_STORED_REPLY = Prepared(_SELECT_REPLY)
_STATE = ("state", "language", "representation_id")
_INSERT_CONVERSATION = Prepared(
    insert(_conversations)
    .values({name: bindparam(name) for name in ("channel", "address", "created_at", "updated_at", *_STATE)})
    .returning(_conversations.c.id)
)
_NEW_STATE: dict[str, Any] = {**{name: bindparam(name) for name in _STATE}, "updated_at": bindparam("stamp")}
# The new state, if the conversation is still at the ``version`` the turn read.
_STAMPED_UPDATE = (
    update(_conversations)
    .where(_conversations.c.id == bindparam("conversation_id"), _conversations.c.updated_at == bindparam("version"))
    .values(**_NEW_STATE)
)
_UPDATE_CONVERSATION = Prepared(_STAMPED_UPDATE)
_UPDATE_UNSTAMPED_CONVERSATION = Prepared(  # a row written without updated_at (by hand, say)
    update(_conversations)
    .where(_conversations.c.id == bindparam("conversation_id"), _conversations.c.updated_at.is_(None))
    .values(**_NEW_STATE)
)
_MESSAGE_COLUMNS = (
    "conversation_id",
    "representation_id",
    "direction",
    "body",
    "provider_sid",
    "reply",
    "created_at",
    "updated_at",
)
_INSERT_MESSAGE = Prepared(insert(_messages).values({name: bindparam(name) for name in _MESSAGE_COLUMNS}))


def _moved_then_stored() -> Prepared:
    """PostgreSQL only: the state's conditional UPDATE and the message's INSERT in one statement (a round trip
    fewer on every text), the INSERT taking its row from what the UPDATE returned: a stale conversation
    updates nothing, so nothing is inserted and the caller sees 0 rows. SQLite has no data-modifying WITH."""
    moved = _STAMPED_UPDATE.returning(_conversations.c.id).cte("moved")
    message = [moved.c.id] + [
        bindparam(f"message_{name}", type_=_messages.c[name].type) for name in _MESSAGE_COLUMNS[1:]
    ]
    return Prepared(insert(_messages).add_cte(moved).from_select(_MESSAGE_COLUMNS, select(*message)))


_MOVED_THEN_STORED = _moved_then_stored()


def stored_reply(executor: Executor, sid: str) -> str | None:
    """The TwiML already sent for this MessageSid, if it has been handled before."""
    row = _STORED_REPLY.first(_connection(executor), {"sid": sid})
    return row[0] if row is not None else None


def sms_conversation(
    executor: Executor, address: str, sid: str = ""
) -> tuple[SmsConversation, datetime | None, str | None]:
    """The number's conversation (read, not attached to the session), the ``updated_at`` it had, and the reply
    already stored for ``sid`` if this MessageSid has been handled before, in one round trip. A number never
    seen gets a new, unsaved conversation. Reading outside the ORM's unit of work keeps the write down to one
    INSERT and one UPDATE, which matters on SQLite where writers take turns."""
    row = _SELECT_SMS_CONVERSATION.first(_connection(executor), {"address": address, "sid": sid})
    if row is None:
        # No second read for a replay here: a MessageSid we stored has its number's conversation (their rows
        # go together), and if not, storing it again fails on the unique MessageSid and the caller answers
        # with the stored reply, having rolled back everything this delivery did.
        return SmsConversation(address), None, None
    conversation_id, language, state, representation_id, updated_at, replayed = row
    conversation = SmsConversation(
        address, conversation_id, "sms", language, state or {}, representation_id, updated_at
    )
    return conversation, updated_at, replayed


def save_sms_turn(
    executor: Executor,
    conversation: SmsConversation,
    version: datetime | None,
    changed: bool,
    message: Mapping[str, Any],
) -> None:
    """The conversation's new state (if it changed) and the inbound message with its reply.

    Raises ``StaleConversation`` if another text moved the conversation on since ``version`` was read.
    Inserting the MessageSid is what claims it: a duplicate that got this far fails with IntegrityError.
    """
    connection = _connection(executor)
    values = {
        "state": conversation.state or {},
        "language": conversation.language or "en",
        "representation_id": conversation.representation_id,
    }
    now = utcnow()
    if conversation.id is None:
        row = _INSERT_CONVERSATION.first(
            connection,
            {"channel": "sms", "address": conversation.address, "created_at": now, "updated_at": now, **values},
        )
        assert row is not None  # INSERT ... RETURNING always gives the row it made
        conversation.id = row[0]
    elif changed:
        # Always a new value, so a writer that read the old one sees the change.
        stamp = now if version is None or now > version else version + timedelta(microseconds=1)
        params = {"conversation_id": conversation.id, "stamp": stamp, **values}
        if version is not None and connection.dialect.name == "postgresql":
            stored = {f"message_{name}": value for name, value in _inbound_row(message, now).items()}
            if _MOVED_THEN_STORED.rowcount(connection, {**params, "version": version, **stored}) != 1:
                raise StaleConversation
            return
        statement = _UPDATE_CONVERSATION if version is not None else _UPDATE_UNSTAMPED_CONVERSATION
        if statement.rowcount(connection, params if version is None else {**params, "version": version}) != 1:
            raise StaleConversation
    store_inbound_message(connection, {"conversation_id": conversation.id, **message}, now=now)


def store_inbound_message(executor: Executor, values: Mapping[str, Any], *, now: datetime | None = None) -> None:
    """One inbound message row: ``body``, ``provider_sid``, ``reply``, ``conversation_id``, ``representation_id``."""
    row = {"conversation_id": values.get("conversation_id"), **_inbound_row(values, now or utcnow())}
    _INSERT_MESSAGE.rowcount(_connection(executor), row)


def _inbound_row(values: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """An inbound message's columns other than its conversation, from what the caller gave."""
    given = {"representation_id": None, "reply": None, "body": "", **values}
    return {
        "representation_id": given["representation_id"],
        "direction": "in",
        "body": given["body"],
        "provider_sid": given.get("provider_sid"),
        "reply": given["reply"],
        "created_at": now,
        "updated_at": now,
    }


def webchat_conversation(session: Session, token: str) -> Conversation | None:
    """The web chat this browser's session token points at."""
    return session.scalar(
        select(Conversation).where(Conversation.channel == "webchat", Conversation.address == token).limit(1)
    )


def unlinked_inbound_messages(session: Session, conversation_id: int) -> list[tuple[int, str]]:
    """(id, body) of the conversation's inbound messages not yet linked to a case, oldest first."""
    rows = session.execute(
        select(Message.id, Message.body)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == "in",
            Message.representation_id.is_(None),
        )
        .order_by(Message.id)
    )
    return [(row.id, row.body) for row in rows]


def link_messages(session: Session, message_ids: Iterable[int], representation_id: int) -> None:
    """Show these messages on the case (staff see every message linked to it, in full)."""
    ids = list(message_ids)
    if ids:
        _write_messages_first(session)
        session.connection().execute(_LINK_MESSAGES, {"ids": ids, "case_id": representation_id})
        linked = set(ids)
        _linked_in_memory(session, representation_id, lambda m: m.id in linked)


def message_for_receipt(session: Session, sid: str) -> Message | None:
    """The message a delivery receipt is about, locked for the update. A text the worker sent from the outbox
    gets its Message row on its first receipt; None if the MessageSid is not one of ours (or long purged)."""
    message = session.scalar(select(Message).where(Message.provider_sid == sid).with_for_update())
    if message is not None:
        return message
    notification = session.scalar(select(Notification).where(Notification.provider_id == sid))
    if notification is None:
        return None
    message = Message(direction="out", body="", provider_sid=sid, representation_id=notification.representation_id)
    session.add(message)
    return message


def queue_sms_replies(
    session: Session,
    conversation: SmsConversation | Conversation,
    replies: Sequence[tuple[str, bool]],
    *,
    representation_id: int | None,
    now: datetime,
    give_up_at: datetime,
) -> list[Notification]:
    """A conversation's replies as outbox rows, in order, each with its outbound message (for delivery receipts).

    ``replies`` are ``(words, is_safety_reply)``: a safety reply is urgent. The messages belong to the
    conversation and not to the case, as the replies in a Twilio answer do; the rows belong to the case (when
    there is one yet), so staff see them delivered, and they go when the case is deleted.
    """
    messages = [
        Message(conversation_id=conversation.id, direction="out", body=words, created_at=now, updated_at=now)
        for words, _safety in replies
    ]
    session.add_all(messages)
    session.flush()  # the messages' ids, for the rows below
    rows = [
        Notification(
            representation_id=representation_id,
            channel=NotificationChannel.SMS,
            recipient=conversation.address,
            template=SAFETY_REPLY_TEMPLATE if safety else CONVERSATION_REPLY_TEMPLATE,
            audience=REPLY_AUDIENCE,
            urgent=safety,
            language=conversation.language or "en",
            next_attempt_at=now,
            give_up_at=give_up_at,
            created_at=now,
            body=words,
            message_id=message.id,
        )
        for (words, safety), message in zip(replies, messages, strict=True)
    ]
    session.add_all(rows)
    return rows


def link_unlinked_messages(session: Session, conversation_id: int, representation_id: int) -> None:
    """Tie every message of the conversation not yet part of a case (in and out) to the case it just became,
    so the case's retention covers them: purging one case must not leave its words behind."""
    _write_messages_first(session)
    session.connection().execute(
        _LINK_UNLINKED_MESSAGES, {"in_conversation": conversation_id, "case_id": representation_id}
    )
    _linked_in_memory(
        session,
        representation_id,
        lambda m: m.conversation_id == conversation_id and m.representation_id is None,
    )


# Built once, run on the session's connection: a new case links its conversation's messages, and the ORM's
# bulk UPDATE (an autoflush of the whole session first, and a statement built each time) cost a third of
# making the case on the SMS path. The two helpers below keep what the ORM's UPDATE did for the session.
_LINK_UNLINKED_MESSAGES = (
    update(_messages)
    .where(_messages.c.conversation_id == bindparam("in_conversation"), _messages.c.representation_id.is_(None))
    .values(representation_id=bindparam("case_id"))
)
_LINK_MESSAGES = (
    update(_messages)
    .where(_messages.c.id.in_(bindparam("ids", expanding=True)))
    .values(representation_id=bindparam("case_id"))
)


def _write_messages_first(session: Session) -> None:
    """The UPDATE sees only rows in the database: messages added or changed in this session are written first.
    Nothing else is flushed here (a new case's audit events and outbox rows wait for the commit)."""
    if any(isinstance(instance, Message) for instance in (*session.new, *session.dirty)):
        session.flush()


def _linked_in_memory(session: Session, representation_id: int, updated: Callable[[Message], bool]) -> None:
    """Messages already loaded in the session show the link the UPDATE just stored, without a reload."""
    for instance in list(session.identity_map.values()):
        if isinstance(instance, Message) and updated(instance):
            set_committed_value(instance, "representation_id", representation_id)
