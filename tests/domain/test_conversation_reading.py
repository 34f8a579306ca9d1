"""A message is read once, at the door: one Reading that the engine and the service consult."""

from __future__ import annotations

import dataclasses
import secrets
from datetime import time

import pytest
from twilio.request_validator import RequestValidator

from intake.domain import risk
from intake.domain.conversation import Reading, handle, read
from intake.domain.conversation.context import EngineContext
from intake.domain.references import new_reference
from tests.domain.test_conversation import MONDAY_10AM, at

TEAMS = ("Leaving care", "Fostering", "Other")


def test_a_reading_holds_the_words_as_stored_and_a_simplified_form():
    reading = read("  It’s about ME!!  ")
    assert reading.raw == "  It’s about ME!!  "
    assert reading.words == "It’s about ME!!"
    assert reading.simple == "its about me"
    assert reading.about == "me" and reading.has_words and reading.word_count == 3


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("STOP", "opt_out"),
        ("start", "opt_in"),
        ("Help!", "help"),
        ("start again", "restart"),
        ("od nowa", "restart"),
        ("status", "status"),
        ("STATUS K7QM-3XPD", "status"),
        ("help me he hits me", None),
        ("make it stop", None),
    ],
)
def test_a_reading_names_the_whole_message_keyword_it_is(text, keyword):
    assert read(text).keyword == keyword


@pytest.mark.parametrize(
    ("text", "yes", "done", "skip", "number"),
    [
        ("yeah thats fine", True, "", False, None),
        ("nah", False, "", True, None),
        ("two", None, "", False, 2),
        ("and then she left. thats it", None, "end", False, None),
        ("done", False, "only", False, None),  # one letter from "dont"
        ("nie wiem", False, "", True, None),
    ],
)
def test_a_reading_knows_the_short_answers_it_could_be(text, yes, done, skip, number):
    reading = read(text)
    assert (reading.yes, reading.done, reading.skip, reading.number) == (yes, done, skip, number)


def test_a_reading_finds_references_and_tells_a_status_request_from_a_mention():
    ref = new_reference()
    asked = read(f"status {ref.lower()}")
    mentioned = read(f"my worker said {ref} was wrong")
    assert (asked.reference, asked.status_request) == (ref, ref)
    assert (mentioned.reference, mentioned.status_request) == (ref, None)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("مرحبا اريد ان اشتكي", "ar"),
        ("cześć, chcę złożyć skargę", "pl"),
        ("czesc chce zlozyc skarge", "pl"),
        ("hi i want to complain", "en"),
        ("👍", None),
        ("1", None),
    ],
)
def test_a_reading_guesses_the_language_from_letters_and_common_words(text, language):
    assert read(text).language == language


def test_a_reading_answers_every_menu_and_the_team_from_one_simplified_form():
    reading = read("my PA never rings me, i want to complain", teams=TEAMS)
    assert reading.kind == "complaint" and "complaint" in reading.intents
    assert reading.team == "Leaving care"
    assert read("foster carer", teams=TEAMS).role == "foster_carer"
    assert read("polski").language_choice == "pl"


def test_a_reading_carries_what_it_says_about_texting():
    said = read("dont text after 6 he checks my phone").contact
    assert said.text_until == time(18) and said.monitored and not said.no_text


def test_a_reading_carries_the_risk_screen_result_of_the_words_as_they_arrived():
    reading = read("I want to <kill myself>")
    assert reading.is_risk and reading.level in ("concern", "immediate")
    assert not read("").is_risk and not read("   ").is_risk


def test_the_engine_consults_the_reading_it_is_given_and_never_screens_again(settings, monkeypatch):
    reading = read("my dad hits me")
    calls = []
    real = risk.screen
    monkeypatch.setattr(risk, "screen", lambda text, **kw: calls.append(text) or real(text, **kw))
    result = handle(at("kind"), reading, EngineContext("sms", MONDAY_10AM, settings))
    assert calls == []
    assert result.reading is reading and "call 999" in result.replies[0]


def test_one_text_through_the_webhook_is_screened_once(client, settings, monkeypatch):
    screened = []
    real = risk.screen
    monkeypatch.setattr(risk, "screen", lambda text, **kw: screened.append(text) or real(text, **kw))
    data = {"MessageSid": "SM" + secrets.token_hex(16), "From": "+447700900123", "Body": "hello", "NumMedia": "0"}
    signature = RequestValidator(settings["TWILIO_AUTH_TOKEN"]).compute_signature("https://hys.test/sms/inbound", data)
    response = client.post("/sms/inbound", data=data, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200
    assert screened == ["hello"]


def test_a_reading_is_a_value_that_cannot_be_changed():
    reading = read("yes")
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.words = "no"  # type: ignore[misc]
    assert isinstance(reading, Reading)
