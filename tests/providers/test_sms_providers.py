"""SMS providers: Twilio against a Twilio-compatible API on loopback, the local outbox, the fake, the choice."""

from __future__ import annotations

import json

import pytest

from intake.providers.choose import sms_provider, sms_provider_from_settings
from intake.providers.errors import OptedOutError, PermanentError, ProviderError, TransientError
from intake.providers.fake import FakeSms
from intake.providers.local_outbox import LocalOutboxSms
from intake.providers.twilio_sms import TwilioSms
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
    return TwilioSms(
        SID, TOKEN, api_base_url=api.base_url, timeout=1.0, status_callback="https://hys.test/sms/status", **kwargs
    )


def test_a_message_reaches_the_twilio_compatible_api_and_returns_its_sid(twilio_api):
    provider_id = make_client(twilio_api).send("+447700900123", "Hello", "K7QM-3XPD")
    [message] = twilio_api.messages
    assert provider_id == message.sid and message.sid.startswith("SM")
    assert (message.to, message.body, message.from_) == ("+447700900123", "Hello", "+447700900000")
    assert message.status_callback == "https://hys.test/sms/status"


def test_a_messaging_service_is_used_instead_of_a_from_number_when_configured(twilio_api):
    make_client(twilio_api, from_number=None, messaging_service_sid="MG" + "2" * 32).send("+447700900123", "Hi")
    [message] = twilio_api.messages
    assert message.messaging_service_sid == "MG" + "2" * 32 and message.from_ is None


def test_a_wrong_auth_token_is_a_permanent_error(twilio_api):
    client = TwilioSms(SID, "wrong", from_number="+447700900000", api_base_url=twilio_api.base_url, timeout=1)
    with pytest.raises(PermanentError) as caught:
        client.send("+447700900123", "Hi")
    assert caught.value.transient is False and caught.value.code == 20003


@pytest.mark.parametrize(
    ("mode", "kind", "code"),
    [
        ("500", TransientError, 20500),
        ("429", TransientError, 20429),
        ("hang", TransientError, "timeout"),
        ("21610", OptedOutError, 21610),
        ("21211", PermanentError, 21211),
    ],
)
def test_provider_failures_are_classified_for_the_worker(twilio_api, mode, kind, code):
    twilio_api.mode = mode
    twilio_api.hang_seconds = 1.5
    with pytest.raises(ProviderError) as caught:
        make_client(twilio_api).send("+447700900123", "Hi")
    assert type(caught.value) is kind and caught.value.code == code
    assert caught.value.transient is (kind is TransientError)
    assert caught.value.opted_out is (kind is OptedOutError)
    assert isinstance(caught.value.__cause__, Exception), "the provider's exception is chained"
    assert twilio_api.messages == []


def test_an_error_that_quotes_the_number_keeps_it_out_of_the_message_and_out_of_what_staff_see(twilio_api):
    twilio_api.mode = "21211"
    with pytest.raises(PermanentError) as caught:
        make_client(twilio_api).send("+447700900123", "Hi")
    assert "+447700900123" in caught.value.detail, "the fake answers as Twilio does, quoting the number"
    assert "+447700900123" not in caught.value.message
    assert "+447700900123" not in caught.value.for_staff("+447700900123")
    assert "not a valid phone number" in caught.value.for_staff("+447700900123")


def test_an_unreachable_provider_is_transient_and_says_the_provider_is_down(twilio_api):
    base = twilio_api.base_url
    twilio_api.stop()
    client = TwilioSms(SID, TOKEN, from_number="+447700900000", api_base_url=base, timeout=1)
    with pytest.raises(TransientError) as caught:
        client.send("+447700900123", "Hi")
    assert caught.value.code == "network" and caught.value.provider_down


def test_the_fake_records_messages_and_fails_on_demand():
    fake = FakeSms()
    provider_id = fake.send("+447700900123", "Hello there", "K7QM-3XPD")
    [record] = fake.sent
    assert (record.to, record.body, record.reference, record.provider_id) == (
        "+447700900123",
        "Hello there",
        "K7QM-3XPD",
        provider_id,
    )
    fake.fail_with = TransientError("down")
    with pytest.raises(TransientError):
        fake.send("+447700900123", "Again")
    assert len(fake.sent) == 1


def test_the_local_outbox_writes_each_text_to_a_file(tmp_path):
    provider_id = LocalOutboxSms(tmp_path).send("+447700900123", "Hello there", "K7QM-3XPD")
    assert provider_id.startswith("local-outbox:sms-")
    written = json.loads((tmp_path / provider_id.removeprefix("local-outbox:")).read_text())
    assert (written["to"], written["body"], written["reference"]) == ("+447700900123", "Hello there", "K7QM-3XPD")


def test_the_backend_setting_chooses_the_provider(settings, tmp_path):
    assert isinstance(sms_provider_from_settings(settings.with_values({"SMS_BACKEND": "fake"})), FakeSms)
    assert isinstance(
        sms_provider_from_settings(settings.with_values({"SMS_BACKEND": "fake"}), outbox_dir=tmp_path), LocalOutboxSms
    )
    assert isinstance(sms_provider_from_settings(settings.with_values({"SMS_BACKEND": "twilio"})), TwilioSms)


def test_the_app_keeps_one_provider(app):
    assert sms_provider(app) is sms_provider(app)
