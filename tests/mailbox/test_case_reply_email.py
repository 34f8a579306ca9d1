"""The email that tells an officer a reply has come in on a case: the reference and a link, never the words."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from intake.delivery.email import render_email
from intake.extensions import db
from intake.models import Notification
from intake.models.base import utcnow
from tests.factories import create_representation


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_the_officer_is_told_the_reference_with_a_link_and_not_what_was_said(settings, language):
    rep = create_representation(what_happened="SECRET-WORDS he hit me")
    now = utcnow()
    n = Notification(
        representation_id=rep.id,
        channel="email",
        recipient="officer@council.example",
        template="case_reply",
        audience="assigned officer",
        language=language,
        next_attempt_at=now,
        give_up_at=now + timedelta(hours=48),
    )
    db.session.add(n)
    db.session.commit()

    message = message_from_bytes(render_email(n, settings).raw, policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()

    assert rep.reference in message["Subject"] and rep.reference in text and rep.reference in html
    assert f"https://hys.test/staff/cases/{rep.reference}" in text
    assert f'href="https://hys.test/staff/cases/{rep.reference}"' in html
    assert "SECRET-WORDS" not in text + html + message["Subject"]
    expected = {
        "en": "A reply has come in by email on case",
        "pl": "wpłynęła odpowiedź e-mailem",
        "ar": "وصل رد بالبريد الإلكتروني",
    }[language]
    assert expected in text
