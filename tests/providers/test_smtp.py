"""The SMTP provider against a real SMTP server on loopback, and the local outbox for email."""

from __future__ import annotations

from datetime import timedelta

import pytest

from intake.delivery.email import render_email
from intake.models import Notification
from intake.models.base import utcnow
from intake.providers.choose import email_provider
from intake.providers.errors import PermanentError, TransientError
from intake.providers.local_outbox import LocalOutboxEmail, outbox_files
from intake.providers.smtp import SmtpEmail
from tests.factories import create_representation
from tests.support.smtp_server import SmtpSink

ADDRESS = "sam.private@example.org"


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def message(db, settings):
    rep = create_representation()
    now = utcnow()
    n = Notification(
        representation_id=rep.id,
        channel="email",
        recipient=ADDRESS,
        template="new_case",
        audience="complaints officer",
        next_attempt_at=now,
        give_up_at=now + timedelta(hours=48),
    )
    db.session.add(n)
    db.session.commit()
    return render_email(n, settings)


def test_an_email_reaches_a_real_smtp_server_as_text_and_html(sink, message, settings):
    with SmtpEmail(settings.with_values(sink.settings()).smtp) as mailer:
        assert mailer.send(message) == message.message_id
    [received] = sink.received
    assert received.rcpt_tos == [ADDRESS]
    assert received.message.get_content_type() == "multipart/alternative"
    assert received.message_id == message.message_id


def test_a_550_that_quotes_the_address_is_permanent_and_the_address_stays_out_of_our_words(sink, message, settings):
    sink.mode = "550"
    with SmtpEmail(settings.with_values(sink.settings()).smtp) as mailer, pytest.raises(PermanentError) as caught:
        mailer.send(message)
    error = caught.value
    assert error.code == 550 and ADDRESS in error.detail, "the server quoted the address, as Postfix does"
    assert ADDRESS not in error.message and ADDRESS not in error.for_staff(ADDRESS)
    assert "550" in error.for_staff(ADDRESS) and "User unknown" in error.for_staff(ADDRESS)


def test_a_451_is_transient_and_the_connection_carries_the_next_message(sink, message, settings):
    sink.mode = "451"
    with SmtpEmail(settings.with_values(sink.settings()).smtp) as mailer:
        with pytest.raises(TransientError) as caught:
            mailer.send(message)
        assert caught.value.code == 451 and not caught.value.provider_down
        sink.mode = "accept"
        assert mailer.send(message) == message.message_id
    assert len(sink.received) == 1


def test_a_server_that_is_down_is_transient_and_says_the_provider_is_down(sink, message, settings):
    sink.stop()
    with SmtpEmail(settings.with_values(sink.settings()).smtp) as mailer, pytest.raises(TransientError) as caught:
        mailer.send(message)
    assert caught.value.provider_down and "refused" in caught.value.message


def test_without_an_smtp_host_email_goes_to_the_local_outbox(app, message, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "LOCAL_OUTBOX_DIR", str(tmp_path))
    provider = email_provider(app)
    assert isinstance(provider, LocalOutboxEmail)
    assert provider.send(message) == f"local-outbox:email-{message.notification_id}.eml"
    [written] = outbox_files(tmp_path)
    assert written.read_bytes() == message.raw
