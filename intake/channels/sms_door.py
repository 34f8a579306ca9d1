"""The SMS webhook's door: a signed ``POST /sms/inbound`` is answered ahead of Flask (issue 14 item 11).

Each text a child sends is one signed POST from Twilio, and on a busy evening CPU per text is throughput. Flask's
request handling (the request context, URL matching, the session, the hooks, werkzeug's form parser) costs
about a fifth of the webhook's CPU, and a text needs none of it: no cookie, no page, no redirect. So this
WSGI middleware takes the usual case itself: a form-encoded POST to exactly ``/sms/inbound``, no query string,
within the size limit, whose Twilio signature matches. It checks the signature first, then calls the same
``sms.answer_inbound`` the Flask route calls, inside an app context (settings, the database session and its
teardown, Babel), and sends the answer with the same headers the route's response gets.

Everything else goes on to Flask untouched, the body given back: a forged or unsigned request, a GET, a query
string, a body too big or not UTF-8. So the door never refuses anything itself; Flask's route and error pages
answer every request the door does not, exactly as before (``tests/channels/test_sms_door.py`` compares the
two answers byte for byte).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

import werkzeug.urls  # noqa: F401 (registers the "werkzeug.url_quote" error handler werkzeug's form parser uses)
from flask import Flask
from werkzeug.datastructures import MultiDict
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.utils import get_content_type

from intake.channels.sms import Answer, answer_inbound
from intake.channels.twilio_auth import signature_matches
from intake.security import not_a_page_headers
from intake.settings import settings_of

log = logging.getLogger(__name__)

PATH = "/sms/inbound"
_FORM = "application/x-www-form-urlencoded"
_UNEXPECTED = Answer("Internal Server Error", 500, "text/plain")  # as errors.py answers a webhook

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class SmsDoor:
    """WSGI middleware: answers a signed text itself, hands every other request to ``inner`` (Flask)."""

    def __init__(self, app: Flask, inner: WSGIApp, answer: Callable[[MultiDict[str, str]], Answer] = answer_inbound):
        self.app = app
        self.inner = inner
        self.answer = answer  # what answers a signed text (the benchmark's app-floor puts a lighter one here)
        self.limit: int | None = app.config.get("MAX_CONTENT_LENGTH")
        self.headers = not_a_page_headers(app)
        self.url = settings_of(app).public_base_url + PATH  # what Twilio signed (the settings are frozen)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") != "POST" or environ.get("QUERY_STRING"):
            return self.inner(environ, start_response)
        form = self._form(environ)
        if form is None:
            return self.inner(environ, start_response)
        with self.app.app_context():
            if not self._signed(environ, form):
                return self.inner(environ, start_response)  # Flask refuses it (403) and logs it, as before
            try:
                answer = self.answer(form)
            except Exception:  # never a stack trace to Twilio; Flask's error handler would do the same
                log.exception("Unhandled error on POST %s", PATH)
                answer = _UNEXPECTED
        return self._send(answer, start_response)

    def _form(self, environ: dict[str, Any]) -> MultiDict[str, str] | None:
        """The POST form, read as werkzeug reads it; None (the body put back for Flask) if the door should not
        take this request."""
        if (environ.get("CONTENT_TYPE") or "").split(";", 1)[0].strip().lower() != _FORM:
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None
        if length < 0 or (self.limit is not None and length > self.limit):
            return None  # Flask answers 413 without reading it
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # whatever happens, Flask can still read it
        if len(body) != length:
            return None
        try:
            text = body.decode()
        except UnicodeDecodeError:
            return None
        return MultiDict(parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote"))

    def _signed(self, environ: dict[str, Any], form: MultiDict[str, str]) -> bool:
        return signature_matches(
            self.url,
            form,
            environ.get("HTTP_X_TWILIO_SIGNATURE"),
            environ.get("HTTP_X_TWILIO_WEBHOOKS_SIGNATURE_SETTINGS"),
        )

    def _send(self, answer: Answer, start_response: Callable[..., Any]) -> list[bytes]:
        body = answer.body.encode()
        headers = [
            ("Content-Type", get_content_type(answer.mimetype, "utf-8")),
            ("Content-Length", str(len(body))),
            *self.headers,
        ]
        start_response(f"{answer.status} {HTTP_STATUS_CODES[answer.status].upper()}", headers)
        return [body]


def install(app: Flask) -> None:
    """Put the door in front of the app's WSGI callable (outermost, so it sees the request first)."""
    app.wsgi_app = SmsDoor(app, app.wsgi_app)  # type: ignore[method-assign]
