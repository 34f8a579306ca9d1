"""A stored letter as the outbox worker will send it: covering note, the letter, the PDF, over real SMTP."""

from __future__ import annotations

import smtplib

import pytest
from flask_babel import force_locale

from intake.data.letters import letter_for_notification
from intake.letters.compose import LetterDraft
from intake.letters.email import letter_mime, render_letter_email
from intake.letters.kinds import LetterKind
from intake.letters.sending import How, send_letter
from intake.models import ChildAgreement, Notification
from tests.factories import create_staff
from tests.letters.conftest import TODAY
from tests.support.smtp_server import SmtpSink

FINDINGS = {"outcome": "upheld", "resolved": "no", "findings": "<b>Nobody</b> called you back & we are sorry."}


def _sent(app, session, settings, rep, officer, how=How.EMAIL, language="en"):
    with app.test_request_context("/staff/cases"):
        draft = LetterDraft(LetterKind.STAGE1_RESPONSE, language=language, name="Sam", parts=FINDINGS)
        letters = send_letter(session, rep, officer, settings, draft, how, TODAY)
    session.commit()
    return letters


def test_the_worker_can_render_a_letter_with_no_request_from_its_outbox_row(app, session, settings, make_case, officer):
    rep = make_case()
    [letter] = _sent(app, session, settings, rep, officer)
    row = session.get(Notification, letter.notification_id)
    email = render_letter_email(letter_for_notification(session, row.id), settings)  # app context only
    assert email.subject == f"Our answer to your complaint (reference {rep.reference})"
    assert "Here is our letter." in email.text and "<b>Nobody</b> called you back & we are sorry." in email.text
    assert (
        "&lt;b&gt;Nobody&lt;/b&gt; called you back &amp; we are sorry." in email.html and "<b>Nobody" not in email.html
    )
    [pdf] = email.attachments
    assert (pdf.filename, pdf.content_type) == (f"letter-{rep.reference}-stage1_response.pdf", "application/pdf")
    assert pdf.data.startswith(b"%PDF")


def test_an_arabic_letter_email_is_in_arabic_and_right_to_left(app, session, settings, make_case, officer):
    rep = make_case(language="ar")
    [letter] = _sent(app, session, settings, rep, officer, language="ar")
    email = render_letter_email(letter, settings)
    with force_locale("ar"):
        assert 'dir="rtl"' in email.html and 'lang="ar"' in email.html
    assert rep.reference in email.subject and not email.subject.isascii()


def test_the_advocates_copy_says_why_they_have_it(app, session, settings, make_case, officer):
    advocate = create_staff(email="ada@advocacy.example", role="advocate", name="Ada Advocate")
    rep = make_case(advocate_id=advocate.id, child_agreement=ChildAgreement.YES)
    _person, copy = _sent(app, session, settings, rep, officer)
    email = render_letter_email(copy, settings)
    assert email.subject.startswith("Copy of a letter:")
    assert "the child or young person agreed that their advocate can see it" in email.text


def test_the_whole_message_travels_over_real_smtp_with_the_pdf_attached(app, session, settings, make_case, officer):
    rep = make_case()
    [letter] = _sent(app, session, settings, rep, officer)
    raw = letter_mime(
        render_letter_email(letter, settings),
        sender="have-your-say@council.example",
        to="sam@example.org",
        message_id=f"<hys-notification-{letter.notification_id}@council.example>",
        headers=[("X-HYS-Notification", str(letter.notification_id))],
    )
    sink = SmtpSink().start()
    try:
        with smtplib.SMTP("127.0.0.1", sink.port, timeout=5) as smtp:
            smtp.sendmail("have-your-say@council.example", ["sam@example.org"], raw)
        [received] = sink.received
    finally:
        sink.stop()
    assert received.notification_id == letter.notification_id
    assert rep.reference in received.message["Subject"]
    attachments = list(received.message.iter_attachments())
    assert [a.get_filename() for a in attachments] == [f"letter-{rep.reference}-stage1_response.pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")
    assert "we are sorry" in received.decoded


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_every_language_renders_a_letter_email(app, session, settings, make_case, officer, language):
    rep = make_case(language=language)
    [letter] = _sent(app, session, settings, rep, officer, language=language)
    assert render_letter_email(letter, settings).attachments[0].data.startswith(b"%PDF")


def test_the_outbox_worker_delivers_a_sent_letter_with_its_pdf(app, session, settings, make_case, officer, monkeypatch):
    from intake.delivery.loop import Worker
    from intake.delivery.settings import WorkerSettings
    from intake.models import NotificationStatus

    rep = make_case()
    [letter] = _sent(app, session, settings, rep, officer)
    sink = SmtpSink().start()
    try:
        for key, value in sink.settings().items():
            monkeypatch.setitem(app.config, key, value)
        Worker(app, WorkerSettings(poll_seconds=0.01), reminders=False).run(once=True)
        received = [r for r in sink.received if r.notification_id == letter.notification_id]
    finally:
        sink.stop()
    session.expire_all()
    assert session.get(Notification, letter.notification_id).status is NotificationStatus.SENT
    [message] = received
    assert rep.reference in message.message["Subject"]
    [pdf] = list(message.message.iter_attachments())
    assert pdf.get_content().startswith(b"%PDF")
