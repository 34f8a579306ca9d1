"""GOV.UK Notify's callbacks: delivery receipts (``/notify/status``) and texts to the council's number
(``/notify/inbound``).

Both carry the bearer token the council gave Notify (``NOTIFY_CALLBACK_TOKEN``), checked in constant time before
the body is read; a wrong or missing token gets 401. Both are idempotent, since Notify retries a callback that
fails (every 5 minutes, up to 5 times): a receipt never moves a status backwards, and a text is taken once by its
Notify ``id``, as a Twilio text is by its MessageSid.

Notify has no TwiML, so a text's replies go out through the outbox as SMS notifications, in order, with any
safety reply first and urgent (never held, claimed and sent before anything else). STOP and the other opt-out
words mark the number and nothing more is sent; START marks it back. Nothing here waits on the network.
"""

from __future__ import annotations

import hmac
import logging
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from flask import Blueprint, Response, request
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from intake.channels.sms import STATUS_RANK
from intake.data import conversations, sms_contacts
from intake.data import outbox as outbox_rows
from intake.domain.audit import record_event
from intake.domain.conversation import Reading, process_message, read, safety_replies
from intake.domain.conversation import words as conversation_words
from intake.domain.sanitise import normalise_phone
from intake.extensions import csrf, db, limiter
from intake.models import Notification, NotificationChannel, NotificationStatus, Representation
from intake.models.base import utcnow
from intake.settings import current_settings

log = logging.getLogger(__name__)

bp = Blueprint("notify", __name__, url_prefix="/notify")

# Notify's statuses, as the word stored on the outbound message (Twilio's words, ranked by the Twilio channel's
# STATUS_RANK, so a text shows alike whichever provider carried it), and what staff read on a failed notification.
RECEIPTS: dict[str, tuple[str, str | None]] = {
    "created": ("queued", None),
    "sending": ("sending", None),
    "pending": ("sending", None),
    "sent": ("sent", None),  # an international text: Notify hears no more of it
    "delivered": ("delivered", None),
    "permanent-failure": (
        "failed",
        "not delivered: GOV.UK Notify says the number or address does not take messages (permanent failure)",
    ),
    "temporary-failure": (
        "undelivered",
        "not delivered: the phone was off or the inbox full for days (temporary failure); retry-failed tries again",
    ),
    "technical-failure": (
        "failed",
        "not sent: GOV.UK Notify had a technical problem (technical failure); retry-failed tries again",
    ),
}

# A text that keeps losing the race to other texts from the same number is worked out again from the newer
# state; past this many tries it is stored on its own with an apology (it is never lost).
ATTEMPTS = 5


@limiter.request_filter
def _is_notify_callback() -> bool:
    """Notify's callbacks carry our token and come from Notify's few addresses: a limit per address would hold
    up every child's text at once (as for Twilio's webhooks)."""
    return request.blueprint == bp.name


def _refused() -> Response:
    response = Response('{"error": "a valid bearer token is required"}', 401, mimetype="application/json")
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


