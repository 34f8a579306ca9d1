"""The Twilio inbound webhook, through the test client with real signatures."""

from __future__ import annotations

import secrets
import threading

import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from intake.models import Conversation, Message, Representation, SmsContact
from tests.factories import create_representation

URL = "https://hys.test/sms/inbound"  # PUBLIC_BASE_URL in the test settings + the path


def params(body="hi", sender="+447700900123", **extra):
    return {
        "MessageSid": "SM" + secrets.token_hex(16),
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "+447700900000",
        "Body": body,
        "NumMedia": "0",
        **extra,
    }


def post(client, settings, data, *, url=URL, signature=None, headers=None):
    sig = (
        signature
        if signature is not None
        else RequestValidator(settings["TWILIO_AUTH_TOKEN"]).compute_signature(url, data)
    )
    return client.post("/sms/inbound", data=data, headers={"X-Twilio-Signature": sig, **(headers or {})})


def text(client, settings, body, sender="+447700900123"):
    response = post(client, settings, params(body, sender))
    assert response.status_code == 200 and response.mimetype == "application/xml"
    return response.get_data(as_text=True)


def test_a_signed_text_gets_twiml_replies(client, settings):
    body = text(client, settings, "hi")
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hi, this is Have Your Say')
    assert body.count("<Message>") == 2


def test_a_webhook_answer_sets_no_cookie_and_allows_no_scripts(client, settings):
    response = post(client, settings, params("hi"))
    assert "Set-Cookie" not in response.headers
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "forge",
    [
        lambda d, s: ("", None),  # no signature at all
        lambda d, s: ("bm90IGEgc2lnbmF0dXJl", None),  # made up
        lambda d, s: (RequestValidator("another-token").compute_signature(URL, d), None),  # wrong key
        lambda d, s: (RequestValidator(s["TWILIO_AUTH_TOKEN"]).compute_signature(URL, {**d, "Body": "original"}), None),
        lambda d, s: (
            RequestValidator(s["TWILIO_AUTH_TOKEN"]).compute_signature("http://localhost/sms/inbound", d),
            None,
        ),
    ],
    ids=["unsigned", "made-up", "wrong-token", "tampered-body", "url-from-the-request-not-the-public-base"],
)
def test_an_unsigned_or_forged_webhook_is_refused_and_nothing_is_stored(client, settings, session, forge):
    data = params("hello")
    signature, _ = forge(data, settings)
    headers = {"X-Twilio-Signature": signature} if signature else {}
    response = client.post("/sms/inbound", data=data, headers=headers, base_url="http://localhost")
    assert response.status_code == 403
    assert session.scalar(select(Message)) is None


