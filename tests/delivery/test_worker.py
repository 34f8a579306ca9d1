"""The outbox worker: delivering what submit() queued, once, in order, and never what must not be sent."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from intake.delivery import notifications_for
from intake.delivery.retry import retry_failed
from intake.domain.routing import AUDIENCE_PERSON
from intake.extensions import db
from intake.models import Message, Notification, NotificationStatus, SmsContact, SubmittedBy
from intake.models.base import utcnow
from tests.factories import create_representation
from tests.support.outbox import notifications

MARKER = "ZQX-marker-7731"


def add_notification(rep, **kw) -> Notification:
    now = utcnow()
    kw.setdefault("channel", "email")
    kw.setdefault("recipient", "complaints@council.example")
    kw.setdefault("template", "new_case")
    kw.setdefault("audience", "complaints officer")
    kw.setdefault("next_attempt_at", now)
    kw.setdefault("give_up_at", now + timedelta(hours=48))
    n = Notification(representation_id=rep.id, **kw)
    db.session.add(n)
    db.session.commit()
    return n


def test_the_worker_delivers_everything_a_submission_queued(smtp, fake_sms, make_worker):
    rep = create_representation(submitted_by=SubmittedBy.CHILD, contact_phone="07700 900123", safe_to_contact=True)
    stats = make_worker().run(once=True)
    rows = notifications()
    assert {n.template for n in rows} == {"new_case", "rights_alert", "acknowledgement_sms"}
    assert all(n.status is NotificationStatus.SENT and n.sent_at and n.provider_id for n in rows)
    assert all(n.attempts == 1 for n in rows)
    assert stats.sent == 3 and stats.claimed == 3
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == [
        "childrens-rights@council.example",
        "complaints@council.example",
    ]
    [sms] = fake_sms.sent
    assert sms.to == "+447700900123" and rep.reference in sms.body
    by_template = {n.template: n for n in rows}
    assert by_template["acknowledgement_sms"].provider_id == sms.provider_id
    assert by_template["new_case"].provider_id == f"<hys-notification-{by_template['new_case'].id}@council.example>"


def test_running_the_worker_again_sends_nothing_twice(smtp, fake_sms, make_worker):
    create_representation(submitted_by=SubmittedBy.CHILD)
    make_worker().run(once=True)
    again = make_worker().run(once=True)
    assert again.claimed == 0 and len(smtp.received) == 2


def test_alerts_never_carry_the_childs_words_or_personal_details(smtp, fake_sms, make_worker, settings):
    settings_mobile = {"RIGHTS_OFFICER_MOBILE": "+447700900999"}
    settings.update(settings_mobile)
    try:
        create_representation(
            submitted_by=SubmittedBy.CHILD,
            what_happened=f"My foster carer hits me. {MARKER}-what",
            what_would_help=f"{MARKER}-help",
            service_mentioned=f"{MARKER}-service",
            contact_name=f"{MARKER}-name",
            contact_phone="07700 900123",
            contact_email="sam.private@example.org",
            contact_avoid=f"{MARKER}-avoid",
            safe_to_contact=True,
            advocate_requested=True,
        )
        make_worker().run(once=True)
    finally:
        settings["RIGHTS_OFFICER_MOBILE"] = None
    templates = {n.template for n in notifications()}
    assert {"safeguarding_alert", "safeguarding_alert_sms", "advocacy_referral", "new_case"} <= templates
    assert all(n.status is NotificationStatus.SENT for n in notifications())
    rendered = [r.decoded for r in smtp.received] + [s.body for s in fake_sms.sent]
    for message in rendered:
        assert MARKER not in message
        assert "hits me" not in message
    staff_mail = [r.decoded for r in smtp.received if r.rcpt_tos != ["sam.private@example.org"]]
    assert staff_mail and not any("sam.private" in m or "900123" in m for m in staff_mail)


def test_urgent_notifications_go_first(smtp, make_worker):
    rep = create_representation(submitted_by=SubmittedBy.PARENT)
    urgent = add_notification(rep, template="safeguarding_alert", recipient="mash@council.example", urgent=True)
    make_worker(batch_size=1).deliver_batch()
    assert [r.notification_id for r in smtp.received] == [urgent.id]


def test_a_number_that_opted_out_gets_no_text_and_is_not_retried(smtp, fake_sms, make_worker, clock):
    db.session.add(SmsContact(number="+447700900123", opted_out=True))
    db.session.commit()
    create_representation(submitted_by=SubmittedBy.PARENT, contact_phone="07700 900123", safe_to_contact=True)
    make_worker().run(once=True)
    [ack] = [n for n in notifications() if n.audience == AUDIENCE_PERSON]
    assert ack.status is NotificationStatus.SUPPRESSED and "opted out" in ack.last_error
    clock.advance(days=3)
    make_worker().run(once=True)
    assert fake_sms.sent == [] and notifications()[-1].status is NotificationStatus.SUPPRESSED


def test_a_message_to_someone_no_longer_safe_to_contact_is_suppressed(smtp, fake_sms, make_worker):
    rep = create_representation(submitted_by=SubmittedBy.CHILD, contact_phone="07700 900123", safe_to_contact=True)
    rep.safe_to_contact = False  # they told staff the phone is shared now, before the worker ran
    db.session.commit()
    make_worker().run(once=True)
    [ack] = [n for n in notifications() if n.audience == AUDIENCE_PERSON]
    assert ack.status is NotificationStatus.SUPPRESSED and fake_sms.sent == []


def test_a_staff_reply_sends_the_stored_message_and_links_the_provider_id(fake_sms, make_worker, outbox_dir):
    rep = create_representation(submitted_by=SubmittedBy.CHILD, contact_phone="07700 900123", safe_to_contact=True)
    message = Message(
        representation_id=rep.id, direction="out", body="Hi, it's Sam. Can we talk on Tuesday?", status="queued"
    )
    db.session.add(message)
    db.session.commit()
    add_notification(
        rep,
        channel="sms",
        recipient="+447700900123",
        template="staff_reply_sms",
        audience=AUDIENCE_PERSON,
        body=message.body,
        message_id=message.id,
    )
    make_worker().run(once=True)
    [reply] = [s for s in fake_sms.sent if s.body == message.body]
    db.session.expire_all()
    assert db.session.get(Message, message.id).provider_sid == reply.provider_id


def test_the_twilio_opt_out_error_marks_the_number_and_suppresses(smtp, fake_sms, make_worker):
    from intake.providers.errors import OptedOutError

    fake_sms.fail_with = OptedOutError("unsubscribed", code=21610)
    create_representation(submitted_by=SubmittedBy.PARENT, contact_phone="07700 900123", safe_to_contact=True)
    make_worker().run(once=True)
    [ack] = [n for n in notifications() if n.channel == "sms"]
    assert ack.status is NotificationStatus.SUPPRESSED
    assert db.session.scalar(select(SmsContact.opted_out).where(SmsContact.number == "+447700900123")) is True


def test_without_an_smtp_server_email_goes_to_the_local_outbox(app, outbox_dir, fake_sms, make_worker):
    assert app.config["SMTP_HOST"] is None
    create_representation(submitted_by=SubmittedBy.PARENT)
    make_worker().run(once=True)
    [n] = notifications()
    assert n.status is NotificationStatus.SENT and n.provider_id == f"local-outbox:email-{n.id}.eml"
    eml = (outbox_dir / f"email-{n.id}.eml").read_text()
    assert "Subject: New complaint:" in eml and n.representation.reference in eml


def test_a_batch_whose_lease_runs_short_hands_the_rest_back_untried(smtp, make_worker, clock, monkeypatch):
    from intake.delivery.results import Results

    rep = create_representation(submitted_by=SubmittedBy.PARENT)
    for _ in range(3):
        add_notification(rep)
    worker = make_worker(lease_seconds=30)
    worker.send_budget = {channel: 25 for channel in worker.send_budget}
    original = Results.sent

    def slow_sent(self, item, provider_id, stats):  # each send "takes" 10 seconds of the lease
        original(self, item, provider_id, stats)
        clock.advance(seconds=10)

    monkeypatch.setattr(Results, "sent", slow_sent)
    stats = worker.deliver_batch()
    assert stats.sent == 1 and stats.released == 3
    assert [n.attempts for n in notifications() if n.status is NotificationStatus.PENDING] == [0, 0, 0]
    make_worker().run(once=True)
    assert len(smtp.received) == 4 and len({r.notification_id for r in smtp.received}) == 4


def test_retry_failed_makes_undelivered_notifications_due_now_but_never_suppressed_ones(settings, clock):
    rep = create_representation(submitted_by=SubmittedBy.PARENT)
    long_ago = utcnow() - timedelta(days=5)
    failed = add_notification(rep, status=NotificationStatus.FAILED, give_up_at=long_ago, last_error="550")
    suppressed = add_notification(rep, status=NotificationStatus.SUPPRESSED, give_up_at=long_ago)
    held = add_notification(rep, lease_until=utcnow() + timedelta(minutes=2))
    result = retry_failed(db.session, settings, now=clock())
    db.session.commit()
    rows = {n.id: n for n in notifications()}
    assert failed.id in result.ids and suppressed.id not in result.ids and held.id not in result.ids
    assert rows[failed.id].status is NotificationStatus.PENDING and rows[failed.id].next_attempt_at == clock()
    assert rows[failed.id].give_up_at == clock() + timedelta(hours=48)
    assert rows[suppressed.id].status is NotificationStatus.SUPPRESSED


def test_the_worker_and_retry_failed_commands_run(app, smtp, fake_sms):
    rep = create_representation(submitted_by=SubmittedBy.PARENT, received_at=utcnow())  # no deadline near
    add_notification(rep, status=NotificationStatus.FAILED, last_error="550 earlier")
    runner = app.test_cli_runner()
    assert "2 notification(s)" in runner.invoke(args=["retry-failed"]).output
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "Delivered 2;" in result.output
    assert all(n.status is NotificationStatus.SENT for n in notifications())


def test_staff_can_list_a_cases_notifications_in_order(smtp, fake_sms, make_worker):
    rep = create_representation(submitted_by=SubmittedBy.CHILD)
    make_worker().run(once=True)
    rows = notifications_for(db.session, rep.id)
    assert [n.template for n in rows] == ["new_case", "rights_alert"]
    assert all(n.status is NotificationStatus.SENT for n in rows)


def _reminders():
    return [n for n in notifications() if n.template in {"reminder", "overdue"}]


def test_a_worker_once_run_queues_and_delivers_an_overdue_escalation(app, smtp, fake_sms):
    rep = create_representation(submitted_by=SubmittedBy.PARENT, received_at=utcnow() - timedelta(days=40))
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    [overdue] = _reminders()
    assert overdue.template == "overdue" and overdue.urgent and overdue.status is NotificationStatus.SENT
    [mail] = [r for r in smtp.received if r.notification_id == overdue.id]
    assert mail.rcpt_tos == ["complaints@council.example"] and rep.reference in mail.message["Subject"]
    # Run again: the escalation is queued once, not every time the worker starts.
    assert app.test_cli_runner().invoke(args=["worker", "--once"]).exit_code == 0
    assert len(_reminders()) == 1 and len(smtp.received) == 2


def test_the_worker_reminds_two_working_days_before_a_due_date_in_london_time(smtp, make_worker, clock):
    from datetime import UTC, datetime

    create_representation(submitted_by=SubmittedBy.PARENT)  # received Mon 2 Nov 2026: stage 1 due Mon 16 Nov
    clock.now = datetime(2026, 11, 11, 23, 30, tzinfo=UTC)  # still Wednesday in London: 3 working days before
    make_worker(reminders=True).run(once=True)
    assert _reminders() == []
    clock.now = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)  # Thursday: 2 working days before
    worker = make_worker(reminders=True)
    worker.run(once=True)
    [reminder] = _reminders()
    assert reminder.template == "reminder" and reminder.recipient == "complaints@council.example"
    # The outbox row is stamped with the real time, later than this test's clock: move the clock on to send it.
    clock.now = utcnow() + timedelta(seconds=1)
    worker.run(once=True)  # the same worker does not look for reminders again within a few minutes
    [reminder] = _reminders()
    assert reminder.status is NotificationStatus.SENT
    assert sorted(r.notification_id for r in smtp.received) == sorted(n.id for n in notifications())
