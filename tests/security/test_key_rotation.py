"""Rotating DATA_ENCRYPTION_KEY: put the new key first, run rotate-keys, then the old key can go."""

from __future__ import annotations

from cryptography.fernet import Fernet
from sqlalchemy import text

from intake import encryption
from intake.cli.users import rotate_keys
from tests.factories import create_staff


def _stored(session, user_id):
    return session.execute(text("SELECT totp_secret FROM staff_user WHERE id = :id"), {"id": user_id}).scalar()


def test_rotate_keys_rewrites_every_secret_so_the_old_key_can_go(app, session):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    try:
        encryption.configure(old)
        user = create_staff()
        secret = user.totp_secret
        encryption.configure(f"{new},{old}")
        result = app.test_cli_runner().invoke(rotate_keys)
        assert result.exit_code == 0 and "Encrypted 1" in result.output
        stored = _stored(session, user.id)
        assert Fernet(new.encode()).decrypt(stored.encode()).decode() == secret
        encryption.configure(new)  # the old key dropped
        session.expire_all()
        assert session.get(type(user), user.id).totp_secret == secret
    finally:
        encryption.init_app(app)
