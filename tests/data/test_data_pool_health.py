"""Pooled PostgreSQL connections: checked before use (an SMS turn trusts one working a moment ago), and a text
that meets one the server dropped is worked out again on a fresh one."""

from __future__ import annotations

import logging
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from intake.data import conversations, pool_health
from intake.extensions import db
from tests.support.twilio_webhooks import params, post


@pytest.fixture
def postgres(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: a SQLite file cannot go stale, so nothing checks it")
    return database_url


def _end_backend(database_url: str, pid: int) -> None:
    """End one server process from outside the app's pool, as a restart or a dropped proxy would."""
    killer = create_engine(database_url, poolclass=NullPool)
    with killer.begin() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()


def _pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def test_a_connection_dropped_while_it_sat_idle_in_the_pool_is_replaced_before_anything_uses_it(app, postgres):
    engine = db.engine
    engine.dispose()  # one pooled connection, the one the next checkout gets
    dropped = _pid(engine)
    _end_backend(postgres, dropped)
    time.sleep(pool_health.RECENT + 0.1)  # idle longer than the window: it is checked
    assert _pid(engine) != dropped  # no error: the check found it dead and the pool made a new one


def test_only_an_sms_turn_takes_a_connection_given_back_a_moment_ago_without_a_ping(app, postgres, monkeypatch):
    engine = db.engine
    engine.dispose()
    pings = []
    ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: pings.append(1) or ping(connection))
    first = _pid(engine)  # a new connection: connecting was its check, as pool_pre_ping takes it
    assert pings == []
    with pool_health.trusting_recent():
        assert _pid(engine) == first  # an SMS turn's checkout, given back a moment ago: not pinged
    assert pings == []
    assert _pid(engine) == first  # anything else: pinged every time
    assert pings == [1]
    time.sleep(pool_health.RECENT + 0.1)
    with pool_health.trusting_recent():
        assert _pid(engine) == first  # a turn's checkout of one idle longer: pinged
    assert pings == [1, 1]


def test_a_page_s_checkout_right_after_the_server_dropped_the_connection_gets_a_fresh_one(app, postgres):
    engine = db.engine
    engine.dispose()
    dropped = _pid(engine)
    _end_backend(postgres, dropped)  # inside the window: only an SMS turn would trust it
    assert _pid(engine) != dropped  # checked, found dead, replaced: no error


def test_a_text_that_meets_a_connection_the_server_just_dropped_is_answered_and_stored(
    client, settings, postgres, caplog
):
    engine = db.engine
    engine.dispose()
    _end_backend(postgres, _pid(engine))  # inside the window: handed out unchecked, and fails on first use
    data = params("hi", "+447700900611")
    with caplog.at_level(logging.WARNING):
        response = post(client, settings, data)
    assert response.status_code == 200
    assert b"went wrong" not in response.data
    assert b"<Message>" in response.data
    assert "met a dropped database connection" in caplog.text
    assert conversations.stored_reply(db.session, data["MessageSid"]) == response.get_data(as_text=True)
