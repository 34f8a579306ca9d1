"""The PDF for post, read back with pdftotext: what a reader of the printed letter sees."""

from __future__ import annotations

import time

import pytest

from intake.letters.bodies import letter_pdf
from intake.letters.compose import LetterDraft, compose
from intake.letters.kinds import RULES, LetterKind
from intake.letters.pdf import Bullets, Document, Heading, Paragraph, Table, render_pdf
from intake.letters.sending import letter_facts
from tests.letters.conftest import TODAY
from tests.letters.pdf_reading import arabic_words, needs_pdftotext, page_count, pdf_text

pytestmark = [pytest.mark.usefixtures("staff_request"), needs_pdftotext]


def _letter(session, settings, rep, kind=LetterKind.STAGE1_RESPONSE, language="en", **parts):
    values = {"outcome": "upheld", "resolved": "no", "findings": "We found it.", **parts}
    draft = LetterDraft(kind, language=language, name="Zofia Wójcik", address="ul. Żółta 5\nŁódź", parts=values)
    return compose(letter_facts(session, rep, settings, TODAY), draft, RULES[kind])


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_printed_letter_shows_the_reference_the_due_date_and_polish_words_with_their_diacritics(
    session, settings, make_case
):
    rep = make_case()
    letter = _letter(session, settings, rep, LetterKind.ACKNOWLEDGEMENT)
    pdf = letter_pdf(letter)
    text = _flat(pdf_text(pdf))
    assert f"Reference: {rep.reference}" in text
    assert "Monday, 16 November 2026" in text
    assert "Zofia Wójcik" in text and "ul. Żółta 5" in text and "Łódź" in text
    assert "Demo Borough Council" in text and "Town Hall" in text
    assert f"Page 1 of {page_count(pdf)}" in text


def test_a_polish_letter_prints_its_own_words_and_its_due_date_in_polish(session, settings, make_case):
    rep = make_case(language="pl")
    text = _flat(pdf_text(letter_pdf(_letter(session, settings, rep, LetterKind.ACKNOWLEDGEMENT, language="pl"))))
    assert "Otrzymaliśmy Twoją skargę" in text and "Dziękujemy, że powiedziałeś nam o swojej skardze." in text
    assert "poniedziałek, 16 listopada 2026" in text and f"Numer sprawy: {rep.reference}" in text


def test_markup_in_a_free_part_is_printed_literally_and_emoji_never_break_the_letter(session, settings, make_case):
    findings = "<b>Nobody</b> called & that's wrong 😀👍🏽\nA letter from a script we have no font for: \U00013000"
    text = pdf_text(letter_pdf(_letter(session, settings, make_case(), findings=findings)))
    assert "<b>Nobody</b> called & that's wrong 😀👍" in text
    assert "\ufffd" in text  # the character no font has is a visible replacement, not a gap


def test_a_long_letter_runs_over_pages_numbered_page_x_of_y(session, settings, make_case):
    findings = "\n\n".join(f"Point {n}: " + "we looked at this carefully. " * 5 for n in range(1, 16))
    pdf = letter_pdf(_letter(session, settings, make_case(), findings=findings))
    pages = page_count(pdf)
    assert pages >= 2
    text = _flat(pdf_text(pdf))
    assert all(f"Page {n} of {pages}" in text for n in range(1, pages + 1))
    assert "Point 15:" in text


def test_an_arabic_pdf_contains_its_arabic_words_and_the_reference(session, settings, make_case):
    rep = make_case(language="ar")
    findings = "لم يتصل بي أحد من الفريق"
    pdf = letter_pdf(_letter(session, settings, rep, language="ar", findings=findings))
    assert {"يتصل", "الفريق", "أحد"} <= arabic_words(pdf)
    assert rep.reference in pdf_text(pdf)


def test_the_renderer_prints_a_report_with_headings_lists_and_a_table():
    doc = Document(
        title="Annual report 2026 to 2027",
        blocks=(
            Heading("Complaints by stage"),
            Paragraph("Most complaints were resolved at stage 1."),
            Bullets(("Stage 1: 41", "Stage 2: 3")),
            Table(("Stage", "Received", "In time"), (("1", "41", "37"), ("2", "3", "2"))),
        ),
        footer="Demo Borough Council",
    )
    text = pdf_text(render_pdf(doc), layout=True)
    assert "Annual report 2026 to 2027" in text and "• Stage 1: 41" in text
    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert "Stage Received In time" in rows and "1 41 37" in rows and "2 3 2" in rows


def test_a_two_page_letter_renders_in_well_under_two_seconds(session, settings, make_case):
    findings = "\n\n".join("We looked at this carefully and we are sorry. " * 5 for _ in range(10))
    letter = _letter(session, settings, make_case(), findings=findings)
    started = time.perf_counter()
    pdf = letter_pdf(letter)
    assert page_count(pdf) == 2
    assert time.perf_counter() - started < 2.0  # bench/letters.py measures it properly
