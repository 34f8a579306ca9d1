"""Safety replies and alerts: immediate danger out of hours, one full safety reply per conversation, levels."""

from __future__ import annotations

import dataclasses

import pytest
import textstat
from flask_babel import force_locale
from sqlalchemy import select

from intake.domain.conversation import EngineContext, handle, process_message, read, safety_replies
from intake.domain.conversation.words import safety_again
from intake.domain.risk import RiskResult
from intake.domain.sms_text import measure
from intake.models import AlertLevel, AuditEvent, Conversation, Notification, Representation, SafeguardingAlert
from intake.models.base import utcnow
from tests.domain.test_conversation import MONDAY_10AM, SATURDAY_NIGHT, at, talk

FULL_REPLY = "Childline is free any time"


def short_reply() -> str:
    with force_locale("en"):
        return safety_again()


def at_level(text: str, level: str):
    """The screen's result at a level this test chooses (the screen decides levels itself, tested there)."""
    reading = read(text)
    assert reading.is_risk, text
    return dataclasses.replace(
        reading, risk=RiskResult(reading.risk.hits, immediate=level == "immediate", screened=reading.risk.screened)
    )


def sms(settings, now=MONDAY_10AM):
    return EngineContext("sms", now, settings)


def test_immediate_danger_out_of_hours_gives_999_and_the_duty_team_first(settings):
    result = handle(
        at("story", kind="complaint"), at_level("hes coming back tonight", "immediate"), sms(settings, SATURDAY_NIGHT)
    )
    first, second = result.replies[:2]
    assert first.startswith("If you're in danger now, call 999.")
    assert settings["OUT_OF_HOURS_PHONE"] in first and "0800 1111" in first
    assert "next working morning" not in " ".join(result.replies)
    assert "call them now" in second


def test_immediate_danger_in_office_hours_says_a_person_will_read_it_today(settings):
    result = handle(at("story", kind="complaint"), at_level("hes coming back tonight", "immediate"), sms(settings))
    assert "call 999" in result.replies[0] and result.replies[1] == "A person will read your message today."


def test_a_concern_out_of_hours_still_gives_the_out_of_hours_number(settings):
    result = handle(at("kind"), at_level("my dad hits me", "concern"), sms(settings, SATURDAY_NIGHT))
    assert settings["OUT_OF_HOURS_PHONE"] in result.replies[1]


def test_a_second_disclosure_in_one_conversation_gets_a_short_reply_that_still_names_childline_and_999(settings):
    first = handle(at("story", kind="complaint"), "my dad hits me", sms(settings))
    second = handle(first.state, "and he said he will kill me", sms(settings))
    assert FULL_REPLY in first.replies[0]
    assert second.replies[0] == short_reply()
    assert "0800 1111" in second.replies[0] and "999" in second.replies[0]
    assert not any(FULL_REPLY in reply for reply in second.replies)


def test_immediate_danger_after_a_concern_out_of_hours_gives_the_duty_team_once(settings):
    night = sms(settings, SATURDAY_NIGHT)
    first = handle(at("story", kind="complaint"), at_level("my dad hits me", "concern"), night)
    second = handle(first.state, at_level("hes coming back tonight", "immediate"), night)
    third = handle(second.state, at_level("i cant go home tonight", "immediate"), night)
    assert settings["OUT_OF_HOURS_PHONE"] in second.replies[0]
    assert third.replies[0] == short_reply()


def test_starting_again_part_way_is_the_same_conversation_for_the_safety_reply(settings):
    told = handle(at("story", kind="complaint"), "my dad hits me", sms(settings)).state
    restarted = handle(told, "start again", sms(settings)).state
    again = handle(restarted, "my dad hits me", sms(settings))
    assert again.replies[0] == short_reply()


def test_a_new_conversation_after_one_was_sent_gets_the_full_safety_reply(settings):
    told = handle(at("story", kind="complaint"), "my dad hits me", sms(settings)).state
    finished = {**told, "step": "done"}
    assert FULL_REPLY in handle(finished, "my dad hits me", sms(settings)).replies[0]


@pytest.mark.parametrize("now", [MONDAY_10AM, SATURDAY_NIGHT])
@pytest.mark.parametrize("level", ["concern", "immediate"])
def test_every_safety_reply_is_short_and_plain(settings, now, level):
    with force_locale("en"):
        replies = [*safety_replies(settings, now, level), safety_again()]
    for reply in replies:
        assert measure(reply).segments <= 2 and measure(reply).encoding == "GSM-7", reply
        assert textstat.flesch_kincaid_grade(reply) <= 5, reply


# ---------------------------------------------------------------------------------------------
# Alerts, through the service
# ---------------------------------------------------------------------------------------------


def send(session, settings, conversation, message, now=MONDAY_10AM):
    result = process_message(session, conversation, message, settings, now)
    session.commit()
    return result


@pytest.fixture
def mid_story(session, settings):
    conversation, _ = talk(session, settings, ["hi", "1", "1"])
    return conversation


def alerts(session):
    return session.scalars(select(SafeguardingAlert).order_by(SafeguardingAlert.id)).all()


