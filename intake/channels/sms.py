"""Twilio webhooks: incoming texts (``/sms/inbound``) and delivery receipts (``/sms/status``).

Both follow the same order: authenticate, validate, do the smallest durable
write, acknowledge. Nothing here waits on the network: notifications are outbox
rows the worker delivers later, so a reply is ready well inside Twilio's 15 s.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import Blueprint, Response, current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from intake.channels.twilio_auth import twilio_signed
from intake.domain import understanding
from intake.domain.conversation import process_message
from intake.domain.sanitise import normalise_phone
from intake.extensions import csrf, db, limiter
from intake.models import Conversation, Message, Notification, SmsContact
from intake.models.base import utcnow

log = logging.getLogger(__name__)

bp = Blueprint("sms", __name__, url_prefix="/sms")

# Twilio's message statuses in the order a message moves through them. A callback
# that arrives late or twice never moves a message backwards (rules-reference.md §6.3).
STATUS_RANK = {
    "accepted": 1,
    "scheduled": 1,
    "queued": 1,
    "sending": 2,
    "sent": 3,
    "receiving": 3,
    "received": 4,
    "partially_delivered": 4,
    "delivered": 5,
    "undelivered": 5,
    "failed": 5,
    "canceled": 5,
    "read": 6,
}
# Twilio error 21610: the number has replied STOP, so Twilio will not deliver to it.
UNSUBSCRIBED_ERROR = "21610"


def _twiml(replies: list[str]) -> str:
    """``<Response><Message>..</Message></Response>``: the same bytes as twilio's ``MessagingResponse``, built
    without an element tree (tests compare the two)."""
    if not replies:
        return _TWIML_EMPTY
    return _TWIML_OPEN + "".join(f"<Message>{_xml_text(text)}</Message>" for text in replies) + _TWIML_CLOSE


_TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response />'
_TWIML_OPEN = '<?xml version="1.0" encoding="UTF-8"?><Response>'
_TWIML_CLOSE = "</Response>"


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml(body: str) -> Response:
    return Response(body, status=200, mimetype="application/xml")


@limiter.request_filter
def _is_twilio_webhook() -> bool:
    """Twilio's webhooks are signed, and every child's text arrives from Twilio's few addresses, so a limit per
    address would hold them all up at once. Filtering them here spares each webhook the limiter's work."""
    return request.blueprint == bp.name


class _Conflict(Exception):
    """Another text from the same number moved the conversation on while this one was being worked out."""


# A text that keeps losing the race to other texts from the same number is worked out again from the newer
# state; past this many tries it is stored on its own with an apology (it is never lost).
ATTEMPTS = 5
_conversations = Conversation.__table__
_messages = Message.__table__


@bp.post("/inbound")
@csrf.exempt
@limiter.exempt
@twilio_signed
def inbound():
    sid = (request.form.get("MessageSid") or request.form.get("SmsSid") or "").strip()
    sender = (request.form.get("From") or "").strip()
    if not sid or not sender or len(sid) > 64:
        return Response("Bad Request: From and MessageSid are required", 400, mimetype="text/plain")
    body = request.form.get("Body") or ""
    address = normalise_phone(sender) or sender[:64]
    media = _int(request.form.get("NumMedia"))

    for _attempt in range(ATTEMPTS):
        try:
            return _xml(_handle_inbound(sid, address, body, media))
        except _Conflict:
            db.session.rollback()  # read the newer state and work this text out again
        except IntegrityError:
            # The same MessageSid arrived twice at once; the other request stored it first.
            db.session.rollback()
            return _xml(_stored_reply(sid) or _twiml([]))
        except Exception:  # never a 500 to Twilio, and never lose what the child wrote
            log.exception("Could not process inbound SMS %s", sid)
            db.session.rollback()
            return _xml(_keep_after_failure(sid, address, body))
    log.error("Inbound SMS %s kept losing the race for its conversation; stored on its own", sid)
    return _xml(_keep_after_failure(sid, address, body))


