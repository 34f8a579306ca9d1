"""GOV.UK Notify as a provider: Notify's own client against a Notify-compatible API on loopback."""

from __future__ import annotations

import logging

import pytest

from intake.providers.base import OutgoingEmail
from intake.providers.errors import PermanentError, ProviderError, TransientError
from intake.providers.notify import KEY_TROUBLE, NotifyClient, NotifyEmail, NotifySms
from tests.support.fake_notify import (
    API_KEY,
    EMAIL_TEMPLATE_ID,
    LETTER_TEMPLATE_ID,
    SMS_TEMPLATE_ID,
    FakeNotify,
)

OTHER_SECRET_KEY = API_KEY[:-36] + "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def notify_api():
    fake = FakeNotify().start()
    yield fake
    fake.stop()
    KEY_TROUBLE.worked()  # a refused key in one test is not the next test's news


def texts(api, key=API_KEY, **kwargs):
    return NotifySms(NotifyClient(key, base_url=api.base_url, timeout=1.0), SMS_TEMPLATE_ID, **kwargs)


def emails(api, **kwargs):
    return NotifyEmail(NotifyClient(API_KEY, base_url=api.base_url, timeout=1.0), EMAIL_TEMPLATE_ID, **kwargs)


def email(raw=b"", **fields):
    values = {
        "notification_id": 7,
        "to": "sam@example.org",
        "subject": "We got your message. Your reference is K7QM-3XPD",
        "message_id": "<hys-notification-7@council.example>",
        "text": "Thank you. Your reference is K7QM-3XPD.",
        "html": "<p>Thank you.</p>",
        "raw": raw,
        "reference": "K7QM-3XPD",
        **fields,
    }
    return OutgoingEmail(**values)


def letter_mime(pdf: bytes) -> bytes:
    from intake.letters.email import Attachment, LetterEmail, letter_mime

    attachment = Attachment("reply.pdf", "application/pdf", pdf)
    letter = LetterEmail("Our reply (reference K7QM-3XPD)", "Here is our letter.", "<p>Here</p>", (attachment,))
    return letter_mime(letter, sender="hys@council.example", to="sam@example.org", message_id="<m@council.example>")


def test_a_text_goes_through_the_generic_template_with_the_case_reference_and_returns_notifys_id(notify_api):
    provider_id = texts(notify_api).send("+447700900123", "Hello", "K7QM-3XPD")
    [sent] = notify_api.sent
    assert provider_id == sent.id
    assert (sent.type, sent.to, sent.template_id) == ("sms", "+447700900123", SMS_TEMPLATE_ID)
    assert (sent.personalisation, sent.reference) == ({"body": "Hello"}, "K7QM-3XPD")


def test_a_text_with_no_case_goes_without_a_reference_and_from_the_chosen_sender(notify_api):
    sender = "9f0c0b52-3a0c-4a5e-9f59-64b5e2f0d6a1"
    texts(notify_api, sender_id=sender).send("07700 900123", "Hello", None)
    [sent] = notify_api.sent
    assert sent.reference is None and sent.sender_id == sender


def test_an_email_goes_as_its_subject_and_plain_text_with_the_case_reference(notify_api):
    provider_id = emails(notify_api).send(email())
    [sent] = notify_api.sent
    assert provider_id == sent.id and sent.type == "email" and sent.template_id == EMAIL_TEMPLATE_ID
    assert sent.personalisation == {
        "subject": "We got your message. Your reference is K7QM-3XPD",
        "body": "Thank you. Your reference is K7QM-3XPD.",
    }
    assert sent.reference == "K7QM-3XPD"


def test_a_letter_goes_through_the_letter_template_with_its_pdf_as_notifys_file_link(notify_api):
    pdf = b"%PDF-1.7\n" + b"x" * 5000
    emails(notify_api, letter_template_id=LETTER_TEMPLATE_ID).send(email(letter_mime(pdf)))
    [sent] = notify_api.sent
    assert sent.template_id == LETTER_TEMPLATE_ID
    assert sent.files == {"link_to_file": pdf}
    assert sent.personalisation["link_to_file"].startswith("https://documents.service.gov.uk/d/")


