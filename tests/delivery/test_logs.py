"""What the worker logs: references and ids, never an address, a number or anyone's words.

A run against real servers on loopback (SMTP and the Twilio-compatible API), both refusing in the way that
leaks most: the SMTP server's 550 quotes the address (as Postfix's does) and Twilio's 21211 quotes the
number. Then the same servers accept, and a staff reply's words go out. Every log line of both runs, at
every level, is searched for the personal data the cases held.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from intake.extensions import db
from intake.models import ContactMethod, Message, NotificationStatus, SubmittedBy
from intake.models.base import utcnow
from intake.providers.twilio_sms import TwilioSms
from tests.delivery.test_worker import add_notification
from tests.factories import create_representation
from tests.support.fake_twilio import FakeTwilio
from tests.support.outbox import notifications

SID = "AC" + "5" * 32
TOKEN = "logs-token"
EMAIL = "sam.private@example.org"
NUMBER_AS_TYPED, NUMBER = "07700 900123", "+447700900123"
WORDS = "my foster carer hits me ZQX-words-4417"
NAME = "Samira ZQX-name-2290"
REPLY = "Hi Samira, it's Jo ZQX-reply-8812. Can we talk?"
STAFF_MOBILE = "+447700900999"
SECRETS = [EMAIL, "sam.private", NUMBER, NUMBER_AS_TYPED, "7700900123", "900123", "ZQX", "foster carer", "Samira"]


@pytest.fixture
def twilio_api():
    fake = FakeTwilio(SID, TOKEN).start()
    yield fake
    fake.stop()


def test_a_run_with_refusals_that_quote_the_address_and_number_logs_neither(
    app, smtp, twilio_api, make_worker, caplog, settings, clock
):
    settings["RIGHTS_OFFICER_MOBILE"] = STAFF_MOBILE
    try:
        by_email = create_representation(
            submitted_by=SubmittedBy.CHILD,
            what_happened=WORDS,
            contact_name=NAME,
            contact_email=EMAIL,
            preferred_contact=ContactMethod.EMAIL,
            safe_to_contact=True,
            received_at=utcnow(),
        )
        by_text = create_representation(
            submitted_by=SubmittedBy.CHILD,
            what_happened=WORDS,
            contact_name=NAME,
            contact_phone=NUMBER_AS_TYPED,
            safe_to_contact=True,
            received_at=utcnow(),
        )
    finally:
        settings["RIGHTS_OFFICER_MOBILE"] = None
    sms = TwilioSms(SID, TOKEN, from_number="+447700900000", api_base_url=twilio_api.base_url, timeout=2)
    caplog.set_level(logging.DEBUG)

    smtp.mode, twilio_api.mode = "550", "21211"
    make_worker(sms_provider=sms).run(once=True)
    refused = notifications()
    assert all(n.status is NotificationStatus.FAILED for n in refused), [(n.template, n.status) for n in refused]
    assert any(EMAIL in (n.last_error or "") for n in refused) is False, "staff see the reply, not the address"

    smtp.mode, twilio_api.mode = "accept", "ok"
    message = Message(representation_id=by_text.id, direction="out", body=REPLY, status="queued")
    db.session.add(message)
    db.session.commit()
    add_notification(
        by_text,
        channel="sms",
        recipient=NUMBER,
        template="staff_reply_sms",
        audience="the person who got in touch",
        body=REPLY,
        message_id=message.id,
    )
    clock.now = utcnow() + timedelta(seconds=1)  # the reply was queued after the test's clock was set
    make_worker(sms_provider=sms).run(once=True)
    assert [m.body for m in twilio_api.messages] == [REPLY], "the words did go out, to the right number"

    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]  # aiosmtpd: the test server's own log
    logged = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in ours)
    for secret in SECRETS:
        assert secret.lower() not in logged.lower(), f"{secret!r} was logged"
    refusals = [r for r in ours if "refused" in r.getMessage()]
    assert refusals and {r.levelname for r in refusals} == {"WARNING"}, "a refusal is a warning, not an error"
    assert all(r.levelno < logging.ERROR for r in ours)
    assert by_email.reference in logged and by_text.reference in logged, "each line says which case"
    assert any(str(n.id) in r.getMessage() for n in refused for r in refusals), "and which notification"
