"""Web chat at ``/chat``: the SMS conversation engine, in the browser.

Without JavaScript it is a form that posts one message and re-renders the whole
conversation (POST-redirect-GET). With JavaScript, ``static/js/chat.js`` posts to
the JSON endpoint and adds the replies to a live region in place. Both are
CSRF-protected. The conversation is found by a random token in the session, so
"Clear this chat" on a shared device forgets it (the case, if sent, is kept). The token is also kept in its
own cookie for as long as an unfinished conversation is (ABANDONED_DAYS), so a child who comes back after the
60-minute session, or the next day, carries on where they were, with the same welcome back as SMS after
CONVERSATION_IDLE_DAYS (the engine's idle rule).

Every message is read once, here (``read``), and then stored in full, however long: the cap on free text
limits what the case's fields hold and what we ask a child to write, not what we keep (a disclosure in a
message over the cap still gets the safety reply and the alert, and staff see the message on the case).
"""

from __future__ import annotations

import secrets

from flask import Blueprint, after_this_request, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from intake.data import conversations
from intake.domain.conversation import EngineContext, Reading, begin, open_webchat, process_message, read
from intake.extensions import db
from intake.i18n import current_language
from intake.models import Conversation, Message
from intake.models.base import utcnow
from intake.ratelimits import public_post_limit
from intake.settings import current_settings

bp = Blueprint("chat", __name__, url_prefix="/chat")

_SESSION_KEY = "chat_token"
_COOKIE = "chat_token"


def _remember(token: str) -> None:
    """Keep the token in this browser beyond the session, renewed with every message."""
    session[_SESSION_KEY] = token

    @after_this_request
    def _set_cookie(response):
        config = current_settings()
        response.set_cookie(
            _COOKIE,
            token,
            max_age=config.security.abandoned_days * 24 * 3600,
            path="/chat",
            secure=config.security.session_cookie_secure,
            httponly=True,
            samesite="Lax",
        )
        return response


def _conversation() -> Conversation | None:
    """This browser's chat, if it has one: from the session, or the longer-lived cookie once it has ended."""
    token = session.get(_SESSION_KEY) or request.cookies.get(_COOKIE)
    return conversations.webchat_conversation(db.session, token) if token else None


def _conversation_or_new() -> Conversation:
    """This browser's chat. A session that has expired (or was cleared) starts a new one."""
    conversation = _conversation()
    if conversation is None:
        conversation = open_webchat(db.session, secrets.token_urlsafe(32), current_settings(), current_language())
    _remember(conversation.address)
    return conversation


def _read(text: str) -> Reading:
    return read(text, teams=current_settings().council.teams)


def _send(conversation: Conversation, reading: Reading) -> list[str]:
    """Store their message and our replies, run the engine, commit together."""
    db.session.flush()  # the conversation has an id, so messages kept aside earlier can be found
    result = process_message(db.session, conversation, reading, current_settings(), language=current_language())
    rep_id = result.representation.id if result.representation is not None and not result.status_lookup else None
    conversation.messages.append(Message(direction="in", body=reading.words, representation_id=rep_id))
    conversation.messages.extend(
        Message(direction="out", body=reply, representation_id=rep_id) for reply in result.replies
    )
    db.session.commit()
    return result.replies


def _transcript(conversation: Conversation | None) -> list[Message]:
    if conversation is not None:
        return list(conversation.messages)
    opening = begin(EngineContext("webchat", utcnow(), current_settings(), language=current_language()))
    return [Message(direction="out", body=text) for text in opening.replies]


@bp.route("", methods=["GET", "POST"])
@public_post_limit
def index():
    if request.method == "POST":
        text = request.form.get("message", "")
        reading = _read(text)
        if reading.words:
            _send(_conversation_or_new(), reading)
            return redirect(url_for("chat.index", _anchor="latest"), 303)
        return render_template(
            "chat/index.html",
            messages=_transcript(_conversation()),
            error=_("Type a message"),
            typed=text,
            form_has_errors=True,
        )
    return render_template(
        "chat/index.html",
        messages=_transcript(_conversation()),
        error=None,
        typed="",
        cleared=request.args.get("cleared") == "1",
    )


@bp.post("/messages")
@public_post_limit
def send_json():
    """For chat.js: ``{"message": "..."}`` in, ``{"replies": [...]}`` out. CSRF token in X-CSRFToken."""
    payload = request.get_json(silent=True) or {}
    message = payload.get("message")
    reading = _read(message if isinstance(message, str) else "")
    if not reading.words:
        return {"error": _("Type a message")}, 400
    replies = _send(_conversation_or_new(), reading)
    return {"message": reading.words, "replies": replies}


@bp.post("/clear")
@public_post_limit
def clear():
    """Forget this chat on this device. Anything already sent stays with us."""
    session.pop(_SESSION_KEY, None)
    response = redirect(url_for("chat.index", cleared="1"), 303)
    response.delete_cookie(_COOKIE, path="/chat")
    return response
