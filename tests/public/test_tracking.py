"""Tracking at /track: the right reference and contact show the stage and date; anything else reveals nothing."""

from __future__ import annotations

from datetime import date

import pytest

from intake.domain.references import new_reference
from intake.extensions import db
from intake.models import Kind, Status
from tests.factories import create_representation
from tests.html_checks import assert_page_ok, post_page

NOT_FOUND = "We could not find that. Check your reference and the phone number or email."


def track(client, reference, contact):
    return post_page(client, "/track", {"reference": reference, "contact": contact})


@pytest.mark.parametrize("contact", ["07700 900123", "+44 7700 900123", "SAM@example.org "])
def test_the_right_reference_and_contact_show_the_stage_and_next_date(client, contact):
    rep = create_representation(contact_phone="07700900123", contact_email="sam@example.org")
    response = track(client, rep.reference.lower().replace("-", " "), contact)
    assert_page_ok(response, errors=False)
    html = response.get_data(as_text=True)
    assert rep.reference in html and "We have got it" in html
    assert rep.acknowledge_by.strftime("%B") in html, "the next date is written in words"


def test_an_open_complaint_shows_its_stage_and_answer_date(client):
    rep = create_representation(contact_phone="07700900123")
    rep.status = Status.OPEN
    db.session.commit()
    html = track(client, rep.reference, "07700900123").get_data(as_text=True)
    assert "Stage 1: we are trying to sort it out" in html
    due = rep.current_stage.due_on
    assert f"{due.day} {due.strftime('%B')} {due.year}" in html


@pytest.mark.parametrize(
    "make, reference, contact",
    [
        ("phone", None, "07700900999"),  # right reference, wrong phone
        ("phone", None, "sam@example.org"),  # right reference, an email we were never given
        ("none", None, "07700900123"),  # a case with no contact details cannot be tracked
        ("phone", "other", "07700900123"),  # a valid reference that is not this case's
    ],
)
def test_a_wrong_combination_reveals_nothing(client, make, reference, contact):
    rep = create_representation(contact_phone="07700900123" if make == "phone" else None)
    reference = rep.reference if reference is None else new_reference()
    response = track(client, reference, contact)
    assert_page_ok(response, errors=True)
    html = response.get_data(as_text=True)
    assert NOT_FOUND in html
    assert "We have got it" not in html and "Stage" not in html and "How it is going" not in html


@pytest.mark.parametrize(
    "reference, contact, message",
    [
        ("", "07700900123", "Enter your reference"),
        ("K7QM", "07700900123", "Enter your reference exactly as we gave it to you"),
        ("K7QM-3XPD", "", "Enter the phone number or email address you gave us"),
    ],
)
def test_missing_details_get_a_clear_message(client, reference, contact, message):
    response = track(client, reference, contact)
    assert_page_ok(response, errors=True)
    assert message in response.get_data(as_text=True)


def test_tracking_is_rate_limited(client):
    rep = create_representation(contact_phone="07700900123")
    for _ in range(10):
        assert track(client, rep.reference, "07700900999").status_code == 200
    response = track(client, rep.reference, "07700900123")
    assert response.status_code == 429
    assert rep.reference not in response.get_data(as_text=True)


def test_a_compliment_says_it_is_passed_on(client):
    rep = create_representation(kind=Kind.COMPLIMENT, contact_email="jo@example.org")
    rep.status = Status.OPEN
    db.session.commit()
    html = track(client, rep.reference, "jo@example.org").get_data(as_text=True)
    assert "A thank you" in html and "We have passed it on" in html


def test_a_closed_case_says_it_is_finished(client):
    rep = create_representation(contact_phone="07700900123")
    rep.status, rep.closed_on = Status.CLOSED, date(2026, 11, 20)
    db.session.commit()
    assert "Finished" in track(client, rep.reference, "07700900123").get_data(as_text=True)
