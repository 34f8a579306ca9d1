"""Staff sign-in: password then authenticator code, throttling, locking, replay and idle expiry."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pyotp
import pytest

from intake.models import AuditEvent, SignInFailure
from intake.staff.auth import SEEN_KEY
from tests.factories import PASSWORD, create_staff
from tests.staff.conftest import csrf_token

GENERIC = "The email address, password or code is not right"


def app_client(client):
    """A second browser: its own cookies."""
    return client.application.test_client()


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


def _last_failures_back(session, seconds):
    """As if the last failed try was ``seconds`` ago (every counter)."""
    for row in session.query(SignInFailure):
        row.last_failed_at = row.last_failed_at - timedelta(seconds=seconds)
    session.commit()


def test_guessing_at_an_account_slows_the_next_try_without_locking_it(client, session):
    user = create_staff()
    for i in range(5):
        assert _password(client, user.email, f"wrong-{i}-password", ip=f"10.0.1.{i}").status_code == 400
    response = _password(client, user.email, PASSWORD, ip="10.0.2.1")
    assert response.status_code == 429 and "Wait 1 second" in response.get_data(as_text=True)
    _last_failures_back(session, 2)
    assert _password(client, user.email, PASSWORD, ip="10.0.2.1").status_code == 302
    assert session.query(AuditEvent).filter_by(action="sign_in_failed", actor_id=user.id).count() == 5


def test_each_further_wrong_try_doubles_the_wait(client, session):
    create_staff()
    waits = []
    for i in range(4):
        _last_failures_back(session, 3600)
        _password(client, "officer@council.example", f"wrong-{i}-password", ip=f"10.0.3.{i}")
    for i in range(4):
        _last_failures_back(session, 3600)
        _password(client, "officer@council.example", f"wrong-{i}-again", ip=f"10.0.4.{i}")
        response = _password(client, "officer@council.example", PASSWORD, ip="10.0.5.1")
        waits.append(re.search(r"Wait (\d+) second", response.get_data(as_text=True)).group(1))
    assert waits == ["1", "2", "4", "8"]


def test_an_unknown_email_is_slowed_exactly_like_a_real_one(client):
    create_staff()
    for email in ("officer@council.example", "nobody@council.example"):
        for i in range(5):
            _password(client, email, f"wrong-{i}-password", ip=f"10.0.6.{i}")
        response = _password(client, email, "another-wrong-one", ip="10.0.7.1")
        assert response.status_code == 429 and "Wait 1 second" in response.get_data(as_text=True)


def test_the_owners_own_browser_is_not_held_up_by_someone_elses_guessing(client, session):
    user = create_staff()
    _password(client, user.email, PASSWORD)
    assert _code(client, pyotp.TOTP(user.totp_secret).now()).status_code == 302  # this browser is now known
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/cases")})
    attacker = app_client(client)
    for i in range(8):
        _password(attacker, user.email, f"wrong-{i}-password", ip=f"10.0.8.{i}")
    assert _password(attacker, user.email, PASSWORD, ip="10.0.9.1").status_code == 429
    assert _password(client, user.email, PASSWORD, ip="10.0.9.2").status_code == 302


def test_password_guessing_from_one_address_is_throttled(client):
    create_staff()
    statuses = [_password(client, f"person{i}@council.example", f"guess-{i}-xxxx").status_code for i in range(21)]
    assert statuses[:20] == [400] * 20 and statuses[20] == 429


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
