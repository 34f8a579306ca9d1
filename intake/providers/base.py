"""The two provider interfaces, and the message an email provider is given.

A provider's ``send`` hands one message over and returns the provider's id for it (Twilio's message SID,
the Message-ID for SMTP, ``local-outbox:<file>``), or raises one of ``intake.providers.errors``.
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass

from intake.providers.errors import ProviderError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutgoingEmail:
    """A whole email: its parts for providers that build their own (Notify), and ``raw`` for SMTP (CRLF ends)."""

    notification_id: int
    to: str
    subject: str
    message_id: str
    text: str
    html: str
    raw: bytes


class SmsProvider(ABC):
    """Send one text. ``send`` owns timing and logging; a provider implements ``_send``."""

    name = "abstract"

    def send(self, to: str, body: str, reference: str | None = None) -> str:
        started = time.monotonic()
        try:
            provider_id = self._send(to, body, reference)
        except ProviderError as e:
            # Our words and the code only: the provider's own answer may quote the number.
            log.warning(
                "sms via %s not sent after %.0f ms (ref %s): %s [code %s, transient=%s]",
                self.name,
                (time.monotonic() - started) * 1000,
                reference,
                e.message,
                e.code,
                e.transient,
            )
            raise
        # Never the number or the words: they are personal data.
        log.info(
            "sms via %s sent in %.0f ms (ref %s) id=%s",
            self.name,
            (time.monotonic() - started) * 1000,
            reference,
            provider_id,
        )
        return provider_id

    @abstractmethod
    def _send(self, to: str, body: str, reference: str | None) -> str: ...


class EmailProvider(ABC):
    """Send emails, possibly over one connection kept for a batch: call ``close`` (or use ``with``) after."""

    name = "abstract"

    @abstractmethod
    def send(self, message: OutgoingEmail) -> str: ...

    def close(self) -> None:  # noqa: B027 - most providers hold nothing open
        pass

    def __enter__(self) -> EmailProvider:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
