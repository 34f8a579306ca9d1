"""A reasonable adjustment recorded in a real browser (Chromium), with axe-core on each page: the officer opens the
form on the case page, is told what is missing, records an agreed adjustment with its review date, and sees it
listed on the case page."""

from __future__ import annotations

from datetime import timedelta

from intake.domain.casework import today_in_london
from tests.browser.axe import assert_no_axe_violations
from tests.browser.navigation import click_and_load
from tests.browser.test_officer_journeys import signed_in
from tests.factories import create_representation, create_staff


def test_the_officer_records_an_agreed_adjustment_with_a_review_date_and_sees_it_on_the_case_page(
    browser, live_server, session
):
    officer = create_staff(name="Olu Officer")
    rep = create_representation(what_happened="Nobody reads my letters.")
    context, page = signed_in(browser, live_server, officer)
    page.goto(f"{live_server}/staff/cases/{rep.reference}")
    assert page.locator("#no-adjustments").is_visible()

    page.click("summary:has-text('Record a reasonable adjustment')")
    page.select_option("#adjustment-kind", "easy_read")
    page.fill("#adjustment-requested", "Letters in easy read, with pictures")
    page.check("input[name='adjustment-agreed'][value=yes]")
    click_and_load(page, "button:has-text('Record the adjustment')")
    assert page.title().startswith("Error: ")
    assert "Enter a review date" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, "the adjustment form with its error")

    review = today_in_london() + timedelta(days=90)
    page.fill("#adjustment-review_on-day", str(review.day))
    page.fill("#adjustment-review_on-month", str(review.month))
    page.fill("#adjustment-review_on-year", str(review.year))
    click_and_load(page, "button:has-text('Record the adjustment')")
    listed = page.locator("#adjustments").inner_text()
    assert "Easy read" in listed and "Letters in easy read, with pictures" in listed
    assert review.strftime("%-d %B %Y") in listed and "Review overdue" not in listed
    assert_no_axe_violations(page, "the case page with an adjustment")
    context.close()
