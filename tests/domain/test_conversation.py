"""The conversation engine: a table of steps, then whole conversations through the service."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from flask_babel import force_locale, get_domain
from sqlalchemy import select

from intake.config import PROJECT_ROOT
from intake.domain.conversation import (
    LANGUAGE_QUESTION,
    LANGUAGE_REASK,
    STEP_NAMES,
    STEPS,
    SWITCH_LINES,
    EngineContext,
    Step,
    begin,
    handle,
    process_message,
)
from intake.domain.conversation.steps import Outcome
from intake.domain.sms_text import measure, non_gsm7_characters
from intake.models import AuditEvent, Conversation, Kind, Notification, Representation, SafeguardingAlert, SubmittedBy
from tests.factories import create_representation, create_teams

MONDAY_10AM = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)  # a working day, in office hours
SATURDAY_NIGHT = datetime(2026, 11, 7, 22, 0, tzinfo=UTC)
TRANSLATIONS = {
    msgid: entry
    for name in ("conversation.json", "conv.json", "talk.json")
    for msgid, entry in json.loads((PROJECT_ROOT / "translations" / "work" / name).read_text(encoding="utf-8")).items()
}
OUTBOUND_SOURCES = ("intake/domain/conversation/words.py", "intake/channels/sms.py")


@pytest.fixture
def catalogues(app, tmp_path):
    """Polish and Arabic compiled from translations/work/, until the lead merges the .po files."""
    for lang in ("pl", "ar"):
        catalog = Catalog(locale=lang)
        for msgid, translated in TRANSLATIONS.items():
            if "plural" in translated:  # an ngettext entry: every plural form of the language
                catalog.add((msgid, translated["plural"]), tuple(translated[lang]))
            else:
                catalog.add(msgid, translated[lang])
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with open(folder / "messages.mo", "wb") as handle_:
            write_mo(handle_, catalog)
    directories = app.extensions["babel"].translation_directories
    directories.insert(0, str(tmp_path))
    get_domain().cache.clear()
    yield
    directories.remove(str(tmp_path))
    get_domain().cache.clear()


def sms(settings, now=MONDAY_10AM):
    return EngineContext("sms", now, settings)


def at(step, **extra):
    return {"step": step, "lang": "en", "story": [], "unclear": 0, "updated_at": MONDAY_10AM.isoformat(), **extra}


# (state, what they text) -> (a reply contains, the next step)
ENGINE_TABLE = [
    ({}, "hi", "free and private", "language"),
    ({}, "hi", LANGUAGE_QUESTION, "language"),
    ({}, "?", LANGUAGE_QUESTION, "language"),
    ({}, "i wanna complain", "Reply POLSKI or", "story"),
    ({}, "i wanna complain", "Tell us what happened", "story"),
    ({}, "i want to say thank you", "Who would you like to thank", "story"),
    ({}, "my social worker never rings me back and i missed contact with my mum", "Something's wrong", "kind"),
    ({}, "hi i wanna complain my sw never rings me back n i missed contact", "anything to add?", "story"),
    (at("language"), "1", "What would you like to do?", "kind"),
    (at("language"), "english", "What would you like to do?", "kind"),
    (at("language"), "banana", "Which language? Reply ENGLISH, POLSKI", "language"),
    (at("language"), "i want to say thank you", "Who would you like to thank", "story"),
    (at("kind"), "i want to complain", "Tell us what happened", "story"),
    (at("kind"), "complane", "Tell us what happened", "story"),
    (at("kind"), "2", "Who would you like to thank", "story"),
    (at("kind"), "can some1 call me", "What would you like to talk about?", "story"),
    (at("kind"), "purple", "You can reply 1, 2, 3 or 4", "kind"),
    (at("kind", unclear=1), "purple", "Reply HELP, or call us free on 0800 123 4567", "kind"),
    (at("kind"), "polski", "Dobrze", "kind"),
    (at("about", kind="complaint", story=["x"], story_done=True), "its about me", "What would help", "remedy"),
    (at("about", kind="complaint", story=["x"], story_done=True), "yeah", "What would help", "remedy"),
    (at("about", kind="complaint", story=["x"], story_done=True), "my mum", "Who are you?", "role"),
    (at("about", kind="compliment", story=["x"], story_done=True), "me", "Which team or worker", "service"),
    (at("role", kind="complaint", about="other"), "im her foster carer", "What would help", "remedy"),
    (at("story", kind="complaint", about="me"), "my worker never calls back", "Send more, or reply DONE", "story"),
    (at("story", kind="complaint", about="me"), "done", "tell us a little about it first", "story"),
    (at("story", kind="complaint", about="me", story=["x"]), "thats it", "What would help put it right?", "remedy"),
    (at("story", kind="complaint", story=["x"]), "no", "Is this about you", "about"),
    (at("story", kind="complaint", story=["my sw never calls me"]), "done", "What would help", "remedy"),
    (at("story", kind="compliment", about="me", story=["x"]), "done", "Which team or worker", "service"),
    (at("story", kind="complaint", about="me"), "she missed 3 visits. thats it", "What would help", "remedy"),
    (at("remedy", kind="complaint", about="me"), "skip", "Which team or worker", "service"),
    (at("service", kind="complaint", about="me"), "my PA", "An advocate is someone on your side", "advocate"),
    (at("service", kind="complaint", about="other"), "dont know", "OK for us to text you", "safe"),
    (at("advocate", kind="complaint", about="me"), "nah", "OK for us to text you", "safe"),
    (at("advocate", kind="complaint", about="me"), "maybe", "Would you like an advocate? Reply YES", "advocate"),
    (at("safe", kind="complaint"), "yep", "anything we should avoid", "avoid"),
    (at("safe", kind="complaint"), "no", "How else can we reach you safely?", "contact"),
    (at("contact", kind="complaint"), "sam@example.org", "anything we should avoid", "avoid"),
    (at("contact", kind="complaint"), "skip", "Shall we send it?", "confirm"),
    (at("contact", kind="complaint"), "not an address", "doesn't look like", "contact"),
    (at("avoid", kind="complaint", safe=True), "no", "Shall we send it?", "confirm"),
    (at("avoid", kind="complaint", safe=True), "only mornings", "Shall we send it?", "confirm"),
    (at("avoid", kind="complaint", safe=True), "its my foster carers phone", "How else can we reach you", "contact"),
    (at("contact", kind="complaint", safe=False, avoid="he reads my texts"), "a@b.org", "Shall we send it?", "confirm"),
    (at("confirm", kind="complaint"), "no", "it's not sent yet", "confirm"),
    (at("confirm", kind="complaint"), "hmm", "Reply YES to send it, or tell us what to add", "confirm"),
    (at("confirm", kind="complaint"), "also she swore at me", "we've added that", "confirm"),
    (at("story", kind="complaint"), "help", "Childline (free): 0800 1111", "story"),
    (at("advocate", kind="complaint"), "start again", "let's start again", "language"),
    (at("advocate", kind="complaint", story=["x"]), "start again", "Start again and lose it?", "advocate"),
    (at("kind"), "", "didn't get any words", "kind"),
    (at("kind"), "😀😀😀", "didn't get any words", "kind"),
    (at("done", cases=["K7QM-3XPD"]), "hello again", "free and private", "kind"),
    (at("done", cases=["K7QM-3XPD"]), "help", "Text ADD and your words", "done"),
]


@pytest.mark.parametrize(("state", "text", "expected", "step"), ENGINE_TABLE)
def test_the_engine_answers_each_step(settings, state, text, expected, step):
    result = handle(state, text, sms(settings))
    assert any(expected in reply for reply in result.replies), result.replies
    assert result.state["step"] == step


def test_the_engine_does_not_change_the_state_it_was_given(settings):
    state = at("kind")
    handle(state, "1", sms(settings))
    assert state == at("kind")


def test_web_chat_starts_in_the_page_language_without_asking(settings, catalogues):
    result = begin(EngineContext("webchat", MONDAY_10AM, settings, language="pl"))
    assert result.state["step"] == "kind"
    assert "Co chcesz zrobić?" in result.replies[-1]


def test_a_first_message_that_already_tells_the_story_is_kept(settings):
    result = handle({}, "my social worker keeps missing our meetings", sms(settings))
    assert result.state["story"] == ["my social worker keeps missing our meetings"]


def test_a_conversation_idle_for_a_week_is_welcomed_back_at_the_same_question(settings):
    state = at("advocate", kind="complaint", about="me")
    later = MONDAY_10AM + timedelta(days=settings["CONVERSATION_IDLE_DAYS"], minutes=1)
    result = handle(state, "hi", sms(settings, later))
    assert "Welcome back" in result.replies[0]
    assert any("Would you like an advocate?" in r for r in result.replies)
    assert result.state["step"] == "advocate"
    assert handle(state, "yes", sms(settings, MONDAY_10AM + timedelta(days=6))).state["step"] == "safe"


def test_a_story_over_the_limit_gets_a_friendly_message_and_nothing_is_lost(settings):
    state = at("story", kind="complaint", story=["a" * (settings["MAX_FREE_TEXT"] - 10)])
    result = handle(state, "b" * 50, sms(settings))
    assert "more than we can take in one go" in result.replies[0]
    assert result.state["story"] == state["story"] and result.state["step"] == "story"


@pytest.mark.parametrize(
    ("now", "says"),
    [(MONDAY_10AM, "A person will read your message today."), (SATURDAY_NIGHT, "the next working morning")],
)
def test_a_risk_gets_the_safety_reply_first_then_the_flow_carries_on(settings, now, says):
    result = handle(at("kind"), "my dad hits me", sms(settings, now))
    assert "call 999" in result.replies[0] and "0800 1111" in result.replies[0]
    assert settings["RIGHTS_OFFICER_PHONE"] in result.replies[0]
    assert says in result.replies[1]
    if now is SATURDAY_NIGHT:
        assert settings["OUT_OF_HOURS_PHONE"] in result.replies[1]
    assert result.risk.is_risk and result.state["risk"] is True
    assert result.state["story"] == ["my dad hits me"]  # a disclosure at a menu step is kept
    assert result.state["step"] == "kind"


# ---------------------------------------------------------------------------------------------
# Every outbound text, in every language: short, and GSM-7 in English.
# ---------------------------------------------------------------------------------------------


def outbound_msgids():
    ids = set()
    for path in OUTBOUND_SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", PROJECT_ROOT / path):
            if isinstance(message, str):  # a count's forms ("5000 letters") are measured inside their sentence
                ids.add(message)
    return sorted(ids)


def sample_values(settings):
    return {
        "council": settings["COUNCIL_NAME"],
        "phone": max(settings["RIGHTS_OFFICER_PHONE"], settings["OUT_OF_HOURS_PHONE"], key=len),
        "reference": "K7QM-3XPD",
        "date": "Wednesday 30 September",
        "team": max(settings["COUNCIL_TEAMS"], key=len),
        "limit": settings["MAX_FREE_TEXT"],
        "stage": 2,
        "worker": "leaving care worker",
        "letters": f"{settings['MAX_FREE_TEXT']} letters",
    }


def test_every_outbound_text_has_a_polish_and_arabic_translation_with_the_same_placeholders():
    import re

    ids = outbound_msgids()
    assert len(ids) > 50
    for msgid in ids:
        assert msgid in TRANSLATIONS, f"translate: {msgid}"
        for lang in ("pl", "ar"):
            assert sorted(re.findall(r"%\(\w+\)s", TRANSLATIONS[msgid][lang])) == sorted(
                re.findall(r"%\(\w+\)s", msgid)
            )


@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_every_outbound_text_fits_in_two_segments_and_english_stays_gsm7(settings, lang):
    values = sample_values(settings)
    for msgid in outbound_msgids():
        text = (msgid if lang == "en" else TRANSLATIONS[msgid][lang]) % values
        length = measure(text)
        assert length.segments <= 2, f"{lang} {length}: {text}"
        if lang == "en":
            assert length.encoding == "GSM-7", f"not GSM-7 {non_gsm7_characters(text)}: {text}"
    assert measure(LANGUAGE_QUESTION).segments == 1
    assert measure(LANGUAGE_REASK).segments <= 2
    assert all(measure(line).segments == 1 for line in SWITCH_LINES.values())


@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_the_longest_summary_fits_in_two_segments(settings, catalogues, lang):
    state = at(
        "avoid",
        lang=lang,
        kind="contact",
        about="someone else",
        team=max(settings["COUNCIL_TEAMS"], key=len),
        advocate=True,
        safe=True,
    )
    result = handle(state, "no", sms(settings))
    assert result.state["step"] == "confirm"
    assert all(measure(r).segments <= 2 for r in result.replies), result.replies


# ---------------------------------------------------------------------------------------------
# Whole conversations through the service, in each language.
# ---------------------------------------------------------------------------------------------


def talk(session, settings, lines, address="+447700900123", now=MONDAY_10AM, channel="sms"):
    conversation = session.scalar(select(Conversation).where(Conversation.address == address))
    if conversation is None:
        conversation = Conversation(channel=channel, address=address, state={})
        session.add(conversation)
    replies = []
    for line in lines:
        replies.append(process_message(session, conversation, line, settings, now).replies)
        session.commit()
    return conversation, replies


# (what they text, which of those texts is the story, what the last reply says). Each says only what the
# conversation has not already read from what they wrote.
FULL = {
    "en": (
        [
            "hi",
            "1",
            "i want to complain",
            "my worker never calls me back",
            "she missed 3 visits",
            "thats it",
            "to have a worker who calls back",
            "my PA",
            "yeah",
            "yep",
            "nah",
            "yes",
        ],
        3,
        "We will get in touch by Thursday 5 November",
    ),
    "pl": (
        ["cześć", "skarga", "mój opiekun nie oddzwania", "gotowe", "pomiń", "tak", "tak", "nie", "tak"],
        2,
        "Odezwiemy się do",
    ),
    "ar": (
        ["مرحبا", "شكوى", "الموظف لا يرد على اتصالاتي", "تم", "عني", "تخطي", "نعم", "نعم", "لا", "نعم"],
        2,
        "رقمك المرجعي هو",
    ),
}
DIRECTION_MARKS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))


def plain(text: str) -> str:
    """A reply without the direction marks that keep numbers left-to-right in Arabic."""
    return text.translate(DIRECTION_MARKS)


@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_a_whole_complaint_by_text_in_each_language(session, settings, catalogues, lang):
    create_teams(settings["COUNCIL_TEAMS"])
    lines, story_at, expected = FULL[lang]
    conversation, replies = talk(session, settings, lines)
    final = [plain(r) for r in replies[-1]]
    assert expected in final[0], final
    rep = session.scalar(select(Representation))
    assert rep.reference in final[0] and f"STATUS {rep.reference}" in final[1]
    assert (rep.kind, rep.submitted_by, rep.language) == (Kind.COMPLAINT, SubmittedBy.CHILD, lang)
    assert rep.contact_phone == "+447700900123" and rep.safe_to_contact is True and rep.advocate_requested
    assert lines[story_at] in rep.what_happened
    if lang == "en":
        assert rep.what_happened == "my worker never calls me back\nshe missed 3 visits"
        assert rep.team.name == "Leaving care" and rep.what_would_help == "to have a worker who calls back"
    assert conversation.state["step"] == "done" and conversation.state["cases"] == [rep.reference]
    assert all(measure(r).segments <= 2 for turn in replies for r in turn)


def test_a_compliment_by_web_chat_needs_no_phone(session, settings):
    lines = ["say thanks", "my foster carer took me to the match", "done", "skip", "yes"]
    conversation = Conversation(
        channel="webchat",
        address="tok",
        state=begin(EngineContext("webchat", MONDAY_10AM, settings, language="en")).state,
    )
    session.add(conversation)
    for line in lines:
        result = process_message(session, conversation, line, settings, MONDAY_10AM, language="en")
    rep = session.scalar(select(Representation))
    assert "Thank you! We'll pass it on." in result.replies[0]
    assert (rep.kind, rep.channel.value, rep.contact_phone, rep.safe_to_contact) == (
        Kind.COMPLIMENT,
        "webchat",
        None,
        None,
    )


def test_i_want_someone_to_get_in_touch_is_a_comment_that_asks_for_contact(session, settings):
    talk(
        session,
        settings,
        ["hi", "1", "4", "can someone ring me about my move", "done", "skip", "skip", "no", "yes", "no", "yes"],
    )
    rep = session.scalar(select(Representation))
    assert (rep.kind, rep.wants_contact, rep.advocate_requested) == (Kind.COMMENT, True, False)


def test_a_disclosure_creates_the_case_and_alert_at_once_even_if_they_stop_texting(session, settings):
    _, replies = talk(session, settings, ["hi", "1", "1", "my stepdad hits me when mum is out"])
    assert "call 999" in replies[-1][0]
    rep = session.scalar(select(Representation))
    assert rep is not None and rep.safeguarding and rep.kind is Kind.COMPLAINT
    assert rep.what_happened == "my stepdad hits me when mum is out"
    assert session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id))
    assert session.scalars(select(Notification).where(Notification.template == "safeguarding_alert")).all()


def test_answers_after_a_disclosure_go_onto_the_same_case(session, settings):
    lines = [
        "hi",
        "1",
        "1",
        "my stepdad hits me when mum is out",
        "and he took my phone",
        "done",
        "to live somewhere else",
        "dont know",
        "yes",
        "yes",
        "no",
        "yes",
    ]
    conversation, replies = talk(session, settings, lines)
    reps = session.scalars(select(Representation)).all()
    assert len(reps) == 1
    rep = reps[0]
    assert rep.what_happened == "my stepdad hits me when mum is out\nand he took my phone"
    assert rep.what_would_help == "to live somewhere else" and rep.advocate_requested and rep.safe_to_contact
    assert rep.reference in replies[-1][0]
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.representation_id == rep.id)).all()
    assert {"submitted_early", "safeguarding_alert_raised", "conversation_completed"} <= set(actions)
    assert session.scalar(select(Notification).where(Notification.template == "advocacy_referral"))
    assert len(session.scalars(select(SafeguardingAlert)).all()) == 1
    assert conversation.state["cases"] == [rep.reference] and "case" not in conversation.state


def test_a_second_disclosure_while_an_alert_is_open_is_recorded_on_the_same_alert(session, settings):
    talk(session, settings, ["hi", "1", "1", "my stepdad hits me", "he said he will kill me"])
    assert len(session.scalars(select(SafeguardingAlert)).all()) == 1
    actions = session.scalars(select(AuditEvent.action)).all()
    assert "further_risk_disclosure" in actions


def test_status_is_given_only_to_the_number_that_sent_it(session, settings):
    rep = create_representation(contact_phone="+447700900123")
    _, own = talk(session, settings, [f"STATUS {rep.reference}"], address="+447700900123")
    _, other = talk(session, settings, [f"STATUS {rep.reference}"], address="+447700900999")
    _, missing = talk(session, settings, ["status K7QM-3XPD"], address="+447700900999")
    assert rep.reference in own[0][0] and "Thursday 5 November" in own[0][0]
    assert rep.reference not in other[0][0]
    assert other[0] == missing[0]  # a case that isn't theirs looks exactly like no case at all


def test_status_follows_the_case_through_its_stages(session, settings):
    rep = create_representation(contact_phone="+447700900123")
    rep.status = rep.status.__class__("open")
    session.commit()
    _, replies = talk(session, settings, [rep.reference.lower()], address="+447700900123")
    assert "step 1 of 3" in replies[0][0] and "Monday 16 November" in replies[0][0]


# ---------------------------------------------------------------------------------------------
# The step table
# ---------------------------------------------------------------------------------------------

STEP_CONTRACT = (
    "start",
    "language",
    "kind",
    "about",
    "role",
    "story",
    "remedy",
    "service",
    "advocate",
    "safe",
    "contact",
    "avoid",
    "confirm",
    "done",
)


def test_the_step_names_others_read_from_the_stored_state_stay_the_same():
    assert STEP_NAMES == STEP_CONTRACT


@pytest.mark.parametrize("channel", ["sms", "webchat"])
def test_every_step_asks_something_and_leads_only_to_a_known_step(settings, channel):
    ctx = EngineContext(channel, MONDAY_10AM, settings)
    samples = [
        at(step, kind=kind, about=about, safe=safe, contact=contact)
        for step in STEPS
        for kind in ("complaint", "compliment", "contact")
        for about in ("me", "other")
        for safe in (True, False)
        for contact in (None, "sam@example.org")
    ]
    with force_locale("en"):
        for name, step in STEPS.items():
            assert step.name == name
            assert step.ask(at(name, kind="complaint"), ctx) and step.reask(at(name), ctx)
            assert {step.next(sample, ctx) for sample in samples} <= set(STEP_NAMES)


def test_a_new_question_is_one_entry_in_the_step_table(settings, monkeypatch):
    pronouns = Step(
        "pronouns",
        ask=lambda state, ctx: ["Which pronouns do you use? Reply SKIP if you'd rather not say."],
        parse=lambda reading, state, ctx: Outcome({"pronouns": "" if reading.skip else reading.words}, kept=True),
        next=lambda state, ctx: "story",
        reask=lambda state, ctx: "Sorry, I didn't get that.",
    )
    monkeypatch.setitem(STEPS, "pronouns", pronouns)
    monkeypatch.setitem(STEPS, "about", dataclasses.replace(STEPS["about"], next=lambda state, ctx: "pronouns"))
    asked = handle(at("about", kind="complaint"), "me", sms(settings))
    assert asked.state["step"] == "pronouns" and "pronouns" in asked.replies[0]
    answered = handle(asked.state, "they/them", sms(settings))
    assert answered.state["pronouns"] == "they/them" and answered.state["step"] == "story"
