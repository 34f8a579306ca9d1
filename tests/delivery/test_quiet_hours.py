"""The worker and quiet hours: a text to the person waits for the morning, or for the times they gave us.

Waiting is not failing: the text stays pending, the wait does not count as an attempt, and its retry window
starts when it may go. Texts to staff go at any hour.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from intake.domain.routing import AUDIENCE_PERSON
from intake.extensions import db
from intake.models import NotificationStatus, SubmittedBy
from intake.models.base import utcnow
from tests.factories import create_representation
from tests.support.outbox import notifications

LONDON = ZoneInfo("Europe/London")


def tomorrow_at(hour: int, minute: int = 0, *, days: int = 1) -> datetime:
    """Tomorrow (or ``days`` on) at this London wall-clock time: after every row's real creation, so they are due."""
    day = (utcnow().astimezone(LONDON) + timedelta(days=days)).date()
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


@pytest.fixture
def quiet_hours(app, monkeypatch):
    monkeypatch.setitem(app.config, "QUIET_HOURS", (time(20, 0), time(8, 0)))


def the_text():
    [sms] = [n for n in notifications() if n.channel == "sms" and n.audience == AUDIENCE_PERSON]
    return sms


def child_who_texted(**window):
    rep = create_representation(
        submitted_by=SubmittedBy.CHILD, contact_phone="07700 900123", safe_to_contact=True, received_at=utcnow()
    )
    for key, value in window.items():
        setattr(rep, key, value)
    db.session.commit()
    return rep


def test_at_20_00_the_acknowledgement_text_waits_until_08_00_and_then_goes_once(
    quiet_hours, smtp, fake_sms, make_worker, clock
):
    child_who_texted()
    clock.now = tomorrow_at(20, 0)
    stats = make_worker().run(once=True)
    held = the_text()
    assert stats.held == 1 and fake_sms.sent == [] and len(smtp.received) == 2, "staff email goes at any hour"
    morning = tomorrow_at(8, 0, days=2)
    assert held.status is NotificationStatus.PENDING and held.attempts == 0 and held.lease_until is None
    assert held.next_attempt_at == morning and held.give_up_at == morning + timedelta(hours=48)

    clock.now = morning - timedelta(minutes=1)
    assert make_worker().run(once=True).claimed == 0, "07:59: still quiet, and not due"
    clock.now = morning
    make_worker().run(once=True)
    sent = the_text()
    assert sent.status is NotificationStatus.SENT and sent.attempts == 1
    [sms] = fake_sms.sent
    assert sms.to == "+447700900123"


def test_at_19_59_the_text_goes_at_once(quiet_hours, smtp, fake_sms, make_worker, clock):
    child_who_texted()
    clock.now = tomorrow_at(19, 59)
    assert make_worker().run(once=True).held == 0
    assert the_text().status is NotificationStatus.SENT and len(fake_sms.sent) == 1


def test_texts_to_staff_are_never_held_for_quiet_hours(quiet_hours, smtp, fake_sms, make_worker, clock, settings):
    settings["RIGHTS_OFFICER_MOBILE"] = "+447700900999"
    try:
        create_representation(submitted_by=SubmittedBy.CHILD, received_at=utcnow())
    finally:
        settings["RIGHTS_OFFICER_MOBILE"] = None
    clock.now = tomorrow_at(23, 30)
    make_worker().run(once=True)
    assert [s.to for s in fake_sms.sent] == ["+447700900999"]
    assert all(n.status is NotificationStatus.SENT for n in notifications())


def test_not_after_6_holds_an_evening_text_until_the_next_morning(quiet_hours, smtp, fake_sms, make_worker, clock):
    child_who_texted(contact_text_until=time(18, 0))
    clock.now = tomorrow_at(18, 0)
    make_worker().run(once=True)
    assert the_text().next_attempt_at == tomorrow_at(8, 0, days=2) and fake_sms.sent == []


def test_after_school_holds_a_morning_text_until_16_00(smtp, fake_sms, make_worker, clock):
    child_who_texted(contact_text_from=time(16, 0))
    clock.now = tomorrow_at(10, 0)
    make_worker().run(once=True)
    assert the_text().next_attempt_at == tomorrow_at(16, 0) and fake_sms.sent == []
    clock.now = tomorrow_at(16, 0)
    make_worker().run(once=True)
    assert the_text().status is NotificationStatus.SENT and len(fake_sms.sent) == 1


def test_not_safe_to_contact_is_suppressed_not_held(quiet_hours, smtp, fake_sms, make_worker, clock):
    rep = child_who_texted()
    rep.safe_to_contact = False
    db.session.commit()
    clock.now = tomorrow_at(21, 0)
    stats = make_worker().run(once=True)
    assert stats.held == 0 and stats.suppressed == 1
    assert the_text().status is NotificationStatus.SUPPRESSED and fake_sms.sent == []


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        (None, (time(20, 0), time(8, 0))),
        ("", None),
        ("21:30-07:00", (time(21, 30), time(7, 0))),
        ("21:30 \u2013 07:00", (time(21, 30), time(7, 0))),
    ],
)
def test_quiet_hours_default_to_20_00_08_00_and_an_empty_setting_turns_them_off(value, parsed):
    from intake.config import load_settings

    environ = {"APP_ENV": "test"} if value is None else {"APP_ENV": "test", "QUIET_HOURS": value}
    assert load_settings(environ)["QUIET_HOURS"] == parsed


@pytest.mark.parametrize("value", ["evenings", "20:00", "20:00-08:00-09:00", "25:00-08:00", "20:00-20:00"])
def test_a_quiet_hours_setting_that_cannot_be_read_stops_the_service_naming_it(value):
    from intake.config import ConfigError, load_settings

    with pytest.raises(ConfigError, match="QUIET_HOURS"):
        load_settings({"APP_ENV": "test", "QUIET_HOURS": value})
