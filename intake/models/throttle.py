"""Counters shared by every process: rate-limit windows and failed sign-ins.

Both are keyed by an HMAC of what they count (an address, an email, a phone number), so the table holds no
personal data and a key cannot be read back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime


class RateLimitWindow(Base):
    """One fixed window of a rate limit (Flask-Limiter's counters, and acknowledgements per destination)."""

    __tablename__ = "rate_limit_window"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    # Seconds since the epoch (a float, the same arithmetic on SQLite and PostgreSQL).
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class SignInFailure(Base):
    """Failed sign-ins for one account name, one address, or everyone: each next try waits longer."""

    __tablename__ = "sign_in_failure"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime] = mapped_column(UtcDateTime)
