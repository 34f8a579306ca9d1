"""A conversation that listens: the first message understood, nothing asked twice, no bare menu, no lost work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from intake.domain.conversation import LANGUAGE_QUESTION, SWITCH_LINES, EngineContext, handle
from intake.models import AlertLevel, AuditEvent, Message, Notification, Representation, SafeguardingAlert
from tests.domain import test_conversation
from tests.domain.test_conversation import MONDAY_10AM, at, plain, talk

catalogues = test_conversation.catalogues  # the Polish and Arabic catalogues, as a fixture here too

STORY_FIRST = "hi i wanna complain my social worker never rings me back n i missed contact with my mum"


def sms(settings, now=MONDAY_10AM):
    return EngineContext("sms", now, settings)


@pytest.mark.parametrize(
    ("text", "lang", "says"),
    [
        ("i wanna complain", "en", "Tell us what happened"),
        ("czesc chce zlozyc skarge", "pl", "Napisz własnymi słowami"),
        ("cześć, chcę złożyć skargę", "pl", "Napisz własnymi słowami"),
        ("مرحبا اريد ان اشتكي", "ar", "أخبرنا"),
        ("salam ana bdi ashtki", "ar", "أخبرنا"),
    ],
)
def test_a_first_message_is_answered_in_its_own_language_with_one_line_on_how_to_switch(
    settings, catalogues, text, lang, says
):
    result = handle({}, text, sms(settings))
    assert result.state["lang"] == lang and result.state["kind"] == "complaint"
    assert SWITCH_LINES[lang] in result.replies and LANGUAGE_QUESTION not in result.replies
    assert says in result.replies[-1]


def test_the_language_menu_comes_only_when_the_message_gives_nothing_to_go_on(settings):
    for text in ("hi", "?", "ok", "👍"):
        assert LANGUAGE_QUESTION in handle({}, text, sms(settings)).replies


def test_a_story_first_message_is_not_asked_again(settings):
    result = handle({}, STORY_FIRST, sms(settings))
    state = result.state
    assert (state["kind"], state["about"], state["worker"]) == ("complaint", "me", "social worker")
    assert state["story"] == [STORY_FIRST] and state["step"] == "story"
    assert "anything to add" in result.replies[-1]
    done = handle(state, "no thats all", sms(settings))
    assert done.state["step"] == "remedy"


def test_the_summary_confirms_what_was_read_rather_than_asked(settings):
    state = at(
        "avoid",
        kind="complaint",
        about="me",
        story=["x"],
        story_done=True,
        worker="social worker",
        service="social worker",
        remedy="I just want a worker who calls back",
        heard=["about", "service", "remedy"],
        safe=True,
    )
    replies = handle(state, "no", sms(settings)).replies
    assert any("You said it's about your social worker." in r for r in replies)
    assert any("You told us what would help." in r for r in replies)


def test_what_would_help_is_read_from_the_story_in_their_own_words(settings):
    state = at("story", kind="complaint", story=["my sw never calls me back. I just want a worker who calls back"])
    result = handle(state, "done", sms(settings))
    assert result.state["remedy"] == "I just want a worker who calls back"
    assert result.state["step"] == "advocate"  # about, worker and remedy all read from the story


def test_a_correction_at_the_end_is_added_before_sending(settings):
    state = at("confirm", kind="complaint", about="me", story=["my worker is late"], story_done=True)
    result = handle(state, "also it was my foster carer not my worker", sms(settings))
    assert result.state["story"][-1] == "also it was my foster carer not my worker"
    assert result.state["step"] == "confirm" and "added that" in result.replies[0]


@pytest.mark.parametrize("step", ["language", "kind", "about", "advocate", "safe", "confirm"])
def test_an_unclear_answer_never_gets_a_bare_menu(settings, step):
    reply = handle(at(step, kind="complaint"), "banana", sms(settings)).replies[0]
    assert reply.strip() != LANGUAGE_QUESTION and reply != LANGUAGE_QUESTION + " ?"
    assert len(reply.split()) >= 8  # the question again, in words


def test_status_without_a_reference_asks_for_it(session, settings):
    _, replies = talk(session, settings, ["STATUS"])
    assert "STATUS K7QM-3XPD" in replies[0][0]


def test_polski_at_any_question_changes_the_language(settings, catalogues):
    result = handle(at("advocate", kind="complaint"), "POLSKI", sms(settings))
    assert result.state["lang"] == "pl" and "Dobrze" in result.replies[0]
    assert result.state["step"] == "advocate"


def test_start_again_with_a_story_asks_first_and_no_keeps_it(settings):
    state = at("remedy", kind="complaint", story=["a" * 1600], story_done=True)
    asked = handle(state, "start again", sms(settings))
    assert "Start again and lose it?" in asked.replies[0] and asked.state["story"] == state["story"]
    kept = handle(asked.state, "no", sms(settings))
    assert kept.state["story"] == state["story"] and kept.state["step"] == "remedy"
    gone = handle(asked.state, "yes", sms(settings))
    assert gone.state["story"] == [] and "start again" in gone.replies[0]


def test_help_after_sending_says_what_they_can_do_now(settings):
    replies = handle(at("done", cases=["K7QM-3XPD"]), "help", sms(settings)).replies
    assert "STATUS K7QM-3XPD" in replies[0] and "ADD" in replies[0] and "NEW" in replies[0]


# ---------------------------------------------------------------------------------------------
# Adding to a sent complaint, within a day
# ---------------------------------------------------------------------------------------------

SENT = ["hi", "1", "1", "my worker never rings me back", "done", "skip", "skip", "no", "yes", "no", "yes"]


def test_a_child_adds_to_a_sent_complaint_and_the_officer_is_told_without_the_words(session, settings):
    talk(session, settings, SENT)
    rep = session.scalar(select(Representation))
    conversation, replies = talk(session, settings, ["add: and she missed my review too"])
    assert rep.reference in plain(replies[0][0])
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.representation_id == rep.id)).all()
    assert "added_by_person" in actions
    told = session.scalar(select(Notification).where(Notification.template == "case_addition"))
    assert told is not None and told.representation_id == rep.id and not told.urgent
    assert "review" not in (told.body or "")
    assert len(session.scalars(select(Representation)).all()) == 1


def test_add_on_its_own_asks_for_the_words_and_takes_the_next_message(session, settings):
    talk(session, settings, SENT)
    _, replies = talk(session, settings, ["add", "she never came to my review"])
    assert "What would you like to add?" in replies[0][0] and "We've added this" in replies[1][0]


def test_a_disclosure_added_later_raises_an_alert_on_the_sent_case(session, settings):
    talk(session, settings, SENT)
    _, replies = talk(session, settings, ["add: he hits me when mum is out"])
    assert "call 999" in replies[0][0]
    rep = session.scalar(select(Representation))
    alert = session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id))
    assert alert is not None and rep.safeguarding
    assert session.scalar(select(Notification).where(Notification.template == "case_addition")).urgent


def test_an_immediate_danger_added_later_raises_an_open_concern_to_immediate(session, settings):
    talk(session, settings, SENT)
    talk(session, settings, ["add: he hits me when mum is out"])
    talk(session, settings, ["add: i am going to kill myself tonight"])
    (alert,) = session.scalars(select(SafeguardingAlert)).all()
    assert alert.level is AlertLevel.IMMEDIATE
    assert "safeguarding_alert_escalated" in session.scalars(select(AuditEvent.action)).all()


def test_after_a_day_adding_by_text_is_closed_kindly(session, settings):
    talk(session, settings, SENT)
    _, replies = talk(session, settings, ["add: one more thing"], now=MONDAY_10AM + timedelta(days=2))
    assert settings["RIGHTS_OFFICER_PHONE"] in replies[0][0]
    assert session.scalar(select(Notification).where(Notification.template == "case_addition")) is None


def test_the_added_message_is_linked_to_the_case(client, session, settings):
    from tests.support.twilio_webhooks import text

    for line in SENT:
        text(client, settings, line)
    text(client, settings, "add: and the heating is still broken")
    rep = session.scalar(select(Representation))
    linked = session.scalars(select(Message.body).where(Message.representation_id == rep.id)).all()
    assert "add: and the heating is still broken" in linked


def test_status_part_way_through_asks_for_the_reference_then_the_same_question_again(session, settings):
    conversation, replies = talk(session, settings, ["hi", "1", "STATUS"])
    assert "STATUS K7QM-3XPD" in replies[-1][0] and "What would you like to do?" in replies[-1][1]
    assert conversation.state["step"] == "kind"
