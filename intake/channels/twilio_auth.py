"""Checking that a webhook really came from Twilio (rules-reference.md §6.1).

The signature covers the exact URL Twilio called plus the sorted POST fields. We
rebuild that URL from ``PUBLIC_BASE_URL`` and the request path, never from
``request.url``: behind a proxy or TLS terminator the scheme and host we see are
not the ones Twilio used (Twilio error 57012), and trusting proxy headers would let
anyone choose the URL that gets checked.
"""

from __future__ import annotations

import hmac
import logging
from functools import lru_cache, wraps
from typing import Any

from flask import abort, request
from twilio.request_validator import SIGNATURE_SETTINGS_HEADER, RequestValidator, get_signature_algorithm

from intake.settings import current_settings

log = logging.getLogger(__name__)


def public_url() -> str:
    """The URL Twilio was given for this endpoint, query string included."""
    query = request.query_string.decode("latin-1")
    return current_settings().public_base_url + request.path + (f"?{query}" if query else "")


def signature_is_valid() -> bool:
    """The request's X-Twilio-Signature against its URL and form."""
    return signature_matches(
        public_url(),
        request.form,
        request.headers.get("X-Twilio-Signature"),
        request.headers.get(SIGNATURE_SETTINGS_HEADER),
    )


def signature_matches(url: str, params: Any, signature: str | None, signature_settings: str | None = None) -> bool:
    """``signature`` is Twilio's for ``url`` and the POST ``params`` (a MultiDict), under our auth token.
    ``signature_settings``: the X-Twilio-Webhooks-Signature-Settings header a Webhooks Rule sends, if any."""
    token = current_settings().twilio.auth_token
    if not token or not signature:
        return False
    algorithm = None
    if signature_settings:  # a Webhooks Rule signs with HMAC-SHA256
        algorithm = get_signature_algorithm(signature_settings)
    validator = _validator(token)
    # The usual case: Twilio signed exactly the URL it was given. One HMAC, compared in constant time.
    if (
        algorithm is None
        and "?" not in url
        and hmac.compare_digest(validator.compute_signature(url, params).encode(), signature.encode())
    ):
        return True
    # RequestValidator compares in constant time and tries the URL with and without the default port.
    return validator.validate(url, params, signature, algorithm=algorithm)


@lru_cache(maxsize=4)
def _validator(token: str) -> RequestValidator:
    return RequestValidator(token)


def twilio_signed(view):
    """Refuse (403) any request whose X-Twilio-Signature does not validate. Runs before anything else."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not signature_is_valid():
            log.warning("Refused an unsigned or forged webhook on %s", request.path)
            abort(403)
        return view(*args, **kwargs)

    return wrapper