def test_a_first_disclosure_at_immediate_level_raises_an_immediate_alert(session, settings, mid_story):
    send(session, settings, mid_story, at_level("hes coming back tonight and i cant go home", "immediate"))
    (alert,) = alerts(session)
    assert alert.level is AlertLevel.IMMEDIATE and alert.actioned_at is None


def test_a_more_urgent_disclosure_raises_the_open_alert_to_immediate_and_tells_them_again(session, settings, mid_story):
    send(session, settings, mid_story, at_level("my dad hits me", "concern"))
    before = len(session.scalars(select(Notification).where(Notification.template == "safeguarding_alert")).all())
    send(session, settings, mid_story, at_level("hes coming back tonight", "immediate"))
    (alert,) = alerts(session)
    assert alert.level is AlertLevel.IMMEDIATE
    after = session.scalars(select(Notification).where(Notification.template == "safeguarding_alert")).all()
    assert len(after) == 2 * before
    assert "safeguarding_alert_escalated" in session.scalars(select(AuditEvent.action)).all()


def test_a_less_urgent_disclosure_never_lowers_the_level(session, settings, mid_story):
    send(session, settings, mid_story, at_level("hes coming back tonight", "immediate"))
    send(session, settings, mid_story, at_level("and he took my phone and hit me", "concern"))
    (alert,) = alerts(session)
    assert alert.level is AlertLevel.IMMEDIATE
    assert "further_risk_disclosure" in session.scalars(select(AuditEvent.action)).all()


def test_a_disclosure_after_the_alert_was_dealt_with_raises_a_new_alert_at_its_level(session, settings, mid_story):
    send(session, settings, mid_story, at_level("my dad hits me", "concern"))
    first = alerts(session)[0]
    first.actioned_at, first.actioned_by, first.action_taken = utcnow(), "duty@council.example", "visited"
    session.commit()
    send(session, settings, mid_story, at_level("hes coming back tonight", "immediate"))
    levels = [a.level for a in alerts(session)]
    assert levels == [AlertLevel.CONCERN, AlertLevel.IMMEDIATE]
    assert len(session.scalars(select(Representation)).all()) == 1


def test_alerts_carry_the_rules_that_fired_never_the_words(session, settings, mid_story):
    send(session, settings, mid_story, "my stepdad hits me with a belt")
    alert = alerts(session)[0]
    assert "belt" not in alert.rules and "physical_abuse" in alert.rules
    details = " ".join(session.scalars(select(AuditEvent.detail)).all())
    assert "belt" not in details


def test_a_conversation_stored_in_the_database_carries_on_after_a_restart(app, session, settings):
    """The state lives in the database: a worker killed mid-conversation loses nothing."""
    talk(session, settings, ["hi", "1", "1", "my worker never rings back"])
    session.remove()  # as a new process would: nothing held in memory
    conversation = session.scalar(select(Conversation))
    result = send(session, settings, conversation, "done")
    assert "What would help put it right?" in result.replies[0]
    assert session.scalar(select(Conversation)).state["story"] == ["my worker never rings back"]


# A message only the statistical model flags ("reads like a disclosure the rules did not recognise") is, in a
# conversation, usually an ordinary complaint told in pieces (issue 13). It raises the alert for a person to
# read, and thanks them once, but does not interrupt them with 999.
MODEL_ONLY = "i sleep with a chair against the door every night"


def test_the_test_message_is_flagged_by_the_model_alone():
    hits = read(MODEL_ONLY).risk.hits
    assert [hit.rule for hit in hits] == ["concern"]


def test_a_message_only_the_model_flags_is_noted_for_a_person_without_the_999_reply(settings):
    result = handle(at("story", kind="complaint"), read(MODEL_ONLY), sms(settings))
    text = " ".join(result.replies)
    assert "A person will read this" in text and "999" not in text and FULL_REPLY not in text
    assert result.events == [("risk_noted_for_reading", "concern")]


def test_the_note_is_said_once_and_a_later_rule_disclosure_still_gets_the_full_reply(settings):
    first = handle(at("story", kind="complaint"), read(MODEL_ONLY), sms(settings))
    again = handle(first.state, read(MODEL_ONLY + " and the lock is broken"), sms(settings))
    assert "A person will read this" not in " ".join(again.replies)
    then = handle(again.state, read("my foster dad hits me"), sms(settings))
    assert FULL_REPLY in " ".join(then.replies)


def test_a_message_only_the_model_flags_still_raises_an_alert(session, settings):
    talk(session, settings, ["hi", "1", "1", MODEL_ONLY])
    alert = session.scalar(select(SafeguardingAlert))
    assert alert is not None and alert.rules == "concern"


def test_a_disclosure_in_answer_to_the_menu_gets_the_safety_reply_and_the_question_again_without_an_apology(
    session, settings
):
    conversation, replies = talk(session, settings, ["hi", "1", "I want to <kill myself>"])
    last = replies[-1]
    assert any("999" in reply for reply in last)
    assert not any("didn't get that" in reply for reply in last), last
    assert any("What would you like to do?" in reply for reply in last), last
    assert conversation.state["unclear"] == 0  # not a wrong answer: no nearer the "stuck" message
    assert "I want to <kill myself>" in " ".join(conversation.state["story"])  # kept in full, markup and all
    assert len(alerts(session)) == 1
