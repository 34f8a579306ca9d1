"""Secrets at rest: Fernet (AES-CBC with an HMAC) under the keys in ``DATA_ENCRYPTION_KEY``.

``DATA_ENCRYPTION_KEY`` holds one or more Fernet keys, comma-separated, newest first. The first one encrypts;
any of them decrypts (``MultiFernet``), so a key is rotated by putting the new one in front ("new,old"),
running ``flask --app wsgi rotate-keys`` (every secret written again under the new key), then dropping the
old one. Production refuses to start without a key; development and tests derive one from ``SECRET_KEY``
when none is given, so ``flask run`` works without one.

The keys live in this module once ``init_app`` has run, so the column type (``EncryptedString``) can reach
them wherever a row is read or written: a request, a command or the worker.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import InvalidToken, MultiFernet
from flask import Flask

from intake.config.keys import parse_keys
from intake.settings import settings_of

# Every Fernet token starts with the version byte 0x80, which base64url writes as "gA". A TOTP secret is
# base32 (A-Z, 2-7), so a value that does not start like a token is a secret stored before encryption.
_TOKEN_PREFIX = "gAAAAA"

_fernet: MultiFernet | None = None


class EncryptionError(RuntimeError):
    """A stored secret cannot be read with the keys given (a wrong or missing DATA_ENCRYPTION_KEY)."""


def derived_key(secret_key: str) -> str:
    """A Fernet key from SECRET_KEY, for development and tests only (production must set its own)."""
    digest = hashlib.sha256(b"have-your-say data encryption key\0" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def configure(value: str) -> None:
    global _fernet
    _fernet = parse_keys(value)


def init_app(app: Flask) -> None:
    settings = settings_of(app)
    configure(settings.security.data_encryption_key or derived_key(settings.secret_key or "development"))


def _keys() -> MultiFernet:
    if _fernet is None:
        raise EncryptionError("no DATA_ENCRYPTION_KEY configured: the app has not been created")
    return _fernet


def is_encrypted(stored: str) -> bool:
    return stored.startswith(_TOKEN_PREFIX)


def encrypt(text: str) -> str:
    return _keys().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    """The secret in clear. A value stored before encryption is returned as it is (it is encrypted the next time
    the row is written: at the person's next sign-in, or by ``rotate-keys``)."""
    if not is_encrypted(stored):
        return stored
    try:
        return _keys().decrypt(stored.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise EncryptionError(
            "a stored secret cannot be decrypted: DATA_ENCRYPTION_KEY does not hold the key it was written with"
        ) from None
