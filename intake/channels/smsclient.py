"""Outbound SMS behind one small interface, with a Twilio implementation and a fake.

``SmsClient.send_sms`` is a template method: it owns logging and timing and
calls the provider's ``_send``. Providers raise exactly one exception,
``SmsClientError``, saying whether trying again later could help (``transient``)
and, for numbers that opted out, ``opted_out``. The delivery worker decides what
to do with that; nothing here retries.

Which client the app uses is chosen by ``SMS_BACKEND``: ``twilio`` or ``fake``
(the default when no Twilio account is configured). The fake records messages
in memory and, in development, writes them to the local outbox so nothing sent
while trying the service out is ever dropped.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from threading import Lock
from typing import Any

log = logging.getLogger(__name__)

TWILIO_DEFAULT_BASE_URL = "https://api.twilio.com"

# Twilio error codes that mean the number told us (or its carrier) to stop texting it.
# https://www.twilio.com/docs/api/errors/21610 "Attempt to send to unsubscribed recipient".
OPTED_OUT_ERROR_CODES: dict[int, str] = {
    21610: "the number has replied STOP (unsubscribed recipient)",
}

# Twilio 4xx codes worth naming in the staff area; any other 4xx is still permanent.
PERMANENT_ERROR_CODES: dict[int, str] = {
    21211: "the number is not a valid phone number",
    21408: "texting this region is not enabled on the account",
    21612: "the number cannot receive this message (not reachable)",
    21614: "the number is not a mobile number",
}


class SmsClientError(Exception):
    """Sending an SMS failed. ``transient`` failures may work later; others never will."""

    def __init__(self, message: str, *, transient: bool, code: int | str | None = None, opted_out: bool = False):
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.code = code
        self.opted_out = opted_out


@dataclass(frozen=True)
class SentSms:
    provider_id: str


class SmsClient(ABC):
    """Send one SMS. Subclasses implement ``_send`` and raise only ``SmsClientError``."""

    name = "abstract"

    def send_sms(self, to: str, body: str, *, reference: str | None = None) -> SentSms:
        started = time.monotonic()
        try:
            sent = self._send(to, body, reference=reference)
        except SmsClientError as e:
            log.warning(
                "sms via %s failed after %.0f ms (ref %s): %s [code %s, transient=%s]",
                self.name,
                (time.monotonic() - started) * 1000,
                reference,
                e.message,
                e.code,
                e.transient,
            )
            raise
        # The number and the body are never logged: they are personal data.
        log.info(
            "sms via %s sent in %.0f ms (ref %s) id=%s",
            self.name,
            (time.monotonic() - started) * 1000,
            reference,
            sent.provider_id,
        )
        return sent

    @abstractmethod
    def _send(self, to: str, body: str, *, reference: str | None) -> SentSms: ...


@dataclass
class FakeSentSms:
    to: str
    body: str
    reference: str | None
    provider_id: str
    sent_at: datetime


@dataclass
class FakeSmsClient(SmsClient):
    """Records messages instead of sending them: for development and tests.

    ``outbox_dir`` (development) also writes each message to a file, so staff can
    see what would have gone out. ``fail_with`` makes every send raise, for tests.
    """

    outbox_dir: Path | None = None
    sent: list[FakeSentSms] = field(default_factory=list)
    fail_with: SmsClientError | None = None
    _lock: Lock = field(default_factory=Lock, repr=False)

    name = "fake"

    def _send(self, to: str, body: str, *, reference: str | None) -> SentSms:
        if self.fail_with is not None:
            raise self.fail_with
        provider_id = "FAKE" + secrets.token_hex(16)
        record = FakeSentSms(to, body, reference, provider_id, datetime.now(UTC))
        if self.outbox_dir is not None:
            self.outbox_dir.mkdir(parents=True, exist_ok=True)
            path = self.outbox_dir / f"sms-{provider_id}.json"
            path.write_text(
                json.dumps(
                    {"to": to, "body": body, "reference": reference, "sent_at": record.sent_at.isoformat()},
                    ensure_ascii=False,
                    indent=1,
                ),
                encoding="utf-8",
            )
            provider_id = f"local-outbox:{path.name}"
            record.provider_id = provider_id
        with self._lock:
            self.sent.append(record)
        return SentSms(provider_id)

    def clear(self) -> None:
        with self._lock:
            self.sent.clear()


def _rebasing_http_client(base_url: str, timeout: float):
    """A twilio HTTP client that sends ``https://api.twilio.com/...`` requests to ``base_url`` instead.

    This is twilio-python's documented extension point (a custom ``http_client``),
    used to reach a Twilio-compatible API or a fake one on loopback in tests.
    """
    from twilio.http.http_client import TwilioHttpClient

    class RebasingHttpClient(TwilioHttpClient):
        def request(self, method, url, *args, **kwargs):
            if url.startswith(TWILIO_DEFAULT_BASE_URL):
                url = base_url + url[len(TWILIO_DEFAULT_BASE_URL) :]
            return super().request(method, url, *args, **kwargs)

    return RebasingHttpClient(timeout=timeout)


class TwilioSmsClient(SmsClient):
    """Twilio's Programmable Messaging API (or any API that speaks it, via ``api_base_url``)."""

    name = "twilio"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        *,
        from_number: str | None = None,
        messaging_service_sid: str | None = None,
        status_callback: str | None = None,
        api_base_url: str | None = None,
        timeout: float = 10.0,
    ):
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        if not (from_number or messaging_service_sid):
            raise ValueError("a from number or a messaging service SID is needed to send SMS")
        base = (api_base_url or TWILIO_DEFAULT_BASE_URL).rstrip("/")
        http_client = (
            TwilioHttpClient(timeout=timeout)
            if base == TWILIO_DEFAULT_BASE_URL
            else _rebasing_http_client(base, timeout)
        )
        self._client = Client(account_sid, auth_token, http_client=http_client)
        self.from_number = from_number
        self.messaging_service_sid = messaging_service_sid
        self.status_callback = status_callback

    def _send(self, to: str, body: str, *, reference: str | None) -> SentSms:
        import requests
        from twilio.base.exceptions import TwilioException, TwilioRestException

        kwargs: dict[str, Any] = {"to": to, "body": body}
        # A messaging service picks the sender and handles opt-out keywords; prefer it when configured.
        if self.messaging_service_sid:
            kwargs["messaging_service_sid"] = self.messaging_service_sid
        else:
            kwargs["from_"] = self.from_number
        if self.status_callback:
            kwargs["status_callback"] = self.status_callback
        try:
            message = self._client.messages.create(**kwargs)
        except TwilioRestException as e:
            raise _classify_rest_error(e) from e
        except requests.Timeout as e:
            raise SmsClientError("the SMS provider did not answer in time", transient=True, code="timeout") from e
        except requests.RequestException as e:  # connection refused, DNS, TLS: the provider is unreachable
            raise SmsClientError(
                f"could not reach the SMS provider: {type(e).__name__}", transient=True, code="network"
            ) from e
        except TwilioException as e:  # e.g. an unparseable response from a misbehaving API
            raise SmsClientError(f"the SMS provider gave an unexpected answer: {e}", transient=True) from e
        return SentSms(provider_id=message.sid)


