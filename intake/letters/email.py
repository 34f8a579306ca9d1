"""A stored letter as an email: a short covering note, the letter itself, and the letter as a PDF attachment.

``render_letter_email(letter, settings)`` is what the outbox worker calls for a notification with
``template="letter"`` (find the letter with ``intake.data.letters.letter_for_notification``). It renders the
letter exactly as stored, in the letter's language, and needs an app context but no request.
``letter_mime`` builds the whole message (multipart: text and HTML, then the PDF) for an SMTP provider.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from intake.config import Settings
from intake.i18n import RTL_LANGUAGES
from intake.letters.bodies import letter_html, letter_pdf, letter_text, pdf_filename
from intake.letters.compose import ComposedLetter
from intake.letters.sections import babel_locale
from intake.models import Letter, LetterRecipient


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "application/pdf"
    data: bytes


@dataclass(frozen=True)
class LetterEmail:
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...]


def _covering_note(letter: Letter, composed: ComposedLetter) -> str:
    if letter.recipient is LetterRecipient.ADVOCATE:
        return _(
            "This is a copy of a letter we sent about case %(reference)s. You have it because the child or young "
            "person agreed that their advocate can see it.",
            reference=composed.reference,
        )
    return _("Here is our letter. It is also attached as a PDF, if you want to print it.")


def render_letter_email(letter: Letter, settings: Settings) -> LetterEmail:
    """Subject, plain text, HTML and the PDF of a stored letter, in the letter's language."""
    composed = ComposedLetter.from_json(letter.content)
    with force_locale(babel_locale(letter.language)):
        note = _covering_note(letter, composed)
        if letter.recipient is LetterRecipient.ADVOCATE:
            subject = _(
                "Copy of a letter: %(title)s (%(reference)s)", title=composed.title, reference=composed.reference
            )
        else:
            subject = _("%(title)s (reference %(reference)s)", title=composed.title, reference=composed.reference)
        text = f"{note}\n\n{letter_text(composed)}"
        html = current_app.jinja_env.get_template("letters/email.html").render(
            subject=subject,
            note=note,
            letter_html=letter_html(composed),
            lang=letter.language,
            text_direction="rtl" if letter.language in RTL_LANGUAGES else "ltr",
            council_name=settings.council.name,
        )
    pdf = Attachment(pdf_filename(composed), "application/pdf", letter_pdf(composed))
    return LetterEmail(subject, text, html, (pdf,))


def letter_mime(
    email: LetterEmail, *, sender: str, to: str, message_id: str, headers: Sequence[tuple[str, str]] = ()
) -> bytes:
    """The whole message for SMTP (CRLF line ends): text and HTML alternatives, then each attachment."""
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id
    for name, value in headers:
        message[name] = value
    message.set_content(email.text)
    message.add_alternative(email.html, subtype="html")
    for attachment in email.attachments:
        maintype, subtype = attachment.content_type.split("/", 1)
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return message.as_bytes()
