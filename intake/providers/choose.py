"""Which provider carries each channel, from the settings.

SMS: ``SMS_BACKEND`` is ``twilio``, ``notify`` (GOV.UK Notify) or ``fake``; ``fake`` writes to the local outbox,
or (under test) to memory. Email: ``EMAIL_BACKEND`` is ``smtp``, ``notify``, ``local`` (the local outbox) or ``fake``
(kept in memory); unset, SMTP when ``SMTP_HOST`` is set, else the local outbox. A new provider is one more entry
in ``SMS_PROVIDERS`` or ``EMAIL_PROVIDERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from intake.providers.base import EmailProvider, SmsProvider
from intake.providers.fake import FakeEmail, FakeSms
from intake.providers.local_outbox import LocalOutboxEmail, LocalOutboxSms, local_outbox_dir


def _twilio(settings: Mapping[str, Any], _outbox: Path | None) -> SmsProvider:
    from intake.providers.twilio_sms import TwilioSms

    return TwilioSms(
        settings["TWILIO_ACCOUNT_SID"],
        settings["TWILIO_AUTH_TOKEN"],
        from_number=settings.get("TWILIO_FROM_NUMBER"),
        messaging_service_sid=settings.get("TWILIO_MESSAGING_SERVICE_SID"),
        status_callback=settings["PUBLIC_BASE_URL"] + "/sms/status",
        api_base_url=settings.get("TWILIO_API_BASE_URL"),
        timeout=float(settings.get("SMS_TIMEOUT_SECONDS", 10)),
    )


def _fake(_settings: Mapping[str, Any], outbox: Path | None) -> SmsProvider:
    return LocalOutboxSms(outbox) if outbox is not None else FakeSms()


def _notify_sms(settings: Mapping[str, Any], _outbox: Path | None) -> SmsProvider:
    from intake.providers.notify import NotifySms, notify_client

    return NotifySms(
        notify_client(settings), settings["NOTIFY_SMS_TEMPLATE_ID"], sender_id=settings.get("NOTIFY_SMS_SENDER_ID")
    )


SMS_PROVIDERS: dict[str, Callable[[Mapping[str, Any], Path | None], SmsProvider]] = {
    "twilio": _twilio,
    "notify": _notify_sms,
    "fake": _fake,
}


def sms_provider_from_settings(settings: Mapping[str, Any], *, outbox_dir: Path | None = None) -> SmsProvider:
    return SMS_PROVIDERS[settings.get("SMS_BACKEND") or "fake"](settings, outbox_dir)


def sms_provider(app) -> SmsProvider:
    """The app's SMS provider, made once per app. Tests may replace ``app.extensions["sms_provider"]``."""
    provider = app.extensions.get("sms_provider")
    if provider is None:
        outbox = None if app.config.get("TESTING") else local_outbox_dir(app)
        provider = app.extensions["sms_provider"] = sms_provider_from_settings(app.config, outbox_dir=outbox)
    return provider


def _smtp(app) -> EmailProvider:
    from intake.providers.smtp import SmtpEmail

    return SmtpEmail(app.config)


def _notify_email(app) -> EmailProvider:
    from intake.providers.notify import NotifyEmail, notify_client

    settings = app.config
    return NotifyEmail(
        notify_client(settings),
        settings["NOTIFY_EMAIL_TEMPLATE_ID"],
        letter_template_id=settings.get("NOTIFY_LETTER_TEMPLATE_ID"),
        reply_to_id=settings.get("NOTIFY_EMAIL_REPLY_TO_ID"),
    )


def _fake_email(app) -> EmailProvider:
    """The app's in-memory email fake, kept so a test can read what was sent."""
    return app.extensions.setdefault("fake_email", FakeEmail())


EMAIL_PROVIDERS: dict[str, Callable[[Any], EmailProvider]] = {
    "smtp": _smtp,
    "notify": _notify_email,
    "local": lambda app: LocalOutboxEmail(local_outbox_dir(app)),
    "fake": _fake_email,
}


def email_backend(settings: Mapping[str, Any]) -> str:
    """``EMAIL_BACKEND``, or what it was before the setting existed: SMTP when ``SMTP_HOST`` is set, else local."""
    return settings.get("EMAIL_BACKEND") or ("smtp" if settings.get("SMTP_HOST") else "local")


def email_provider(app) -> EmailProvider:
    """A fresh email provider for one batch (SMTP keeps its connection until ``close``)."""
    return EMAIL_PROVIDERS[email_backend(app.config)](app)
