"""Safeguarding alerts in the staff area: who viewed them, recording action, false alarms kept."""

from __future__ import annotations

from datetime import UTC, datetime

from intake.domain import casework
from intake.models import AuditEvent, SafeguardingAlert
from tests.factories import create_representation, create_staff


def test_opening_an_alert_is_recorded_and_listed_on_the_page(client, sign_in, session, settings):
    officer = create_staff()
    rights = create_staff("rights@council.example", role="rights_officer", name="Rosa Rights")
    rep = create_representation()
    alert = casework.raise_alert(session, rep, officer, settings, "Says he sleeps in the car")
    session.commit()
    sign_in(client, rights)
    html = client.get(f"/staff/alerts/{alert.id}").get_data(as_text=True)
    assert "rights@council.example" in html  # the view just made
    assert session.query(AuditEvent).filter_by(action="safeguarding_alert_viewed", actor_id=rights.id).count() == 1
    assert client.get("/staff/alerts/999999").status_code == 404
    assert client.get("/staff/alerts/abc").status_code == 404


def test_recording_what_was_done_unpins_the_alert(client, sign_in, post_form, session, settings):
    officer = create_staff()
    older = create_representation()
    rep = create_representation()
    alert = casework.raise_alert(session, rep, officer, settings, "Worried")
    session.commit()
    sign_in(client, officer)
    html = client.get("/staff/cases").get_data(as_text=True)
    assert html.index(rep.reference) < html.index(older.reference)
    response = post_form(client, f"/staff/alerts/{alert.id}/action", {"done-action_taken": ""})
    assert response.status_code == 400 and "Enter what you did" in response.get_data(as_text=True)
    response = post_form(client, f"/staff/alerts/{alert.id}/action", {"done-action_taken": "Referred to MASH at 10:05"})
    assert response.status_code == 302
    session.expire_all()
    done = session.get(SafeguardingAlert, alert.id)
    assert done.actioned_by == officer.name and not done.is_open
    assert "open safeguarding alert" not in client.get("/staff/cases").get_data(as_text=True)


def test_a_false_alarm_is_kept_with_its_reason(client, sign_in, post_form, session, settings):
    officer = create_staff()
    rep = create_representation()
    alert = casework.raise_alert(session, rep, officer, settings, "Worried")
    session.commit()
    sign_in(client, officer)
    assert (
        post_form(client, f"/staff/alerts/{alert.id}/false-alarm", {"false-reason": "Quoting a song"}).status_code
        == 302
    )
    session.expire_all()
    kept = session.get(SafeguardingAlert, alert.id)
    assert kept.false_alarm and "Quoting a song" in kept.action_taken
    assert "False alarm" in client.get("/staff/alerts").get_data(as_text=True)


def test_an_open_alert_shows_its_act_by_day_and_turns_overdue_after_it(client, sign_in, session, settings):
    officer = create_staff()
    rep = create_representation()
    fresh = casework.raise_alert(session, rep, officer, settings, "Worried tonight")
    old = casework.raise_alert(session, rep, officer, settings, "Worried last month")
    old.raised_at = datetime(2026, 10, 5, 11, 0, tzinfo=UTC)  # a Monday, so act by Tuesday 6 October
    session.commit()
    sign_in(client, officer)
    listing = client.get("/staff/alerts").get_data(as_text=True)
    assert "6 October 2026" in listing and listing.count("Overdue") == 1
    assert casework.alert_act_by(fresh, settings).strftime("%-d %B %Y") in listing
    page = client.get(f"/staff/alerts/{old.id}").get_data(as_text=True)
    assert "Act by the end of 6 October 2026." in page and "Overdue" in page
    assert "Overdue" not in client.get(f"/staff/alerts/{fresh.id}").get_data(as_text=True)
