"""Ordinary talk is not risk: answers to the bot's questions, contact preferences, money, call-backs and
complaints about services, in English, Polish and Arabic (issue 13's false alarms, and whole conversations
written here by hand, one message at a time as the bot asks)."""

from __future__ import annotations

import pytest

from intake.domain.risk import screen
from intake.domain.risk.everyday import is_everyday_talk

# The false alarms issue 13 reported, word for word.
ISSUE_13_FALSE_ALARMS = [
    "yeah thats it",
    "only text me in the mornings",
    "dont text after 6",
    "dont text after 6 he checks my phone",
    "chce dostac pieniadze",
    "zeby ktos do mnie zadzwonil",
    "اريد ان اشتكي",
]


@pytest.mark.parametrize("text", ISSUE_13_FALSE_ALARMS)
def test_the_false_alarms_issue_13_reported_are_not_risk(text):
    assert not screen(text).is_risk, screen(text).reason


# Whole ordinary conversations: every message a child might send, in the order the bot asks.
CONVERSATIONS = {
    "en, sms, a complaint about money": [
        "hiya",
        "1",
        "something's wrong",
        "its me",
        "my leaving care grant still hasnt been paid and its been 2 months",
        "i keep emailing my pa and she doesnt answer",
        "done",
        "i want my money and someone to ring me back",
        "my pa",
        "yes please",
        "yes its my phone",
        "only text me in the mornings please",
        "yeah send it",
    ],
    "en, chat, a parent asking for a call-back": [
        "hello is this the right place",
        "get in touch",
        "someone else",
        "im his mum",
        "i want someone to call me about my sons review, nobody has told us the date",
        "thats all",
        "a phone call",
        "the fostering team",
        "no thanks",
        "07700 900123",
        "dont ring between 9 and 3 im at work",
        "yes send it",
    ],
    "pl, sms, skarga": [
        "czesc",
        "2",
        "chce zlozyc skarge",
        "o mnie",
        "kieszonkowe nie przyszlo od trzech tygodni",
        "to wszystko",
        "chce dostac pieniadze",
        "nie wiem",
        "tak",
        "tak",
        "nie pisac po szostej",
        "tak wyslij",
    ],
    "pl, chat, oddzwonienie": [
        "dzien dobry",
        "zeby ktos do mnie zadzwonil",
        "o mnie",
        "moja pracownica socjalna nie odbiera telefonu od miesiaca",
        "gotowe",
        "zeby ktos do mnie zadzwonil",
        "pracownik socjalny",
        "nie dziekuje",
        "nie",
        "tak",
    ],
    "ar, sms, شكوى": [
        "مرحبا",
        "3",
        "اريد ان اشتكي",
        "عني",
        "المصروف ما وصلني من شهر والاخصائية ما بترد",
        "هذا كل شي",
        "بدي مصرياتي وحدا يتصل فيني",
        "الاخصائية الاجتماعية",
        "لا شكرا",
        "نعم",
        "بس الصبح لو سمحتو",
        "نعم ارسلها",
    ],
    "ar, chat, فكرة": [
        "السلام عليكم",
        "عندي فكرة",
        "عني",
        "لو في نشاطات اكتر بالويكند للشباب",
        "خلص",
        "ما بعرف",
        "لا",
        "تمام",
    ],
}


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_no_message_of_an_ordinary_conversation_is_risk(name):
    flagged = [(text, screen(text).reason) for text in CONVERSATIONS[name] if screen(text).is_risk]
    assert not flagged


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_an_ordinary_story_sent_in_parts_and_joined_is_not_risk(name):
    # submit() screens the story, the remedy and the rest joined by new lines.
    assert not screen("\n".join(CONVERSATIONS[name])).is_risk


@pytest.mark.parametrize(
    "text",
    [
        "i wana end it",
        "im done. sorry for everything",
        "i wont be here by the weekend",
        "can someone come please",
        "cant do this",
        "please dont send me back there",
        "get me out of here please",
    ],
)
def test_a_disclosure_in_everyday_words_is_never_taken_for_small_talk(text):
    from intake.domain.risk import normalise

    assert not is_everyday_talk(normalise(text).split())


@pytest.mark.parametrize(
    ("ordinary", "disclosure"),
    [
        ("dont text after 6", "dont text after 6 he beats me if he sees it"),
        ("only text me in the mornings", "only text me in the mornings, my stepdad comes into my room at night"),
        ("chce dostac pieniadze", "chce dostac pieniadze bo on mnie bije jak nie mam"),
        ("اريد ان اشتكي", "اريد ان اشتكي ابوي بيضربني"),
    ],
)
def test_the_same_answer_with_a_disclosure_in_it_is_still_flagged(ordinary, disclosure):
    assert not screen(ordinary).is_risk
    assert screen(disclosure).is_risk


def test_no_disclosure_in_the_labelled_sets_is_taken_for_small_talk():
    import csv
    from pathlib import Path

    from intake.domain.risk import normalise
    from intake.domain.risk.idioms import IDIOMS

    taken = []
    for path in sorted((Path(__file__).resolve().parents[2] / "data" / "risk").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                tokens = IDIOMS.sub(" ", f" . {normalise(row['text'])} ").split()
                if row["label"] == "RISK" and is_everyday_talk(tokens):
                    taken.append((path.name, row["text"]))
    assert not taken


# Name-calling by other young people is bullying, for the complaint; by a carer it is still emotional abuse.
@pytest.mark.parametrize(
    "text",
    [
        "some people at college call me names cos im in care",
        "the kids in my class call me names",
        "koledzy ze szkoly wyzywaja mnie od najgorszych",
    ],
)
def test_name_calling_by_other_young_people_is_not_a_disclosure_that_interrupts(text):
    # (The model may still ask a person to read one: that raises an alert, not the 999 reply.)
    result = screen(text)
    assert not any(hit.rule == "emotional_abuse" for hit in result.hits) and not result.calls_for_safety_reply


@pytest.mark.parametrize(
    "text", ["my foster mum calls me names every day", "people at school call me names and my dad says im worthless"]
)
def test_name_calling_by_a_carer_is_still_a_disclosure(text):
    assert [hit.rule for hit in screen(text).hits] == ["emotional_abuse"]


def test_a_message_only_the_model_flags_does_not_call_for_the_999_reply():
    result = screen("i sleep with a chair against the door every night")
    assert result.is_risk and [hit.rule for hit in result.hits] == ["concern"]
    assert not result.calls_for_safety_reply


def test_a_rule_hit_calls_for_the_999_reply():
    assert screen("my foster dad hits me").calls_for_safety_reply


def test_we_paid_in_arabic_is_not_being_pushed():
    # "دفعنا" is "we paid" far more often than "pushed us"; "دفعني" (pushed me) stays a disclosure.
    assert not screen("دفعنا ثمن الكتب والزي المدرسي من جيبنا").is_risk
    assert screen("زوج امي دفعني على الحيط").is_risk
