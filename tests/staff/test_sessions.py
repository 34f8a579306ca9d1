"""Staff sessions end when they should: a copied cookie stops working after sign-out, a role change, a new
password or deactivation, and every session ends 8 hours after signing in however busy it is."""

from __future__ import annotations

import time

import pyotp
import pytest

from intake.domain.staff_accounts import hash_password
from intake.models import Role, StaffUser
from intake.staff.auth import SEEN_KEY, SINCE_KEY
from tests.factories import PASSWORD, create_staff
from tests.staff.conftest import csrf_token

STAFF_PAGES = ("/staff/cases", "/staff/cases.csv")


def _signed_in_through_the_pages(client, user):
    token = csrf_token(client)
    client.post("/staff/login", data={"csrf_token": token, "email": user.email, "password": PASSWORD})
    token = csrf_token(client, "/staff/login/code")
    response = client.post("/staff/login/code", data={"csrf_token": token, "code": pyotp.TOTP(user.totp_secret).now()})
    assert response.status_code == 302
    return client


def _copy_of(client):
    """Another browser holding a copy of this one's session cookie (as a thief would)."""
    name = client.application.config["SESSION_COOKIE_NAME"]
    thief = client.application.test_client()
    thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def _opens(client, url) -> bool:
    return client.get(url).status_code == 200


def test_a_copied_cookie_works_only_while_the_session_stands(client):
    user = create_staff()
    thief = _copy_of(_signed_in_through_the_pages(client, user))
    assert all(_opens(thief, url) for url in STAFF_PAGES)


def test_a_copied_cookie_stops_working_after_sign_out(client):
    user = create_staff()
    thief = _copy_of(_signed_in_through_the_pages(client, user))
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/cases")})
    for url in STAFF_PAGES:
        response = thief.get(url)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda user: setattr(user, "role", Role.MANAGER), id="role changed"),
        pytest.param(lambda user: setattr(user, "active", False), id="deactivated"),
        pytest.param(
            lambda user: setattr(user, "password_hash", hash_password("a brand new password 42")), id="password"
        ),
    ],
)
def test_a_copied_cookie_stops_working_when_the_account_changes(client, session, change):
    user = create_staff()
    thief = _copy_of(_signed_in_through_the_pages(client, user))
    change(session.get(StaffUser, user.id))
    session.commit()
    for browser in (client, thief):
        assert not any(_opens(browser, url) for url in STAFF_PAGES)


def test_deactivating_through_the_admin_page_ends_the_persons_sessions(client, session, sign_in, post_form):
    user = create_staff()
    thief = _copy_of(_signed_in_through_the_pages(client, user))
    admin = client.application.test_client()
    sign_in(admin, create_staff("admin@council.example", role="admin"))
    assert post_form(admin, f"/staff/users/{user.id}/deactivate", {"user-submit": "1"}).status_code == 302
    assert not _opens(thief, "/staff/cases")


def test_a_session_ends_eight_hours_after_sign_in_even_when_busy(client):
    user = create_staff()
    _signed_in_through_the_pages(client, user)
    with client.session_transaction() as s:
        s[SINCE_KEY] = time.time() - 8 * 3600 - 1
        s[SEEN_KEY] = time.time()  # used a moment ago
    response = client.get("/staff/cases")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert "signed in a long time ago" in client.get("/staff/login").get_data(as_text=True)
    assert not _opens(client, "/staff/cases.csv")


def test_a_session_from_before_session_versions_must_sign_in_again(client):
    user = create_staff()
    with client.session_transaction() as s:
        s["_user_id"], s["mfa_ok"] = str(user.id), True
        s[SEEN_KEY] = s[SINCE_KEY] = time.time()
    assert client.get("/staff/cases").status_code == 302


def test_signing_out_ends_the_persons_other_sessions_too(client):
    user = create_staff()
    laptop = _signed_in_through_the_pages(client, user)
    phone = _copy_of(laptop)
    laptop.post("/staff/logout", data={"csrf_token": csrf_token(laptop, "/staff/cases")})
    assert not _opens(phone, "/staff/cases")
