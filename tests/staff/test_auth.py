"""Staff sign-in: password then authenticator code, throttling, locking, replay and idle expiry."""

from __future__ import annotations

import time

import pyotp
import pytest

from intake.models import AuditEvent, StaffUser
from intake.staff.auth import SEEN_KEY
from tests.factories import PASSWORD, create_staff
from tests.staff.conftest import csrf_token

GENERIC = "The email address, password or code is not right"


def _password(client, email, password, ip="10.0.0.1"):
    token = csrf_token(client)
    return client.post(
        "/staff/login",
        data={"csrf_token": token, "email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


def _code(client, code, ip="10.0.0.1"):
    token = csrf_token(client, "/staff/login/code")
    return client.post("/staff/login/code", data={"csrf_token": token, "code": code}, environ_base={"REMOTE_ADDR": ip})


def test_password_and_code_sign_in_and_land_on_the_queue(client, session):
    user = create_staff()
    response = _password(client, "Officer@Council.example ", PASSWORD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/login/code")
    assert client.get("/staff/cases").status_code == 302  # the password alone is not enough
    response = _code(client, pyotp.TOTP(user.totp_secret).now())
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/cases")
    assert client.get("/staff/cases").status_code == 200
    assert session.query(AuditEvent).filter_by(action="signed_in", actor_id=user.id).count() == 1


@pytest.mark.parametrize(
    ("email", "password"), [("officer@council.example", "wrong-password-123"), ("nobody@council.example", PASSWORD)]
)
def test_a_wrong_password_and_an_unknown_email_get_the_same_kind_message(client, email, password):
    create_staff()
    response = _password(client, email, password)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and GENERIC in html
    assert "<title>Error: Sign in" in html


def test_a_wrong_code_is_refused(client):
    create_staff()
    _password(client, "officer@council.example", PASSWORD)
    response = _code(client, "000000")
    assert response.status_code == 400 and GENERIC in response.get_data(as_text=True)
    assert client.get("/staff/cases").status_code == 302


def test_a_code_cannot_be_used_twice(client, session):
    user = create_staff()
    code = pyotp.TOTP(user.totp_secret).now()
    _password(client, user.email, PASSWORD)
    assert _code(client, code).status_code == 302
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/cases")})
    _password(client, user.email, PASSWORD, ip="10.0.0.2")
    response = _code(client, code, ip="10.0.0.2")
    assert response.status_code == 400 and "already been used" in response.get_data(as_text=True)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, session):
    user = create_staff()
    for i in range(5):
        assert _password(client, user.email, f"wrong-{i}-password", ip=f"10.0.1.{i}").status_code == 400
    session.expire_all()
    assert session.get(StaffUser, user.id).locked_until is not None
    response = _password(client, user.email, PASSWORD, ip="10.0.2.1")
    assert response.status_code == 400 and GENERIC in response.get_data(as_text=True)
    assert session.query(AuditEvent).filter_by(action="account_locked").count() == 1


def test_password_guessing_from_one_address_is_throttled(client):
    create_staff()
    statuses = [_password(client, "officer@council.example", f"guess-{i}-xxxx").status_code for i in range(6)]
    assert statuses[:5] == [400] * 5 and statuses[5] == 429


def test_an_idle_session_is_signed_out(client, sign_in):
    user = create_staff()
    sign_in(client, user)
    assert client.get("/staff/cases").status_code == 200
    with client.session_transaction() as s:
        s[SEEN_KEY] = time.time() - 31 * 60
    response = client.get("/staff/cases")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    with client.session_transaction() as s:
        assert "mfa_ok" not in s and "_user_id" not in s
    assert "signed out because" in client.get("/staff/login").get_data(as_text=True)


def test_sign_out_is_a_post_with_csrf(client, sign_in):
    sign_in(client, create_staff())
    assert client.post("/staff/logout").status_code == 400  # no CSRF token
    assert client.get("/staff/logout").status_code == 405
    response = client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/cases")})
    assert response.status_code == 302
    assert client.get("/staff/cases").status_code == 302


def test_an_offsite_next_address_is_ignored(client):
    user = create_staff()
    token = csrf_token(client)
    client.post(
        "/staff/login?next=https://evil.example/", data={"csrf_token": token, "email": user.email, "password": PASSWORD}
    )
    response = _code(client, pyotp.TOTP(user.totp_secret).now())
    assert response.headers["Location"].endswith("/staff/cases")
