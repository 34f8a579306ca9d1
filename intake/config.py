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
        **_security_settings(env, production),
        **_mailbox_settings(env),
        **_advocacy_settings(env),
        **_backend_settings(env, twilio_sid),
        **_procedure_settings(env),
    }
    _validate(s, production)
    if production and not s["DATA_ENCRYPTION_KEY"]:
        raise ConfigError("DATA_ENCRYPTION_KEY must be set in production (see README: Security)")
    return s


def _security_settings(env: _Reader, production: bool) -> dict[str, Any]:
    """Sessions, rate limits, proxies, keys for data at rest, and how long unfinished stories are kept."""
    secure = env.bool("SESSION_COOKIE_SECURE", production)
    s = {
        # Sessions: a shared phone must not stay signed in, or keep a half-told story, for long.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        # __Host-: the browser only accepts it over HTTPS, for the whole site, from this host alone (no Domain).
        "SESSION_COOKIE_NAME": env.str("SESSION_COOKIE_NAME", "__Host-session" if production and secure else "session"),
        "PERMANENT_SESSION_LIFETIME": env.int("SESSION_MINUTES", 60, 5, 24 * 60) * 60,
        "STAFF_SESSION_MINUTES": env.int("STAFF_SESSION_MINUTES", 30, 5, 12 * 60),
        "STAFF_SESSION_MAX_HOURS": env.int("STAFF_SESSION_MAX_HOURS", 8, 1, 24),
        # Counters shared by every process: the database unless a Redis URI is given.
        "RATELIMIT_STORAGE_URI": env.str("RATELIMIT_STORAGE_URI", "database://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Per address, over every public form POST together: a children's home shares one address.
        "RATELIMIT_PUBLIC_POSTS": env.str("RATELIMIT_PUBLIC_POSTS", "60 per minute;600 per hour"),
        # Per address, over sign-in POSTs (password and code): a council office shares one address too.
        "RATELIMIT_SIGN_IN": env.str("RATELIMIT_SIGN_IN", "20 per minute;200 per hour"),
        # Acknowledgements to one phone number or email address; more are not queued (and the audit says so).
        "RATELIMIT_ACKNOWLEDGEMENTS_PER_HOUR": env.int("RATELIMIT_ACKNOWLEDGEMENTS_PER_HOUR", 3, 1, 100),
        # Proxies in front of the app that set X-Forwarded-For: limits then key on the real client's address.
        "TRUSTED_PROXY_COUNT": env.int("TRUSTED_PROXY_COUNT", 0, 0, 5),
        # Fernet keys, comma-separated, newest first (intake/encryption.py).
        "DATA_ENCRYPTION_KEY": env.str("DATA_ENCRYPTION_KEY"),
        # Unfinished conversations and form drafts that never became a case are deleted after this long idle.
        "ABANDONED_DAYS": env.int("ABANDONED_DAYS", 30, 1, 365),
        # The worker purges once a day what retention says must go (intake/delivery/housekeeping.py).
        "RETENTION_PURGE_DAILY": env.bool("RETENTION_PURGE_DAILY", True),
    }
    _check_security(s)
    return s


def _check_security(s: dict[str, Any]) -> None:
    from limits import parse_many

    from intake.encryption import parse_keys

    if s["SESSION_COOKIE_NAME"].startswith("__Host-") and not s["SESSION_COOKIE_SECURE"]:
        raise ConfigError("SESSION_COOKIE_NAME starts with __Host-, so SESSION_COOKIE_SECURE must be on")
    for name in ("RATELIMIT_PUBLIC_POSTS", "RATELIMIT_SIGN_IN"):
        try:
            parse_many(s[name])
        except ValueError:
            raise ConfigError(f"{name} must be limits like '60 per minute;600 per hour', got {s[name]!r}") from None
    if s["DATA_ENCRYPTION_KEY"]:
        try:
            parse_keys(s["DATA_ENCRYPTION_KEY"])
        except ValueError as error:
            raise ConfigError(f"DATA_ENCRYPTION_KEY: {error}") from None


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


# create-user gives an advocate this organisation when none is named (intake/domain/staff_accounts.py).
DEFAULT_ADVOCACY_ORGANISATION = "Advocacy service"


def _advocacy_settings(env: _Reader) -> dict[str, Any]:
    """Whose advocates take the council's advocacy referrals (Children Act 1989 s26A).

    Advocates whose account names this organisation (spaces and letter case aside) see the referrals queue: every
    case where a child asked for an advocate. Advocates of any other organisation see only their own cases.
    """
    organisation = (env.str("ADVOCACY_ORGANISATION") or "").strip() or DEFAULT_ADVOCACY_ORGANISATION
    if len(organisation) > 200:
        raise ConfigError("ADVOCACY_ORGANISATION must be 200 characters or fewer (an advocate's organisation)")
    return {"ADVOCACY_ORGANISATION": organisation}


# GOV.UK Notify's API keys are "<key name>-<service id>-<secret>", the last two UUIDs; the client splits them so.
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NOTIFY_KEY = re.compile(rf"^\S+-{_UUID}-{_UUID}$")
SMS_BACKENDS = ("twilio", "notify", "fake")
EMAIL_BACKENDS = ("smtp", "notify", "local", "fake")


def _backend_settings(env: _Reader, twilio_sid: str | None) -> dict[str, Any]:
    """Which provider carries texts and emails, and GOV.UK Notify's settings.

    ``EMAIL_BACKEND`` unset keeps the behaviour from before it existed: SMTP when ``SMTP_HOST`` is set, else the
    local outbox (decided when mail is sent, so a test that sets ``SMTP_HOST`` gets SMTP).
    """
    s: dict[str, Any] = {
        "SMS_BACKEND": env.str("SMS_BACKEND", "twilio" if twilio_sid else "fake"),
        "EMAIL_BACKEND": env.str("EMAIL_BACKEND"),
        "NOTIFY_API_KEY": env.str("NOTIFY_API_KEY"),
        "NOTIFY_BASE_URL": (env.str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk") or "").rstrip("/"),
        "NOTIFY_SMS_TEMPLATE_ID": env.str("NOTIFY_SMS_TEMPLATE_ID"),
        "NOTIFY_EMAIL_TEMPLATE_ID": env.str("NOTIFY_EMAIL_TEMPLATE_ID"),
        # Optional: a letter template with ((link_to_file)) as well, so a letter's PDF goes as Notify's file link.
        "NOTIFY_LETTER_TEMPLATE_ID": env.str("NOTIFY_LETTER_TEMPLATE_ID"),
        # Optional: which of the service's text senders (its inbound number, so children can reply) and reply-to
        # addresses to use; Notify's default for the service otherwise.
        "NOTIFY_SMS_SENDER_ID": env.str("NOTIFY_SMS_SENDER_ID"),
        "NOTIFY_EMAIL_REPLY_TO_ID": env.str("NOTIFY_EMAIL_REPLY_TO_ID"),
        # The bearer token Notify puts on its callbacks (delivery receipts and received texts).
        "NOTIFY_CALLBACK_TOKEN": env.str("NOTIFY_CALLBACK_TOKEN"),
        "NOTIFY_TIMEOUT_SECONDS": env.int("NOTIFY_TIMEOUT_SECONDS", 10, 1, 60),
    }
    _validate_backends(s)
    return s


def _validate_backends(s: dict[str, Any]) -> None:
    if s["SMS_BACKEND"] not in SMS_BACKENDS:
        raise ConfigError(f"SMS_BACKEND must be one of {', '.join(SMS_BACKENDS)}, got {s['SMS_BACKEND']!r}")
    if s["EMAIL_BACKEND"] is not None and s["EMAIL_BACKEND"] not in EMAIL_BACKENDS:
        raise ConfigError(f"EMAIL_BACKEND must be one of {', '.join(EMAIL_BACKENDS)}, got {s['EMAIL_BACKEND']!r}")
    # The key itself is never quoted: a message naming the variable is enough.
    if s["NOTIFY_API_KEY"] is not None and not _NOTIFY_KEY.match(s["NOTIFY_API_KEY"]):
        raise ConfigError("NOTIFY_API_KEY must be the whole key GOV.UK Notify gave you (name-serviceid-secret)")
    for name in ("SMS_TEMPLATE_ID", "EMAIL_TEMPLATE_ID", "LETTER_TEMPLATE_ID", "SMS_SENDER_ID", "EMAIL_REPLY_TO_ID"):
        value = s[f"NOTIFY_{name}"]
        if value is not None and not re.fullmatch(_UUID, value):
            raise ConfigError(f"NOTIFY_{name} must be the id GOV.UK Notify shows for it (a UUID), got {value!r}")
    if not s["NOTIFY_BASE_URL"].startswith(("http://", "https://")):
        raise ConfigError(f"NOTIFY_BASE_URL must start with http:// or https://, got {s['NOTIFY_BASE_URL']!r}")
    token = s["NOTIFY_CALLBACK_TOKEN"]
    if token is not None and len(token) < 10:  # Notify itself asks for at least 10 characters
        raise ConfigError("NOTIFY_CALLBACK_TOKEN is too short: use at least 10 random characters")
    _require_notify(s)


def _require_notify(s: dict[str, Any]) -> None:
    """What a channel sent through Notify cannot do without."""
    needs = []
    if s["SMS_BACKEND"] == "notify":
        needs += ["NOTIFY_API_KEY", "NOTIFY_SMS_TEMPLATE_ID"]
    if s["EMAIL_BACKEND"] == "notify":
        needs += ["NOTIFY_API_KEY", "NOTIFY_EMAIL_TEMPLATE_ID"]
    for name in dict.fromkeys(needs):
        if not s[name]:
            raise ConfigError(f"{name} must be set to send through GOV.UK Notify")


# Reasons a council may refuse to consider a complaint or take it to the next stage (LGSCO Code 2.2-2.5).
DEFAULT_REFUSAL_REASONS: tuple[str, ...] = (
    "out_of_time",
    "not_a_complaint",
    "already_considered",
    "legal_proceedings",
    "vexatious",
    "outside_scope",
)


def _codes(env: _Reader, name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    raw = env.str(name)
    if raw is None:
        return default
    codes = tuple(dict.fromkeys(c.strip() for c in raw.split(";") if c.strip()))
    if not codes or any(not (c.isascii() and c.replace("_", "").isalnum() and len(c) <= 40) for c in codes):
        raise ConfigError(f"{name} must be ;-separated codes of letters, digits and underscores, got {raw!r}")
    return codes


def _procedure_settings(env: _Reader) -> dict[str, Any]:
    """The corporate procedure's timescales (the council's own, LGSCO Code defaults), refusal reasons, and what
    marks an Independent Person as the council's own (an email domain). The statutory timescales are law."""
    complaints_email = env.str("COMPLAINTS_OFFICER_EMAIL", "complaints@council.example") or ""
    domains = env.str("COUNCIL_EMAIL_DOMAINS", complaints_email.rpartition("@")[2]) or ""
    return {
        "CORPORATE_STAGE1_DAYS": env.int("CORPORATE_STAGE1_DAYS", 10, 1, 20),
        "CORPORATE_STAGE1_EXTENSION_DAYS": env.int("CORPORATE_STAGE1_EXTENSION_DAYS", 10, 0, 10),
        "CORPORATE_STAGE2_ACK_DAYS": env.int("CORPORATE_STAGE2_ACK_DAYS", 5, 1, 10),
        "CORPORATE_STAGE2_DAYS": env.int("CORPORATE_STAGE2_DAYS", 20, 1, 40),
        "CORPORATE_STAGE2_EXTENSION_DAYS": env.int("CORPORATE_STAGE2_EXTENSION_DAYS", 20, 0, 20),
        "CORPORATE_ESCALATION_DAYS": env.int("CORPORATE_ESCALATION_DAYS", 20, 5, 60),
        "REFUSAL_REASONS": _codes(env, "REFUSAL_REASONS", DEFAULT_REFUSAL_REASONS),
        "COUNCIL_EMAIL_DOMAINS": tuple(d.strip().lower() for d in domains.split(",") if d.strip()),
    }


def _validate(s: dict[str, Any], production: bool) -> None:
    if production and not s["SECRET_KEY"]:
        raise ConfigError("SECRET_KEY must be set in production (a long random string)")
    if s["SECRET_KEY"] is not None and len(s["SECRET_KEY"]) < 16:
        raise ConfigError("SECRET_KEY is too short: use at least 16 random characters")
    if not s["PUBLIC_BASE_URL"].startswith(("http://", "https://")):
        raise ConfigError(f"PUBLIC_BASE_URL must start with http:// or https://, got {s['PUBLIC_BASE_URL']!r}")
    if s["SMS_BACKEND"] == "twilio":
        if not (s["TWILIO_ACCOUNT_SID"] and s["TWILIO_AUTH_TOKEN"]):
            raise ConfigError("TWILIO_AUTH_TOKEN must be set when TWILIO_ACCOUNT_SID is set")
        if not (s["TWILIO_FROM_NUMBER"] or s["TWILIO_MESSAGING_SERVICE_SID"]):
            raise ConfigError("TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID must be set to send SMS")
    if s["EMAIL_BACKEND"] == "smtp" and not s["SMTP_HOST"]:
        raise ConfigError("SMTP_HOST must be set when EMAIL_BACKEND is smtp")


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
