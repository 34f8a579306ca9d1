"""Rate limits that hold across processes: public POSTs per address, acknowledgements per destination.

Counters live in the database (``database://``), so two app processes on one database share them; keys are
HMACs, so the table never holds an address or a phone number."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from intake import create_app
from intake.config import TEST_SETTINGS
from intake.models import AuditEvent, Notification, RateLimitWindow
from tests.factories import create_representation
from tests.staff.conftest import csrf_token


@pytest.fixture
def small_public_limit(settings):
    before = settings["RATELIMIT_PUBLIC_POSTS"]
    settings["RATELIMIT_PUBLIC_POSTS"] = "3 per minute"
    yield
    settings["RATELIMIT_PUBLIC_POSTS"] = before


def _clear_chat(client, address: str) -> int:
    token = csrf_token(client, "/chat")
    return client.post("/chat/clear", data={"csrf_token": token}, environ_base={"REMOTE_ADDR": address}).status_code


def _message(client, address: str) -> int:
    token = csrf_token(client, "/chat")
    response = client.post(
        "/chat/messages",
        json={"message": "hello"},
        headers={"X-CSRFToken": token},
        environ_base={"REMOTE_ADDR": address},
    )
    return response.status_code


def test_every_public_post_from_one_address_counts_towards_one_limit(client, small_public_limit):
    statuses = [_clear_chat(client, "192.0.2.1"), _message(client, "192.0.2.1"), _clear_chat(client, "192.0.2.1")]
    assert statuses == [303, 200, 303]
    assert _message(client, "192.0.2.1") == 429
    assert _clear_chat(client, "192.0.2.2") == 303  # another address has its own


def test_two_app_processes_on_one_database_share_the_count(app, client, database_url, small_public_limit):
    other = create_app(
        {**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_PUBLIC_POSTS": "3 per minute"}
    )
    other_client = other.test_client()
    assert [_clear_chat(client, "192.0.2.3"), _clear_chat(client, "192.0.2.3")] == [303, 303]
    with other.app_context():
        assert _clear_chat(other_client, "192.0.2.3") == 303
        assert _clear_chat(other_client, "192.0.2.3") == 429


def test_the_counters_hold_no_address(client, session, small_public_limit):
    _clear_chat(client, "192.0.2.44")
    keys = session.scalars(select(RateLimitWindow.key)).all()
    assert keys and all("192.0.2.44" not in key and len(key) == 64 for key in keys)


def _case_for(phone: str):
    return create_representation(contact_phone=phone, safe_to_contact=True)


def test_no_more_than_three_acknowledgements_an_hour_go_to_one_number_and_the_audit_says_so(session):
    cases = [_case_for("07700 900123") for _ in range(5)]
    acks = session.scalars(
        select(Notification).where(Notification.template.like("acknowledgement%")).order_by(Notification.id)
    ).all()
    assert [n.representation_id for n in acks] == [c.id for c in cases[:3]]
    held = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "acknowledgement_not_sent").order_by(AuditEvent.id)
    ).all()
    assert [e.representation_id for e in held] == [c.id for c in cases[3:]]
    assert all("07700" not in e.detail and "900123" not in e.detail for e in held)


def test_another_number_still_gets_its_acknowledgement(session):
    for _ in range(4):
        _case_for("07700 900123")
    other = _case_for("07700 900456")
    assert session.scalars(select(Notification).where(Notification.representation_id == other.id)).all()
