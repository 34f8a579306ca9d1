"""Helpers for the letter tests: a complaint from a child with a safe email, and an officer to write to them."""

from __future__ import annotations

from datetime import date

import pytest

from intake.models import ContactMethod, Procedure, SubmittedBy
from tests.factories import create_representation, create_staff

TODAY = date(2026, 11, 4)  # a Wednesday; the test cases arrive on Monday 2 November 2026


@pytest.fixture
def officer():
    return create_staff(name="Olu Officer")


@pytest.fixture
def make_case(session):
    """``make_case(**overrides)``: a statutory complaint from a child who gave a safe email, committed."""

    def make(**overrides):
        values = {
            "procedure": Procedure.STATUTORY,
            "submitted_by": SubmittedBy.CHILD,
            "contact_name": "Sam",
            "contact_email": "sam@example.org",
            "safe_to_contact": True,
            "preferred_contact": ContactMethod.EMAIL,
        }
        values.update(overrides)
        rep = create_representation(**values)
        session.commit()
        return rep

    return make


@pytest.fixture
def staff_request(app):
    """Refusals are worded for the officer, in the language of their request: give each test a request."""
    with app.test_request_context("/staff/cases"):
        yield
