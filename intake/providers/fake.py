"""An SMS provider that records texts in memory, for tests: what was sent, and failures on demand."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from threading import Lock

from intake.providers.base import SmsProvider
from intake.providers.errors import ProviderError


@dataclass
class FakeSentSms:
    to: str
    body: str
    reference: str | None
    provider_id: str
    sent_at: datetime


@dataclass
class FakeSms(SmsProvider):
    """``sent`` lists every text; set ``fail_with`` to make every send raise that error."""

    sent: list[FakeSentSms] = field(default_factory=list)
    fail_with: ProviderError | None = None
    _lock: Lock = field(default_factory=Lock, repr=False)

    name = "fake"

    def _send(self, to: str, body: str, reference: str | None) -> str:
        if self.fail_with is not None:
            raise self.fail_with
        provider_id = "FAKE" + secrets.token_hex(16)
        with self._lock:
            self.sent.append(FakeSentSms(to, body, reference, provider_id, datetime.now(UTC)))
        return provider_id

    def clear(self) -> None:
        with self._lock:
            self.sent.clear()
