"""Safeguarding alerts in the staff area: ranked by danger, who viewed them, recording action, false alarms kept."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from intake.domain import casework
from intake.domain.clock import LONDON
from intake.models import AlertLevel, AuditEvent, SafeguardingAlert
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


def _rows(html: str) -> list[str]:
    """The open alerts table's rows, as text, in page order."""
    table = html.split("Open alerts, most urgent first", 1)[1].split("</table>", 1)[0]
    return [re.sub(r"<[^>]+>", " ", row) for row in table.split("<tr")[2:]]


def test_the_alerts_list_puts_immediate_danger_first_then_the_oldest_within_each_level(
    client, sign_in, session, settings
):
    officer = create_staff()
    first, second, third, done = (create_representation() for _ in range(4))
    casework.raise_alert(session, first, officer, settings, "Worried", now=_at(2026, 11, 2, 10))
    casework.raise_alert(
        session, second, officer, settings, "Not safe tonight", AlertLevel.IMMEDIATE, now=_at(2026, 11, 20, 10)
    )
    casework.raise_alert(
        session, third, officer, settings, "He hit me", AlertLevel.IMMEDIATE, now=_at(2026, 11, 10, 10)
    )
    actioned = casework.raise_alert(
        session, done, officer, settings, "Dealt with", AlertLevel.IMMEDIATE, now=_at(2026, 11, 1, 10)
    )
    casework.record_alert_action(session, actioned, officer, "Referred to MASH")
    session.commit()
    sign_in(client, officer)
    html = client.get("/staff/alerts").get_data(as_text=True)
    rows = _rows(html)
    assert [third.reference in rows[0], second.reference in rows[1], first.reference in rows[2]] == [True] * 3
    assert "Immediate danger" in rows[0] and "Immediate danger" in rows[1] and "Concern" in rows[2]
    assert len(rows) == 3 and done.reference in html.split("Dealt with, the latest first", 1)[1]


def test_the_case_banner_and_the_alerts_list_show_the_same_level_and_act_by(client, sign_in, session, settings):
    officer = create_staff()
    rep = create_representation()
    casework.raise_alert(
        session, rep, officer, settings, "Not safe tonight", AlertLevel.IMMEDIATE, now=_at(2026, 12, 1, 11)
    )
    casework.raise_alert(session, rep, officer, settings, "Worried", now=_at(2026, 12, 1, 11, 30))
    session.commit()
    sign_in(client, officer)
    same_day = "Act the same working day: by 17:00 on 1 December 2026."
    next_day = "Act by the end of 2 December 2026."
    listing = client.get("/staff/alerts").get_data(as_text=True)
    banner = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True).split('id="open-alerts"', 1)[1]
    banner = banner.split("</ul>", 1)[0]
    for html in (listing, banner):
        assert same_day in html and next_day in html
        assert html.index("Immediate danger") < html.index(same_day) < html.index("Concern") < html.index(next_day)


def test_an_immediate_alert_raised_out_of_hours_says_act_at_once(client, sign_in, session, settings):
    officer = create_staff()
    rep = create_representation()
    saturday = _at(2026, 12, 5, 14)
    alert = casework.raise_alert(
        session, rep, officer, settings, "He hit me with a belt", AlertLevel.IMMEDIATE, now=saturday
    )
    session.commit()
    sign_in(client, officer)
    words = "Act at once: it was raised out of office hours, so the emergency duty team is told first."
    assert words in client.get("/staff/alerts").get_data(as_text=True)
    page = client.get(f"/staff/alerts/{alert.id}").get_data(as_text=True)
    assert words in page and "Record what was done by 09:00 on 7 December 2026." in page


def test_staff_choose_how_urgent_an_alert_is_when_they_raise_it(client, sign_in, post_form, session):
    officer = create_staff()
    rep = create_representation()
    sign_in(client, officer)
    url = f"/staff/cases/{rep.reference}/alert"
    response = post_form(client, url, {"alert-reason": "Says he cannot go home tonight"})
    assert response.status_code == 400 and "Select how urgent it is" in response.get_data(as_text=True)
    assert session.query(SafeguardingAlert).count() == 0
    response = post_form(client, url, {"alert-reason": "Says he cannot go home tonight", "alert-level": "immediate"})
    assert response.status_code == 302
    page = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "Immediate danger alert raised and sent urgently." in page
    assert session.query(SafeguardingAlert).one().level is AlertLevel.IMMEDIATE


def _at(year, month, day, hour, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)
