"""Reminders two working days before a deadline, escalation when overdue, each queued once."""

from __future__ import annotations

from datetime import date

from intake.domain import casework
from intake.domain.reminders import queue_due_reminders
from intake.models import Kind, Notification, Outcome
from tests.factories import create_representation, create_staff

# Received Monday 2 November 2026: stage 1 is due Monday 16 November.


def _sent(session):
    return sorted(
        (n.template, n.recipient)
        for n in session.query(Notification).filter(Notification.template.in_(["reminder", "overdue"]))
    )


def test_nothing_is_queued_before_the_reminder_day(session, settings):
    create_representation()
    assert queue_due_reminders(session, settings, date(2026, 11, 11)) == []  # 3 working days before


def test_the_handler_is_reminded_two_working_days_before_and_only_once(session, settings):
    worker = create_staff("worker@council.example", role="manager")
    rep = create_representation()
    casework.assign(session, rep, create_staff(), worker.id)
    session.commit()
    first = queue_due_reminders(session, settings, date(2026, 11, 12))  # Thu: 2 working days before Mon 16th
    again = queue_due_reminders(session, settings, date(2026, 11, 12))
    next_day = queue_due_reminders(session, settings, date(2026, 11, 13))
    assert [(n.template, n.recipient) for n in first] == [("reminder", "worker@council.example")]
    assert again == [] and next_day == []


def test_an_unassigned_case_reminds_the_complaints_officer(session, settings):
    create_representation()
    rows = queue_due_reminders(session, settings, date(2026, 11, 16))
    assert [(n.template, n.recipient) for n in rows] == [("reminder", settings["COMPLAINTS_OFFICER_EMAIL"])]


def test_an_overdue_case_is_escalated_to_the_complaints_officer_once(session, settings):
    create_representation()
    rows = queue_due_reminders(session, settings, date(2026, 11, 17))
    assert [(n.template, n.urgent) for n in rows] == [("reminder", False), ("overdue", True)][1:]
    assert queue_due_reminders(session, settings, date(2026, 11, 20)) == []
    assert _sent(session) == [("overdue", settings["COMPLAINTS_OFFICER_EMAIL"])]


def test_an_extension_earns_a_fresh_reminder_for_the_new_date(session, settings):
    officer = create_staff()
    rep = create_representation()
    queue_due_reminders(session, settings, date(2026, 11, 12))
    casework.extend(session, rep, officer, settings, date(2026, 11, 30), "Complex")
    session.commit()
    assert queue_due_reminders(session, settings, date(2026, 11, 17)) == []  # not overdue any more
    assert len(queue_due_reminders(session, settings, date(2026, 11, 26))) == 1


def test_answered_stages_compliments_and_closed_cases_get_no_reminders(session, settings):
    officer = create_staff()
    answered = create_representation()
    casework.record_response(session, answered, officer, Outcome.UPHELD, date(2026, 11, 5), date(2026, 11, 20))
    create_representation(kind=Kind.COMPLIMENT, what_happened="Thank you")
    withdrawn = create_representation()
    casework.withdraw(session, withdrawn, officer, settings, date(2026, 11, 5), "Sorted")
    session.commit()
    assert queue_due_reminders(session, settings, date(2026, 11, 20)) == []


def test_reminders_for_several_cases_are_queued_together_and_left_for_the_caller_to_commit(session, settings):
    first, second = create_representation(), create_representation()
    rows = queue_due_reminders(session, settings, date(2026, 11, 16))
    assert sorted(n.representation_id for n in rows) == sorted([first.id, second.id])
    session.rollback()
    assert _sent(session) == []
    assert len(queue_due_reminders(session, settings, date(2026, 11, 16))) == 2, "nothing was queued before"
