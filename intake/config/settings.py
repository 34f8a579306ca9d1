"""The settings object: every setting, typed, read once from the environment and validated.

``load_settings(environ)`` builds one frozen ``Settings``. It is grouped by job (``settings.smtp.port``,
``settings.procedure.statutory_ack_days``) so a part of the service can be handed only the group it needs. Each
field records the environment variable it comes from and its name in ``app.config``: Flask and its extensions
read their own keys there (``flask_config()``), and the object also answers to those names (``settings["X"]``)
for tests and scripts written against them. Our own code reads attributes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

from intake.config.council import Council, Recipients, check_council, read_council, read_recipients
from intake.config.mailbox import Mailbox, check_mailbox, read_mailbox
from intake.config.paths import PROJECT_ROOT
from intake.config.procedure import Procedure, read_procedure
from intake.config.providers import (
    Delivery,
    Notify,
    Smtp,
    Twilio,
    check_backends,
    check_twilio_and_smtp,
    read_delivery,
    read_notify,
    read_smtp,
    read_twilio,
)
from intake.config.reader import ConfigError, EnvReader, config_key, setting
from intake.config.security import Security, check_security, read_security
from intake.config.types import check_types


def group(cls: type) -> Any:
    return field(metadata={"group": cls})


@dataclass(frozen=True, slots=True)
class Settings:
    environment: str = setting("APP_ENV", key="ENVIRONMENT")
    secret_key: str | None = setting("SECRET_KEY")
    database_url: str = setting("DATABASE_URL", key="SQLALCHEMY_DATABASE_URI")
    public_base_url: str = setting("PUBLIC_BASE_URL")
    # Development only: the port ``make run`` serves on, which the public address follows when not set. Elsewhere
    # 5000 whatever PORT says (in production gunicorn reads PORT itself).
    development_port: int = setting("PORT")
    max_free_text: int = setting("MAX_FREE_TEXT")
    # English is the source; Polish and Arabic are translations.
    languages: tuple[str, ...] = setting(None, key="LANGUAGES")
    # After this long idle, an SMS or chat conversation resumes or restarts.
    conversation_idle_days: int = setting("CONVERSATION_IDLE_DAYS")
    security: Security = group(Security)
    delivery: Delivery = group(Delivery)
    twilio: Twilio = group(Twilio)
    smtp: Smtp = group(Smtp)
    notify: Notify = group(Notify)
    recipients: Recipients = group(Recipients)
    council: Council = group(Council)
    procedure: Procedure = group(Procedure)
    mailbox: Mailbox = group(Mailbox)

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def email_backend(self) -> str:
        """``EMAIL_BACKEND``, or when unset what it meant before it existed: SMTP with a host, else the outbox."""
        return self.delivery.email_backend or ("smtp" if self.smtp.host else "local")

    def as_config(self) -> dict[str, Any]:
        """Every setting under its ``app.config`` name."""
        return {key: self[key] for key in config_keys()}

    def flask_config(self) -> dict[str, Any]:
        """What Flask and its extensions read from ``app.config``: our settings under their names, and constants."""
        return {**FLASK_CONSTANTS, **self.as_config()}

    def replaced(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with some settings changed (by ``app.config`` name), validated as the environment's are."""
        changed = self.with_values(overrides)
        check_types(changed, overrides, _where)
        validate(changed)
        return changed

    def with_values(self, values: Mapping[str, Any]) -> Settings:
        """A copy with some settings changed (by ``app.config`` name), unchecked: for one value at a time."""
        root: dict[str, Any] = {}
        groups: dict[str, dict[str, Any]] = {}
        for key, value in values.items():
            owner, name = _where(key)
            (groups.setdefault(owner, {}) if owner else root)[name] = value
        return replace(self, **root, **{g: replace(getattr(self, g), **v) for g, v in groups.items()})

    def __getitem__(self, key: str) -> Any:
        owner, name = _where(key)
        return getattr(getattr(self, owner) if owner else self, name)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in config_keys() else default


# Flask and extension settings that are not the council's to change.
FLASK_CONSTANTS: dict[str, Any] = {
    # Engine options are settled in create_app once the final database URL is known.
    "SQLALCHEMY_ENGINE_OPTIONS": {},
    # CSRF is tied to the session, not a clock, so slow writers are not punished.
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_DEFAULT_TIMEZONE": "Europe/London",
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "RATELIMIT_HEADERS_ENABLED": True,
}


@cache
def _keys() -> dict[str, tuple[str | None, str]]:
    """``app.config`` name -> (group attribute or None for the top level, field name)."""
    table: dict[str, tuple[str | None, str]] = {}
    for f in fields(Settings):
        if "group" in f.metadata:
            table.update({config_key(g): (f.name, g.name) for g in fields(f.metadata["group"])})
        else:
            table[config_key(f)] = (None, f.name)
    return table


def config_keys() -> dict[str, tuple[str | None, str]]:
    return _keys()


def _where(key: str) -> tuple[str | None, str]:
    try:
        return _keys()[key]
    except KeyError:
        raise ConfigError(f"{key} is not one of our settings") from None


def _development_port(environment: str, env: EnvReader) -> int:
    """In development the public address follows ``PORT`` (``PORT=5601 make run``), so alert links and the Twilio
    signature check use the address the server really has."""
    return env.number("PORT", 5000, 1, 65535) if environment == "development" else 5000


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from ``environ`` (default ``os.environ``) and validate it."""
    env = EnvReader(os.environ if environ is None else environ)
    environment = env.text("APP_ENV", "production")
    if environment not in {"production", "development", "test"}:
        raise ConfigError(f"APP_ENV must be production, development or test, got {environment!r}")
    production = environment == "production"
    twilio = read_twilio(env, environment)
    port = _development_port(environment, env)
    settings = Settings(
        environment=environment,
        secret_key=env.optional("SECRET_KEY"),
        database_url=env.text("DATABASE_URL", f"sqlite:///{PROJECT_ROOT / 'instance' / 'have-your-say.db'}"),
        public_base_url=env.text("PUBLIC_BASE_URL", f"http://127.0.0.1:{port}").rstrip("/"),
        development_port=port,
        max_free_text=env.number("MAX_FREE_TEXT", 5000, 500, 20000),
        languages=("en", "pl", "ar"),
        conversation_idle_days=env.number("CONVERSATION_IDLE_DAYS", 7, 1, 90),
        security=read_security(env, production),
        delivery=read_delivery(env, twilio.account_sid),
        twilio=twilio,
        smtp=read_smtp(env),
        notify=read_notify(env),
        recipients=read_recipients(env),
        council=read_council(env),
        procedure=read_procedure(env),
        mailbox=read_mailbox(env),
    )
    validate(settings)
    return settings


def validate(s: Settings) -> None:
    """The rules between settings, in the order they were always checked (the first broken one is reported)."""
    check_security(s.security)
    check_mailbox(s.mailbox)
    check_council(s.council)
    check_backends(s.delivery, s.notify)
    if s.production and not s.secret_key:
        raise ConfigError("SECRET_KEY must be set in production (a long random string)")
    if s.secret_key is not None and len(s.secret_key) < 16:
        raise ConfigError("SECRET_KEY is too short: use at least 16 random characters")
    if not s.public_base_url.startswith(("http://", "https://")):
        raise ConfigError(f"PUBLIC_BASE_URL must start with http:// or https://, got {s.public_base_url!r}")
    check_twilio_and_smtp(s.delivery, s.twilio, s.smtp)
    if s.production and not s.security.data_encryption_key:
        raise ConfigError("DATA_ENCRYPTION_KEY must be set in production (see README: Security)")
