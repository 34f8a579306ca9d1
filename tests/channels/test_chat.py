"""Web chat: the same engine, without JavaScript (form + redirect) and with it (JSON)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from intake.domain.sanitise import clean_text
from intake.models import Conversation, Message, Representation, SafeguardingAlert


@pytest.fixture
def csrf_client(app):
    """A client with CSRF protection switched on, as in production."""
    before = app.config.get("WTF_CSRF_ENABLED", True)
    app.config["WTF_CSRF_ENABLED"] = True
    yield app.test_client()
    app.config["WTF_CSRF_ENABLED"] = before


def token(client) -> str:
    page = client.get("/chat").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def say(client, message):
    return client.post("/chat", data={"csrf_token": token(client), "message": message})


def test_the_chat_page_greets_without_storing_anything(client, session):
    page = client.get("/chat")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "What would you like to do?" in html and 'aria-live="polite"' in html
    assert '<script src="/static/js/chat.js" defer>' in html
    assert session.scalar(select(Conversation)) is None


def test_without_javascript_a_whole_chat_works_by_posting_and_redirecting(csrf_client, session):
    for line in [
        "1",
        "its about me",
        "my social worker never calls me back",
        "done",
        "skip",
        "dont know",
        "no",
        "skip",
        "yes",
    ]:
        response = say(csrf_client, line)
        assert response.status_code == 303 and response.headers["Location"].endswith("/chat#latest")
    html = csrf_client.get("/chat").get_data(as_text=True)
    rep = session.scalar(select(Representation))
    assert rep.channel.value == "webchat" and rep.reference in html
    assert "my social worker never calls me back" in html


def test_a_chat_without_a_csrf_token_is_refused_kindly(csrf_client, session):
    response = csrf_client.post("/chat", data={"message": "1"})
    assert response.status_code == 400 and "Please start again" in response.get_data(as_text=True)
    assert session.scalar(select(Message)) is None


def test_an_empty_message_shows_a_gov_uk_error(csrf_client):
    response = say(csrf_client, "   ")
    html = response.get_data(as_text=True)
    assert "<title>Error: Chat with us" in html
    assert 'href="#message">Type a message</a>' in html and 'id="message"' in html


def test_what_people_type_is_shown_as_text_never_as_html(csrf_client):
    say(csrf_client, '<script>alert(1)</script><b>hi</b> & "you"')
    html = csrf_client.get("/chat").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<b>hi</b>" not in html
    assert "&lt;b&gt;hi&lt;/b&gt; &amp; &#34;you&#34;" in html


def test_with_javascript_the_json_endpoint_answers_in_place(csrf_client, session):
    csrf = token(csrf_client)
    response = csrf_client.post("/chat/messages", json={"message": "i want to complain"}, headers={"X-CSRFToken": csrf})
    assert response.status_code == 200
    assert response.json["message"] == "i want to complain"
    assert "Tell us what happened" in response.json["replies"][0]
    bad = csrf_client.post("/chat/messages", json={"message": ""}, headers={"X-CSRFToken": csrf})
    assert bad.status_code == 400 and bad.json["error"] == "Type a message"


def test_the_json_endpoint_needs_the_csrf_token(csrf_client):
    token(csrf_client)
    assert csrf_client.post("/chat/messages", json={"message": "hi"}).status_code == 400


def test_a_disclosure_in_chat_shows_the_safety_reply(csrf_client, session):
    csrf = token(csrf_client)
    replies = csrf_client.post(
        "/chat/messages", json={"message": "my carer hits me"}, headers={"X-CSRFToken": csrf}
    ).json["replies"]
    assert "call 999" in replies[0]
    assert session.scalar(select(Representation)).safeguarding


def test_clearing_the_chat_forgets_it_on_this_device_but_keeps_what_was_sent(csrf_client, session):
    say(csrf_client, "1")
    response = csrf_client.post("/chat/clear", data={"csrf_token": token(csrf_client)})
    assert response.status_code == 303
    html = csrf_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We have cleared the chat" in html and "hys-chat__message--them" not in html
    assert session.scalar(select(Message.body).where(Message.direction == "in")) == "1"


def test_the_chat_follows_the_page_language(client, app):
    html = client.get("/chat?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in html or "rtl" in html


# ---------------------------------------------------------------------------------------------
# The cap never loses a disclosure, in chat too.
# ---------------------------------------------------------------------------------------------

DISCLOSURE = "I want to kill myself"
CHAT_STEPS = {
    "remedy": [],
    "service": ["to be listened to"],
    "advocate": ["to be listened to", "my PA"],
    "contact": ["to be listened to", "my PA", "no"],
    "avoid": ["to be listened to", "my PA", "no", "sam@example.org"],
    "confirm": ["to be listened to", "my PA", "no", "sam@example.org", "no"],
}


def post_json(client, message):
    response = client.post("/chat/messages", json={"message": message}, headers={"X-CSRFToken": token(client)})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["replies"]


def near_cap_chat(client, settings, step):
    story = ("Part 0. " + "My placement moved again and nobody asked me what I wanted. " * 90)[
        : settings["MAX_FREE_TEXT"] - 10
    ]
    for line in ["1", story, "done", *CHAT_STEPS[step]]:
        post_json(client, line)


@pytest.mark.parametrize("step", list(CHAT_STEPS))
def test_a_disclosure_at_any_later_question_after_a_near_cap_story_gets_the_safety_reply(
    csrf_client, settings, session, step
):
    near_cap_chat(csrf_client, settings, step)
    assert session.scalar(select(Conversation)).state["step"] == step
    replies = post_json(csrf_client, DISCLOSURE)
    assert "call 999" in replies[0] and "0800 1111" in replies[0]
    rep = session.scalar(select(Representation))
    assert rep.safeguarding and session.scalar(
        select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id)
    )
    kept = session.scalar(select(Message).where(Message.direction == "in", Message.body == DISCLOSURE))
    assert kept.representation_id == rep.id and rep.what_happened.startswith("Part 0.")


@pytest.mark.parametrize(
    "words",
    [
        "\u200bI want to kill myself\u200b",
        "\u202eI want to kill myself\u202c",
        "🙁 I want to kill myself 🙁",
        "I want to <kill myself>",
    ],
    ids=["zero-width", "bidi", "emoji", "markup"],
)
def test_a_disclosure_wrapped_in_tricks_past_the_cap_gets_the_safety_reply(csrf_client, settings, session, words):
    near_cap_chat(csrf_client, settings, "advocate")
    replies = post_json(csrf_client, words)
    assert "call 999" in replies[0]
    rep = session.scalar(select(Representation))
    assert rep.safeguarding and session.scalar(select(SafeguardingAlert))
    kept = session.scalars(select(Message).where(Message.direction == "in").order_by(Message.id)).all()[-1]
    assert kept.representation_id == rep.id and kept.body == clean_text(words)


def test_one_message_longer_than_the_cap_with_a_disclosure_is_kept_whole_beside_the_case(
    csrf_client, settings, session
):
    post_json(csrf_client, "1")
    long = "Nobody listens to me at the home. " * 200 + DISCLOSURE
    assert len(long) > settings["MAX_FREE_TEXT"]
    replies = post_json(csrf_client, long)
    assert "call 999" in replies[0] and any("more than we can take in one go" in r for r in replies)
    rep = session.scalar(select(Representation))
    assert rep.safeguarding and session.scalar(select(SafeguardingAlert))
    linked = session.scalars(select(Message.body).where(Message.direction == "in", Message.representation_id == rep.id))
    assert long in linked.all()  # with every other message of the conversation (issue 15)


def test_an_ordinary_message_past_the_cap_is_kept_and_shown_on_the_case_when_it_is_sent(csrf_client, settings, session):
    post_json(csrf_client, "1")
    post_json(csrf_client, "My worker never rings me back.")
    long = "And another thing about the placement. " * 150
    assert any("more than we can take in one go" in r for r in post_json(csrf_client, long))
    for line in ["done", "skip", "skip", "no", "skip", "yes"]:
        post_json(csrf_client, line)
    rep = session.scalar(select(Representation))
    assert rep.what_happened == "My worker never rings me back."
    linked = session.scalars(select(Message.body).where(Message.representation_id == rep.id)).all()
    assert long.strip() in linked


def test_a_chat_whose_session_expired_starts_again_and_answers_the_message(app, csrf_client, session):
    say(csrf_client, "1")
    first = session.scalar(select(Conversation))
    later = app.test_client()  # the session cookie has gone: expired, or another browser
    later_csrf = token(later)
    response = later.post("/chat", data={"csrf_token": later_csrf, "message": "i want to complain"})
    assert response.status_code == 303
    html = later.get("/chat").get_data(as_text=True)
    assert "Tell us what happened" in html
    conversations = session.scalars(select(Conversation).order_by(Conversation.id)).all()
    assert len(conversations) == 2 and conversations[0].id == first.id


def test_a_chat_token_for_a_conversation_that_no_longer_exists_starts_a_new_one(csrf_client, session):
    say(csrf_client, "1")
    session.delete(session.scalar(select(Conversation)))
    session.commit()
    response = say(csrf_client, "2")
    assert response.status_code == 303
    assert session.scalar(select(Conversation)).state["step"] == "story"
