"""Settings, read only from environment variables.

``load_settings(environ)`` turns an environment into a settings dict. Defaults
are safe for production: anything unsafe to guess (the secret key) must be
given when ``APP_ENV`` is ``production``. Everything a council changes
(timescales, teams, phone numbers) lives here so that rules code never reads
the environment itself. A bad value raises ``ConfigError`` naming the variable.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# A typical council's children's social care teams. Override with COUNCIL_TEAMS="A;B;C".
DEFAULT_TEAMS: tuple[str, ...] = (
    "North neighbourhood social work team",
    "South neighbourhood social work team",
    "East neighbourhood social work team",
    "Leaving care",
    "All-ages disability",
    "Fostering",
    "Adoption",
    "Looked after children",
    "Multi-agency safeguarding hub",
    "Referral and assessment",
    "Special educational needs",
    "Youth service",
    "Other",
)


class ConfigError(RuntimeError):
    """Raised at start-up when a setting is missing or malformed; always names the variable."""


class _Reader:
    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.environ.get(name)
        return value if value not in (None, "") else default

    def int(self, name: str, default: int, lo: int, hi: int) -> int:
        raw = self.str(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
        if not lo <= value <= hi:
            raise ConfigError(f"{name} must be between {lo} and {hi}, got {value}")
        return value

    def bool(self, name: str, default: bool) -> bool:
        raw = self.str(name)
        if raw is None:
            return default
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{name} must be true or false, got {raw!r}")

    def dates(self, name: str) -> tuple[date, ...]:
        raw = self.str(name)
        if not raw:
            return ()
        try:
            return tuple(date.fromisoformat(p.strip()) for p in raw.split(",") if p.strip())
        except ValueError:
            raise ConfigError(f"{name} must be comma-separated YYYY-MM-DD dates, got {raw!r}") from None

    def time(self, name: str, default: str) -> time:
        raw = self.str(name, default) or default
        try:
            return time.fromisoformat(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a time like 17:00, got {raw!r}") from None

    def span(self, name: str, default: str) -> tuple[time, time] | None:
        """Two times of day such as ``20:00-08:00`` (may cross midnight); set but empty turns it off."""
        raw = self.environ.get(name)
        raw = default if raw is None else raw.strip()
        if not raw:
            return None
        parts = re.split(r"\s*[-\u2013]\s*", raw)
        try:
            start, end = (time.fromisoformat(p) for p in parts)
        except ValueError:
            raise ConfigError(f"{name} must be two times like 20:00-08:00 (or empty for none), got {raw!r}") from None
        if start == end:
            raise ConfigError(f"{name} must start and end at different times, got {raw!r}")
        return start, end


def _default_base_url(environment: str, env: _Reader) -> str:
    """In development the public address follows ``PORT`` (``PORT=5601 make run``), so alert links and the Twilio
    signature check use the address the server really has."""
    port = env.int("PORT", 5000, 1, 65535) if environment == "development" else 5000
    return f"http://127.0.0.1:{port}"


def _development_token(environment: str, secret_key: str | None) -> str | None:
    """In development without Twilio, a webhook token derived from the local secret key: the server and ``sms-sim``
    read the same ``instance/.env``, so they sign and check alike with nothing to set and no restart."""
    if environment != "development" or not secret_key:
        return None
    return hmac.new(secret_key.encode(), b"have-your-say development webhook token", hashlib.sha256).hexdigest()[:32]


def load_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Read every setting from ``environ`` (default ``os.environ``) and validate it."""
    env = _Reader(os.environ if environ is None else environ)
    environment = env.str("APP_ENV", "production")
    if environment not in {"production", "development", "test"}:
        raise ConfigError(f"APP_ENV must be production, development or test, got {environment!r}")
    production = environment == "production"
    twilio_sid = env.str("TWILIO_ACCOUNT_SID")

    database_url = env.str("DATABASE_URL", f"sqlite:///{PROJECT_ROOT / 'instance' / 'have-your-say.db'}")
    s: dict[str, Any] = {
        "ENVIRONMENT": environment,
        "SECRET_KEY": env.str("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # Engine options are settled in create_app once the final database URL is known.
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "PUBLIC_BASE_URL": (env.str("PUBLIC_BASE_URL", _default_base_url(environment, env)) or "").rstrip("/"),
        # Sessions: a shared phone must not stay signed in, or keep a half-told story, for long.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env.bool("SESSION_COOKIE_SECURE", production),
        "PERMANENT_SESSION_LIFETIME": env.int("SESSION_MINUTES", 60, 5, 24 * 60) * 60,
        "STAFF_SESSION_MINUTES": env.int("STAFF_SESSION_MINUTES", 30, 5, 12 * 60),
        # CSRF is tied to the session, not a clock, so slow writers are not punished.
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "MAX_FREE_TEXT": env.int("MAX_FREE_TEXT", 5000, 500, 20000),
        # Languages: English is the source; Polish and Arabic are translations.
        "LANGUAGES": ("en", "pl", "ar"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        # Twilio. With no account SID, the fake SMS client records messages instead.
        "TWILIO_ACCOUNT_SID": twilio_sid,
        "TWILIO_AUTH_TOKEN": env.str("TWILIO_AUTH_TOKEN") or _development_token(environment, env.str("SECRET_KEY")),
        "TWILIO_FROM_NUMBER": env.str("TWILIO_FROM_NUMBER"),
        "TWILIO_MESSAGING_SERVICE_SID": env.str("TWILIO_MESSAGING_SERVICE_SID"),
        "TWILIO_API_BASE_URL": env.str("TWILIO_API_BASE_URL"),
        "SMS_BACKEND": env.str("SMS_BACKEND", "twilio" if twilio_sid else "fake"),
        # Email. With no SMTP_HOST, mail stays in the local outbox for staff to see.
        "SMTP_HOST": env.str("SMTP_HOST"),
        "SMTP_PORT": env.int("SMTP_PORT", 587, 1, 65535),
        "SMTP_USERNAME": env.str("SMTP_USERNAME"),
        "SMTP_PASSWORD": env.str("SMTP_PASSWORD"),
        "SMTP_STARTTLS": env.bool("SMTP_STARTTLS", True),
        "SMTP_TIMEOUT_SECONDS": env.int("SMTP_TIMEOUT_SECONDS", 10, 1, 120),
        "MAIL_FROM": env.str("MAIL_FROM", "have-your-say@council.example"),
        # Who is told.
        "COMPLAINTS_OFFICER_EMAIL": env.str("COMPLAINTS_OFFICER_EMAIL", "complaints@council.example"),
        "ADVOCACY_SERVICE_EMAIL": env.str("ADVOCACY_SERVICE_EMAIL", "advocacy@advocacy.example"),
        "RIGHTS_OFFICER_EMAIL": env.str("RIGHTS_OFFICER_EMAIL", "childrens-rights@council.example"),
        "RIGHTS_OFFICER_MOBILE": env.str("RIGHTS_OFFICER_MOBILE"),
        "SAFEGUARDING_EMAIL": env.str("SAFEGUARDING_EMAIL", "mash@council.example"),
        # The out-of-hours emergency duty team: also told of a safeguarding alert raised outside office hours.
        "OUT_OF_HOURS_EMAIL": env.str("OUT_OF_HOURS_EMAIL", "emergency-duty@council.example"),
        # Delivery.
        "DELIVERY_GIVE_UP_HOURS": env.int("DELIVERY_GIVE_UP_HOURS", 48, 1, 24 * 14),
        "WORKER_POLL_SECONDS": env.int("WORKER_POLL_SECONDS", 5, 1, 300),
        # Successful sends recorded per commit (also at least every 0.1 s): the most a crash can send twice.
        "DELIVERY_RESULT_BATCH": env.int("DELIVERY_RESULT_BATCH", 25, 1, 100),
        # No texts to the person who got in touch between these times (Europe/London); they wait until the end.
        "QUIET_HOURS": env.span("QUIET_HOURS", "20:00-08:00"),
        # The council. Demo defaults; a real council sets these.
        "COUNCIL_NAME": env.str("COUNCIL_NAME", "Demo Borough Council"),
        # The address printed at the top of letters, ";" between lines.
        "COUNCIL_ADDRESS": tuple(
            line.strip()
            for line in (
                env.str("COUNCIL_ADDRESS") or "Complaints Team;Town Hall;1 High Street;Demo Town DT1 1AA"
            ).split(";")
            if line.strip()
        ),
        "RIGHTS_OFFICER_PHONE": env.str("RIGHTS_OFFICER_PHONE", "0800 123 4567"),
        "FRONT_DOOR_PHONE": env.str("FRONT_DOOR_PHONE", "0300 123 4567"),
        "OUT_OF_HOURS_PHONE": env.str("OUT_OF_HOURS_PHONE", "0300 123 9999"),
        # Told to a complainant whenever a deadline is extended (LGSCO Complaint Handling Code 6.5).
        "OMBUDSMAN_CONTACT": env.str("OMBUDSMAN_CONTACT", "www.lgo.org.uk, 0300 061 0614"),
        "COUNCIL_TEAMS": tuple(
            t.strip() for t in (env.str("COUNCIL_TEAMS") or ";".join(DEFAULT_TEAMS)).split(";") if t.strip()
        ),
        "OFFICE_OPENS": env.time("OFFICE_OPENS", "09:00"),
        "OFFICE_CLOSES": env.time("OFFICE_CLOSES", "17:00"),
        # Council closure days that are not bank holidays (e.g. a Christmas shutdown).
        "CLOSURE_DAYS": env.dates("CLOSURE_DAYS"),
        # Items received after this time (Europe/London) count as received the next working day.
        "RECEIPT_CUT_OFF": env.time("RECEIPT_CUT_OFF", "23:59:59"),
        # Timescales in working days (rules-reference.md §9).
        "STATUTORY_ACK_DAYS": env.int("STATUTORY_ACK_DAYS", 3, 2, 5),
        "CORPORATE_ACK_DAYS": env.int("CORPORATE_ACK_DAYS", 5, 1, 10),
        "CONVERSATION_IDLE_DAYS": env.int("CONVERSATION_IDLE_DAYS", 7, 1, 90),
        "RETENTION_YEARS": env.int("RETENTION_YEARS", 6, 1, 100),
        "RATELIMIT_STORAGE_URI": env.str("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        **_mailbox_settings(env),
    }
    _validate(s, production)
    return s


def _mailbox_settings(env: _Reader) -> dict[str, Any]:
    """The complaints mailbox (IMAP) and the files that come with cases. With no IMAP_HOST, nothing is polled."""
    use_ssl = env.bool("IMAP_SSL", True)
    s = {
        "IMAP_HOST": env.str("IMAP_HOST"),
        # Implicit TLS on 993; otherwise 143 with STARTTLS when the server offers it (plain only on loopback).
        "IMAP_SSL": use_ssl,
        "IMAP_PORT": env.int("IMAP_PORT", 993 if use_ssl else 143, 1, 65535),
        "IMAP_USERNAME": env.str("IMAP_USERNAME"),
        "IMAP_PASSWORD": env.str("IMAP_PASSWORD"),
        "IMAP_FOLDER": env.str("IMAP_FOLDER", "INBOX"),
        # Where taken-in messages go; with none they stay in IMAP_FOLDER, flagged as read and with our keyword.
        "IMAP_DONE_FOLDER": env.str("IMAP_DONE_FOLDER"),
        # A CA bundle to trust for the mail server's certificate (a council's own CA); default: the system's.
        "IMAP_CA_FILE": env.str("IMAP_CA_FILE"),
        "IMAP_TIMEOUT_SECONDS": env.int("IMAP_TIMEOUT_SECONDS", 30, 1, 600),
        "MAILBOX_POLL_SECONDS": env.int("MAILBOX_POLL_SECONDS", 60, 5, 24 * 3600),
        # Bigger messages are not downloaded: a case is made from their headers, and staff read them in the mailbox.
        "MAILBOX_MAX_MESSAGE_BYTES": env.int("MAILBOX_MAX_MESSAGE_BYTES", 50 * 1024 * 1024, 1024, 1024**3),
        # A mailbox with years of old mail: leave alone what it received before this day.
        "MAILBOX_SINCE": next(iter(env.dates("MAILBOX_SINCE")), None),
        "ATTACHMENT_MAX_BYTES": env.int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, 1024, 1024**3),
        # Outside the web root: nothing under it is ever served as a static file.
        "ATTACHMENT_DIR": env.str("ATTACHMENT_DIR", str(PROJECT_ROOT / "instance" / "attachments")),
    }
    if len(env.dates("MAILBOX_SINCE")) > 1:
        raise ConfigError("MAILBOX_SINCE must be one YYYY-MM-DD date")
    if s["IMAP_HOST"] and not (s["IMAP_USERNAME"] and s["IMAP_PASSWORD"]):
        raise ConfigError("IMAP_USERNAME and IMAP_PASSWORD must be set when IMAP_HOST is set")
    return s


def _validate(s: dict[str, Any], production: bool) -> None:
    if production and not s["SECRET_KEY"]:
        raise ConfigError("SECRET_KEY must be set in production (a long random string)")
    if s["SECRET_KEY"] is not None and len(s["SECRET_KEY"]) < 16:
        raise ConfigError("SECRET_KEY is too short: use at least 16 random characters")
    if not s["PUBLIC_BASE_URL"].startswith(("http://", "https://")):
        raise ConfigError(f"PUBLIC_BASE_URL must start with http:// or https://, got {s['PUBLIC_BASE_URL']!r}")
    if s["SMS_BACKEND"] not in {"twilio", "fake"}:
        raise ConfigError(f"SMS_BACKEND must be twilio or fake, got {s['SMS_BACKEND']!r}")
    if s["SMS_BACKEND"] == "twilio":
        if not (s["TWILIO_ACCOUNT_SID"] and s["TWILIO_AUTH_TOKEN"]):
            raise ConfigError("TWILIO_AUTH_TOKEN must be set when TWILIO_ACCOUNT_SID is set")
        if not (s["TWILIO_FROM_NUMBER"] or s["TWILIO_MESSAGING_SERVICE_SID"]):
            raise ConfigError("TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID must be set to send SMS")


# Overrides the test suite applies on top of load_settings({"APP_ENV": "test", ...}).
TEST_SETTINGS: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-not-for-production",
    "SESSION_COOKIE_SECURE": False,
    "SMS_BACKEND": "fake",
    "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000",
    "TWILIO_AUTH_TOKEN": "test-auth-token",
    "TWILIO_FROM_NUMBER": "+447700900000",
    "PUBLIC_BASE_URL": "https://hys.test",
    "SMTP_HOST": None,
    # Off in tests, so what a test queues never depends on the hour it runs; the tests that need it turn it on.
    "OUT_OF_HOURS_EMAIL": None,
    # Off in tests for the same reason: a text must not wait for the morning because the suite ran at night.
    "QUIET_HOURS": None,
}