def _classify_rest_error(e) -> SmsClientError:
    status, code = int(e.status or 0), e.code
    if code in OPTED_OUT_ERROR_CODES:
        return SmsClientError(OPTED_OUT_ERROR_CODES[code], transient=False, code=code, opted_out=True)
    # Rate limiting and server errors pass; anything else the API refused will be refused again.
    if status == 429 or status >= 500:
        return SmsClientError(f"the SMS provider answered {status}: {e.msg}", transient=True, code=code or status)
    reason = PERMANENT_ERROR_CODES.get(code) if code else None
    return SmsClientError(
        reason or f"the SMS provider refused the message ({status}): {e.msg}", transient=False, code=code or status
    )


def sms_client_from_settings(settings: Mapping[str, Any], *, outbox_dir: Path | None = None) -> SmsClient:
    if settings.get("SMS_BACKEND") == "twilio":
        return TwilioSmsClient(
            settings["TWILIO_ACCOUNT_SID"],
            settings["TWILIO_AUTH_TOKEN"],
            from_number=settings.get("TWILIO_FROM_NUMBER"),
            messaging_service_sid=settings.get("TWILIO_MESSAGING_SERVICE_SID"),
            status_callback=settings["PUBLIC_BASE_URL"] + "/sms/status",
            api_base_url=settings.get("TWILIO_API_BASE_URL"),
            timeout=float(settings.get("SMS_TIMEOUT_SECONDS", 10)),
        )
    return FakeSmsClient(outbox_dir=outbox_dir)


def get_sms_client(app) -> SmsClient:
    """The app's SMS client, made once per app. Tests may replace ``app.extensions["sms_client"]``."""
    client = app.extensions.get("sms_client")
    if client is None:
        outbox = None
        if app.config.get("SMS_BACKEND") != "twilio" and not app.config.get("TESTING"):
            outbox = local_outbox_dir(app)
        client = app.extensions["sms_client"] = sms_client_from_settings(app.config, outbox_dir=outbox)
    return client


def local_outbox_dir(app) -> Path:
    """Where development mail and texts go when nothing is configured: ``instance/outbox`` by default."""
    return Path(app.config.get("LOCAL_OUTBOX_DIR") or Path(app.instance_path) / "outbox")
