"""The Twilio inbound webhook, through the test client with real signatures."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from intake.domain.sanitise import clean_text
from intake.models import Conversation, Message, Representation, SafeguardingAlert, SmsContact
from tests.factories import create_representation
from tests.support.twilio_webhooks import URL, params, post, text


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
    for line in ("hi", "1", "1"):
        text(client, settings, line)
    long = ("My placement moved again and nobody asked me. " * 40)[:1600]
    assert "Send more" in text(client, settings, long)
    assert session.scalar(select(Conversation)).state["story"] == [long.strip()]


def test_a_number_we_have_never_seen_starts_a_conversation(client, settings, session):
    text(client, settings, "hello", sender="+447700900777")
    assert session.scalar(select(Conversation).where(Conversation.address == "+447700900777"))


def test_a_disclosure_by_text_gets_the_safety_reply_and_a_case_at_once(client, settings, session):
    for line in ("hi", "1", "1"):
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

    for line in ("hi", "1", "1"):
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
    assert len(session.scalars(select(Message)).all()) == 5


@pytest.mark.parametrize("replies", [[], ["Hi"], ["a < b & c > d", 'it\'s "quoted"', "ć ł ع 😀\nnew line"]])
def test_the_twiml_is_exactly_what_twilio_s_own_builder_makes(replies):
    from twilio.twiml.messaging_response import MessagingResponse

    from intake.channels.sms import _twiml

    expected = MessagingResponse()
    for reply in replies:
        expected.message(reply)
    assert _twiml(replies) == str(expected)


# ---------------------------------------------------------------------------------------------
# The cap never loses a disclosure: a story near MAX_FREE_TEXT, then a disclosure at every later question.
# ---------------------------------------------------------------------------------------------

DISCLOSURE = "I want to kill myself"


def near_cap_story(limit):
    """Texts (each at most 1,600 characters, as Twilio allows) that fill the story to 10 short of the cap."""
    parts = [f"Part {n}. " + "My placement moved again and nobody asked me what I wanted. " * 30 for n in range(3)]
    parts = [p[:1600] for p in parts]
    used = sum(len(p) + 1 for p in parts)
    parts.append(("And my worker never rings me back. " * 20)[: limit - 10 - used - 1])
    assert sum(len(p) + 1 for p in parts) == limit - 10
    return parts


def to_step(step, settings):
    """The texts that bring a conversation with a near-cap story to ``step``."""
    start = ["hi", "1", "1", *near_cap_story(settings["MAX_FREE_TEXT"]), "done"]
    after = {
        "remedy": [],
        "service": ["to be listened to"],
        "advocate": ["to be listened to", "my PA"],
        "safe": ["to be listened to", "my PA", "no"],
        "contact": ["to be listened to", "my PA", "no", "no"],
        "avoid": ["to be listened to", "my PA", "no", "yes"],
        "confirm": ["to be listened to", "my PA", "no", "yes", "no"],
    }
    return start + after[step]


def the_disclosure_was_kept(session, rep, words):
    """The alert is raised and the words are kept in full: in a field of the case, or in the message itself,
    linked to the case (staff see it there)."""
    assert rep.safeguarding and session.scalar(
        select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id)
    )
    message = session.scalar(select(Message).where(Message.body == clean_text(words)))
    assert message is not None and message.representation_id == rep.id
    assert len(rep.what_happened) <= 5000 and rep.what_happened.startswith("Part 0.")


@pytest.mark.parametrize("step", ["remedy", "service", "advocate", "safe", "contact", "avoid", "confirm"])
def test_a_disclosure_at_any_later_question_after_a_near_cap_story_gets_the_safety_reply_and_an_alert(
    client, settings, session, step
):
    for line in to_step(step, settings):
        text(client, settings, line)
    assert session.scalar(select(Conversation)).state["step"] == step
    body = text(client, settings, DISCLOSURE)
    assert "something went wrong" not in body
    first = body.split("<Message>")[1]
    assert "call 999" in first and "0800 1111" in first
    rep = session.scalar(select(Representation))
    the_disclosure_was_kept(session, rep, DISCLOSURE)


def test_after_a_disclosure_past_the_cap_the_conversation_finishes_on_the_same_case(client, settings, session):
    for line in to_step("advocate", settings):
        text(client, settings, line)
    text(client, settings, DISCLOSURE)
    for line in ("no", "yes", "no"):
        text(client, settings, line)
    final = text(client, settings, "yes")
    reps = session.scalars(select(Representation)).all()
    assert len(reps) == 1 and reps[0].reference in final


MARKUP_KEEPS = pytest.mark.xfail(
    clean_text("I want to <kill myself>") != "I want to <kill myself>",
    reason="sanitise.clean_text still strips markup; it keeps it once the risk branch's sanitiser is merged",
    strict=True,
)


@pytest.mark.parametrize(
    "words",
    [
        "\u200bI want to kill myself\u200b",
        "\u202eI want to kill myself\u202c",
        "😢😢 I want to kill myself 😢",
        "I want to <kill myself>",
    ],
    ids=["zero-width", "bidi", "emoji", "markup"],
)
def test_a_disclosure_wrapped_in_tricks_at_a_menu_question_past_the_cap_gets_the_safety_reply(
    client, settings, session, words
):
    for line in to_step("safe", settings):
        text(client, settings, line)
    body = text(client, settings, words)
    assert "call 999" in body.split("<Message>")[1]
    rep = session.scalar(select(Representation))
    assert rep.safeguarding and session.scalar(select(SafeguardingAlert))
    message = session.scalar(select(Message).where(Message.provider_sid.is_not(None)).order_by(Message.id.desc()))
    assert message.representation_id == rep.id and message.body == clean_text(words)  # as the sanitiser keeps it


@MARKUP_KEEPS
def test_markup_like_words_are_stored_exactly_as_written(client, settings, session):
    for line in ("hi", "1", "1"):
        text(client, settings, line)
    text(client, settings, "I want to <kill myself>")
    rep = session.scalar(select(Representation))
    assert rep.what_happened == "I want to <kill myself>"
    # Every message of the conversation belongs to the case it made (issue 15); the disclosure is the last.
    linked = session.scalars(select(Message.body).where(Message.representation_id == rep.id).order_by(Message.id))
    assert linked.all()[-1] == "I want to <kill myself>"


def test_markup_like_words_are_escaped_in_the_twiml_not_removed(client, settings):
    body = text(client, settings, "<b>hi</b> & bye")
    assert "<b>" not in body and "free and private" in body


def test_status_with_a_wrong_reference_gets_the_same_reply_as_a_case_that_is_not_theirs(client, settings):
    wrong = text(client, settings, "STATUS ABCD-EFGH")
    garbled = text(client, settings, "status what is happening")
    for body in (wrong, garbled):
        assert "find that reference for this number" in body and "something went wrong" not in body
    assert "STATUS and your reference" in text(client, settings, "status")


def test_a_conversation_carries_on_in_another_worker_when_the_first_one_dies(client, settings, session, database_url):
    """Everything a conversation knows is in the database, so a worker killed between texts loses nothing."""
    from intake import create_app
    from intake.config import TEST_SETTINGS

    for line in ("hi", "1", "1", "my worker never rings me back"):
        text(client, settings, line)
    another_worker = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url})
    with another_worker.app_context():
        body = text(another_worker.test_client(), settings, "done")
    assert "What would help put it right?" in body
    session.expire_all()
    assert session.scalar(select(Conversation)).state["story"] == ["my worker never rings me back"]
