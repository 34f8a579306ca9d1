"""The SmsClient against a Twilio-compatible API on loopback, and the fake."""

from __future__ import annotations

import json

import pytest

from intake.channels.smsclient import (
    FakeSmsClient,
    SmsClientError,
    TwilioSmsClient,
    get_sms_client,
    sms_client_from_settings,
)
from tests.support.fake_twilio import FakeTwilio

SID = "AC" + "1" * 32
TOKEN = "secret-token"


@pytest.fixture
def twilio_api():
    fake = FakeTwilio(SID, TOKEN).start()
    yield fake
    fake.stop()


def make_client(api, **kwargs):
    kwargs.setdefault("from_number", "+447700900000")
    return TwilioSmsClient(
        SID, TOKEN, api_base_url=api.base_url, timeout=1.0, status_callback="https://hys.test/sms/status", **kwargs
    )


def test_a_message_reaches_the_twilio_compatible_api_and_returns_its_sid(twilio_api):
    sent = make_client(twilio_api).send_sms("+447700900123", "Hello", reference="K7QM-3XPD")
    [message] = twilio_api.messages
    assert sent.provider_id == message.sid and message.sid.startswith("SM")
    assert (message.to, message.body, message.from_) == ("+447700900123", "Hello", "+447700900000")
    assert message.status_callback == "https://hys.test/sms/status"


def test_a_messaging_service_is_used_instead_of_a_from_number_when_configured(twilio_api):
    make_client(twilio_api, from_number=None, messaging_service_sid="MG" + "2" * 32).send_sms("+447700900123", "Hi")
    [message] = twilio_api.messages
    assert message.messaging_service_sid == "MG" + "2" * 32 and message.from_ is None


def test_a_wrong_auth_token_is_a_permanent_error(twilio_api):
    client = TwilioSmsClient(SID, "wrong", from_number="+447700900000", api_base_url=twilio_api.base_url, timeout=1)
    with pytest.raises(SmsClientError) as caught:
        client.send_sms("+447700900123", "Hi")
    assert caught.value.transient is False and caught.value.code == 20003


@pytest.mark.parametrize(
    ("mode", "transient", "opted_out", "code"),
    [
        ("500", True, False, 20500),
        ("429", True, False, 20429),
        ("hang", True, False, "timeout"),
        ("21610", False, True, 21610),
    ],
)
def test_provider_failures_are_classified_for_the_worker(twilio_api, mode, transient, opted_out, code):
    twilio_api.mode = mode
    twilio_api.hang_seconds = 1.5
    with pytest.raises(SmsClientError) as caught:
        make_client(twilio_api).send_sms("+447700900123", "Hi")
    assert (caught.value.transient, caught.value.opted_out, caught.value.code) == (transient, opted_out, code)
    assert isinstance(caught.value.__cause__, Exception), "the provider's exception is chained"
    assert twilio_api.messages == []


def test_an_unreachable_provider_is_a_transient_error(twilio_api):
    base = twilio_api.base_url
    twilio_api.stop()
    client = TwilioSmsClient(SID, TOKEN, from_number="+447700900000", api_base_url=base, timeout=1)
    with pytest.raises(SmsClientError) as caught:
        client.send_sms("+447700900123", "Hi")
    assert caught.value.transient is True and caught.value.code == "network"


def test_the_fake_records_messages_and_can_write_them_to_the_local_outbox(tmp_path):
    fake = FakeSmsClient(outbox_dir=tmp_path)
    sent = fake.send_sms("+447700900123", "Hello there", reference="K7QM-3XPD")
    [record] = fake.sent
    assert (record.to, record.body, record.reference) == ("+447700900123", "Hello there", "K7QM-3XPD")
    assert sent.provider_id.startswith("local-outbox:sms-")
    written = json.loads((tmp_path / sent.provider_id.removeprefix("local-outbox:")).read_text())
    assert written["body"] == "Hello there"


def test_the_backend_setting_chooses_the_client(settings):
    assert isinstance(sms_client_from_settings({**settings, "SMS_BACKEND": "fake"}), FakeSmsClient)
    assert isinstance(sms_client_from_settings({**settings, "SMS_BACKEND": "twilio"}), TwilioSmsClient)


def test_the_app_keeps_one_client(app):
    assert get_sms_client(app) is get_sms_client(app)
