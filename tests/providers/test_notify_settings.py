"""Choosing GOV.UK Notify: the backend settings, checked at start-up, and the providers they pick."""

from __future__ import annotations

import pytest

from intake.config import ConfigError, load_settings
from intake.providers.choose import email_backend, email_provider, sms_provider_from_settings
from intake.providers.fake import FakeEmail
from intake.providers.local_outbox import LocalOutboxEmail
from intake.providers.notify import NotifyEmail, NotifySms
from intake.providers.smtp import SmtpEmail
from tests.support.fake_notify import API_KEY, EMAIL_TEMPLATE_ID, SMS_TEMPLATE_ID

NOTIFY = {"NOTIFY_API_KEY": API_KEY, "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE_ID}


def settings(**environ):
    return load_settings({"APP_ENV": "test", **environ})


def test_notify_is_chosen_for_texts_and_emails_with_its_own_address_by_default():
    s = settings(SMS_BACKEND="notify", EMAIL_BACKEND="notify", NOTIFY_EMAIL_TEMPLATE_ID=EMAIL_TEMPLATE_ID, **NOTIFY)
    assert (s["SMS_BACKEND"], s["EMAIL_BACKEND"]) == ("notify", "notify")
    assert s["NOTIFY_BASE_URL"] == "https://api.notifications.service.gov.uk"
    assert isinstance(sms_provider_from_settings(s), NotifySms)


def test_without_email_backend_email_is_smtp_when_a_host_is_set_and_the_local_outbox_otherwise():
    assert settings()["EMAIL_BACKEND"] is None
    assert email_backend(settings()) == "local"
    assert email_backend(settings(SMTP_HOST="mail.council.example")) == "smtp"
    assert email_backend(settings(SMTP_HOST="mail.council.example", EMAIL_BACKEND="local")) == "local"


@pytest.mark.parametrize(
    ("backend", "kind"),
    [("notify", NotifyEmail), ("local", LocalOutboxEmail), ("fake", FakeEmail), ("smtp", SmtpEmail)],
)
def test_the_email_backend_setting_chooses_the_provider(app, monkeypatch, backend, kind):
    for key, value in {
        "EMAIL_BACKEND": backend,
        "SMTP_HOST": "127.0.0.1",
        "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE_ID,
        **NOTIFY,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    assert isinstance(email_provider(app), kind)


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"SMS_BACKEND": "carrier-pigeon"}, "SMS_BACKEND"),
        ({"EMAIL_BACKEND": "fax"}, "EMAIL_BACKEND"),
        ({"EMAIL_BACKEND": "smtp"}, "SMTP_HOST"),
        ({"SMS_BACKEND": "notify"}, "NOTIFY_API_KEY"),
        ({"SMS_BACKEND": "notify", "NOTIFY_API_KEY": API_KEY}, "NOTIFY_SMS_TEMPLATE_ID"),
        ({"EMAIL_BACKEND": "notify", **NOTIFY}, "NOTIFY_EMAIL_TEMPLATE_ID"),
        ({"NOTIFY_API_KEY": "just-a-secret"}, "NOTIFY_API_KEY"),
        ({"NOTIFY_SMS_TEMPLATE_ID": "welcome-text"}, "NOTIFY_SMS_TEMPLATE_ID"),
        ({"NOTIFY_SMS_SENDER_ID": "07700900000"}, "NOTIFY_SMS_SENDER_ID"),
        ({"NOTIFY_BASE_URL": "api.notifications.service.gov.uk"}, "NOTIFY_BASE_URL"),
        ({"NOTIFY_CALLBACK_TOKEN": "short"}, "NOTIFY_CALLBACK_TOKEN"),
        ({"NOTIFY_TIMEOUT_SECONDS": "600"}, "NOTIFY_TIMEOUT_SECONDS"),
    ],
)
def test_a_bad_notify_setting_stops_start_up_naming_the_variable(environ, variable):
    with pytest.raises(ConfigError, match=variable):
        settings(**environ)


def test_a_malformed_api_key_is_never_quoted_back():
    with pytest.raises(ConfigError) as caught:
        settings(NOTIFY_API_KEY="live-" + "s3cr3t" * 8)
    assert "s3cr3t" not in str(caught.value)
