"""Twilio webhooks: incoming texts (``/sms/inbound``) and delivery receipts (``/sms/status``).

Both follow the same order: authenticate, validate, do the smallest durable
write, acknowledge. Nothing here waits on the network: notifications are outbox
rows the worker delivers later, so a reply is ready well inside Twilio's 15 s.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import NamedTuple

from flask import Blueprint, Response, request
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from intake.channels.twilio_auth import twilio_signed
from intake.data import conversations, sms_contacts
from intake.domain.conversation import Reading, process_message, read
from intake.domain.sanitise import normalise_phone
from intake.extensions import csrf, db, limiter
from intake.models.base import utcnow
from intake.settings import current_settings
from intake.thin_path import machine_endpoint
from intake.transaction import committed_turn

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


class Answer(NamedTuple):
    """What a webhook answers, before it is a response: the Flask route and the door ahead of Flask
    (``sms_door``) each make their own response from it."""

    body: str
    status: int = 200
    mimetype: str = "application/xml"


def _xml(body: str) -> Answer:
    return Answer(body)


def _response(answer: Answer) -> Response:
    return Response(answer.body, status=answer.status, mimetype=answer.mimetype)


@limiter.request_filter
def _is_twilio_webhook() -> bool:
    """Twilio's webhooks are signed, and every child's text arrives from Twilio's few addresses, so a limit per
    address would hold them all up at once. Filtering them here spares each webhook the limiter's work."""
    return request.blueprint == bp.name


# A text that keeps losing the race to other texts from the same number is worked out again from the newer
# state; past this many tries it is stored on its own with an apology (it is never lost).
ATTEMPTS = 5


@bp.post("/inbound")
@machine_endpoint
@csrf.exempt
@limiter.exempt
@twilio_signed
def inbound():
    return _response(answer_inbound(request.form))


def answer_inbound(form: Mapping[str, str]) -> Answer:
    """Answer one signed incoming text: the TwiML with the replies (HTTP 200 whatever went wrong inside, so
    Twilio never retries a text we kept), or 400 without the fields every text has. The caller has checked
    the signature and holds an app context."""
    sid = (form.get("MessageSid") or form.get("SmsSid") or "").strip()
    sender = (form.get("From") or "").strip()
    if not sid or not sender or len(sid) > 64:
        return Answer("Bad Request: From and MessageSid are required", 400, "text/plain")
    body = form.get("Body") or ""
    address = normalise_phone(sender) or sender[:64]
    media = _int(form.get("NumMedia"))
    try:
        reading = read(body, teams=current_settings().council.teams)  # once, whatever happens next
    except Exception:  # never a 500 to Twilio, and never lose what the child wrote
        log.exception("Could not read inbound SMS %s", sid)
        return _xml(_keep_after_failure(sid, address, body))
    for _attempt in range(ATTEMPTS):
        try:
            return _xml(_handle_inbound(sid, address, reading, media))
        except conversations.StaleConversation:
            continue  # rolled back: read the newer state and work this text out again
        except IntegrityError:
            # The same MessageSid arrived twice at once; the other request stored it first.
            return _xml(conversations.stored_reply(db.session, sid) or _twiml([]))
        except Exception as error:  # never a 500 to Twilio, and never lose what the child wrote
            if isinstance(error, DBAPIError) and error.connection_invalidated:
                # The database dropped a pooled connection (a restart): work it out again on a fresh one.
                log.warning("Inbound SMS %s met a dropped database connection; working it out again", sid)
                continue
            log.exception("Could not process inbound SMS %s", sid)
            return _xml(_keep_after_failure(sid, address, body))
    log.error("Inbound SMS %s kept losing the race for its conversation; stored on its own", sid)
    return _xml(_keep_after_failure(sid, address, body))


def _handle_inbound(sid: str, address: str, reading: Reading, media: int) -> str:
    """One text's turn, committed with everything it leads to (or rolled back, if anything raises)."""
    with committed_turn(db.engine) as (connection, session):
        conversation, version, replayed = conversations.sms_conversation(connection, address, sid)
        if replayed is not None:
            return replayed  # nothing to write
        twiml, changed, representation_id = _work_out(session, conversation, address, reading, media)
        message = {"body": reading.words, "provider_sid": sid, "reply": twiml, "representation_id": representation_id}
        conversations.save_sms_turn(connection, conversation, version, changed, message)
    return twiml


def _work_out(
    session: Session, conversation: conversations.SmsConversation, address: str, reading: Reading, media: int
) -> tuple[str, bool, int | None]:
    """The TwiML answering this text, whether the conversation's state changed, and the case it is part of."""
    lang = (conversation.state or {}).get("lang") or "en"
    representation_id = None
    changed = False
    if reading.keyword in ("opt_out", "opt_in"):
        replies = _opt_in_or_out(session, address, reading.keyword == "opt_out", lang)
    elif media > 0 and not reading.has_words:
        with force_locale(lang):
            replies = [_("Sorry, we can't read pictures yet. Please type your message.")]
    else:
        result = process_message(session, conversation, reading, current_settings())
        replies = result.replies
        changed = not result.status_lookup
        if result.representation is not None and not result.status_lookup:
            representation_id = result.representation.id
        if media > 0:
            with force_locale(conversation.language or "en"):
                replies.append(_("We can't see pictures yet, so we only read your words."))
    return _twiml(replies), changed, representation_id


def _opt_in_or_out(session: Session, address: str, opting_out: bool, lang: str) -> list[str]:
    """STOP and friends mark the number; START and UNSTOP clear it. The case itself is untouched."""
    sms_contacts.set_opted_out(session, address, opting_out)
    if opting_out:
        return []  # Twilio answers STOP itself and blocks anything more from us, so we add nothing.
    with force_locale(lang):
        return [_("You will get texts from us again. Reply HELP for help.")]


def _keep_after_failure(sid: str, address: str, body: str) -> str:
    """Store the message on its own so it is not lost, and apologise."""
    with force_locale("en"):
        twiml = _twiml(
            [_("Sorry, something went wrong on our side. Please try again in a few minutes. In danger now? Call 999.")]
        )
    try:
        conversation, version, _replayed = conversations.sms_conversation(db.session, address)
        conversations.save_sms_turn(
            db.session, conversation, version, False, {"body": body, "provider_sid": sid, "reply": twiml}
        )
        db.session.commit()
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
@machine_endpoint
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
    message = conversations.message_for_receipt(db.session, sid)
    if message is None:
        return  # not one of ours (or long purged): acknowledge so Twilio stops asking
    # Strictly later only: "delivered" never goes back to "sent", and one final status never flips to another.
    if STATUS_RANK.get(new_status, 0) > STATUS_RANK.get(message.status or "", 0):
        message.status = new_status[:20]
        message.updated_at = utcnow()
    if error_code and not message.error_code:
        message.error_code = error_code
    if error_code == UNSUBSCRIBED_ERROR and request.form.get("To"):
        number = normalise_phone(request.form["To"]) or request.form["To"][:32]
        sms_contacts.set_opted_out(db.session, number, True)
    db.session.commit()
