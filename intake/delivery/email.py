"""Email content: plain text plus HTML from ``templates/emails``, as one message ready for the wire.

``render_email`` builds the message in the recipient's language; a provider
(``intake.providers``: SMTP, the local outbox) carries it.

Each notification has a stable Message-ID (``<hys-notification-<id>@domain>``).
If a crash ever makes the worker send one twice, the copies share that id, so
mail systems and clients that de-duplicate on it show one message.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Mapping
from email.header import Header
from email.quoprimime import body_encode
from email.utils import formatdate
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from jinja2 import TemplateNotFound
from markupsafe import escape

from intake.config import Settings
from intake.delivery.content import CannotRender, babel_locale, message_context
from intake.i18n import RTL_LANGUAGES
from intake.letters.email import letter_mime, render_letter_email
from intake.models import Letter, Notification
from intake.providers.base import OutgoingEmail

log = logging.getLogger(__name__)


def _subject(template: str, c: Mapping[str, Any]) -> str:
    ref = c["reference"]
    subjects = {
        "new_case": lambda: _("New %(kind)s: %(reference)s", kind=c["kind"], reference=ref),
        "advocacy_referral": lambda: _("Advocacy referral: %(reference)s", reference=ref),
        "rights_alert": lambda: _("A child or young person got in touch: %(reference)s", reference=ref),
        "compliment_for_team": lambda: _("A compliment for your team: %(reference)s", reference=ref),
        "safeguarding_alert": lambda: _("Safeguarding alert: %(reference)s", reference=ref),
        "acknowledgement": lambda: _("We got your message. Your reference is %(reference)s", reference=ref),
        "reminder": lambda: _("Reminder: %(reference)s is due on %(date)s", reference=ref, date=c["due_on"]),
        "overdue": lambda: _("Overdue: %(reference)s was due on %(date)s", reference=ref, date=c["due_on"]),
        "extension_notice": lambda: _("We need more time: %(reference)s", reference=ref),
        "pause_notice": lambda: _("Your complaint is on hold: %(reference)s", reference=ref),
        "case_reply": lambda: _("A reply by email on %(reference)s", reference=ref),
        "case_addition": lambda: _("Added by the person who sent %(reference)s", reference=ref),
    }
    if template not in subjects:
        raise CannotRender(f"there is no email template called {template!r}")
    subject = subjects[template]()
    return _("URGENT: %(subject)s", subject=subject) if c["urgent"] else subject


def _email_env(language: str):
    """A Jinja environment for emails in ``language``: our templates, HTML autoescaping, Babel's translations.

    Separate from the app's page environment on purpose: emails are rendered by
    the worker outside any request and must see only the values
    ``message_context`` chose, never page globals or context processors. The
    translations are installed directly (once per language), and templates are
    not re-checked on disk for every message (a new release restarts the worker).
    """
    from flask_babel import get_translations
    from jinja2 import Environment, select_autoescape

    app = current_app._get_current_object()
    envs = app.extensions.setdefault("email_jinja_envs", {})
    env = envs.get(language)
    if env is None:
        env = Environment(
            loader=app.jinja_loader,
            autoescape=select_autoescape(["html"]),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=bool(app.debug),
        )
        with force_locale(language):
            env.install_gettext_translations(get_translations(), newstyle=True)
        env.hys_skeletons = {}  # see _render_parts
        envs[language] = env
    return env


def message_id_for(notification: Notification, settings: Settings) -> str:
    domain = settings.smtp.mail_from.rpartition("@")[2] or "localhost"
    return f"<hys-notification-{notification.id}@{domain}>"


# A slot in a rendered skeleton: NUL, the context key, NUL. NUL never occurs in a template or a value we pass.
_SLOT = re.compile("\x00([a-z_]+)\x00")
_DIRECT = object()  # a skeleton that did not reproduce a direct render: always render this one directly


def _split(rendered: str) -> list[str]:
    """A rendered skeleton as [text, slot name, text, slot name, ..., text]."""
    return _SLOT.split(rendered)


def _fill(parts: list[str], values: Mapping[str, str]) -> str:
    out = parts.copy()
    for i in range(1, len(out), 2):
        out[i] = values[out[i]]
    return "".join(out)


def _fill_all(skeleton: tuple[list[str], ...], strings: Mapping[str, str]) -> tuple[str, str, str]:
    subject, text, html = skeleton
    # escape() distributes over concatenation, so filling escaped values into the HTML skeleton (whose own
    # text Jinja escaped already) gives exactly what rendering the template with the values would have.
    escaped = {k: str(escape(v)) for k, v in strings.items()}
    return _fill(subject, strings), _fill(text, strings), _fill(html, escaped)


def _render_direct(env, template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    subject = _subject(template, context)
    try:
        text = env.get_template(f"emails/{template}.txt").render(context)
        html = env.get_template(f"emails/{template}.html").render({**context, "subject": subject})
    except TemplateNotFound as e:
        raise CannotRender(f"the email template {e.name} is missing") from e
    return subject, text, html


def _render_parts(template: str, locale: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, text and HTML for ``template``; call inside ``force_locale(locale)``.

    Rendering two Jinja templates with a dozen translated sentences costs a few
    milliseconds, which capped the worker well below a mail server's speed. Each
    message is the same *skeleton* for a given template, language and "shape" of
    values (which flags are set, which values are empty, the stage number): only
    the strings (reference, dates, labels, links) change. So each skeleton is
    rendered once with a marker in place of every string, and each message fills
    the markers in, HTML-escaped in the HTML part exactly as Jinja would have.

    This holds while templates only print string values (directly or through
    ``_()`` placeholders) and branch on flags or emptiness, as ours all do. The
    first message of each skeleton is also rendered directly and compared: a
    template that transforms or compares a string value (``|upper``, ``==``) is
    then always rendered directly instead, so the shortcut can slow down but
    never change what is sent (tests/delivery/test_email.py checks every template).
    """
    env = _email_env(locale)
    strings = {k: v for k, v in context.items() if isinstance(v, str)}
    shape = (
        template,
        tuple(sorted((k, bool(v)) for k, v in strings.items())),
        tuple(sorted((k, v) for k, v in context.items() if not isinstance(v, str))),
    )
    skeleton = env.hys_skeletons.get(shape)
    if skeleton is _DIRECT:
        return _render_direct(env, template, context)
    if skeleton is None:
        marked = {**context, **{k: f"\x00{k}\x00" for k in strings}}
        skeleton = tuple(_split(part) for part in _render_direct(env, template, marked))
        direct = _render_direct(env, template, context)
        if _fill_all(skeleton, strings) != direct:
            log.warning("email template %s cannot use a cached skeleton; rendering it directly", template)
            env.hys_skeletons[shape] = _DIRECT
            return direct
        env.hys_skeletons[shape] = skeleton
    return _fill_all(skeleton, strings)


