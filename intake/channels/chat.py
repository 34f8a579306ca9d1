"""Web chat at ``/chat``: the SMS conversation engine, in the browser.

Without JavaScript it is a form that posts one message and re-renders the whole
conversation (POST-redirect-GET). With JavaScript, ``static/js/chat.js`` posts to
the JSON endpoint and adds the replies to a live region in place. Both are
CSRF-protected. The conversation is found by a random token in the session, so
"Clear this chat" on a shared device forgets it (the case, if sent, is kept).
"""

from __future__ import annotations

import secrets

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from intake.domain.conversation import EngineContext, begin, process_message
from intake.domain.sanitise import clean_text
from intake.extensions import db
from intake.i18n import current_language
from intake.models import Conversation, Message
from intake.models.base import utcnow

bp = Blueprint("chat", __name__, url_prefix="/chat")

_SESSION_KEY = "chat_token"


def _conversation(create: bool = False) -> Conversation | None:
    token = session.get(_SESSION_KEY)
    conversation = None
    if token:
        conversation = db.session.scalar(
            select(Conversation).where(Conversation.channel == "webchat", Conversation.address == token).limit(1)
        )
    if conversation is None and create:
        token = secrets.token_urlsafe(32)
        session[_SESSION_KEY] = token
        now = utcnow()
        opening = begin(EngineContext("webchat", now, current_app.config, language=current_language()))
        conversation = Conversation(
            channel="webchat",
            address=token,
            state=opening.state,
            language=opening.state["lang"],
            created_at=now,
            updated_at=now,
        )
        db.session.add(conversation)
        for text in opening.replies:
            conversation.messages.append(Message(direction="out", body=text))
    return conversation


def _validate(text: str) -> str | None:
    """An error message for the form, or None."""
    if not clean_text(text):
        return _("Type a message")
    limit = current_app.config["MAX_FREE_TEXT"]
    if len(text) > limit:
        return _("Your message must be %(limit)s characters or fewer. You can send it in parts.", limit=limit)
    return None


def _send(conversation: Conversation, text: str) -> list[str]:
    """Store their message and our replies, run the engine, commit together."""
    db.session.flush()
    result = process_message(db.session, conversation, text, current_app.config, language=current_language())
    rep_id = result.representation.id if result.representation is not None and not result.status_lookup else None
    conversation.messages.append(Message(direction="in", body=clean_text(text), representation_id=rep_id))
    for reply in result.replies:
        conversation.messages.append(Message(direction="out", body=reply))
    db.session.commit()
    return result.replies


def _transcript(conversation: Conversation | None) -> list[Message]:
    if conversation is not None:
        return list(conversation.messages)
    opening = begin(EngineContext("webchat", utcnow(), current_app.config, language=current_language()))
    return [Message(direction="out", body=text) for text in opening.replies]


@bp.route("", methods=["GET", "POST"])
def index():
    if request.method == "POST":
        text = request.form.get("message", "")
        error = _validate(text)
        if error is None:
            _send(_conversation(create=True), text)
            return redirect(url_for("chat.index", _anchor="latest"), 303)
        return render_template(
            "chat/index.html", messages=_transcript(_conversation()), error=error, typed=text, form_has_errors=True
        )
    return render_template(
        "chat/index.html",
        messages=_transcript(_conversation()),
        error=None,
        typed="",
        cleared=request.args.get("cleared") == "1",
    )


@bp.post("/messages")
def send_json():
    """For chat.js: ``{"message": "..."}`` in, ``{"replies": [...]}`` out. CSRF token in X-CSRFToken."""
    payload = request.get_json(silent=True) or {}
    text = payload.get("message") if isinstance(payload.get("message"), str) else ""
    error = _validate(text)
    if error is not None:
        return {"error": error}, 400
    replies = _send(_conversation(create=True), text)
    return {"message": clean_text(text), "replies": replies}


@bp.post("/clear")
def clear():
    """Forget this chat on this device. Anything already sent stays with us."""
    session.pop(_SESSION_KEY, None)
    return redirect(url_for("chat.index", cleared="1"), 303)
