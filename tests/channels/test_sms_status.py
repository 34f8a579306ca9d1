"""Delivery-status callbacks: signed, idempotent, never backwards."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from intake.models import Message, SmsContact

URL = "https://hys.test/sms/status"


def callback(client, settings, sid, status, signed=True, **extra):
    data = {"MessageSid": sid, "MessageStatus": status, "AccountSid": "AC" + "0" * 32, **extra}
    sig = RequestValidator(settings["TWILIO_AUTH_TOKEN"]).compute_signature(URL, data) if signed else "forged"
    return client.post("/sms/status", data=data, headers={"X-Twilio-Signature": sig})


@pytest.fixture
def outbound(session):
    message = Message(direction="out", body="Your reference is K7QM-3XPD", provider_sid="SMout1", status="queued")
    session.add(message)
    session.commit()
    return message


@pytest.mark.parametrize(
    ("sequence", "final"),
    [
        (["sending", "sent", "delivered"], "delivered"),
        (["delivered", "sent"], "delivered"),  # late "sent" does not undo "delivered"
        (["sent", "sent", "sent"], "sent"),
        (["undelivered", "delivered"], "undelivered"),  # one final status never flips to another
        (["failed", "sending"], "failed"),
        (["delivered", "read"], "read"),
    ],
)
def test_a_status_only_ever_moves_forward(client, settings, session, outbound, sequence, final):
    for status in sequence:
        assert callback(client, settings, "SMout1", status).status_code == 200
    session.refresh(outbound)
    assert outbound.status == final


def test_the_error_code_is_recorded(client, settings, session, outbound):
    callback(client, settings, "SMout1", "undelivered", ErrorCode="30003")
    session.refresh(outbound)
    assert (outbound.status, outbound.error_code) == ("undelivered", "30003")


def test_twilio_saying_the_number_opted_out_marks_it(client, settings, session, outbound):
    callback(client, settings, "SMout1", "failed", ErrorCode="21610", To="+447700900123")
    assert session.scalar(select(SmsContact.opted_out).where(SmsContact.number == "+447700900123")) is True


def test_an_unknown_message_sid_is_acknowledged_and_ignored(client, settings, session):
    assert callback(client, settings, "SMnever", "delivered").status_code == 200
    assert session.scalar(select(Message)) is None


def test_an_unsigned_status_callback_is_refused(client, settings, session, outbound):
    assert callback(client, settings, "SMout1", "delivered", signed=False).status_code == 403
    session.refresh(outbound)
    assert outbound.status == "queued"


def test_a_callback_without_a_status_is_a_400(client, settings):
    data = {"MessageSid": "SMout1"}
    sig = RequestValidator(settings["TWILIO_AUTH_TOKEN"]).compute_signature(URL, data)
    assert client.post("/sms/status", data=data, headers={"X-Twilio-Signature": sig}).status_code == 400