# Built once: building and caching statements per request costs more than running them.
_SELECT_REPLY = select(_messages.c.reply).where(_messages.c.provider_sid == bindparam("sid"))
# The reply stored for this MessageSid (a replayed delivery) comes back with the conversation: one round trip.
_SELECT_CONVERSATION = (
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
    .with_for_update()
)
_INSERT_CONVERSATION = insert(_conversations)
_UPDATE_CONVERSATION = (
    update(_conversations)
    .where(_conversations.c.id == bindparam("conversation_id"), _conversations.c.updated_at == bindparam("version"))
    .values(
        state=bindparam("state"),
        language=bindparam("language"),
        representation_id=bindparam("representation_id"),
        updated_at=bindparam("stamp"),
    )
)
_UPDATE_UNSTAMPED_CONVERSATION = (  # a row written without updated_at (by hand, say)
    update(_conversations)
    .where(_conversations.c.id == bindparam("conversation_id"), _conversations.c.updated_at.is_(None))
    .values(
        state=bindparam("state"),
        language=bindparam("language"),
        representation_id=bindparam("representation_id"),
        updated_at=bindparam("stamp"),
    )
)
_INSERT_MESSAGE = insert(_messages)


def _connection() -> Connection:
    """The session's connection (and transaction), for the plain statements of the hot path."""
    return db.session.connection()


def _stored_reply(sid: str) -> str | None:
    return _connection().execute(_SELECT_REPLY, {"sid": sid}).scalar()


def _conversation_for(address: str, sid: str = "") -> tuple[Conversation, datetime | None, str | None]:
    """The number's conversation, read but not attached to the session, the ``updated_at`` it had, and the
    reply already stored for ``sid`` if this MessageSid has been handled before.

    The write in ``_save`` only succeeds if ``updated_at`` is still that value, so two texts from one number
    that are worked out at the same moment cannot overwrite each other's answers (on SQLite as on PostgreSQL).
    FOR UPDATE also makes the second one wait on PostgreSQL. Reading outside the ORM's unit of work keeps the
    write transaction down to one INSERT and one UPDATE, which matters on SQLite where writers take turns.
    """
    row = _connection().execute(_SELECT_CONVERSATION, {"address": address, "sid": sid}).first()
    if row is None:
        replayed = _stored_reply(sid) if sid else None
        return Conversation(channel="sms", address=address, language="en", state={}), None, replayed
    conversation = Conversation(
        id=row.id,
        channel="sms",
        address=address,
        language=row.language,
        state=row.state or {},
        representation_id=row.representation_id,
        updated_at=row.updated_at,
    )
    return conversation, row.updated_at, row.replayed


def _save(conversation: Conversation, version: datetime | None, changed: bool, message: dict) -> None:
    """The one short write: the conversation's new state (if it changed) and the message with its reply."""
    connection = _connection()
    values = {
        "state": conversation.state or {},
        "language": conversation.language or "en",
        "representation_id": conversation.representation_id,
    }
    now = utcnow()
    if conversation.id is None:
        result = connection.execute(
            _INSERT_CONVERSATION,
            {"channel": "sms", "address": conversation.address, "created_at": now, "updated_at": now, **values},
        )
        conversation.id = result.inserted_primary_key[0]
    elif changed:
        # Always a new value, so a writer that read the old one sees the change.
        stamp = now if version is None or now > version else version + timedelta(microseconds=1)
        statement = _UPDATE_CONVERSATION if version is not None else _UPDATE_UNSTAMPED_CONVERSATION
        result = connection.execute(
            statement, {"conversation_id": conversation.id, "version": version, "stamp": stamp, **values}
        )
        if result.rowcount != 1:
            raise _Conflict
    # Inserting the MessageSid is what claims it: a duplicate that got this far fails here and is rolled back.
    connection.execute(
        _INSERT_MESSAGE,
        {"conversation_id": conversation.id, "direction": "in", "created_at": now, "updated_at": now, **message},
    )
    db.session.commit()


