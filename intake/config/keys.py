"""Reading ``DATA_ENCRYPTION_KEY``: one or more Fernet keys, comma-separated, newest first.

Here rather than in ``intake.encryption`` so the settings can check the keys at start-up without importing the
module that uses them (which reads the settings).
"""

from __future__ import annotations

from cryptography.fernet import Fernet, MultiFernet


def parse_keys(value: str) -> MultiFernet:
    """``MultiFernet`` from "key1,key2"; ValueError naming what is wrong (never the key itself)."""
    keys = [part.strip() for part in value.split(",") if part.strip()]
    if not keys:
        raise ValueError("no key given")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError):
        raise ValueError("each key must be 32 url-safe base64-encoded bytes (Fernet.generate_key())") from None
