"""The CSV export: the filtered queue, formula injection neutralised, and audited."""

from __future__ import annotations

import csv
import io

import pytest

from intake.domain import casework
from intake.models import AuditEvent, Kind
from intake.staff.export import safe_cell
from tests.factories import create_representation, create_staff


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Leaving care", "Leaving care"),
        ("a=b", "a=b"),
        (None, ""),
        (3, "3"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_escaped(value, expected):
    assert safe_cell(value) == expected


def test_the_export_is_the_filtered_queue_with_injection_escaped_and_is_audited(client, sign_in, session):
    officer = create_staff()
    evil = create_staff("evil@council.example", role="manager", name="=cmd|' /C calc'!A0")
    complaint = create_representation()
    casework.assign(session, complaint, officer, evil.id)
    evil.email = "=1+1@council.example"
    session.commit()
    compliment = create_representation(kind=Kind.COMPLIMENT, what_happened="Thanks")
    sign_in(client, officer)
    response = client.get("/staff/cases.csv?kind=complaint")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "reference" and len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["reference"] == complaint.reference and compliment.reference not in response.get_data(as_text=True)
    assert record["assigned_to"] == "'=1+1@council.example"
    assert record["rag"] in {"red", "amber", "green"}
    assert "never calls me back" not in response.get_data(as_text=True)  # no one's own words in the export
    assert session.query(AuditEvent).filter_by(action="exported", actor_id=officer.id).count() == 1
