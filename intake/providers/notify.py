"""Texts and emails through GOV.UK Notify, with Notify's own client (``notifications-python-client``).

Notify sends only from templates it keeps. The council makes one generic text template whose whole message is
``((body))``, and one generic email template with the subject ``((subject))`` and the message ``((body))``
(README, "Connecting GOV.UK Notify"). We write every message ourselves, in the recipient's language, and give
Notify the words. Each send carries ``reference=<case reference>`` (rules-reference.md §10 item 46): it is never
personal data, and it lets Notify's own records be matched to a case.

Notify takes no raw MIME: an email goes as its subject and plain text, and Notify lays it out. A letter's PDF
goes as Notify's file link (``prepare_upload``: the recipient confirms their email address, then downloads it)
through a letter template that also has ``((link_to_file))`` (``NOTIFY_LETTER_TEMPLATE_ID``). With no letter
template a letter is not sent through Notify at all (a permanent error staff see on the case): its covering note
says the PDF is attached, and staff can download the PDF from the case page and send it another way.

Notify's answers become our errors (``intake.providers.errors``), so the worker treats them like any provider's:

- 400 (a number Notify cannot text, trial mode, a template that does not exist): permanent, it fails at once;
- 401 and 403 (Notify refused our API key): transient and ``provider_down``, so the messages wait and a fixed key
  delivers them; logged as an error once, until a send works again;
- 429 (a rate or daily limit): transient and ``provider_down``, with the worker's backoff;
- 5xx, a timeout, or Notify out of reach: transient.

Notify never says a number opted out when we send: its delivery receipts say ``permanent-failure`` instead, and
``intake.channels.notify`` handles that like Twilio's error 21610.
"""

from __future__ import annotations

import io
import logging
from email import message_from_bytes, policy
from email.message import EmailMessage
from threading import Lock
from typing import Any

import requests
from notifications_python_client import NotificationsAPIClient, prepare_upload
from notifications_python_client.errors import APIError
from notifications_python_client.utils import DOCUMENT_UPLOAD_SIZE_LIMIT

from intake.config import Notify
from intake.providers.base import EmailProvider, OutgoingEmail, SmsProvider
from intake.providers.errors import PermanentError, ProviderError, TransientError

log = logging.getLogger(__name__)

NOTIFY_DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk"

# The client logs each failed request at WARNING with Notify's answer: our own log line says what happened in our
# words (``SmsProvider.send``, the worker's results), so the client's is kept to errors.
logging.getLogger("notifications_python_client").setLevel(logging.ERROR)

# How long a letter's file link works, and that the recipient must confirm their address before downloading:
# a forwarded email then does not hand the letter on.
FILE_RETENTION = "26 weeks"


class _KeyTrouble:
    """Whether Notify is refusing our API key right now: said loudly once, and again only after it worked."""

    def __init__(self) -> None:
        self._refused = False
        self._lock = Lock()

    def refused(self, status: int) -> None:
        with self._lock:
            first, self._refused = not self._refused, True
        if first:
            log.error(
                "GOV.UK Notify refused our API key (%s): check NOTIFY_API_KEY. Texts and emails through Notify wait "
                "and are sent once the key works",
                status,
            )

    def worked(self) -> None:
        if self._refused:
            with self._lock:
                self._refused = False
            log.info("GOV.UK Notify accepts our API key again")


KEY_TROUBLE = _KeyTrouble()


class NotifyClient:
    """One ``NotificationsAPIClient`` (it keeps a connection pool) and the translation of its errors."""

    def __init__(self, api_key: str, *, base_url: str | None = None, timeout: float = 10.0):
        self._client = NotificationsAPIClient(api_key, base_url=(base_url or NOTIFY_DEFAULT_BASE_URL), timeout=timeout)

    def post(self, kind: str, call: str, **fields: Any) -> str:
        """Call ``send_sms_notification`` or ``send_email_notification``; Notify's id for the message."""
        try:
            answer = getattr(self._client, call)(**{k: v for k, v in fields.items() if v is not None})
        except APIError as e:
            raise classify(kind, e) from e
        KEY_TROUBLE.worked()
        provider_id = answer.get("id") if isinstance(answer, dict) else None
        if not provider_id:
            raise TransientError(f"GOV.UK Notify gave an unexpected answer to a {kind}", code="answer")
        return str(provider_id)


