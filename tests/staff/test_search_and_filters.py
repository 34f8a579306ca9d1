"""The officer's queue: search by reference, name, number, email and words; "assigned to me", "due this week",
overdue, stage and team together; the acknowledgement's due date; and searches never reach the audit trail."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from intake.data.cases import CaseFilter, queue_rows
from intake.domain.casework import today_in_london
from intake.models import AuditEvent, Representation, SubmittedBy
from intake.staff.queue import QueueQuery, end_of_week, search_for
from tests.factories import create_representation, create_staff, create_teams
from tests.staff.officer_forms import checked


@pytest.fixture
def cases(session):
    jo = create_representation(
        contact_name="Jo Bloggs",
        contact_phone="07700 900123",
        contact_email="jo.bloggs@example.com",
        what_happened="My visits keep being CANCELLED by the contact centre.",
    )
    sam = create_representation(
        submitted_by=SubmittedBy.PARENT,
        child_name="Samira",
        contact_name="Pat Parent",
        what_happened="100% of the letters went to the wrong_address.",
    )
    other = create_representation(what_happened="The youth club is great.")
    session.commit()
    return {"jo": jo, "sam": sam, "other": other}


def found(client, among, **args) -> set[str]:
    """The references of ``among`` that the queue lists for these search and filter arguments."""
    response = client.get("/staff/cases", query_string=args)
    assert response.status_code == 200
    checked(response, errors=False)
    html = response.get_data(as_text=True)
    return {rep.reference for rep in among if rep.reference in html}


def refs(*reps: Representation) -> set[str]:
    return {r.reference for r in reps}


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("bloggs", "jo"),  # a name, any letter case
        ("SAMIRA", "sam"),  # the child's name
        ("07700 900123", "jo"),  # the number as written
        ("+44 7700 900123", "jo"),
        ("900123", "jo"),  # part of it
        ("jo.bloggs@EXAMPLE", "jo"),  # part of an email address
        ("cancelled by the contact", "jo"),  # their words
        ("youth club", "other"),
    ],
)
def test_search_finds_a_case_by_name_number_email_or_words(client, officer, cases, typed, who):
    assert found(client, cases.values(), q=typed) == refs(cases[who])


def test_search_finds_a_reference_however_it_was_typed(client, officer, cases):
    ref = cases["sam"].reference
    assert found(client, cases.values(), q=ref.lower().replace("-", " ")) == {ref}
    assert found(client, cases.values(), q=ref[:4]) >= {ref}


def test_percent_and_underscore_are_searched_for_as_written_not_as_wildcards(client, officer, cases):
    among = cases.values()
    assert found(client, among, q="100%") == refs(cases["sam"])
    assert found(client, among, q="wrong_address") == refs(cases["sam"])
    assert found(client, among, q="_") == refs(cases["sam"])


def test_search_only_finds_cases_the_viewer_may_see(client, sign_in, session):
    [mine, other, *_] = create_teams()
    hidden = create_representation(team_id=other.id, contact_name="Jo Bloggs")
    visible = create_representation(team_id=mine.id, contact_name="Jo Bloggs")
    session.commit()
    sign_in(client, create_staff("manager@council.example", role="manager", team_name=mine.name))
    assert found(client, [hidden, visible], q="bloggs") == {visible.reference}


def test_assigned_to_me_due_this_week_and_overdue_filter_and_combine(client, officer, session):
    today = today_in_london()
    someone = create_staff("someone@council.example", name="Someone Else")
    mine_this_week = create_representation()
    mine_later = create_representation()
    theirs_this_week = create_representation()
    mine_overdue = create_representation()
    due = {
        mine_this_week: end_of_week(today),
        mine_later: end_of_week(today) + timedelta(days=1),
        theirs_this_week: today,
        mine_overdue: today - timedelta(days=1),
    }
    for rep, day in due.items():
        rep.stages[0].due_on = day
        rep.assigned_to_id = someone.id if rep is theirs_this_week else officer.id
    session.commit()
    assert found(client, due, mine="yes") == refs(mine_this_week, mine_later, mine_overdue)
    assert found(client, due, due="week") == refs(mine_this_week, theirs_this_week)
    assert found(client, due, mine="yes", due="week") == refs(mine_this_week)
    assert found(client, due, mine="yes", overdue="yes") == refs(mine_overdue)
    assert found(client, due, mine="yes", due="week", q="nothing like this") == set()


def test_stage_and_team_compose_with_the_search(client, officer, session):
    [team, other, *_] = create_teams()
    a = create_representation(team_id=team.id, contact_name="Alex")
    b = create_representation(team_id=other.id, contact_name="Alex")
    session.commit()
    assert found(client, [a, b], q="alex", team=str(team.id), stage="1") == {a.reference}
    assert found(client, [a, b], q="alex", stage="2") == set()


def test_the_queue_shows_when_each_acknowledgement_is_due_until_it_is_done(client, officer, session):
    late = create_representation(received_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    done = create_representation(received_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    done.acknowledged_on = date(2026, 11, 3)
    session.commit()
    html = client.get("/staff/cases").get_data(as_text=True)
    assert "Acknowledge by" in html
    late_row = html[html.index(late.reference) :].split("</tr>")[0]
    done_row = html[html.index(done.reference) :].split("</tr>")[0]
    assert "5 November 2026" in late_row and "Late" in late_row
    assert "5 November 2026" not in done_row and "Done" in done_row


def test_the_search_box_keeps_what_was_typed_and_the_pages_and_csv_keep_the_search(client, officer, cases, session):
    html = client.get("/staff/cases", query_string={"q": "bloggs", "mine": "yes"}).get_data(as_text=True)
    assert 'value="bloggs"' in html and 'id="filter-mine" name="mine" type="checkbox" value="yes" checked' in html
    assert "/staff/cases.csv?q=bloggs&amp;mine=yes" in html
    export = client.get("/staff/cases.csv", query_string={"q": "bloggs"}).get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(export)))
    assert len(rows) == 2 and cases["jo"].reference in rows[1]


def test_what_was_searched_for_never_reaches_the_audit_trail(client, officer, cases, session):
    client.get("/staff/cases.csv", query_string={"q": "Jo Bloggs 07700 900123", "overdue": "yes"})
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "exported"))
    assert event.detail == "0 cases; filters q=(a search), overdue=yes"
    assert "Bloggs" not in event.detail and "900123" not in event.detail


def test_a_search_reads_what_was_typed_as_every_kind_of_thing_it_could_be():
    assert search_for("") is None
    typed = search_for("k7qm 3xpd")
    assert typed.reference == "K7QM-3XPD" and typed.phone is None and typed.digits is None
    number = search_for("07700 900123")
    assert number.phone == "+447700900123" and number.digits == "7700900123"
    assert search_for("123").digits is None  # too short to mean a number


def test_assigned_to_me_with_no_viewer_finds_nothing_rather_than_everything(session, officer):
    rep = create_representation()
    rep.assigned_to_id = officer.id
    session.commit()
    today = date(2026, 11, 2)
    nobody = QueueQuery(mine=True, viewer_id=None, today=today).filters()
    assert queue_rows(session, officer, nobody, today, today) == []
    assert [r.case.id for r in queue_rows(session, officer, CaseFilter(assigned_to_id=officer.id), today, today)] == [
        rep.id
    ]


def test_due_this_week_runs_from_today_to_sunday():
    assert end_of_week(date(2026, 12, 2)) == date(2026, 12, 6)  # a Wednesday
    assert end_of_week(date(2026, 12, 6)) == date(2026, 12, 6)  # a Sunday