def notify_token_required(view):
    """Refuse (401) a request without the callback token, before anything else and before reading the body."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        expected = current_settings().notify.callback_token or ""
        scheme, _sep, given = (request.headers.get("Authorization") or "").partition(" ")
        # compare_digest takes as long for any wrong token; with no token set, nothing is let in.
        if not (
            expected and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode())
        ):
            log.warning("Refused a GOV.UK Notify callback without the right token on %s", request.path)
            return _refused()
        return view(*args, **kwargs)

    return wrapper


def _bad(reason: str) -> Response:
    return Response(f'{{"error": "{reason}"}}', 400, mimetype="application/json")


def _done() -> Response:
    return Response("", 204, mimetype="text/plain")


def _payload() -> dict[str, Any] | None:
    payload = request.get_json(force=True, silent=True)
    return payload if isinstance(payload, dict) else None


def _text(payload: dict[str, Any], key: str, longest: int) -> str:
    """A string field, or "" if it is missing, not a string, or longer than ``longest``."""
    value = payload.get(key)
    return value.strip() if isinstance(value, str) and len(value.strip()) <= longest else ""


# ---------------------------------------------------------------------------------------------- delivery receipts


@bp.post("/status")
@csrf.exempt
@limiter.exempt
@notify_token_required
def status():
    payload = _payload()
    if payload is None:
        return _bad("a JSON object is required")
    provider_id, new_status = _text(payload, "id", 64), _text(payload, "status", 40).lower()
    if not provider_id or not new_status:
        return _bad("id and status are required")
    try:
        _record_receipt(provider_id, new_status)
    except IntegrityError:  # two receipts for one text at once: the other one made its message row
        db.session.rollback()
        _record_receipt(provider_id, new_status)
    return _done()


def _record_receipt(provider_id: str, new_status: str) -> None:
    notification = outbox_rows.notification_for_receipt(db.session, provider_id)
    if notification is None:
        db.session.rollback()
        return  # not one of ours (or long purged): acknowledge, so Notify stops asking
    stored, problem = RECEIPTS.get(new_status, (None, None))
    if stored is None:
        db.session.rollback()
        log.warning("GOV.UK Notify sent a receipt with a status we do not know for notification %s", notification.id)
        return
    # A text's receipt counts only if it moves the text's status on; an email has no such record, and Notify
    # sends one final status for it (a repeated receipt finds the row already failed and changes nothing).
    if notification.channel is NotificationChannel.SMS:
        moved = _move_text_status(provider_id, stored)
    else:
        moved = notification.status is NotificationStatus.SENT
    if moved and problem is not None:
        _undelivered(notification, new_status, problem)
    db.session.commit()


def _move_text_status(provider_id: str, stored: str) -> bool:
    """Strictly later only: "delivered" never goes back, and one final status never flips to another."""
    message = conversations.message_for_receipt(db.session, provider_id)
    if message is None or STATUS_RANK.get(stored, 0) <= STATUS_RANK.get(message.status or "", 0):
        return False
    message.status = stored
    message.updated_at = utcnow()
    return True


def _undelivered(notification: Notification, new_status: str, problem: str) -> None:
    if outbox_rows.mark_undelivered(db.session, notification.id, problem) and notification.representation is not None:
        record_event(
            db.session,
            "notification_failed",
            representation=notification.representation,
            actor="GOV.UK Notify",
            detail=f"{notification.template} to {notification.audience}: {new_status}",
        )
    if new_status == "permanent-failure" and notification.channel is NotificationChannel.SMS:
        # Notify never says why; a number that will not take our texts is treated as Twilio's 21610 is: no more
        # texts to it until it texts START (a safety reply to a text it sends still goes).
        sms_contacts.set_opted_out(db.session, _number(notification.recipient), True)


# ---------------------------------------------------------------------------------------------- texts to our number


@bp.post("/inbound")
@csrf.exempt
@limiter.exempt
@notify_token_required
def inbound():
    payload = _payload()
    if payload is None:
        return _bad("a JSON object is required")
    text_id, sender = _text(payload, "id", 64), _text(payload, "source_number", 32)
    if not text_id or not sender:
        return _bad("id and source_number are required")
    # Notify's callback calls the words "message"; its API for received texts calls them "content".
    body = next((v for v in (payload.get("message"), payload.get("content")) if isinstance(v, str)), "")
    address = _number(sender)
    try:
        reading = read(body, teams=current_settings().council.teams)
    except Exception:  # never lose what the child wrote
        log.exception("Could not read text %s from GOV.UK Notify", text_id)
        return _keep_after_failure(text_id, address, body)
    for _attempt in range(ATTEMPTS):
        try:
            _take_text(text_id, address, reading)
            return _done()
        except conversations.StaleConversation:
            db.session.rollback()  # read the newer state and work this text out again
        except IntegrityError:  # the same text twice at once: the other request took it
            db.session.rollback()
            return _done()
        except Exception:
            log.exception("Could not process text %s from GOV.UK Notify", text_id)
            db.session.rollback()
            return _keep_after_failure(text_id, address, body)
    log.error("Text %s from GOV.UK Notify kept losing the race for its conversation; stored on its own", text_id)
    return _keep_after_failure(text_id, address, body)


def _take_text(text_id: str, address: str, reading: Reading) -> None:
    """One text through the conversation, its replies queued in the outbox, all in one commit."""
    conversation, version, replayed = conversations.sms_conversation(db.session, address, text_id)
    if replayed is not None:  # Notify sent this one before: it is taken, and its replies are queued
        db.session.rollback()
        return
    now = utcnow()
    lang = (conversation.state or {}).get("lang") or "en"
    rep: Representation | None = None
    changed = False
    if reading.keyword in ("opt_out", "opt_in"):
        replies = _opt_in_or_out(address, reading.keyword == "opt_out", lang)
    else:
        result = process_message(db.session, conversation, reading, current_settings(), now)
        replies, rep, changed = result.replies, result.representation, not result.status_lookup
    message = {
        "body": reading.words,
        "provider_sid": text_id,
        "reply": "\n".join(replies),  # what we answered, for the record (and "" marks a text taken with no reply)
        "representation_id": rep.id if rep is not None and changed else None,
    }
    conversations.save_sms_turn(db.session, conversation, version, changed, message)
    _queue(conversation, _with_safety_marked(replies, reading, lang, now), rep, now)
    db.session.commit()


def _queue(
    conversation: conversations.SmsConversation,
    replies: list[tuple[str, bool]],
    rep: Representation | None,
    now: datetime,
):
    if not replies:
        return
    give_up = now + timedelta(hours=current_settings().delivery.give_up_hours)
    representation_id = rep.id if rep is not None else conversation.representation_id
    conversations.queue_sms_replies(
        db.session, conversation, replies, representation_id=representation_id, now=now, give_up_at=give_up
    )


def _with_safety_marked(replies: list[str], reading: Reading, lang: str, now: datetime) -> list[tuple[str, bool]]:
    """Each reply, and whether it is part of the safety reply the engine put first for a text the screen flagged.

    The engine says the safety words before anything else; they are the leading replies that are one of its
    safety texts, written as it wrote them (same settings, time and language)."""
    if not reading.is_risk:
        return [(text, False) for text in replies]
    with force_locale(lang):
        safety = {
            *safety_replies(current_settings(), now, "immediate"),
            *safety_replies(current_settings(), now, "concern"),
            conversation_words.safety_again(),
            conversation_words.noted_for_reading(),
        }
    leading = 0
    while leading < len(replies) and replies[leading] in safety:
        leading += 1
    return [(text, i < leading) for i, text in enumerate(replies)]


def _opt_in_or_out(address: str, opting_out: bool, lang: str) -> list[str]:
    """STOP and friends mark the number, and nothing more is sent; START and UNSTOP clear it. The case is untouched."""
    sms_contacts.set_opted_out(db.session, address, opting_out)
    if opting_out:
        return []
    with force_locale(lang):
        return [_("You will get texts from us again. Reply HELP for help.")]


def _keep_after_failure(text_id: str, address: str, body: str) -> Response:
    """Store the text on its own so it is not lost, and queue an apology that names 999.

    If even that cannot be stored, answer 500: Notify sends the text again in 5 minutes."""
    with force_locale("en"):
        apology = _(
            "Sorry, something went wrong on our side. Please try again in a few minutes. In danger now? Call 999."
        )
    try:
        conversation, version, replayed = conversations.sms_conversation(db.session, address, text_id)
        if replayed is None:
            message = {"body": body, "provider_sid": text_id, "reply": apology}
            conversations.save_sms_turn(db.session, conversation, version, False, message)
            # We could not read it, so it may be a disclosure: the apology goes as a safety reply would.
            _queue(conversation, [(apology, True)], None, utcnow())
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.exception("Could not even store text %s from GOV.UK Notify; Notify will send it again", text_id)
        return Response('{"error": "not stored; please retry"}', 500, mimetype="application/json")
    return _done()


def _number(raw: str) -> str:
    """E.164, as the SMS channel keeps numbers: Notify writes ``447700900123``, without the plus."""
    return normalise_phone(raw) or normalise_phone("+" + raw) or raw[:32]
