"""The import-records, report and rag-report commands, run as an operator would."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from intake.extensions import db
from intake.models import Representation

SAMPLE = Path(__file__).parent.parent / "fixtures" / "historic_records.csv"


def test_import_records_imports_the_file_and_says_what_it_did(app):
    result = app.test_cli_runner().invoke(args=["import-records", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Imported 41 record(s)" in result.output and "41 new, 0 updated, 0 unchanged" in result.output
    again = app.test_cli_runner().invoke(args=["import-records", str(SAMPLE)])
    assert "0 new, 0 updated, 41 unchanged" in again.output


def test_a_file_with_problems_exits_non_zero_listing_each_problem_and_imports_nothing(app, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,kind,received_on\nA,complaint,2016-04-01\nB,complaynt,2016-02-30\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-records", str(bad)])
    assert result.exit_code == 1
    assert "Nothing was imported: 2 problem(s)" in result.output
    assert "Line 3, column kind:" in result.output and "Line 3, column received_on:" in result.output
    assert db.session.scalar(select(func.count()).select_from(Representation)) == 0


def test_report_writes_the_json_report_to_a_file(app, tmp_path):
    app.test_cli_runner().invoke(args=["import-records", str(SAMPLE)])
    out = tmp_path / "report.json"
    result = app.test_cli_runner().invoke(args=["report", "--year", "2016", "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["year"] == "2016/17"
    assert data["complaints"]["total"] == sum(
        1 for line in SAMPLE.read_text().splitlines() if ",CS-2016-" in line and ",complaint," in line
    )


def test_report_as_csv_and_suppressed_for_publishing(app):
    app.test_cli_runner().invoke(args=["import-records", str(SAMPLE)])
    result = app.test_cli_runner().invoke(args=["report", "--year", "2017", "--format", "csv", "--suppress-small"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "section,item,value"
    assert "year,,2017/18" in lines
    assert "comments,,<5" in lines


def test_report_as_printable_html_with_charts(app):
    app.test_cli_runner().invoke(args=["import-records", str(SAMPLE)])
    result = app.test_cli_runner().invoke(args=["report", "--year", "2018", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert "annual report 2018/19" in result.output and 'role="img"' in result.output


def test_report_refuses_a_year_that_is_not_a_year(app):
    result = app.test_cli_runner().invoke(args=["report", "--year", "17", "--format", "json"])
    assert result.exit_code == 2 and "--year" in result.output


def test_rag_report_lists_open_cases_by_team_as_text_and_csv(app):
    app.test_cli_runner().invoke(args=["import-records", str(SAMPLE)])
    text = app.test_cli_runner().invoke(args=["rag-report"])
    assert text.exit_code == 0 and "Leaving care" in text.output
    csv = app.test_cli_runner().invoke(args=["rag-report", "--format", "csv"])
    assert csv.output.splitlines() == [
        "team,reference,kind,stage,due_on,rag,step",
        "Leaving care,CS-2019-0001,complaint,1,2019-05-29,red,response",
    ]
