"""Which provider carries each channel, from the settings.

SMS: ``SMS_BACKEND`` is ``twilio``, ``notify`` (GOV.UK Notify) or ``fake``; ``fake`` writes to the local outbox,
or (under test) to memory. Email: ``EMAIL_BACKEND`` is ``smtp``, ``notify``, ``local`` (the local outbox) or ``fake``
(kept in memory); unset, SMTP when ``SMTP_HOST`` is set, else the local outbox. A new provider is one more entry
in ``SMS_PROVIDERS`` or ``EMAIL_PROVIDERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from intake.config import Settings
from intake.providers.base import EmailProvider, SmsProvider
from intake.providers.fake import FakeEmail, FakeSms
from intake.providers.local_outbox import LocalOutboxEmail, LocalOutboxSms, local_outbox_dir
from intake.settings import settings_of

# How long one call to Twilio's API may take; the worker sizes its leases by it.
TWILIO_TIMEOUT_SECONDS = 10.0


def _twilio(settings: Settings, _outbox: Path | None) -> SmsProvider:
    from intake.providers.twilio_sms import TwilioSms

    twilio = settings.twilio
    return TwilioSms(
        twilio.account_sid or "",
        twilio.auth_token or "",
        from_number=twilio.from_number,
        messaging_service_sid=twilio.messaging_service_sid,
        status_callback=settings.public_base_url + "/sms/status",
        api_base_url=twilio.api_base_url,
        timeout=TWILIO_TIMEOUT_SECONDS,
    )


def _fake(_settings: Settings, outbox: Path | None) -> SmsProvider:
    return LocalOutboxSms(outbox) if outbox is not None else FakeSms()


def _notify_sms(settings: Settings, _outbox: Path | None) -> SmsProvider:
    from intake.providers.notify import NotifySms, notify_client

    notify = settings.notify
    return NotifySms(notify_client(notify), notify.sms_template_id or "", sender_id=notify.sms_sender_id)


SMS_PROVIDERS: dict[str, Callable[[Settings, Path | None], SmsProvider]] = {
    "twilio": _twilio,
    "notify": _notify_sms,
    "fake": _fake,
}


def sms_provider_from_settings(settings: Settings, *, outbox_dir: Path | None = None) -> SmsProvider:
    return SMS_PROVIDERS[settings.delivery.sms_backend](settings, outbox_dir)


def sms_provider(app) -> SmsProvider:
    """The app's SMS provider, made once per app. Tests may replace ``app.extensions["sms_provider"]``."""
    provider = app.extensions.get("sms_provider")
    if provider is None:
        outbox = None if app.config.get("TESTING") else local_outbox_dir(app)
        provider = app.extensions["sms_provider"] = sms_provider_from_settings(settings_of(app), outbox_dir=outbox)
    return provider


def _smtp(app) -> EmailProvider:
    from intake.providers.smtp import SmtpEmail

    return SmtpEmail(settings_of(app).smtp)


def _notify_email(app) -> EmailProvider:
    from intake.providers.notify import NotifyEmail, notify_client

    notify = settings_of(app).notify
    return NotifyEmail(
        notify_client(notify),
        notify.email_template_id or "",
        letter_template_id=notify.letter_template_id,
        reply_to_id=notify.email_reply_to_id,
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


def email_backend(settings: Settings) -> str:
    return settings.email_backend


def email_provider(app) -> EmailProvider:
    """A fresh email provider for one batch (SMTP keeps its connection until ``close``)."""
    return EMAIL_PROVIDERS[settings_of(app).email_backend](app)
