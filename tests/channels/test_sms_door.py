"""The SMS door ahead of Flask: it answers a signed text as the Flask route would, and hands everything else on."""

from __future__ import annotations

import io
import logging
import sys
from urllib.parse import urlencode

import pytest

from intake.channels.sms_door import SmsDoor
from intake.data import conversations
from intake.extensions import db
from tests.support.twilio_webhooks import URL, params, twilio_signature

# What a response built by Flask and our headers hook carries, and the door must too (Date and Server come
# from the WSGI server, not the app).
COMPARED_HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "Cache-Control",
)


class Called:
    """Calls a WSGI app as a server does; records what it answered."""

    def __init__(self, wsgi_app, body: bytes, signature: str = "", query: str = "", method: str = "POST", **extra):
        self.status = ""
        self.headers: dict[str, str] = {}
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": "/sms/inbound",
            "QUERY_STRING": query,
            "SERVER_NAME": "hys.test",
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_X_TWILIO_SIGNATURE": signature,
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
            **extra,
        }
        result = wsgi_app(environ, self._start_response)
        try:
            self.body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()

    def _start_response(self, status, headers, exc_info=None):
        self.status = status
        self.headers = dict(headers)


def test_the_app_answers_every_request_through_the_door(app):
    assert isinstance(app.wsgi_app, SmsDoor)


def test_a_signed_text_gets_the_same_bytes_and_headers_from_the_door_as_from_the_flask_route(app, settings):
    door = app.wsgi_app
    first = params("hi", "+447700900501")
    through_door = Called(door, urlencode(first).encode(), twilio_signature(settings, first))
    second = params("hi", "+447700900502")
    through_flask = Called(door.inner, urlencode(second).encode(), twilio_signature(settings, second))
    assert through_door.status == through_flask.status == "200 OK"
    assert through_door.body == through_flask.body
    assert b"<Message>" in through_door.body
    for name in COMPARED_HEADERS:
        assert through_door.headers.get(name) == through_flask.headers.get(name), name
    assert "Set-Cookie" not in through_door.headers


def test_a_text_answered_by_the_door_is_stored_with_its_reply(app, settings):
    data = params("hi", "+447700900503")
    answer = Called(app.wsgi_app, urlencode(data).encode(), twilio_signature(settings, data))
    with app.app_context():
        assert conversations.stored_reply(db.session, data["MessageSid"]) == answer.body.decode()


def test_a_forged_text_goes_on_to_flask_which_refuses_it_and_stores_nothing(app, settings, caplog):
    data = params("he hits me", "+447700900504")
    with caplog.at_level(logging.WARNING):
        answer = Called(app.wsgi_app, urlencode(data).encode(), twilio_signature(settings, data)[:-4] + "AAAA")
    assert answer.status.startswith("403")
    assert answer.body == b"Forbidden"
    assert "Refused an unsigned or forged webhook" in caplog.text
    with app.app_context():
        assert conversations.stored_reply(db.session, data["MessageSid"]) is None


def test_an_unsigned_text_is_refused_too(app, settings):
    data = params("hi", "+447700900505")
    assert Called(app.wsgi_app, urlencode(data).encode()).status.startswith("403")


def test_a_text_signed_with_a_query_string_is_answered_by_flask_against_the_url_twilio_signed(app, settings):
    data = params("hi", "+447700900506")
    answer = Called(
        app.wsgi_app, urlencode(data).encode(), twilio_signature(settings, data, URL + "?site=a"), query="site=a"
    )
    assert answer.status == "200 OK"
    assert b"<Message>" in answer.body


def test_a_body_over_the_size_limit_is_refused_by_flask_without_the_door_reading_it(app, settings):
    data = params("x" * (app.config["MAX_CONTENT_LENGTH"] + 1), "+447700900507")
    answer = Called(app.wsgi_app, urlencode(data).encode(), twilio_signature(settings, data))
    assert answer.status.startswith("413")
    assert b"Traceback" not in answer.body


def test_a_body_that_is_not_utf8_gets_a_short_refusal_not_a_stack_trace(app, settings):
    body = b"MessageSid=SM1&From=%2B447700900508&Body=\xff\xfe"
    answer = Called(app.wsgi_app, body, "anything")
    assert answer.status[:3] in {"400", "403"}
    assert b"Traceback" not in answer.body


def test_a_get_goes_on_to_flask_and_is_not_allowed(app):
    answer = Called(app.wsgi_app, b"", method="GET")
    assert answer.status.startswith("405")


@pytest.mark.parametrize("content_type", ["multipart/form-data; boundary=x", "application/json", ""])
def test_a_body_that_is_not_a_form_goes_on_to_flask(app, settings, content_type):
    data = params("hi", "+447700900509")
    answer = Called(app.wsgi_app, urlencode(data).encode(), twilio_signature(settings, data), CONTENT_TYPE=content_type)
    assert not answer.status.startswith("200")
    assert b"Traceback" not in answer.body


def test_an_unexpected_failure_inside_the_door_is_a_plain_500_that_is_logged(app, settings, caplog):
    def broken(_form):
        raise RuntimeError("the door's answer broke")

    door = SmsDoor(app, app.wsgi_app.inner, answer=broken)
    data = params("hi", "+447700900510")
    with caplog.at_level(logging.ERROR):
        answer = Called(door, urlencode(data).encode(), twilio_signature(settings, data))
    assert answer.status == "500 INTERNAL SERVER ERROR"
    assert answer.body == b"Internal Server Error"
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.headers["Cache-Control"] == "no-store"
    assert "Unhandled error on POST /sms/inbound" in caplog.text
    assert "the door's answer broke" in caplog.text  # in the log, with its traceback, never in the answer
