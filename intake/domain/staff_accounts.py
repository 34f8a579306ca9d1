"""Creating staff accounts and checking their passwords and second factor."""

from __future__ import annotations

import os
import re

import pyotp
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from intake.data.staff import email_taken
from intake.data.teams import team_id_by_name
from intake.models import Role, StaffUser

MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher.from_parameters(profiles.CHEAPEST) if os.environ.get("APP_ENV") == "test" else PasswordHasher()
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """A clear reason an account cannot be created."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(user: StaffUser, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_strength(password: str, email: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")
    if password.lower() in email.lower() or len(set(password)) < 5:
        raise AccountError("the password is too easy to guess")


def create_staff_user(
    session: Session,
    *,
    email: str,
    role: str,
    password: str,
    name: str = "",
    organisation: str | None = None,
    team_name: str | None = None,
    totp_secret: str | None = None,
) -> StaffUser:
    email = (email or "").strip().lower()
    if not _EMAIL.match(email):
        raise AccountError(f"{email!r} is not an email address")
    try:
        role_value = Role(role)
    except ValueError:
        raise AccountError(f"unknown role {role!r}; use one of: {', '.join(r.value for r in Role)}") from None
    if email_taken(session, email):
        raise AccountError(f"an account for {email} already exists")
    check_password_strength(password, email)
    team_id = None
    if team_name:
        team_id = team_id_by_name(session, team_name)
        if team_id is None:
            raise AccountError(f"no team called {team_name!r}")
    if role_value is Role.ADVOCATE and not organisation:
        organisation = "Advocacy service"
    user = StaffUser(
        email=email,
        name=name or email.split("@")[0],
        role=role_value,
        organisation=organisation,
        team_id=team_id,
        password_hash=hash_password(password),
        totp_secret=totp_secret or pyotp.random_base32(),
    )
    session.add(user)
    session.flush()
    return user


def otpauth_uri(user: StaffUser, issuer: str = "Have Your Say") -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=issuer)
