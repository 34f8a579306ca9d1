"""Sessions, rate limits, proxies, keys for data at rest, and how long unfinished stories are kept."""

from __future__ import annotations

from dataclasses import dataclass

from intake.config.reader import ConfigError, EnvReader, setting


@dataclass(frozen=True, slots=True)
class Security:
    # Sessions: a shared phone must not stay signed in, or keep a half-told story, for long.
    session_cookie_secure: bool = setting("SESSION_COOKIE_SECURE")
    # __Host-: the browser only accepts it over HTTPS, for the whole site, from this host alone (no Domain).
    session_cookie_name: str = setting("SESSION_COOKIE_NAME")
    # Flask wants seconds; people set minutes.
    session_seconds: int = setting("SESSION_MINUTES", key="PERMANENT_SESSION_LIFETIME")
    staff_session_minutes: int = setting("STAFF_SESSION_MINUTES")
    staff_session_max_hours: int = setting("STAFF_SESSION_MAX_HOURS")
    # Counters shared by every process: the database unless a Redis URI is given.
    ratelimit_storage_uri: str = setting("RATELIMIT_STORAGE_URI")
    # Per address, over every public form POST together: a children's home shares one address.
    ratelimit_public_posts: str = setting("RATELIMIT_PUBLIC_POSTS")
    # Per address, over sign-in POSTs (password and code): a council office shares one address too.
    ratelimit_sign_in: str = setting("RATELIMIT_SIGN_IN")
    # Acknowledgements to one phone number or email address; more are not queued (and the audit says so).
    acknowledgements_per_hour: int = setting("RATELIMIT_ACKNOWLEDGEMENTS_PER_HOUR")
    # Proxies in front of the app that set X-Forwarded-For: limits then key on the real client's address.
    trusted_proxy_count: int = setting("TRUSTED_PROXY_COUNT")
    # Fernet keys, comma-separated, newest first (intake/encryption.py).
    data_encryption_key: str | None = setting("DATA_ENCRYPTION_KEY")
    # Unfinished conversations and form drafts that never became a case are deleted after this long idle.
    abandoned_days: int = setting("ABANDONED_DAYS")
    # The worker purges once a day what retention says must go (intake/delivery/housekeeping.py).
    retention_purge_daily: bool = setting("RETENTION_PURGE_DAILY")


def read_security(env: EnvReader, production: bool) -> Security:
    secure = env.flag("SESSION_COOKIE_SECURE", production)
    return Security(
        session_cookie_secure=secure,
        session_cookie_name=env.text("SESSION_COOKIE_NAME", "__Host-session" if production and secure else "session"),
        session_seconds=env.number("SESSION_MINUTES", 60, 5, 24 * 60) * 60,
        staff_session_minutes=env.number("STAFF_SESSION_MINUTES", 30, 5, 12 * 60),
        staff_session_max_hours=env.number("STAFF_SESSION_MAX_HOURS", 8, 1, 24),
        ratelimit_storage_uri=env.text("RATELIMIT_STORAGE_URI", "database://"),
        ratelimit_public_posts=env.text("RATELIMIT_PUBLIC_POSTS", "60 per minute;600 per hour"),
        ratelimit_sign_in=env.text("RATELIMIT_SIGN_IN", "20 per minute;200 per hour"),
        acknowledgements_per_hour=env.number("RATELIMIT_ACKNOWLEDGEMENTS_PER_HOUR", 3, 1, 100),
        trusted_proxy_count=env.number("TRUSTED_PROXY_COUNT", 0, 0, 5),
        data_encryption_key=env.optional("DATA_ENCRYPTION_KEY"),
        abandoned_days=env.number("ABANDONED_DAYS", 30, 1, 365),
        retention_purge_daily=env.flag("RETENTION_PURGE_DAILY", True),
    )


def check_security(s: Security) -> None:
    from limits import parse_many

    from intake.config.keys import parse_keys

    if s.session_cookie_name.startswith("__Host-") and not s.session_cookie_secure:
        raise ConfigError("SESSION_COOKIE_NAME starts with __Host-, so SESSION_COOKIE_SECURE must be on")
    for name, limits in (
        ("RATELIMIT_PUBLIC_POSTS", s.ratelimit_public_posts),
        ("RATELIMIT_SIGN_IN", s.ratelimit_sign_in),
    ):
        try:
            parse_many(limits)
        except ValueError:
            raise ConfigError(f"{name} must be limits like '60 per minute;600 per hour', got {limits!r}") from None
    if s.data_encryption_key:
        try:
            parse_keys(s.data_encryption_key)
        except ValueError as error:
            raise ConfigError(f"DATA_ENCRYPTION_KEY: {error}") from None
