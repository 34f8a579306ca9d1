"""The staff report pages: who may see them, every section of the annual report, accessible charts."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.domain.records_import import import_records
from intake.extensions import db
from intake.models import ReportNarrative, Representation, Status, Team
from tests.factories import create_staff
from tests.html_checks import assert_page_ok, csrf_token, parse
from tests.support.staff_session import sign_in

SAMPLE = Path(__file__).parent.parent / "fixtures" / "historic_records.csv"
SECTIONS = (
    "key-facts",
    "received",
    "trend",
    "outcomes",
    "teams-methods",
    "categories",
    "timescales",
    "ombudsman",
    "compensation",
    "learning",
    "improvements",
)


def signed_in(client, role="complaints_officer", **kwargs):
    user = create_staff(email=f"{role}@council.example", role=role, **kwargs)
    return sign_in(client, user)


@pytest.fixture
def history(settings):
    import_records(db.session, SAMPLE.read_bytes(), settings, source="sample")


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("complaints_officer", "/staff/reports/", 200),
        ("manager", "/staff/reports/2017", 200),
        ("rights_officer", "/staff/reports/2017.json", 200),
        ("advocate", "/staff/reports/2017", 403),
        ("admin", "/staff/reports/2017.csv", 403),
        ("rights_officer", "/staff/reports/rag", 403),
        ("manager", "/staff/reports/2017/narrative", 403),
        ("complaints_officer", "/staff/reports/2017/narrative", 200),
        ("complaints_officer", "/staff/reports/rag.csv", 200),
        ("complaints_officer", "/staff/reports/1999", 404),
        ("complaints_officer", "/staff/reports/2099", 404),
        ("complaints_officer", "/staff/reports/twenty", 404),
    ],
)
def test_each_report_page_is_open_only_to_its_roles(client, history, role, url, status):
    assert signed_in(client, role).get(url).status_code == status


def test_the_year_picker_leads_to_the_chosen_years_report(client, history):
    signed_in(client)
    page = client.get("/staff/reports/")
    assert_page_ok(page)
    assert "2016/17" in page.get_data(as_text=True)
    response = client.post("/staff/reports/", data={"csrf_token": csrf_token(page), "year": "2016", "suppress": "y"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/reports/2016?suppress=1")


def test_choosing_a_year_not_offered_shows_an_error(client, history):
    signed_in(client)
    page = client.get("/staff/reports/")
    response = client.post("/staff/reports/", data={"csrf_token": csrf_token(page), "year": "1066"})
    assert response.status_code == 200
    assert_page_ok(response, errors=True)


def test_the_annual_report_has_every_section_of_a_council_report(client, history):
    page = assert_page_ok(signed_in(client).get("/staff/reports/2017"))
    html = client.get("/staff/reports/2017").get_data(as_text=True)
    for section in SECTIONS:
        assert f'id="{section}"' in html, section
    assert page.h1s[0].startswith("Complaints, compliments and comments: annual report 2017/18")
    assert "Leaving care" in html and "£150.00" in html


def test_every_chart_is_an_svg_image_with_a_title_a_description_and_a_table(client, history):
    html = signed_in(client).get("/staff/reports/2018").get_data(as_text=True)
    charts = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(charts) == 5  # the trend, outcomes, methods, the year before, the quarters
    for svg in charts:
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert 'role="img"' in svg
        assert f'<title id="{labelled_by[0]}">' in svg and f'<desc id="{labelled_by[1]}">' in svg
        assert "<script" not in svg and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert html.count("govuk-table__caption") >= 8  # the charts' figures are all in tables too


def test_the_publishing_version_shows_fewer_than_5_instead_of_small_counts(client, history):
    signed_in(client)
    full = client.get("/staff/reports/2017").get_data(as_text=True)
    published = client.get("/staff/reports/2017?suppress=1").get_data(as_text=True)
    assert "fewer than 5" not in full
    assert "fewer than 5" in published
    data = json.loads(client.get("/staff/reports/2017.json?suppress=1").get_data(as_text=True))
    assert data["comments"] == "<5"


def test_the_json_and_csv_downloads_carry_the_report(client, history):
    signed_in(client)
    response = client.get("/staff/reports/2016.json")
    assert response.mimetype == "application/json"
    assert json.loads(response.get_data(as_text=True))["year"] == "2016/17"
    csv = client.get("/staff/reports/2016.csv")
    assert csv.mimetype == "text/csv" and csv.get_data(as_text=True).startswith("section,item,value")


def test_the_complaints_officer_writes_the_learning_sections_and_they_are_escaped_in_the_report(client, history):
    signed_in(client)
    page = client.get("/staff/reports/2017/narrative")
    assert_page_ok(page)
    response = client.post(
        "/staff/reports/2017/narrative",
        data={
            "csrf_token": csrf_token(page),
            "learning": "Call back within a day.\n\n<script>alert(1)</script>",
            "service_improvements": "A text number for children in care.",
        },
    )
    assert response.status_code == 302
    rows = db.session.scalars(select(ReportNarrative).order_by(ReportNarrative.section)).all()
    assert [(r.year, r.section, r.updated_by) for r in rows] == [
        (2017, "learning", "complaints_officer@council.example"),
        (2017, "service_improvements", "complaints_officer@council.example"),
    ]
    html = client.get("/staff/reports/2017").get_data(as_text=True)
    assert "Call back within a day." in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "The written sections for 2017/18 are saved." in html
    # Another year's report does not show them.
    assert "Call back within a day." not in client.get("/staff/reports/2016").get_data(as_text=True)


def test_an_overlong_learning_section_is_refused_with_a_clear_message(client, history):
    signed_in(client)
    page = client.get("/staff/reports/2017/narrative")
    response = client.post(
        "/staff/reports/2017/narrative", data={"csrf_token": csrf_token(page), "learning": "x" * 20001}
    )
    assert response.status_code == 200
    assert_page_ok(response, errors=True)
    assert "What we learnt must be 20000 characters or fewer" in response.get_data(as_text=True)


@pytest.fixture
def fostering_case(history, settings):
    import_records(
        db.session,
        "reference,kind,procedure,received_on,team,outcome\n"
        f"F-1,complaint,statutory,{date.today().isoformat()},Fostering,open\n",
        settings,
    )
    return db.session.scalar(select(Team).where(Team.name == "Fostering"))


def test_the_rag_page_colours_every_open_case_for_the_complaints_officer(client, fostering_case):
    everyone = signed_in(client, "complaints_officer").get("/staff/reports/rag")
    assert_page_ok(everyone)
    body = everyone.get_data(as_text=True)
    assert "CS-2019-0001" in body and "F-1" in body and "Red: overdue" in body and "Green: on time" in body


def test_a_manager_sees_only_their_own_teams_open_cases(client, fostering_case):
    fostering = fostering_case
    csv = (
        signed_in(client, "manager", team_name="Fostering")
        .get("/staff/reports/rag.csv")
        .get_data(as_text=True)
        .splitlines()
    )
    assert csv[0] == "team,reference,kind,stage,due_on,rag,step"
    assert [line.split(",")[1] for line in csv[1:]] == ["F-1"]
    assert db.session.scalar(select(Representation.team_id).where(Representation.reference == "F-1")) == fostering.id


def test_the_rag_report_leaves_closed_cases_out(client, history):
    closed = db.session.scalars(select(Representation).where(Representation.status != Status.OPEN)).all()
    signed_in(client)
    body = client.get("/staff/reports/rag").get_data(as_text=True)
    assert closed and not any(f">{rep.reference}<" in body for rep in closed)
    assert parse(body).h1s == ["Open cases against their due dates"]
    assert datetime.now(UTC).year >= 2019  # the sample's open case is long overdue, so it is red
    assert "hys-rag--red" in body
