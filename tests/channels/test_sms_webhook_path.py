"""The SMS webhook's thin path: what it skips, what it still does, and what it sends to the database."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from flask import Flask, Response
from sqlalchemy import event
from twilio.twiml.messaging_response import MessagingResponse

from intake.data.prepared import Prepared
from intake.extensions import db
from intake.thin_path import machine_endpoint, pages_only
from tests.support.twilio_webhooks import params, post


class Statements:
    """Every statement the app sends to the database while it is open, by its first word: those that go through
    SQLAlchemy's execution (its events) and those the turn runs straight on the cursor (``Prepared``)."""

    def __init__(self, engine):
        self.engine = engine
        self.seen: list[str] = []
        self._run = Prepared._run

    def _record(self, _conn, _cursor, statement, _parameters, _context, _executemany):
        self.seen.append(statement.split(None, 1)[0].upper())

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        run = self._run

        def recorded(prepared, connection, params):
            compiled, cursor = run(prepared, connection, params)
            self.seen.append(compiled.sql.split(None, 1)[0].upper())
            return compiled, cursor

        Prepared._run = recorded  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._record)
        Prepared._run = self._run  # type: ignore[method-assign]


def test_a_webhook_answer_has_every_security_header_and_nothing_about_cookies(client, settings):
    response = post(client, settings, params("hi", "+447700900201"))
    assert response.status_code == 200
    headers = response.headers
    assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Permissions-Policy"].startswith("geolocation=()")
    assert headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in headers
    assert "Cookie" not in headers.get("Vary", "")  # the session was never looked at


def test_a_first_text_from_a_new_number_reads_once_and_writes_the_conversation_and_the_message(client, settings):
    with Statements(db.engine) as statements:
        assert post(client, settings, params("hi", "+447700900202")).status_code == 200
    assert statements.seen == ["SELECT", "INSERT", "INSERT"]


def test_a_text_part_way_through_reads_once_then_updates_the_state_and_stores_the_message(client, settings):
    post(client, settings, params("hi", "+447700900203"))
    with Statements(db.engine) as statements:
        assert post(client, settings, params("1", "+447700900203")).status_code == 200
    if db.engine.dialect.name == "postgresql":  # the UPDATE and the INSERT in one statement: WITH moved AS (...)
        assert statements.seen == ["SELECT", "WITH"]
    else:
        assert statements.seen == ["SELECT", "UPDATE", "INSERT"]


def test_a_replayed_message_sid_is_answered_from_the_one_read(client, settings):
    data = params("hi", "+447700900204")
    first = post(client, settings, data)
    with Statements(db.engine) as statements:
        again = post(client, settings, data)
    assert statements.seen == ["SELECT"]
    assert again.get_data() == first.get_data()


@pytest.mark.parametrize("script", [("hi",), ("hi", "1", "i want to complain"), ("hi", "help")])
def test_the_answer_is_byte_for_byte_what_twilio_s_own_builder_makes_of_its_messages(client, settings, script):
    sender = f"+4477009003{len(script):02d}"
    for body in script:
        response = post(client, settings, params(body, sender))
    assert response.mimetype == "application/xml"
    sent = [message.text or "" for message in ET.fromstring(response.get_data()).iter("Message")]
    assert sent
    expected = MessagingResponse()
    for text in sent:
        expected.message(text)
    assert response.get_data(as_text=True) == str(expected)


def _app_with_hooks() -> tuple[Flask, list[str]]:
    app = Flask("thin-path-test")
    ran: list[str] = []

    @app.before_request
    def page_before():
        ran.append("page before")

    @app.after_request
    def page_after(response):
        ran.append("page after")
        return response

    @app.after_request
    def every_response(response):
        ran.append("every response")
        response.headers["X-Seen"] = "yes"
        return response

    @app.teardown_request
    def page_teardown(_error):
        ran.append("page teardown")

    @app.post("/machine")
    @machine_endpoint
    def machine():
        return Response("ok")

    @app.post("/page")
    def page():
        return Response("ok")

    pages_only(app, every_response=[every_response])
    return app, ran


def test_a_machine_endpoint_skips_the_page_hooks_but_not_the_ones_every_response_needs():
    app, ran = _app_with_hooks()
    response = app.test_client().post("/machine")
    assert ran == ["every response"]
    assert response.headers["X-Seen"] == "yes"


def test_a_page_still_runs_every_hook_in_flask_s_order():
    app, ran = _app_with_hooks()
    app.test_client().post("/page")
    assert ran == ["page before", "every response", "page after", "page teardown"]


def test_neighbouring_page_hooks_become_one_hook_so_a_machine_endpoint_pays_one_check_for_them(app):
    # The service's own app: CSRF, the limiter, static files and the staff sign-out are one hook before the view.
    assert [hook.__name__ for hook in app.before_request_funcs[None] if hook.__name__.startswith("page_hooks")] == [
        "page_hooks_before"
    ]
    assert [hook.__name__ for hook in app.teardown_request_funcs[None]] == ["page_hooks_teardown"]
