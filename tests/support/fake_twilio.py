"""A Twilio-compatible Messages API on loopback, reached through ``TWILIO_API_BASE_URL``.

It implements ``POST /2010-04-01/Accounts/<sid>/Messages.json`` with HTTP basic
auth, and answers like Twilio: 201 with a JSON message resource and a ``sid``,
or an error body ``{"code", "message", "more_info", "status"}``. ``mode`` makes
it misbehave: ``"ok"``, ``"500"``, ``"429"``, ``"hang"`` (answers only after
``hang_seconds``, past the client's timeout), ``"21610"`` (400: the number
has unsubscribed) or ``"21211"`` (400: not a valid number, quoting it as Twilio does).
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<sid>AC[0-9a-fA-F]{32})/Messages\.json$")


@dataclass
class SentMessage:
    sid: str
    to: str
    body: str
    from_: str | None
    messaging_service_sid: str | None
    status_callback: str | None


class FakeTwilio:
    def __init__(self, account_sid: str, auth_token: str):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.mode = "ok"
        self.hang_seconds = 3.0
        self.messages: list[SentMessage] = []
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

    def start(self) -> FakeTwilio:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _reply(self, handler, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting ("hang" mode)
            handler.wfile.write(body)

    def _error(self, handler, status: int, code: int, message: str) -> None:
        self._reply(
            handler,
            status,
            {
                "code": code,
                "message": message,
                "status": status,
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
            },
        )

    def _handle(self, handler) -> None:
        with self._lock:
            self.requests += 1
        match = _PATH.match(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(handler.rfile.read(length).decode()).items()}
        if not match:
            return self._error(handler, 404, 20404, "The requested resource was not found")
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if handler.headers.get("Authorization") != expected or match["sid"] != self.account_sid:
            return self._error(handler, 401, 20003, "Authenticate")
        if not form.get("To") or not form.get("Body") or not (form.get("From") or form.get("MessagingServiceSid")):
            return self._error(handler, 400, 21604, "A 'To' phone number, a 'Body' and a sender are required.")
        mode = self.mode
        if mode == "hang":
            time.sleep(self.hang_seconds)
            return self._error(handler, 504, 20504, "too late")
        if mode == "500":
            return self._error(handler, 500, 20500, "Internal Server Error")
        if mode == "429":
            return self._error(handler, 429, 20429, "Too Many Requests")
        if mode == "21610":
            return self._error(handler, 400, 21610, "Attempt to send to unsubscribed recipient")
        if mode == "21211":
            return self._error(handler, 400, 21211, f"The 'To' number {form['To']} is not a valid phone number.")
        sid = "SM" + secrets.token_hex(16)
        with self._lock:
            self.messages.append(
                SentMessage(
                    sid,
                    form["To"],
                    form["Body"],
                    form.get("From"),
                    form.get("MessagingServiceSid"),
                    form.get("StatusCallback"),
                )
            )
        self._reply(
            handler,
            201,
            {
                "sid": sid,
                "account_sid": self.account_sid,
                "to": form["To"],
                "from": form.get("From"),
                "messaging_service_sid": form.get("MessagingServiceSid"),
                "body": form["Body"],
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "date_created": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()),
                "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
            },
        )
