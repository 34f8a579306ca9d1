"""Plain words everywhere a child reads: no procedure words, and a reading grade of about nine years old.

Every child-facing string: the SMS and web chat replies, the texts we send the person (acknowledgement,
extension), the public pages and the chat page, and the emails to the person. English is measured with textstat's
Flesch-Kincaid grade over all of them together; every language is checked against its words-to-avoid list.
The accessibility statement and the full privacy notice are left out: their legal wording is required (the plain
privacy page is the one a child reads).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import textstat
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from intake.config import PROJECT_ROOT
from intake.domain.conversation.plain_words import WORDS_TO_AVOID, hard_words

PYTHON_SOURCES = ("intake/domain/conversation/words.py", "intake/channels/sms.py")
# The texts to the person who got in touch (the rest of delivery/sms.py are alerts to staff).
DELIVERY_SMS = ("Thank you. We got your message.", "We need more time to look into")
LEGAL_PAGES = {"accessibility.html", "privacy_full.html"}
TEMPLATES = (
    *(p for p in sorted((PROJECT_ROOT / "templates" / "public").rglob("*.html")) if p.name not in LEGAL_PAGES),
    *sorted((PROJECT_ROOT / "templates" / "chat").glob("*.html")),
    PROJECT_ROOT / "templates" / "base.html",
    *(
        PROJECT_ROOT / "templates" / "emails" / name
        for name in ("acknowledgement.txt", "_ack_body.txt", "extension_notice.txt")
    ),
)
# The pages advocates use (they are professionals) are not written for a child.
ADULT_PAGES = {"advocate_new.html", "advocate_cases.html"}
# Strings in a shared template shown only to an advocate (the safety panel's ``for_advocate`` branch).
ADVOCATE_ONLY = {"We have sent a safeguarding alert with this case's reference. We have kept what you wrote."}
GRADE_GOAL = 5.0
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def child_facing_msgids() -> tuple[str, ...]:
    ids: set[str] = set()
    for path in PYTHON_SOURCES:
        for _l, message, _c, _x in extract_from_file("python", PROJECT_ROOT / path):
            ids.add(message[0] if isinstance(message, tuple) else message)
    for _l, message, _c, _x in extract_from_file("python", PROJECT_ROOT / "intake/delivery/sms.py"):
        if message.startswith(DELIVERY_SMS):
            ids.add(message)
    for path in TEMPLATES:
        if path.name in ADULT_PAGES:
            continue
        for _l, message, _c, _x in extract_from_file("jinja2", path, options={"extensions": "jinja2.ext.i18n"}):
            ids.add(message[0] if isinstance(message, tuple) else message)
    return tuple(sorted(m for m in ids if m and m not in ADVOCATE_ONLY))


@cache
def catalogue(lang: str) -> dict[str, str]:
    with (PROJECT_ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {
            (m.id[0] if isinstance(m.id, tuple) else m.id): (m.string[0] if isinstance(m.string, tuple) else m.string)
            for m in read_po(handle, locale=lang)
            if m.id
        }


def texts(lang: str) -> list[str]:
    if lang == "en":
        return list(child_facing_msgids())
    translated = catalogue(lang)
    return [translated.get(msgid) or "" for msgid in child_facing_msgids()]


def readable(text: str) -> str:
    """The words as read: placeholders as a short word, and no markup."""
    return re.sub(r"<[^>]+>", " ", PLACEHOLDER.sub("it", text))


def test_the_child_facing_strings_are_found():
    ids = child_facing_msgids()
    assert len(ids) > 150
    assert any(i.startswith("Tell us what happened") for i in ids)  # the SMS replies
    assert any("Childline" in i for i in ids)  # the pages and the emails


@pytest.mark.parametrize("lang", sorted(WORDS_TO_AVOID))
def test_no_child_facing_string_uses_a_word_to_avoid(lang):
    found = {text: hard_words(readable(text), lang) for text in texts(lang)}
    assert not {text: words for text, words in found.items() if words}


def test_the_english_reading_grade_over_every_child_facing_string_is_about_nine_years_old():
    whole = "\n".join(readable(t) for t in texts("en"))
    grade = textstat.flesch_kincaid_grade(whole)
    print(f"Flesch-Kincaid grade over {len(texts('en'))} child-facing English strings: {grade:.1f}")
    assert grade <= GRADE_GOAL


def test_the_ombudsman_is_explained_in_plain_words_with_their_number():
    extension = [m for m in child_facing_msgids() if "%(ombudsman)s" in m]
    assert extension and all("someone independent" in m and "still not happy" in m for m in extension)


def test_the_words_to_avoid_list_catches_what_it_should():
    assert hard_words("You can go to the Ombudsman at stage 2", "en") == ["ombudsman", "stage"]
    assert hard_words("step 2 of 3", "en") == []
    assert Path(__file__).name.startswith("test_language")
