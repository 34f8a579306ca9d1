"""The annual report to publish: ``report --format pdf`` and the PDF download, read back with pdftotext (skipped
loudly without poppler), and the page's new sections side by side with the year before (rules-reference §10
item 28)."""

from __future__ import annotations

import pytest

from tests.factories import create_staff
from tests.html_checks import assert_page_ok
from tests.letters.pdf_reading import needs_pdftotext, page_count, pdf_text
from tests.support.staff_session import sign_in

NEW_SECTIONS = (
    "previous-year",
    "quarterly",
    "corporate",
    "refusals",
    "pauses",
    "ombudsman-years",
    "payments",
    "resolutions",
    "actions",
    "code-8-1",
)


@needs_pdftotext
def test_report_format_pdf_writes_a_pdf_whose_text_carries_the_headline_figures(app, walked_year, tmp_path):
    out = tmp_path / "report.pdf"
    result = app.test_cli_runner().invoke(args=["report", "--year", "2026", "--format", "pdf", "--output", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF") and page_count(pdf) >= 3
    text = " ".join(pdf_text(pdf).split())
    for words in (
        "Complaints, compliments and comments: annual report 2026/27",
        "Complaints received",
        "This year and the year before",
        "Stage 3: the panel meets",
        "Already considered through the procedure",
        "Court proceedings",
        "£300.00",
        "Book panel members a term ahead",
        "Train staff on call-backs",
        "Our annual letter.",
        "The Ombudsman's Complaint Handling Code",
    ):
        assert words in text, words


def test_a_pdf_needs_a_file_to_go_to(app, walked_year):
    result = app.test_cli_runner().invoke(args=["report", "--year", "2026", "--format", "pdf"])
    assert result.exit_code != 0 and "--output FILE.pdf" in result.output


@needs_pdftotext
def test_the_pdf_download_is_for_publishing_when_asked(client, walked_year):
    sign_in(client, create_staff(email="manager@council.example", role="manager"))
    response = client.get("/staff/reports/2026.pdf?suppress=1")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=annual-report-2026.pdf"
    text = " ".join(pdf_text(response.get_data()).split())
    assert "fewer than 5" in text and "To protect children's privacy" in text


@pytest.mark.parametrize("suppress", ["", "?suppress=1"])
def test_the_report_page_has_the_new_sections_with_the_year_before_side_by_side(client, walked_year, officer, suppress):
    sign_in(client, officer)
    response = client.get(f"/staff/reports/2026{suppress}")
    page = assert_page_ok(response)
    html = response.get_data(as_text=True)
    for section in NEW_SECTIONS:
        assert f'id="{section}"' in html, section
    assert "2025/26" in html, "the year before"
    assert "Stage 3: the panel meets" in html
    assert page.h1s == ["Complaints, compliments and comments: annual report 2026/27"]
