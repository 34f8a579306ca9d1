"""A text column stored encrypted (``intake.encryption``) and read back in clear."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

from intake import encryption


class EncryptedString(TypeDecorator):
    """Encrypted on the way in, decrypted on the way out. Never compare it in SQL: each write is a new token."""

    impl = String(255)  # a Fernet token of a 32-character secret is 140 characters
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return None if value is None else encryption.encrypt(value)

    def process_result_value(self, value: str | None, dialect) -> str | None:
        return None if value is None else encryption.decrypt(value)
