"""Helpers for the letter tests: a complaint from a child with a safe email, and an officer to write to them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import g

from intake.models import ContactMethod, Procedure, SubmittedBy
from tests.factories import create_representation, create_staff
from tests.support import staff_session

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


_TOKEN = re.compile(r'name="(?:[\w-]*-)?csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def sign_in():
    """``sign_in(client, user)``: the session a completed password + authenticator-code sign-in leaves."""
    return staff_session.sign_in


@pytest.fixture
def post_form():
    """``post_form(client, url, data, prefix=...)``: POST with a real CSRF token, read from the sign-in page."""

    def post(client, url, data, prefix=None):
        g.pop("csrf_token", None)  # the suite keeps one app context: make a token for this session
        html = client.get("/staff/login", follow_redirects=True).get_data(as_text=True)
        token = _TOKEN.search(html).group(1)
        fields = {**data, "csrf_token": token}
        if prefix:
            fields[f"{prefix}-csrf_token"] = token
        return client.post(url, data=fields)

    return post