def render_email(notification: Notification, settings: Settings) -> OutgoingEmail:
    """The whole message, in the recipient's language, ready to send."""
    locale = babel_locale(notification.language)
    with force_locale(locale):
        context = message_context(notification, settings)
        context.update(
            lang=notification.language or "en",
            text_direction="rtl" if notification.language in RTL_LANGUAGES else "ltr",
        )
        subject, text, html = _render_parts(notification.template, locale, context)
    sender = settings.smtp.mail_from
    message_id = message_id_for(notification, settings)
    headers = [
        ("From", sender),
        ("To", notification.recipient),
        ("Subject", subject if subject.isascii() else Header(subject, "utf-8").encode(linesep="\r\n")),
        ("Date", formatdate(localtime=False)),
        ("Message-ID", message_id),
        ("X-HYS-Notification", str(notification.id)),
        # Automatic alerts: ask auto-responders not to reply (RFC 3834).
        ("Auto-Submitted", "auto-generated"),
    ]
    if notification.urgent:
        headers += [("Importance", "high"), ("X-Priority", "1")]
    raw = _multipart_alternative(headers, text, html, boundary=f"=_hys_{notification.id}_{secrets.token_hex(8)}")
    return OutgoingEmail(notification.id, notification.recipient, subject, message_id, text, html, raw)


def render_letter(notification: Notification, letter: Letter | None, settings: Settings) -> OutgoingEmail:
    """A stored letter (``template="letter"``): a covering note, the letter, and the letter as a PDF attachment."""
    if letter is None:
        raise CannotRender("the letter this notification sends is no longer stored")
    email = render_letter_email(letter, settings)
    message_id = message_id_for(notification, settings)
    headers = [("X-HYS-Notification", str(notification.id)), ("Auto-Submitted", "auto-generated")]
    raw = letter_mime(
        email,
        sender=settings.smtp.mail_from,
        to=notification.recipient,
        message_id=message_id,
        headers=headers,
    )
    return OutgoingEmail(
        notification.id, notification.recipient, email.subject, message_id, email.text, email.html, raw
    )


def _multipart_alternative(headers: list[tuple[str, str]], text: str, html: str, boundary: str) -> bytes:
    """A multipart/alternative message with quoted-printable UTF-8 parts, built directly.

    The stdlib's email generator is correct but slow (milliseconds per message);
    this writes the same structure, for ASCII headers we control, in microseconds.
    """
    for name, value in headers:
        # Only the Subject may be folded (Header.encode does that safely); anything else with a line
        # break would let an address inject headers.
        broken = ("\n" in value or "\r" in value) and name != "Subject"
        if broken or not value.isascii():
            raise CannotRender(f"the {name} header cannot be sent as written")
    lines = [f"{name}: {value}" for name, value in headers]
    lines += ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{boundary}"', ""]
    for subtype, body in (("plain", text), ("html", html)):
        lines += [
            f"--{boundary}",
            f'Content-Type: text/{subtype}; charset="utf-8"',
            "Content-Transfer-Encoding: quoted-printable",
            "",
            # quoprimime works on characters 0-255: hand it the UTF-8 bytes as latin-1 (as email.charset does).
            body_encode(body.replace("\r\n", "\n").encode("utf-8").decode("latin-1"), eol="\r\n"),
        ]
    lines += [f"--{boundary}--", ""]
    return "\r\n".join(lines).encode("ascii")