def classify(kind: str, e: APIError) -> ProviderError:
    """Notify's answer as one of our errors. Notify's words go in ``detail`` only: staff see them, logs do not."""
    cause = e.__cause__
    if e.response is None:  # no answer at all: the client reports these as 503
        if isinstance(cause, requests.Timeout):
            return TransientError("GOV.UK Notify did not answer in time", code="timeout")
        return TransientError(
            f"could not reach GOV.UK Notify ({type(cause).__name__})", code="network", provider_down=True
        )
    status = e.status_code
    detail = _detail(e)
    if status in (401, 403):
        KEY_TROUBLE.refused(status)
        return TransientError(f"GOV.UK Notify refused our API key ({status})", code=status, provider_down=True)
    if status == 429:
        return TransientError(
            "GOV.UK Notify's rate limit was reached (429)", code=429, detail=detail, provider_down=True
        )
    if status >= 500:
        return TransientError(
            f"GOV.UK Notify answered {status}", code=status, detail=detail, provider_down=status > 500
        )
    if "trial mode" in detail:
        return PermanentError(
            f"GOV.UK Notify is in trial mode and cannot send this {kind} (400)", code=400, detail=detail
        )
    return PermanentError(f"GOV.UK Notify refused the {kind} ({status})", code=status, detail=detail)


def _detail(e: APIError) -> str:
    """Notify's errors as one line: ``ValidationError: phone_number Not a UK mobile number``."""
    message = e.message
    if isinstance(message, list):
        return "; ".join(
            f"{m.get('error', '')}: {m.get('message', '')}" if isinstance(m, dict) else str(m) for m in message
        )
    return str(message or "")


class NotifySms(SmsProvider):
    name = "GOV.UK Notify"

    def __init__(self, client: NotifyClient, template_id: str, *, sender_id: str | None = None):
        self.client = client
        self.template_id = template_id
        self.sender_id = sender_id

    def _send(self, to: str, body: str, reference: str | None) -> str:
        return self.client.post(
            "text",
            "send_sms_notification",
            phone_number=to,
            template_id=self.template_id,
            personalisation={"body": body},
            reference=reference,
            sms_sender_id=self.sender_id,
        )


class NotifyEmail(EmailProvider):
    name = "GOV.UK Notify"

    def __init__(
        self,
        client: NotifyClient,
        template_id: str,
        *,
        letter_template_id: str | None = None,
        reply_to_id: str | None = None,
    ):
        self.client = client
        self.template_id = template_id
        self.letter_template_id = letter_template_id
        self.reply_to_id = reply_to_id

    def send(self, message: OutgoingEmail) -> str:
        personalisation: dict[str, Any] = {"subject": message.subject, "body": message.text}
        template_id = self.template_id
        pdf = _pdf_attachment(message.raw)
        if pdf is not None:
            template_id = self._letter_template()
            personalisation["link_to_file"] = _file_link(*pdf)
        return self.client.post(
            "email",
            "send_email_notification",
            email_address=message.to,
            template_id=template_id,
            personalisation=personalisation,
            reference=message.reference,
            email_reply_to_id=self.reply_to_id,
        )

    def _letter_template(self) -> str:
        if not self.letter_template_id:
            raise PermanentError(
                "a letter's PDF cannot go through GOV.UK Notify without NOTIFY_LETTER_TEMPLATE_ID: download the "
                "letter from the case and send it another way",
                code="no letter template",
            )
        return self.letter_template_id


def _pdf_attachment(raw: bytes) -> tuple[str, bytes] | None:
    """The file name and bytes of a PDF attached to a whole message (a letter), or None (any other email)."""
    if b"application/pdf" not in raw:  # every email but a letter: no parsing
        return None
    parsed = message_from_bytes(raw, policy=policy.default)
    if not isinstance(parsed, EmailMessage):
        return None
    for part in parsed.iter_attachments():
        if part.get_content_type() == "application/pdf":
            data = part.get_payload(decode=True)
            if isinstance(data, bytes):
                return part.get_filename() or "letter.pdf", data
    return None


def _file_link(filename: str, data: bytes) -> dict[str, Any]:
    if len(data) > DOCUMENT_UPLOAD_SIZE_LIMIT:
        raise PermanentError(
            "the letter's PDF is bigger than GOV.UK Notify's 2 MB limit: download it from the case and send it "
            "another way",
            code="file too big",
        )
    return prepare_upload(
        io.BytesIO(data), filename=filename, confirm_email_before_download=True, retention_period=FILE_RETENTION
    )


def notify_client(notify: Notify) -> NotifyClient:
    return NotifyClient(notify.api_key or "", base_url=notify.base_url, timeout=float(notify.timeout_seconds))
