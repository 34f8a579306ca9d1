"""Instructions about contact ("don't text", "only mornings", "he checks my phone") survive every path."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import select

from intake.domain.conversation.contact_instructions import read_instruction
from intake.domain.understanding import simplify
from intake.models import Representation, SafeguardingAlert
from tests.domain.test_conversation import talk
from tests.factories import create_staff
from tests.support.staff_session import sign_in


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("only mornings", time(8), time(12)),
        ("only text me in the mornings", time(8), time(12)),
        ("after school", time(16), None),
        ("not after 6", None, time(18)),
        ("dont text after 6 he checks my phone", None, time(18)),
        ("no texts after 9pm", None, time(21)),
        ("text me after 6pm", time(18), None),
        ("not before 9", time(9), None),
        ("between 4 and 7", time(16), time(19)),
        ("from 16:00 to 19:30", time(16), time(19, 30)),
        ("after school but not after 8", time(16), time(20)),
        ("tylko rano", time(8), time(12)),
        ("nie piszcie po 18", None, time(18)),
        ("po szkole", time(16), None),
        ("między 16 a 19", time(16), time(19)),
        ("فقط في الصباح", time(8), time(12)),
        ("لا ترسل بعد الساعة 6", None, time(18)),
        ("بعد المدرسة", time(16), None),
        ("بين ٤ و ٧", time(16), time(19)),
    ],
)
def test_a_time_they_give_becomes_a_texting_window(text, start, end):
    said = read_instruction(simplify(text))
    assert (said.text_from, said.text_until) == (start, end)
    assert not said.no_text


@pytest.mark.parametrize(
    "text",
    [
        "dont text me",
        "please do not text this number",
        "he checks my phone",
        "my mum reads my texts",
        "its my foster carers phone",
        "only email",
        "nie piszcie do mnie",
        "mama czyta moje smsy",
        "لا ترسلوا رسائل",
        "ابي يفتش تلفوني",
    ],
)
def test_not_to_text_or_a_phone_someone_else_reads_means_no_texts(text):
    said = read_instruction(simplify(text))
    assert said.no_text and not said.has_window


@pytest.mark.parametrize("text", ["weekends only", "only on saturdays", "tylko w weekend", "فقط نهاية الأسبوع"])
def test_days_are_not_a_time_window_and_are_kept_as_words(text):
    said = read_instruction(simplify(text))
    assert said.mentions_when and not said.has_window and not said.no_text


@pytest.mark.parametrize("text", ["no", "nope", "yes please", "no its fine", "nothing", "after 6 and before 4"])
def test_an_answer_with_no_instruction_sets_nothing(text):
    said = read_instruction(simplify(text))
    assert not said.no_text and not said.has_window


# ---------------------------------------------------------------------------------------------
# Whole conversations: whatever the order of events, the case ends up with what they said.
# ---------------------------------------------------------------------------------------------

TO_STORY = ["hi", "1", "1"]
AFTER_STORY = ["done", "to be listened to", "my PA", "no"]  # remedy, service, advocate


def the_case(session):
    session.expire_all()
    return session.scalar(select(Representation))


def test_a_window_given_when_asked_what_to_avoid_reaches_the_case(session, settings):
    talk(session, settings, [*TO_STORY, "my worker never rings back", *AFTER_STORY, "yes", "only mornings", "yes"])
    rep = the_case(session)
    assert (rep.contact_text_from, rep.contact_text_until) == (time(8), time(12))
    assert rep.safe_to_contact is True and rep.contact_phone == "+447700900123"
    assert rep.contact_avoid == "only mornings"


def test_a_window_given_after_an_early_case_reaches_that_case(session, settings):
    lines = [*TO_STORY, "my stepdad hits me", *AFTER_STORY, "yes"]
    talk(session, settings, lines)
    assert the_case(session).contact_text_until is None  # sent early, before they said when
    talk(session, settings, ["dont text after 6 he checks my phone"])
    rep = the_case(session)
    assert rep.contact_text_until == time(18) and rep.contact_text_from is None
    assert rep.contact_avoid == "dont text after 6 he checks my phone"
    talk(session, settings, ["yes"])
    rep = the_case(session)
    assert len(session.scalars(select(Representation)).all()) == 1
    assert rep.contact_text_until == time(18) and rep.contact_avoid.startswith("dont text after 6")


def test_dont_text_me_after_an_early_case_takes_the_number_off_it(session, settings):
    lines = [*TO_STORY, "my stepdad hits me", *AFTER_STORY, "yes"]
    talk(session, settings, lines)
    _, replies = talk(session, settings, ["dont text me he reads them"])
    assert any("How else can we reach you safely?" in reply for reply in replies[0])
    rep = the_case(session)
    assert rep.safe_to_contact is False and rep.contact_phone is None
    talk(session, settings, ["skip", "yes"])
    rep = the_case(session)
    assert rep.safe_to_contact is False and rep.contact_phone is None
    assert rep.contact_avoid == "dont text me he reads them"


def test_an_email_instead_of_texts_is_safe_to_use_but_no_number_is_kept(session, settings):
    talk(
        session,
        settings,
        [*TO_STORY, "my worker never rings back", *AFTER_STORY, "yes", "dont text me", "sam@example.org", "yes"],
    )
    rep = the_case(session)
    assert rep.contact_phone is None and rep.contact_email == "sam@example.org" and rep.safe_to_contact is True


def test_a_window_said_before_a_disclosure_is_on_the_case_made_at_the_disclosure(session, settings):
    talk(session, settings, [*TO_STORY, "my worker never rings back", *AFTER_STORY, "yes", "only after school"])
    assert the_case(session) is None
    talk(session, settings, ["he hit me again last night"])  # at "shall we send it?"
    rep = the_case(session)
    assert rep.contact_text_from == time(16) and rep.safe_to_contact is True
    assert session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id))


def test_only_mornings_said_to_can_we_text_you_means_yes_in_the_mornings(session, settings):
    talk(session, settings, [*TO_STORY, "my worker never rings back", *AFTER_STORY, "only in the morning", "no", "yes"])
    rep = the_case(session)
    assert rep.safe_to_contact is True and (rep.contact_text_from, rep.contact_text_until) == (time(8), time(12))
    assert rep.contact_times == "only in the morning"


@pytest.mark.parametrize(
    ("lang", "lines", "start", "end"),
    [
        (
            "pl",
            [
                "cześć",
                "skarga",
                "opiekun nie oddzwania",
                "gotowe",
                "o mnie",
                "pomiń",
                "nie",
                "tak",
                "nie piszcie po 18",
                "tak",
            ],
            None,
            time(18),
        ),
        (
            "ar",
            ["مرحبا", "شكوى", "الموظف لا يرد", "تم", "عني", "تخطي", "لا", "نعم", "فقط في الصباح", "نعم"],
            time(8),
            time(12),
        ),
    ],
)
def test_a_window_in_polish_or_arabic_reaches_the_case(session, settings, lang, lines, start, end):
    talk(session, settings, lines)
    rep = the_case(session)
    assert rep.language == lang and (rep.contact_text_from, rep.contact_text_until) == (start, end)


def test_the_case_page_never_says_safe_to_contact_yes_after_a_window(client, session, settings):
    talk(session, settings, [*TO_STORY, "my worker never rings back", *AFTER_STORY, "yes", "not after 6", "yes"])
    rep = the_case(session)
    sign_in(client, create_staff())
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "Yes, with limits" in html and "Only before 18:00 (UK time)" in html
    assert "not after 6" in html
