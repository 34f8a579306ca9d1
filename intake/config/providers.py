"""Who carries texts and emails: Twilio, an SMTP server, GOV.UK Notify, and which of them each channel uses."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import time

from intake.config.reader import ConfigError, EnvReader, setting

# GOV.UK Notify's API keys are "<key name>-<service id>-<secret>", the last two UUIDs; the client splits them so.
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NOTIFY_KEY = re.compile(rf"^\S+-{_UUID}-{_UUID}$")
SMS_BACKENDS = ("twilio", "notify", "fake")
EMAIL_BACKENDS = ("smtp", "notify", "local", "fake")


@dataclass(frozen=True, slots=True)
class Delivery:
    """Which provider carries each channel, and how the worker retries and batches."""

    sms_backend: str = setting("SMS_BACKEND")
    # Unset keeps the behaviour from before it existed: SMTP when an SMTP host is set, else the local outbox
    # (decided when mail is sent, so a test that sets SMTP_HOST gets SMTP): see ``email_backend_now``.
    email_backend: str | None = setting("EMAIL_BACKEND")
    give_up_hours: int = setting("DELIVERY_GIVE_UP_HOURS")
    worker_poll_seconds: int = setting("WORKER_POLL_SECONDS")
    # Successful sends recorded per commit (also at least every 0.1 s): the most a crash can send twice.
    result_batch: int = setting("DELIVERY_RESULT_BATCH")
    # No texts to the person who got in touch between these times (Europe/London); they wait until the end.
    quiet_hours: tuple[time, time] | None = setting("QUIET_HOURS")


@dataclass(frozen=True, slots=True)
class Twilio:
    """With no account SID, the fake SMS client records messages instead."""

    account_sid: str | None = setting("TWILIO_ACCOUNT_SID")
    auth_token: str | None = setting("TWILIO_AUTH_TOKEN")
    from_number: str | None = setting("TWILIO_FROM_NUMBER")
    messaging_service_sid: str | None = setting("TWILIO_MESSAGING_SERVICE_SID")
    api_base_url: str | None = setting("TWILIO_API_BASE_URL")


@dataclass(frozen=True, slots=True)
class Smtp:
    """With no host, mail stays in the local outbox for staff to see."""

    host: str | None = setting("SMTP_HOST")
    port: int = setting("SMTP_PORT")
    username: str | None = setting("SMTP_USERNAME")
    password: str | None = setting("SMTP_PASSWORD")
    starttls: bool = setting("SMTP_STARTTLS")
    timeout_seconds: int = setting("SMTP_TIMEOUT_SECONDS")
    mail_from: str = setting("MAIL_FROM")


@dataclass(frozen=True, slots=True)
class Notify:
    api_key: str | None = setting("NOTIFY_API_KEY")
    base_url: str = setting("NOTIFY_BASE_URL")
    sms_template_id: str | None = setting("NOTIFY_SMS_TEMPLATE_ID")
    email_template_id: str | None = setting("NOTIFY_EMAIL_TEMPLATE_ID")
    # Optional: a letter template with ((link_to_file)) as well, so a letter's PDF goes as Notify's file link.
    letter_template_id: str | None = setting("NOTIFY_LETTER_TEMPLATE_ID")
    # Optional: which of the service's text senders (its inbound number, so children can reply) and reply-to
    # addresses to use; Notify's default for the service otherwise.
    sms_sender_id: str | None = setting("NOTIFY_SMS_SENDER_ID")
    email_reply_to_id: str | None = setting("NOTIFY_EMAIL_REPLY_TO_ID")
    # The bearer token Notify puts on its callbacks (delivery receipts and received texts).
    callback_token: str | None = setting("NOTIFY_CALLBACK_TOKEN")
    timeout_seconds: int = setting("NOTIFY_TIMEOUT_SECONDS")


def read_delivery(env: EnvReader, twilio_sid: str | None) -> Delivery:
    return Delivery(
        sms_backend=env.text("SMS_BACKEND", "twilio" if twilio_sid else "fake"),
        email_backend=env.optional("EMAIL_BACKEND"),
        give_up_hours=env.number("DELIVERY_GIVE_UP_HOURS", 48, 1, 24 * 14),
        worker_poll_seconds=env.number("WORKER_POLL_SECONDS", 5, 1, 300),
        result_batch=env.number("DELIVERY_RESULT_BATCH", 25, 1, 100),
        quiet_hours=env.span("QUIET_HOURS", "20:00-08:00"),
    )


def _development_token(environment: str, secret_key: str | None) -> str | None:
    """In development without Twilio, a webhook token derived from the local secret key: the server and ``sms-sim``
    read the same ``instance/.env``, so they sign and check alike with nothing to set and no restart."""
    if environment != "development" or not secret_key:
        return None
    return hmac.new(secret_key.encode(), b"have-your-say development webhook token", hashlib.sha256).hexdigest()[:32]


def read_twilio(env: EnvReader, environment: str) -> Twilio:
    return Twilio(
        account_sid=env.optional("TWILIO_ACCOUNT_SID"),
        auth_token=env.optional("TWILIO_AUTH_TOKEN") or _development_token(environment, env.optional("SECRET_KEY")),
        from_number=env.optional("TWILIO_FROM_NUMBER"),
        messaging_service_sid=env.optional("TWILIO_MESSAGING_SERVICE_SID"),
        api_base_url=env.optional("TWILIO_API_BASE_URL"),
    )


def read_smtp(env: EnvReader) -> Smtp:
    return Smtp(
        host=env.optional("SMTP_HOST"),
        port=env.number("SMTP_PORT", 587, 1, 65535),
        username=env.optional("SMTP_USERNAME"),
        password=env.optional("SMTP_PASSWORD"),
        starttls=env.flag("SMTP_STARTTLS", True),
        timeout_seconds=env.number("SMTP_TIMEOUT_SECONDS", 10, 1, 120),
        mail_from=env.text("MAIL_FROM", "have-your-say@council.example"),
    )


def read_notify(env: EnvReader) -> Notify:
    return Notify(
        api_key=env.optional("NOTIFY_API_KEY"),
        base_url=env.text("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk").rstrip("/"),
        sms_template_id=env.optional("NOTIFY_SMS_TEMPLATE_ID"),
        email_template_id=env.optional("NOTIFY_EMAIL_TEMPLATE_ID"),
        letter_template_id=env.optional("NOTIFY_LETTER_TEMPLATE_ID"),
        sms_sender_id=env.optional("NOTIFY_SMS_SENDER_ID"),
        email_reply_to_id=env.optional("NOTIFY_EMAIL_REPLY_TO_ID"),
        callback_token=env.optional("NOTIFY_CALLBACK_TOKEN"),
        timeout_seconds=env.number("NOTIFY_TIMEOUT_SECONDS", 10, 1, 60),
    )


def check_backends(delivery: Delivery, notify: Notify) -> None:
    if delivery.sms_backend not in SMS_BACKENDS:
        raise ConfigError(f"SMS_BACKEND must be one of {', '.join(SMS_BACKENDS)}, got {delivery.sms_backend!r}")
    if delivery.email_backend is not None and delivery.email_backend not in EMAIL_BACKENDS:
        raise ConfigError(f"EMAIL_BACKEND must be one of {', '.join(EMAIL_BACKENDS)}, got {delivery.email_backend!r}")
    # The key itself is never quoted: a message naming the variable is enough.
    if notify.api_key is not None and not _NOTIFY_KEY.match(notify.api_key):
        raise ConfigError("NOTIFY_API_KEY must be the whole key GOV.UK Notify gave you (name-serviceid-secret)")
    ids = {
        "SMS_TEMPLATE_ID": notify.sms_template_id,
        "EMAIL_TEMPLATE_ID": notify.email_template_id,
        "LETTER_TEMPLATE_ID": notify.letter_template_id,
        "SMS_SENDER_ID": notify.sms_sender_id,
        "EMAIL_REPLY_TO_ID": notify.email_reply_to_id,
    }
    for name, value in ids.items():
        if value is not None and not re.fullmatch(_UUID, value):
            raise ConfigError(f"NOTIFY_{name} must be the id GOV.UK Notify shows for it (a UUID), got {value!r}")
    if not notify.base_url.startswith(("http://", "https://")):
        raise ConfigError(f"NOTIFY_BASE_URL must start with http:// or https://, got {notify.base_url!r}")
    token = notify.callback_token
    if token is not None and len(token) < 10:  # Notify itself asks for at least 10 characters
        raise ConfigError("NOTIFY_CALLBACK_TOKEN is too short: use at least 10 random characters")
    _require_notify(delivery, notify)


def _require_notify(delivery: Delivery, notify: Notify) -> None:
    """What a channel sent through Notify cannot do without."""
    needs: dict[str, str | None] = {}
    if delivery.sms_backend == "notify":
        needs |= {"NOTIFY_API_KEY": notify.api_key, "NOTIFY_SMS_TEMPLATE_ID": notify.sms_template_id}
    if delivery.email_backend == "notify":
        needs |= {"NOTIFY_API_KEY": notify.api_key, "NOTIFY_EMAIL_TEMPLATE_ID": notify.email_template_id}
    for name, value in needs.items():
        if not value:
            raise ConfigError(f"{name} must be set to send through GOV.UK Notify")


def check_twilio_and_smtp(delivery: Delivery, twilio: Twilio, smtp: Smtp) -> None:
    if delivery.sms_backend == "twilio":
        if not (twilio.account_sid and twilio.auth_token):
            raise ConfigError("TWILIO_AUTH_TOKEN must be set when TWILIO_ACCOUNT_SID is set")
        if not (twilio.from_number or twilio.messaging_service_sid):
            raise ConfigError("TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID must be set to send SMS")
    if delivery.email_backend == "smtp" and not smtp.host:
        raise ConfigError("SMTP_HOST must be set when EMAIL_BACKEND is smtp")
