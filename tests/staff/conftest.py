"""Helpers for staff-area tests: sign in without the UI, and post forms with a real CSRF token."""

from __future__ import annotations

import re

import pytest
from flask import g

from tests.factories import create_staff
from tests.support import staff_session

_TOKEN = re.compile(
    r'name="(?:[\w-]*-)?csrf_token" type="hidden" value="([^"]+)"|name="[\w-]*csrf_token" value="([^"]+)"'
)


@pytest.fixture
def sign_in():
    """``sign_in(client, user)``: the session a completed password + TOTP sign-in leaves behind."""
    return staff_session.sign_in


@pytest.fixture
def officer(client, sign_in):
    """A complaints officer, signed in on ``client``."""
    user = create_staff(name="Olu Officer")
    sign_in(client, user)
    return user


def csrf_token(client, url="/staff/login") -> str:
    """A CSRF token for this client's session, read from a real page's form.

    The suite keeps one app context open per test, so Flask's ``g`` outlives a
    request; Flask-WTF caches the token there. Drop it so the page makes (and
    stores in the session) a token for the session as it is now.
    """
    g.pop("csrf_token", None)
    html = client.get(url, follow_redirects=True).get_data(as_text=True)
    match = _TOKEN.search(html)
    assert match, f"no CSRF token on {url}"
    return match.group(1) or match.group(2)


@pytest.fixture
def post_form():
    """``post_form(client, url, data)``: POST with a valid CSRF token, as a browser would."""

    def post(client, url, data=None, prefix=None, follow_redirects=False):
        data = dict(data or {})
        prefix = prefix or next((k.split("-")[0] for k in data if "-" in k), None)
        token = csrf_token(client)
        data["csrf_token"] = token
        if prefix:  # each case-page form has a prefix, and so does its CSRF field
            data[f"{prefix}-csrf_token"] = token
        return client.post(url, data=data, follow_redirects=follow_redirects)

    return post
