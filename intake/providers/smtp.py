"""Email over SMTP: one connection kept for a whole batch, reconnecting only after an error.

Every smtplib and socket failure becomes one of our errors: connection trouble and 4xx replies are
transient, a 5xx refusal of the recipient or the message is permanent. A refusal is described in our words
with its code; the server's reply (which often quotes the address) goes in ``detail``, never in a log.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from typing import Any

from intake.config import Smtp
from intake.providers.base import EmailProvider, OutgoingEmail
from intake.providers.errors import PermanentError, ProviderError, TransientError


def _refusal(what: str, code: int, reply: bytes | str, **kwargs: Any) -> ProviderError:
    kind = TransientError if 400 <= code < 500 else PermanentError
    return kind(f"the mail server refused {what} ({code})", code=code, detail=f"{code} {_text(reply)}", **kwargs)


class SmtpEmail(EmailProvider):
    name = "smtp"

    def __init__(self, smtp: Smtp):
        self.host = smtp.host
        self.port = smtp.port
        self.username = smtp.username
        self.password = smtp.password
        self.starttls = smtp.starttls
        self.timeout = float(smtp.timeout_seconds)
        self.sender = smtp.mail_from
        self._smtp: smtplib.SMTP | None = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            smtp.ehlo()
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password or "")
        except smtplib.SMTPAuthenticationError as e:
            # A settings problem, not the message's: keep it pending so fixing the password delivers it.
            raise TransientError(
                f"the mail server refused our login ({e.smtp_code})", code=e.smtp_code, provider_down=True
            ) from e
        except (OSError, smtplib.SMTPException) as e:  # refused, timed out, TLS failure, closed on us
            raise TransientError(
                f"could not connect to the mail server: {_describe(e)}", code="network", provider_down=True
            ) from e
        self._smtp = smtp
        return smtp

    def send(self, message: OutgoingEmail) -> str:
        """Send one message; its Message-ID is the provider's id."""
        smtp = self._connection()
        try:
            refused = smtp.sendmail(self.sender, [message.to], message.raw)
        except smtplib.SMTPRecipientsRefused as e:
            self._reset()
            code, reply = next(iter(e.recipients.values()))
            raise _refusal("the recipient", code, reply) from e
        except smtplib.SMTPSenderRefused as e:
            # Our own From address refused: a settings problem, never the recipient's fault.
            self._reset()
            raise TransientError(
                f"the mail server refused our sender address ({e.smtp_code})",
                code=e.smtp_code,
                detail=f"{e.smtp_code} {_text(e.smtp_error)}",
                provider_down=True,
            ) from e
        except smtplib.SMTPResponseException as e:  # e.g. SMTPDataError
            self._reset()
            raise _refusal("the message", e.smtp_code, e.smtp_error) from e
        except (OSError, smtplib.SMTPException) as e:  # disconnected or timed out mid-message
            self.close()
            raise TransientError(
                f"the mail server connection failed: {_describe(e)}", code="network", provider_down=True
            ) from e
        if refused:  # only possible with several recipients; we send one per message
            code, reply = next(iter(refused.values()))
            raise _refusal("the recipient", code, reply)
        return message.message_id

    def _reset(self) -> None:
        """After a refused transaction, RSET so the connection can carry the next message."""
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (OSError, smtplib.SMTPException):
            with contextlib.suppress(OSError):
                self._smtp.close()
        self._smtp = None


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _describe(e: BaseException) -> str:
    """A connection failure in a few words: the exception's type, never its text (which can quote a reply)."""
    if isinstance(e, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    return type(e).__name__