def test_a_letter_without_a_letter_template_is_refused_for_staff_to_send_another_way(notify_api):
    with pytest.raises(PermanentError) as caught:
        emails(notify_api).send(email(letter_mime(b"%PDF-1.7\n")))
    assert "NOTIFY_LETTER_TEMPLATE_ID" in caught.value.message and notify_api.sent == []


def test_a_letter_bigger_than_notifys_file_limit_is_refused(notify_api):
    big = b"%PDF-1.7\n" + b"x" * (2 * 1024 * 1024)
    with pytest.raises(PermanentError) as caught:
        emails(notify_api, letter_template_id=LETTER_TEMPLATE_ID).send(email(letter_mime(big)))
    assert "2 MB" in caught.value.message and notify_api.sent == []


def test_a_number_notify_cannot_text_is_a_permanent_error_staff_can_read(notify_api):
    with pytest.raises(PermanentError) as caught:
        texts(notify_api).send("+48601234567", "Hello", "K7QM-3XPD")
    assert caught.value.code == 400
    assert caught.value.for_staff("+48601234567").endswith("ValidationError: phone_number Not a UK mobile number")


@pytest.mark.parametrize(
    ("mode", "kind", "code", "down"),
    [
        ("400", PermanentError, 400, False),
        ("403", TransientError, 403, True),
        ("429", TransientError, 429, True),
        ("500", TransientError, 500, False),
        ("hang", TransientError, "timeout", False),
    ],
)
def test_notifys_failures_are_classified_for_the_worker(notify_api, mode, kind, code, down):
    notify_api.mode = mode
    notify_api.hang_seconds = 1.5
    with pytest.raises(ProviderError) as caught:
        texts(notify_api).send("+447700900123", "Hello", "K7QM-3XPD")
    assert type(caught.value) is kind and caught.value.code == code
    assert caught.value.provider_down is down and not caught.value.opted_out
    assert isinstance(caught.value.__cause__, Exception), "the client's exception is chained"
    assert notify_api.sent == []


def test_trial_mode_is_named_in_our_words(notify_api):
    notify_api.mode = "400"
    with pytest.raises(PermanentError) as caught:
        emails(notify_api).send(email())
    assert "trial mode" in caught.value.message


def test_a_key_notify_does_not_know_is_refused_by_the_jwt_check_and_said_loudly_only_once(notify_api, caplog):
    provider = texts(notify_api, key=OTHER_SECRET_KEY)
    with caplog.at_level(logging.INFO, logger="intake.providers.notify"):
        for _ in range(3):
            with pytest.raises(TransientError) as caught:
                provider.send("+447700900123", "Hello", "K7QM-3XPD")
            assert caught.value.code == 403 and caught.value.provider_down
        texts(notify_api).send("+447700900123", "Hello", "K7QM-3XPD")
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "NOTIFY_API_KEY" in errors[0].getMessage()
    assert "accepts our API key again" in caplog.text
    assert OTHER_SECRET_KEY[-36:] not in caplog.text and API_KEY[-36:] not in caplog.text


def test_an_unreachable_notify_is_transient_and_says_notify_is_down(notify_api):
    base = notify_api.base_url
    notify_api.stop()
    provider = NotifySms(NotifyClient(API_KEY, base_url=base, timeout=1.0), SMS_TEMPLATE_ID)
    with pytest.raises(TransientError) as caught:
        provider.send("+447700900123", "Hello", "K7QM-3XPD")
    assert caught.value.code == "network" and caught.value.provider_down


def test_logs_never_carry_the_number_or_the_words(notify_api, caplog):
    notify_api.mode = "400"
    with caplog.at_level(logging.DEBUG), pytest.raises(PermanentError):
        texts(notify_api).send("+447700900123", "a secret", "K7QM-3XPD")
    assert "+447700900123" not in caplog.text and "a secret" not in caplog.text
