"""What a message is, from its headers: a person writing, an automated sender, a bounce, an auto-reply, or our
own mail come back. Bounces, auto-replies and our own mail make no case; nothing automated is ever answered,
so the service cannot join a loop of machines replying to each other (RFC 3834).
"""

from __future__ import annotations

import re
from enum import StrEnum

from intake.channels.mailbox.parsing import ParsedEmail
from intake.config import Settings


class MailKind(StrEnum):
    PERSON = "person"  # a case (or a reply on one), and an acknowledgement
    AUTOMATED = "automated"  # a mailing list, bulk mail, a system: a case, never an acknowledgement
    BOUNCE = "bounce"  # a delivery failure or receipt: no case
    AUTO_REPLY = "auto_reply"  # "I am out of the office": no case
    OWN_MAIL = "own_mail"  # a message this service sent: no case

    @property
    def makes_a_case(self) -> bool:
        return self in (MailKind.PERSON, MailKind.AUTOMATED)


_BOUNCE_SENDERS = re.compile(r"(?i)^(mailer-daemon|postmaster)@")
_REPORTS = ("multipart/report", "message/delivery-status", "message/disposition-notification")
_BULK = re.compile(r"(?i)^\s*(bulk|list|junk)\b")
_AUTO_REPLY_PRECEDENCE = re.compile(r"(?i)^\s*auto[_-]reply\b")


def classify(mail: ParsedEmail, settings: Settings) -> MailKind:
    h = mail.headers
    own = settings.smtp.mail_from.lower()
    if "x-hys-notification" in h or (mail.sender and own and mail.sender.lower() == own):
        return MailKind.OWN_MAIL
    if _is_bounce(mail):
        return MailKind.BOUNCE
    auto_submitted = h.get("auto-submitted", "").strip().lower()
    if (
        auto_submitted.startswith("auto-replied")
        or _says_yes(h.get("x-autoreply"))
        or _says_yes(h.get("x-autorespond"))
        or _AUTO_REPLY_PRECEDENCE.match(h.get("precedence", ""))
    ):
        return MailKind.AUTO_REPLY
    if (auto_submitted and auto_submitted != "no") or _BULK.match(h.get("precedence", "")):
        return MailKind.AUTOMATED
    if "list-id" in h or "list-unsubscribe" in h:
        return MailKind.AUTOMATED
    return MailKind.PERSON


def _is_bounce(mail: ParsedEmail) -> bool:
    if mail.sender is None or _BOUNCE_SENDERS.match(mail.sender):
        return True
    if mail.headers.get("return-path", "").strip() == "<>":
        return True
    return mail.content_type in _REPORTS or "x-failed-recipients" in mail.headers


def _says_yes(value: str | None) -> bool:
    return value is not None and value.strip().lower() not in ("no", "false", "0")


# A receiving server's verdict on the sender (RFC 8601). A clear failure means the From may be forged, so the
# message cannot join the case of the address it claims to be from.
_AUTH_FAIL = re.compile(r"(?i)\b(dmarc|spf|dkim)=(fail|softfail|permerror)\b")
_AUTH_PASS = re.compile(r"(?i)\b(dmarc|dkim)=pass\b")


def sender_is_doubtful(mail: ParsedEmail) -> bool:
    results = mail.headers.get("authentication-results", "")
    return bool(_AUTH_FAIL.search(results)) and not _AUTH_PASS.search(results)
