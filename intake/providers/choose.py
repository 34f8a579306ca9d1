"""Which provider carries each channel, from the settings.

SMS: ``SMS_BACKEND`` is ``twilio`` or ``fake``; ``fake`` writes to the local outbox, or (under test) to
memory. Email: SMTP when ``SMTP_HOST`` is set, else the local outbox. A new provider (GOV.UK Notify) is one
more entry in ``SMS_PROVIDERS`` or one more branch in ``email_provider``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from intake.providers.base import EmailProvider, SmsProvider
from intake.providers.fake import FakeSms
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


SMS_PROVIDERS: dict[str, Callable[[Mapping[str, Any], Path | None], SmsProvider]] = {
    "twilio": _twilio,
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


def email_provider(app) -> EmailProvider:
    """A fresh email provider for one batch (SMTP keeps its connection until ``close``)."""
    if app.config.get("SMTP_HOST"):
        from intake.providers.smtp import SmtpEmail

        return SmtpEmail(app.config)
    return LocalOutboxEmail(local_outbox_dir(app))
