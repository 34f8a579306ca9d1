"""Admin: creating accounts (secret shown once), deactivating and unlocking."""

from __future__ import annotations

from datetime import timedelta

from intake.models import StaffUser
from intake.models.base import utcnow
from tests.factories import create_staff


def test_an_admin_creates_an_account_and_sees_its_secret_once(client, sign_in, post_form, session):
    sign_in(client, create_staff("admin@council.example", role="admin"))
    response = post_form(
        client,
        "/staff/users/new",
        {
            "email": "new@council.example",
            "name": "New Person",
            "role": "advocate",
            "organisation": "Barnardo's",
            "team": "",
            "password": "a-long-first-password",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "otpauth://totp/" in html
    user = session.query(StaffUser).filter_by(email="new@council.example").one()
    assert user.totp_secret in html
    assert user.totp_secret not in client.get("/staff/users").get_data(as_text=True)


def test_a_weak_password_gets_a_clear_message(client, sign_in, post_form):
    sign_in(client, create_staff("admin@council.example", role="admin"))
    response = post_form(
        client,
        "/staff/users/new",
        {"email": "new@council.example", "name": "N", "role": "manager", "team": "", "password": "short"},
    )
    assert response.status_code == 400 and "at least 12 characters" in response.get_data(as_text=True)


def test_an_admin_unlocks_and_deactivates_accounts(client, sign_in, post_form, session):
    sign_in(client, create_staff("admin@council.example", role="admin"))
    locked = create_staff("locked@council.example")
    locked.locked_until = utcnow() + timedelta(minutes=10)
    session.commit()
    assert post_form(client, f"/staff/users/{locked.id}/unlock", prefix="user").status_code == 302
    assert post_form(client, f"/staff/users/{locked.id}/deactivate", prefix="user").status_code == 302
    session.expire_all()
    assert session.get(StaffUser, locked.id).locked_until is None and not session.get(StaffUser, locked.id).active
