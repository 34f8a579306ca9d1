"""Texts through Twilio's Programmable Messaging API, or any API that speaks it (``TWILIO_API_BASE_URL``)."""

from __future__ import annotations

import logging
from typing import Any

from intake.providers.base import SmsProvider
from intake.providers.errors import OptedOutError, PermanentError, ProviderError, TransientError

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

# twilio-python logs every request's URL and headers at INFO: noise in the worker's log, kept to warnings.
_QUIET_LOG = logging.getLogger("intake.providers.twilio_http")
_QUIET_LOG.setLevel(logging.WARNING)


def _http_client(base_url: str, timeout: float):
    """twilio's HTTP client, sending ``https://api.twilio.com/...`` requests to ``base_url`` instead.

    A custom ``http_client`` is twilio-python's documented extension point; it reaches a Twilio-compatible
    API, or the fake one on loopback in tests.
    """
    from twilio.http.http_client import TwilioHttpClient

    if base_url == TWILIO_DEFAULT_BASE_URL:
        return TwilioHttpClient(timeout=timeout, logger=_QUIET_LOG)

    class RebasingHttpClient(TwilioHttpClient):
        def request(self, method, url, *args, **kwargs):
            if url.startswith(TWILIO_DEFAULT_BASE_URL):
                url = base_url + url[len(TWILIO_DEFAULT_BASE_URL) :]
            return super().request(method, url, *args, **kwargs)

    return RebasingHttpClient(timeout=timeout, logger=_QUIET_LOG)


class TwilioSms(SmsProvider):
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
        from twilio.rest import Client

        if not (from_number or messaging_service_sid):
            raise ValueError("a from number or a messaging service SID is needed to send SMS")
        base = (api_base_url or TWILIO_DEFAULT_BASE_URL).rstrip("/")
        self._client = Client(account_sid, auth_token, http_client=_http_client(base, timeout))
        self.from_number = from_number
        self.messaging_service_sid = messaging_service_sid
        self.status_callback = status_callback

    def _send(self, to: str, body: str, reference: str | None) -> str:
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
            return self._client.messages.create(**kwargs).sid
        except TwilioRestException as e:
            raise classify_rest_error(int(e.status or 0), e.code, e.msg) from e
        except requests.Timeout as e:
            raise TransientError("the SMS provider did not answer in time", code="timeout") from e
        except requests.RequestException as e:  # connection refused, DNS, TLS: the provider is unreachable
            raise TransientError(
                f"could not reach the SMS provider ({type(e).__name__})", code="network", provider_down=True
            ) from e
        except TwilioException as e:  # e.g. an unparseable response from a misbehaving API
            raise TransientError("the SMS provider gave an unexpected answer", detail=str(e)) from e


def classify_rest_error(status: int, code: int | None, answer: str | None) -> ProviderError:
    """Twilio's answer as one of our errors. ``answer`` can quote the number: it goes in ``detail`` only."""
    detail = answer or ""
    if code in OPTED_OUT_ERROR_CODES:
        return OptedOutError(OPTED_OUT_ERROR_CODES[code], code=code, detail=detail)
    # Rate limiting and server errors pass; anything else the API refused will be refused again.
    if status == 429 or status >= 500:
        return TransientError(f"the SMS provider answered {status}", code=code or status, detail=detail)
    if status in (401, 403):  # our account, not this message: every text would fail alike
        return PermanentError(f"the SMS provider refused our account ({status})", code=code or status, detail=detail)
    reason = PERMANENT_ERROR_CODES.get(code) if code else None
    return PermanentError(
        reason or f"the SMS provider refused the message ({status})", code=code or status, detail=detail
    )
