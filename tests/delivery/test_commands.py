"""The delivery commands: ``send-reminders`` queues and commits; a bad date gets a clear message."""

from __future__ import annotations

from intake.models import SubmittedBy
from tests.factories import create_representation
from tests.support.outbox import notifications


def test_send_reminders_queues_a_reminder_two_working_days_before_the_due_date_once(app):
    rep = create_representation(submitted_by=SubmittedBy.PARENT)  # received Mon 2 Nov 2026: stage 1 due Mon 16 Nov
    runner = app.test_cli_runner()
    assert "Queued 0 reminder(s)." in runner.invoke(args=["send-reminders", "--today", "2026-11-11"]).output
    result = runner.invoke(args=["send-reminders", "--today", "2026-11-12"])
    assert result.exit_code == 0 and "Queued 1 reminder(s)." in result.output
    [reminder] = [n for n in notifications() if n.template == "reminder"]
    assert reminder.representation_id == rep.id and reminder.recipient == "complaints@council.example"
    assert "Queued 0 reminder(s)." in runner.invoke(args=["send-reminders", "--today", "2026-11-12"]).output


def test_send_reminders_with_a_date_it_cannot_read_says_how_to_write_one(app):
    result = app.test_cli_runner().invoke(args=["send-reminders", "--today", "12/11/2026"])
    assert result.exit_code != 0 and "use a date like 2026-12-01" in result.output
    assert "Traceback" not in result.output