def test_proxy_headers_cannot_change_the_url_that_is_checked(client, settings):
    data = params("hi")
    sig = RequestValidator(settings["TWILIO_AUTH_TOKEN"]).compute_signature("https://evil.example/sms/inbound", data)
    response = client.post(
        "/sms/inbound",
        data=data,
        headers={"X-Twilio-Signature": sig, "Host": "evil.example", "X-Forwarded-Host": "evil.example"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize("missing", ["From", "MessageSid"])
def test_a_signed_but_malformed_webhook_is_a_400(client, settings, missing):
    data = params("hi")
    del data[missing]
    assert post(client, settings, data).status_code == 400


def test_the_same_message_sid_twice_is_acted_on_once_with_the_same_reply(client, settings, session):
    data = params("hi")
    first = post(client, settings, data)
    second = post(client, settings, data)
    assert first.get_data() == second.get_data()
    assert len(session.scalars(select(Message)).all()) == 1
    conversation = session.scalar(select(Conversation))
    assert conversation.state["step"] == "language"  # not advanced twice


def test_the_same_message_sid_at_the_same_moment_is_acted_on_once(app, settings, tmp_path):
    data = params("hi")
    sig = RequestValidator(settings["TWILIO_AUTH_TOKEN"]).compute_signature(URL, data)
    results = []

    def deliver():
        with app.test_client() as c:
            results.append(c.post("/sms/inbound", data=data, headers={"X-Twilio-Signature": sig}).status_code)

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 4
    from intake.extensions import db

    assert db.session.scalar(select(Message).where(Message.provider_sid == data["MessageSid"])) is not None
    assert len(db.session.scalars(select(Message)).all()) == 1


def test_stop_opts_out_without_a_reply_and_start_opts_back_in(client, settings, session):
    create_representation(contact_phone="+447700900123")
    assert "<Message>" not in text(client, settings, " Stop ")
    contact = session.scalar(select(SmsContact).where(SmsContact.number == "+447700900123"))
    assert contact.opted_out and contact.opted_out_at is not None
    assert session.scalar(select(Representation)).is_open  # the case itself is untouched
    assert "You will get texts from us again" in text(client, settings, "START")
    session.refresh(contact)
    assert not contact.opted_out


def test_make_it_stop_is_a_child_talking_not_an_opt_out(client, settings, session):
    body = text(client, settings, "make it stop")
    assert "<Message>" in body
    assert session.scalar(select(SmsContact)) is None


def test_messages_after_an_opt_out_are_still_read_and_answered(client, settings):
    text(client, settings, "STOP")
    assert "free and private" in text(client, settings, "hi")


def test_a_picture_with_no_words_is_answered_kindly(client, settings):
    response = post(client, settings, params("", NumMedia="1", MediaUrl0="https://api.twilio.com/media/1"))
    assert "can&apos;t read pictures yet" in response.get_data(
        as_text=True
    ) or "can't read pictures yet" in response.get_data(as_text=True)


@pytest.mark.parametrize("body", ["", "   ", "😀😀", "🙏"])
def test_empty_and_emoji_only_messages_get_a_gentle_reply(client, settings, body):
    text(client, settings, "hi")
    text(client, settings, "1")
    assert "didn" in text(client, settings, body)


def test_a_1600_character_message_is_kept_whole(client, settings, session):
    for line in ("hi", "1", "1", "me"):
        text(client, settings, line)
    long = ("My placement moved again and nobody asked me. " * 40)[:1600]
    assert "Send more" in text(client, settings, long)
    assert session.scalar(select(Conversation)).state["story"] == [long.strip()]


def test_a_number_we_have_never_seen_starts_a_conversation(client, settings, session):
    text(client, settings, "hello", sender="+447700900777")
    assert session.scalar(select(Conversation).where(Conversation.address == "+447700900777"))


def test_a_disclosure_by_text_gets_the_safety_reply_and_a_case_at_once(client, settings, session):
    for line in ("hi", "1", "1", "me"):
        text(client, settings, line)
    body = text(client, settings, "he hits me and locks me in my room")
    assert "call 999" in body and "Childline" in body
    rep = session.scalar(select(Representation))
    assert rep.safeguarding and rep.channel.value == "sms"
    assert session.scalar(select(Message.representation_id).where(Message.body.like("he hits me%"))) == rep.id


def test_status_by_text_answers_only_the_number_that_sent_it(client, settings):
    rep = create_representation(contact_phone="+447700900123")
    assert rep.reference in text(client, settings, f"status {rep.reference}")
    other = text(client, settings, f"status {rep.reference}", sender="+447700900999")
    assert rep.reference not in other and "can&apos;t find" in other or "can't find" in other


def test_an_error_inside_never_becomes_a_500_and_the_message_is_kept(client, settings, session, monkeypatch):
    import intake.channels.sms as sms

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(sms, "process_message", broken)
    response = post(client, settings, params("my worker is rubbish"))
    assert response.status_code == 200 and "something went wrong on our side" in response.get_data(as_text=True)
    assert session.scalar(select(Message.body)) == "my worker is rubbish"


def test_two_texts_from_one_number_worked_out_at_once_both_reach_the_story(app, client, settings, session, monkeypatch):
    import intake.channels.sms as sms

    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("on PostgreSQL the second text waits on the conversation's row lock (FOR UPDATE) instead")
    for line in ("hi", "1", "1", "me"):
        text(client, settings, line)
    real = sms.process_message
    raced = []

    def racing(*args, **kwargs):
        # While this text is being worked out, the child's next text is handled in full by another request.
        if not raced:
            raced.append(True)
            with app.app_context(), app.test_client() as other:
                assert "Send more" in text(other, settings, "and nobody listens")
        return real(*args, **kwargs)

    monkeypatch.setattr(sms, "process_message", racing)
    assert "Send more" in text(client, settings, "my worker never rings me back")
    session.expire_all()
    story = session.scalar(select(Conversation)).state["story"]
    assert sorted(story) == ["and nobody listens", "my worker never rings me back"]
    assert len(session.scalars(select(Message)).all()) == 6


@pytest.mark.parametrize("replies", [[], ["Hi"], ["a < b & c > d", 'it\'s "quoted"', "ć ł ع 😀\nnew line"]])
def test_the_twiml_is_exactly_what_twilio_s_own_builder_makes(replies):
    from twilio.twiml.messaging_response import MessagingResponse

    from intake.channels.sms import _twiml

    expected = MessagingResponse()
    for reply in replies:
        expected.message(reply)
    assert _twiml(replies) == str(expected)
