"""Signed Twilio webhooks for the tests: a text's form as Twilio sends it, its real signature, and the POST."""

from __future__ import annotations

import secrets

from twilio.request_validator import RequestValidator

URL = "https://hys.test/sms/inbound"  # PUBLIC_BASE_URL in the test settings + the path


def params(body: str = "hi", sender: str = "+447700900123", *, sid: str | None = None, **extra: str) -> dict[str, str]:
    """An incoming text's form fields, with a new MessageSid unless ``sid`` is given."""
    return {
        "MessageSid": sid or "SM" + secrets.token_hex(16),
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "+447700900000",
        "Body": body,
        "NumMedia": "0",
        **extra,
    }


def twilio_signature(settings, data: dict[str, str], url: str = URL) -> str:
    """Twilio's X-Twilio-Signature for ``data`` posted to ``url``, under the test settings' auth token."""
    return RequestValidator(settings["TWILIO_AUTH_TOKEN"]).compute_signature(url, data)


def post(client, settings, data, *, url=URL, signature=None, headers=None):
    """POST ``data`` to the webhook through the test client, signed for ``url`` (or with ``signature``)."""
    sig = signature if signature is not None else twilio_signature(settings, data, url)
    return client.post("/sms/inbound", data=data, headers={"X-Twilio-Signature": sig, **(headers or {})})


def text(client, settings, body, sender="+447700900123"):
    """Text ``body`` from ``sender``; the TwiML answered (a 200 in XML, or the test fails)."""
    response = post(client, settings, params(body, sender))
    assert response.status_code == 200 and response.mimetype == "application/xml"
    return response.get_data(as_text=True)