def _handle_inbound(sid: str, address: str, body: str, media: int) -> str:
    settings = current_app.config
    conversation, version, replayed = _conversation_for(address, sid)
    if replayed is not None:
        db.session.rollback()  # nothing to write; let go of the conversation at once
        return replayed
    keyword = understanding.sms_keyword(body)
    lang = (conversation.state or {}).get("lang") or "en"
    representation_id = None
    changed = False
    if keyword:
        replies = _opt_in_or_out(address, keyword, lang)
    elif media > 0 and not understanding.has_words(body):
        with force_locale(lang):
            replies = [_("Sorry, we can't read pictures yet. Please type your message.")]
    else:
        result = process_message(db.session, conversation, body, settings)
        replies = result.replies
        changed = not result.status_lookup
        if result.representation is not None and not result.status_lookup:
            representation_id = result.representation.id
        if media > 0:
            with force_locale(conversation.language or "en"):
                replies.append(_("We can't see pictures yet, so we only read your words."))
    twiml = _twiml(replies)
    _save(
        conversation,
        version,
        changed,
        {"body": body, "provider_sid": sid, "reply": twiml, "representation_id": representation_id},
    )
    return twiml


def _opt_in_or_out(address: str, keyword: str, lang: str) -> list[str]:
    """STOP and friends mark the number; START and UNSTOP clear it. The case itself is untouched."""
    contact = db.session.scalar(select(SmsContact).where(SmsContact.number == address))
    if contact is None:
        contact = SmsContact(number=address)
        db.session.add(contact)
    now = utcnow()
    contact.updated_at = now
    if keyword == "opt_out":
        contact.opted_out = True
        contact.opted_out_at = now
        # Twilio answers STOP itself and blocks anything more from us, so we add nothing.
        return []
    contact.opted_out = False
    contact.opted_out_at = None
    with force_locale(lang):
        return [_("You will get texts from us again. Reply HELP for help.")]


def _keep_after_failure(sid: str, address: str, body: str) -> str:
    """Store the message on its own so it is not lost, and apologise."""
    with force_locale("en"):
        twiml = _twiml(
            [_("Sorry, something went wrong on our side. Please try again in a few minutes. In danger now? Call 999.")]
        )
    try:
        conversation, version, _replayed = _conversation_for(address)
        _save(conversation, version, False, {"body": body, "provider_sid": sid, "reply": twiml})
    except SQLAlchemyError:
        db.session.rollback()
        log.exception("Could not even store inbound SMS %s", sid)
    return twiml


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


@bp.post("/status")
@csrf.exempt
@limiter.exempt
@twilio_signed
def status():
    sid = (request.form.get("MessageSid") or request.form.get("SmsSid") or "").strip()
    new_status = (request.form.get("MessageStatus") or request.form.get("SmsStatus") or "").strip().lower()
    if not sid or not new_status or len(sid) > 64:
        return Response("Bad Request: MessageSid and MessageStatus are required", 400, mimetype="text/plain")
    error_code = (request.form.get("ErrorCode") or "").strip()[:10] or None
    try:
        _record_status(sid, new_status, error_code)
    except IntegrityError:  # two callbacks for one new message at once: the other one made the row
        db.session.rollback()
        _record_status(sid, new_status, error_code)
    return Response("", 200)


def _record_status(sid: str, new_status: str, error_code: str | None) -> None:
    message = db.session.scalar(select(Message).where(Message.provider_sid == sid).with_for_update())
    if message is None:
        notification = db.session.scalar(select(Notification).where(Notification.provider_id == sid))
        if notification is None:
            return  # not one of ours (or long purged): acknowledge so Twilio stops asking
        message = Message(direction="out", body="", provider_sid=sid, representation_id=notification.representation_id)
        db.session.add(message)
    # Strictly later only: "delivered" never goes back to "sent", and one final status never flips to another.
    if STATUS_RANK.get(new_status, 0) > STATUS_RANK.get(message.status or "", 0):
        message.status = new_status[:20]
        message.updated_at = utcnow()
    if error_code and not message.error_code:
        message.error_code = error_code
    if error_code == UNSUBSCRIBED_ERROR and request.form.get("To"):
        number = normalise_phone(request.form["To"]) or request.form["To"][:32]
        contact = db.session.scalar(select(SmsContact).where(SmsContact.number == number))
        if contact is None:
            contact = SmsContact(number=number)
            db.session.add(contact)
        if not contact.opted_out:
            contact.opted_out, contact.opted_out_at = True, utcnow()
    db.session.commit()
