"""A GOV.UK Notify-compatible API on loopback, reached through ``NOTIFY_BASE_URL``.

It implements ``POST /v2/notifications/sms`` and ``POST /v2/notifications/email`` as Notify does: the bearer
token must be a JWT (HS256) that the client signed with the API key's secret, whose ``iss`` is the key's service
id and whose ``iat`` is within 30 seconds of now (Notify keys are ``<name>-<service id>-<secret>``); templates
must exist and get every placeholder they use; a text goes only to a UK mobile number; a file for
``((link_to_file))`` must be a PDF of at most 2 MB. It answers 201 with Notify's notification resource, or
Notify's error body ``{"status_code", "errors": [{"error", "message"}]}``.

``mode`` makes it misbehave: ``"ok"``, ``"400"`` (trial mode: it cannot send to this recipient), ``"403"`` (the
key is refused), ``"429"`` (the rate limit), ``"500"``, or ``"hang"`` (answers only after ``hang_seconds``).

``delivery_receipt`` and ``received_text`` build the JSON Notify posts to a service's callbacks.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

API_KEY = "hys_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
CALLBACK_TOKEN = "notify-callback-token-for-tests"
_TEMPLATES = {
    "sms": ("5e5a4d8c-6c36-4a4c-9a8d-5d7ef2a3c101", {"body"}),
    "email": ("5e5a4d8c-6c36-4a4c-9a8d-5d7ef2a3c102", {"subject", "body"}),
    "letter": ("5e5a4d8c-6c36-4a4c-9a8d-5d7ef2a3c103", {"subject", "body", "link_to_file"}),
}
SMS_TEMPLATE_ID, EMAIL_TEMPLATE_ID, LETTER_TEMPLATE_ID = (t[0] for t in _TEMPLATES.values())
UK_MOBILE = re.compile(r"^(?:\+?44|0)7\d{9}$")
_TIMESTAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass
class SentNotification:
    id: str
    type: str  # "sms" or "email"
    to: str
    template_id: str
    personalisation: dict[str, Any]
    reference: str | None
    sender_id: str | None  # sms_sender_id or email_reply_to_id
    files: dict[str, bytes] = field(default_factory=dict)  # what each ((link_to_file)) carried


class FakeNotify:
    def __init__(self, api_key: str = API_KEY):
        self.service_id = api_key[-73:-37]
        self.secret = api_key[-36:]
        self.api_key = api_key
        self.mode = "ok"
        self.hang_seconds = 3.0
        self.sent: list[SentNotification] = []
        self.requests = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                fake._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def settings(self) -> dict[str, Any]:
        """The app settings that send texts and emails here and accept its callbacks."""
        return {
            "SMS_BACKEND": "notify",
            "EMAIL_BACKEND": "notify",
            "NOTIFY_API_KEY": self.api_key,
            "NOTIFY_BASE_URL": self.base_url,
            "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE_ID,
            "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE_ID,
            "NOTIFY_LETTER_TEMPLATE_ID": LETTER_TEMPLATE_ID,
            "NOTIFY_CALLBACK_TOKEN": CALLBACK_TOKEN,
            # Roomy on a busy machine; a test of a hanging Notify sets a shorter one.
            "NOTIFY_TIMEOUT_SECONDS": 5,
        }

    def use_in(self, app, monkeypatch) -> FakeNotify:
        """Point the app at this fake (texts and emails through it, its callback token) for one test."""
        for key, value in self.settings().items():
            monkeypatch.setitem(app.config, key, value)
        monkeypatch.setitem(app.extensions, "sms_provider", None)  # made afresh from the settings above
        return self

    def start(self) -> FakeNotify:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def texts(self) -> list[SentNotification]:
        return [n for n in self.sent if n.type == "sms"]

    def emails(self) -> list[SentNotification]:
        return [n for n in self.sent if n.type == "email"]

    # ------------------------------------------------------------------ what Notify posts back to a service

    def delivery_receipt(self, sent: SentNotification, status: str = "delivered") -> dict[str, Any]:
        now = datetime.now(UTC).strftime(_TIMESTAMP)
        return {
            "id": sent.id,
            "reference": sent.reference,
            "to": sent.to,
            "status": status,
            "created_at": now,
            "completed_at": now,
            "sent_at": now,
            "notification_type": sent.type,
            "template_id": sent.template_id,
            "template_version": 1,
        }

    @staticmethod
    def received_text(source_number: str, message: str, *, id: str | None = None) -> dict[str, Any]:
        """A text to the service's number. Notify gives the sender as ``447700900123``, without the plus."""
        return {
            "id": id or str(uuid.uuid4()),
            "source_number": source_number.lstrip("+"),
            "destination_number": "07700900000",
            "message": message,
            "date_received": datetime.now(UTC).strftime(_TIMESTAMP),
        }

    # ------------------------------------------------------------------ the API

    def _reply(self, handler, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting ("hang")
            handler.wfile.write(body)

    def _error(self, handler, status: int, error: str, message: str) -> None:
        self._reply(handler, status, {"status_code": status, "errors": [{"error": error, "message": message}]})

    def _token_is_valid(self, header: str) -> bool:
        if not header.startswith("Bearer "):
            return False
        try:
            claims = jwt.decode(header[7:], self.secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.PyJWTError:
            return False
        return claims.get("iss") == self.service_id and abs(time.time() - int(claims.get("iat", 0))) <= 30

    def _handle(self, handler) -> None:
        with self._lock:
            self.requests += 1
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        kind = {"/v2/notifications/sms": "sms", "/v2/notifications/email": "email"}.get(handler.path)
        if kind is None:
            return self._error(handler, 404, "NotFound", "The requested URL was not found on the server.")
        if not handler.headers.get("Authorization"):
            return self._error(handler, 401, "AuthError", "Unauthorized: authentication token must be provided")
        if self.mode == "403" or not self._token_is_valid(handler.headers["Authorization"]):
            return self._error(handler, 403, "AuthError", "Invalid token: API key not found")
        if self.mode == "hang":
            time.sleep(self.hang_seconds)
            return self._error(handler, 504, "Exception", "too late")
        if self.mode == "429":
            return self._error(
                handler, 429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"
            )
        if self.mode == "500":
            return self._error(handler, 500, "Exception", "Internal server error")
        try:
            request = json.loads(raw)
        except ValueError:
            return self._error(handler, 400, "ValidationError", "Invalid JSON supplied in POST data")
        problem = self._check(kind, request)
        if problem is not None:
            return self._error(handler, 400, *problem)
        self._accept(handler, kind, request)

    def _check(self, kind: str, request: dict[str, Any]) -> tuple[str, str] | None:
        """Notify's validation: what it would refuse, as (error, message); None if the request is good."""
        to = request.get("phone_number" if kind == "sms" else "email_address") or ""
        template = next((t for t in _TEMPLATES.items() if t[1][0] == request.get("template_id")), None)
        if template is None or (template[0] == "sms") != (kind == "sms"):
            return "BadRequestError", "Template not found"
        missing = sorted(template[1][1] - set(request.get("personalisation") or {}))
        if missing:
            return "BadRequestError", f"Missing personalisation: {', '.join(missing)}"
        if kind == "sms" and not UK_MOBILE.match(re.sub(r"[\s()-]", "", to)):
            return "ValidationError", "phone_number Not a UK mobile number"
        if kind == "email" and "@" not in to:
            return "ValidationError", "email_address Not a valid email address"
        if self.mode == "400":
            return (
                "BadRequestError",
                "Can't send to this recipient when service is in trial mode - see "
                "https://www.notifications.service.gov.uk/trial-mode",
            )
        reference = request.get("reference")
        if reference is not None and not isinstance(reference, str):
            return "ValidationError", "reference is not of type string"
        return None

    def _accept(self, handler, kind: str, request: dict[str, Any]) -> None:
        personalisation = dict(request.get("personalisation") or {})
        files = {}
        for key, value in list(personalisation.items()):
            if isinstance(value, dict) and "file" in value:
                data = base64.b64decode(value["file"])
                if not data.startswith(b"%PDF") or len(data) > 2 * 1024 * 1024:
                    return self._error(handler, 400, "BadRequestError", "Unsupported file type or file too big")
                files[key] = data
                personalisation[key] = f"https://documents.service.gov.uk/d/{self.service_id}/{uuid.uuid4()}"
        notification_id = str(uuid.uuid4())
        sent = SentNotification(
            notification_id,
            kind,
            request.get("phone_number") or request.get("email_address"),
            request["template_id"],
            personalisation,
            request.get("reference"),
            request.get("sms_sender_id") or request.get("email_reply_to_id"),
            files,
        )
        with self._lock:
            self.sent.append(sent)
        content: dict[str, Any] = {"body": str(personalisation.get("body", ""))}
        if kind == "sms":
            content["from_number"] = "HaveYourSay"
        else:
            content.update(subject=str(personalisation.get("subject", "")), from_email="have-your-say@notify.test")
        self._reply(
            handler,
            201,
            {
                "id": notification_id,
                "reference": sent.reference,
                "content": content,
                "uri": f"{self.base_url}/v2/notifications/{notification_id}",
                "template": {
                    "id": sent.template_id,
                    "version": 1,
                    "uri": f"{self.base_url}/services/{self.service_id}/templates/{sent.template_id}",
                },
            },
        )
