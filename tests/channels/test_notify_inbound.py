"""Texts to the council's GOV.UK Notify number: the inbound callback, the conversation, and replies by the outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from intake.delivery.loop import Worker
from intake.delivery.settings import WorkerSettings
from intake.models import (
    Conversation,
    Message,
    NotificationStatus,
    Representation,
    SafeguardingAlert,
    SmsContact,
)
from intake.models.notification import CONVERSATION_REPLY_TEMPLATE, SAFETY_REPLY_TEMPLATE
from intake.providers.notify import KEY_TROUBLE
from tests.support.fake_notify import CALLBACK_TOKEN, FakeNotify
from tests.support.outbox import Clock, notifications

NUMBER = "+447700900123"
DISCLOSURE = "he hits me and locks me in my room"


@pytest.fixture
def notify_api(app, monkeypatch):
    fake = FakeNotify().start().use_in(app, monkeypatch)
    yield fake
    fake.stop()
    KEY_TROUBLE.worked()


def text(client, payload, token=CALLBACK_TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/notify/inbound", json=payload, headers=headers)


def send_text(client, words, sender=NUMBER, **kwargs):
    response = text(client, FakeNotify.received_text(sender, words, **kwargs))
    assert response.status_code == 204
    return response


def deliver(app):
    settings = WorkerSettings(batch_size=50, lease_seconds=120, backoff_base_seconds=30, poll_seconds=0.01)
    return Worker(app, settings, clock=Clock(), reminders=False).run(once=True)


def outbound(session):
    return list(session.scalars(select(Message).where(Message.direction == "out").order_by(Message.id)))


def test_a_text_starts_a_conversation_whose_replies_wait_in_the_outbox_in_order(client, session, notify_api):
    send_text(client, "hi")
    conversation = session.scalar(select(Conversation))
    assert (conversation.channel, conversation.address) == ("sms", NUMBER), "Notify's 4477... is kept as E.164"
    inbound = session.scalar(select(Message).where(Message.direction == "in"))
    assert inbound.body == "hi" and inbound.conversation_id == conversation.id
    rows = notifications()
    assert len(rows) == 2 and rows[0].body.startswith("Hi, this is Have Your Say")
    assert all(n.template == CONVERSATION_REPLY_TEMPLATE and not n.urgent for n in rows)
    assert all(n.recipient == NUMBER and n.representation_id is None for n in rows)
    assert [m.body for m in outbound(session)] == [n.body for n in rows]
    assert inbound.reply == "\n".join(n.body for n in rows)


def test_the_worker_sends_the_replies_through_notify_in_order_and_a_receipt_marks_them_delivered(
    app, client, session, notify_api
):
    send_text(client, "hi")
    deliver(app)
    rows = notifications()
    assert [t.personalisation["body"] for t in notify_api.texts()] == [n.body for n in rows]
    assert all(t.to == NUMBER and t.reference is None for t in notify_api.texts()), "no case yet: no reference"
    assert all(n.status is NotificationStatus.SENT for n in rows)
    for sent in notify_api.texts():
        response = client.post(
            "/notify/status",
            json=notify_api.delivery_receipt(sent),
            headers={"Authorization": f"Bearer {CALLBACK_TOKEN}"},
        )
        assert response.status_code == 204
    session.expire_all()
    assert [m.status for m in outbound(session)] == ["delivered", "delivered"]


def test_the_same_text_delivered_twice_is_taken_once(client, session, notify_api):
    payload = FakeNotify.received_text(NUMBER, "hi")
    assert text(client, payload).status_code == 204
    assert text(client, payload).status_code == 204
    assert session.query(Message).filter_by(direction="in").count() == 1
    assert len(notifications()) == 2


def test_the_conversation_goes_on_from_text_to_text(client, session, notify_api):
    send_text(client, "hi")
    send_text(client, "1")
    state = session.scalar(select(Conversation.state))
    assert state["step"] != "start" and len(notifications()) > 2


def test_a_disclosure_gets_the_safety_reply_first_and_urgent_with_a_case_and_an_alert(app, client, session, notify_api):
    send_text(client, DISCLOSURE)
    rep = session.scalar(select(Representation))
    assert rep is not None and session.scalar(select(SafeguardingAlert)) is not None
    replies = [n for n in notifications() if n.template in (SAFETY_REPLY_TEMPLATE, CONVERSATION_REPLY_TEMPLATE)]
    assert replies[0].template == SAFETY_REPLY_TEMPLATE and replies[0].urgent
    assert "999" in replies[0].body and "Childline" in replies[0].body
    assert any(n.template == CONVERSATION_REPLY_TEMPLATE and not n.urgent for n in replies), "then the rest"
    assert all(n.representation_id == rep.id for n in replies)
    kinds = [n.urgent for n in replies]
    assert kinds == sorted(kinds, reverse=True), "the safety reply leads; the rest follow in order"

    deliver(app)
    first = notify_api.sent[0]
    assert first.type == "sms" and first.personalisation["body"] == replies[0].body, "before any alert"
    assert first.reference == rep.reference
    texts_in_order = [t.personalisation["body"] for t in notify_api.texts() if t.to == NUMBER]
    assert texts_in_order == [n.body for n in replies]


def test_stop_marks_the_number_and_nothing_more_is_sent(app, client, session, notify_api):
    send_text(client, "hi")
    send_text(client, "STOP")
    assert session.scalar(select(SmsContact.opted_out).where(SmsContact.number == NUMBER)) is True
    assert len(notifications()) == 2, "no reply to STOP"
    deliver(app)
    assert notify_api.texts() == [], "what was waiting is not sent either"
    assert {n.status for n in notifications()} == {NotificationStatus.SUPPRESSED}


def test_start_marks_the_number_back_and_says_so(client, session, notify_api):
    send_text(client, "STOP")
    send_text(client, "START")
    assert session.scalar(select(SmsContact.opted_out).where(SmsContact.number == NUMBER)) is False
    [row] = notifications()
    assert row.body == "You will get texts from us again. Reply HELP for help."


def test_a_safety_reply_still_goes_to_a_number_that_opted_out(app, client, session, notify_api):
    send_text(client, "STOP")
    send_text(client, DISCLOSURE)
    deliver(app)
    bodies = [t.personalisation["body"] for t in notify_api.texts() if t.to == NUMBER]
    safety = [n for n in notifications() if n.template == SAFETY_REPLY_TEMPLATE]
    assert safety and bodies == [n.body for n in safety], "the safety reply only: the rest wait for START"


@pytest.mark.parametrize("token", [None, "", "wrong-token-123", CALLBACK_TOKEN + "x"], ids=repr)
def test_a_callback_without_the_right_token_is_refused_and_nothing_is_stored(client, session, notify_api, token):
    response = text(client, FakeNotify.received_text(NUMBER, "hi"), token=token)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"
    assert session.scalar(select(Message)) is None and notifications() == []


def test_the_token_is_checked_before_the_body_is_read(client, notify_api):
    response = client.post(
        "/notify/inbound", data=b"{not json", headers={"Authorization": "Bearer wrong", "Content-Type": "text/plain"}
    )
    assert response.status_code == 401


def test_with_no_token_set_every_callback_is_refused(client, session, notify_api, monkeypatch, app):
    monkeypatch.setitem(app.config, "NOTIFY_CALLBACK_TOKEN", None)
    assert text(client, FakeNotify.received_text(NUMBER, "hi")).status_code == 401


@pytest.mark.parametrize(
    "payload",
    [
        "not an object",
        {"source_number": "447700900123", "message": "hi"},
        {"id": "abc", "message": "hi"},
        {"id": "x" * 65, "source_number": "447700900123", "message": "hi"},
    ],
    ids=["not-an-object", "no-id", "no-sender", "id-too-long"],
)
def test_a_malformed_text_gets_a_clear_400_and_nothing_is_stored(client, session, notify_api, payload):
    response = text(client, payload)
    assert response.status_code == 400 and response.is_json and "required" in response.json["error"]
    assert session.scalar(select(Message)) is None


def test_the_words_are_read_from_content_too(client, session, notify_api):
    payload = FakeNotify.received_text(NUMBER, "")
    payload.pop("message")
    text(client, {**payload, "content": "hello there"})
    assert session.scalar(select(Message.body).where(Message.direction == "in")) == "hello there"


def test_the_words_are_stored_as_written_even_when_they_look_like_markup(client, session, notify_api):
    words = "<b>my carer</b> said I'm <script>bad</script> & I want to complain"
    send_text(client, words)
    assert session.scalar(select(Message.body).where(Message.direction == "in")) == words


def test_a_reply_to_a_case_belongs_to_that_case(client, session, notify_api):
    send_text(client, DISCLOSURE)
    rep = session.scalar(select(Representation))
    send_text(client, "he took my phone too")
    later = notifications()[-1]
    assert later.representation_id == rep.id and later.template in (SAFETY_REPLY_TEMPLATE, CONVERSATION_REPLY_TEMPLATE)
