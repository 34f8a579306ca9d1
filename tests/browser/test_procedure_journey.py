"""One complaint through stages 1, 2 and 3 in a real browser, with a reg 8 pause and an Ombudsman referral, and
the annual report for that year showing each figure; axe-core (WCAG 2.2 A and AA) on every page on the way,
error states included (rules-reference §10 items 15-20, 27, 28).

The complaint arrives on Monday 13 April 2026 (2026/27). It is paused for 5 working days at stage 1. Stage 3
is asked for on Monday 8 June; the panel meets on day 30 (Monday 20 July), reports on day 35 (Monday 27 July)
and the council answers on day 50 (Monday 17 August): on time at every step.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyotp

from intake.extensions import db
from intake.models import Representation
from tests.browser.axe import assert_no_axe_violations
from tests.browser.navigation import click_and_load
from tests.factories import PASSWORD, create_representation, create_staff


def fill_date(page, field_id: str, day: date) -> None:
    page.fill(f"#{field_id}-day", str(day.day))
    page.fill(f"#{field_id}-month", str(day.month))
    page.fill(f"#{field_id}-year", str(day.year))


def choose(page, name: str, value: str) -> None:
    page.check(f"input[name='{name}'][value='{value}']")


def submit(page, prefix: str, expect: str) -> None:
    """Open the action (if closed), send its form, and check the page says it was done."""
    page.evaluate("id => { document.getElementById(id).closest('details').open = true; }", f"{prefix}-form")
    click_and_load(page, page.locator(f"#{prefix}-form button"))
    assert expect in page.content(), page.locator(".govuk-error-summary").all_inner_texts() or page.url


def open_action(page, name: str) -> None:
    details = page.locator(f"#action-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def sign_in(page, live_server, officer) -> None:
    page.goto(live_server + "/staff/login")
    page.fill("#email", officer.email)
    page.fill("#password", PASSWORD)
    click_and_load(page, "button:has-text('Continue')")
    page.fill("#code", pyotp.TOTP(officer.totp_secret).now())
    click_and_load(page, "button:has-text('Sign in')")


def stage_1(page, axe) -> None:
    open_action(page, "triage")
    choose(page, "triage-procedure", "statutory")
    submit(page, "triage", "Triage saved.")
    submit(page, "acknowledge", "Acknowledged today.")
    open_action(page, "point")
    page.fill("#point-summary", "No reply to calls since March")
    submit(page, "point", "Point 1 added.")
    open_action(page, "pause")
    choose(page, "pause-reason", "court")
    page.fill("#pause-detail", "Care proceedings in the family court")
    fill_date(page, "pause-paused_on", date(2026, 4, 15))
    submit(page, "pause", "The case is paused")
    assert "Paused: no deadline runs" in page.content() and "Court proceedings" in page.locator("#paused").inner_text()
    axe(page, "a paused case")
    open_action(page, "resume")
    fill_date(page, "resume-resumed_on", date(2026, 4, 22))
    submit(page, "resume", "moved by 5 working days")
    open_action(page, "point_outcome")
    choose(page, "point_outcome-outcome", "not_upheld")
    submit(page, "point_outcome", "Outcome recorded: Not upheld.")
    open_action(page, "respond")
    choose(page, "respond-outcome", "not_upheld")
    fill_date(page, "respond-responded_on", date(2026, 4, 30))
    submit(page, "respond", "Stage 1 response recorded.")


def stage_2(page, axe) -> None:
    open_action(page, "escalate")
    fill_date(page, "escalate-requested_on", date(2026, 5, 5))
    submit(page, "escalate", "Stage 2 started.")
    open_action(page, "investigation")
    page.fill("#investigation-io_name", "Pat Jones")
    page.fill("#investigation-io_organisation", "Jones Investigations")
    for value in ("not_involved", "not_line_manager"):
        choose(page, "investigation-io_declarations", value)
    page.fill("#investigation-ip_name", "Alex Smith")
    page.fill("#investigation-ip_email", "alex.smith@council.example")  # the council's own: an employee
    for value in ("not_involved", "not_line_manager", "not_council", "not_council_partner"):
        choose(page, "investigation-ip_declarations", value)
    fill_date(page, "investigation-appointed_on", date(2026, 5, 6))
    click_and_load(page, page.locator("#investigation-form button"))
    assert page.title().startswith("Error: Case")
    assert "cannot be an officer of the council" in page.locator(".govuk-error-summary").inner_text()
    axe(page, "an Independent Person who is an employee, refused")
    page.fill("#investigation-ip_email", "alex@independent-reviews.example")
    submit(page, "investigation", "Investigating Officer and Independent Person appointed.")
    open_action(page, "statement")
    fill_date(page, "statement-agreed_on", date(2026, 5, 11))
    submit(page, "statement", "The stage 2 clock still runs from the request.")
    open_action(page, "investigation_report")
    fill_date(page, "inv_report-received_on", date(2026, 6, 2))
    submit(page, "inv_report", "Investigation report recorded.")
    open_action(page, "point_outcome")
    choose(page, "point_outcome-outcome", "partly_upheld")
    submit(page, "point_outcome", "Outcome recorded: Partly upheld.")
    open_action(page, "adjudication")
    page.fill("#adjudication-adjudicator", "Sam Okafor, Head of Service")
    page.check("#adjudication-senior_manager")
    fill_date(page, "adjudication-adjudicated_on", date(2026, 6, 3))
    submit(page, "adjudication", "Adjudication recorded.")
    open_action(page, "respond")
    choose(page, "respond-outcome", "partly_upheld")
    fill_date(page, "respond-responded_on", date(2026, 6, 4))
    submit(page, "respond", "Stage 2 response recorded.")


def stage_3(page, axe) -> None:
    open_action(page, "escalate")
    fill_date(page, "escalate-requested_on", date(2026, 6, 8))
    submit(page, "escalate", "Stage 3 started.")
    open_action(page, "panel")
    for i, name in enumerate(("Ann Lee", "Bo Chen", "Cy Dunn"), start=1):
        page.fill(f"#panel-member_{i}", name)
    choose(page, "panel-chair", "3")
    fill_date(page, "panel-meeting_on", date(2026, 7, 20))  # day 30
    page.fill("#panel-advocate", "Kim Ross (Barnardo's)")
    page.fill("#panel-companion", "Her aunt, Jo")
    submit(page, "panel", "Its report is due 27 July 2026.")
    open_action(page, "panel_report")
    fill_date(page, "panel_report-received_on", date(2026, 7, 27))  # day 35
    page.fill("#panel_report-recommendations", "Apologise in writing\nReview the call-back rota")
    submit(page, "panel_report", "The council's response is due 17 August 2026.")
    assert "The panel's report" in page.locator("#stage-3-clocks").inner_text()
    open_action(page, "recommendation")
    page.select_option("#recommendation-recommendation", index=1)
    choose(page, "recommendation-decision", "reject")
    click_and_load(page, page.locator("#recommendation-form button"))
    assert "reasons for not accepting" in page.locator(".govuk-error-summary").inner_text()
    axe(page, "a recommendation rejected without reasons, refused")
    page.fill("#recommendation-reasons", "The rota was changed in July")
    submit(page, "recommendation", "Recommendation not accepted. The reasons are recorded.")
    open_action(page, "recommendation")
    page.select_option("#recommendation-recommendation", index=0)
    choose(page, "recommendation-decision", "accept")
    submit(page, "recommendation", "Recommendation accepted.")
    open_action(page, "point_outcome")
    choose(page, "point_outcome-outcome", "upheld")
    submit(page, "point_outcome", "Outcome recorded: Upheld.")
    open_action(page, "council_response")
    fill_date(page, "council_response-responded_on", date(2026, 8, 17))  # day 50
    page.check("#council_response-with_ip")
    submit(page, "council_response", "The council's response is recorded.")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    axe(page, "the case after stage 3, every action open")


def after_the_stages(page) -> None:
    open_action(page, "ombudsman")
    fill_date(page, "ombudsman-referred_on", date(2026, 9, 1))
    page.fill("#ombudsman-lgo_reference", "26 001 234")
    submit(page, "ombudsman", "Ombudsman referral recorded.")
    open_action(page, "payment")
    page.fill("#payment-amount", "0")
    fill_date(page, "payment-paid_on", date(2026, 10, 1))
    page.select_option("#payment-reason", "time_and_trouble")
    page.fill("#payment-detail", "For the time and trouble of complaining")
    click_and_load(page, page.locator("#payment-form button"))
    assert "Enter an amount between £0.01" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#payment-amount", "250")
    submit(page, "payment", "Payment recorded.")


def test_one_complaint_through_three_stages_with_a_pause_and_the_ombudsman_and_the_year_report_shows_each_figure(
    app, browser, live_server, session
):
    officer = create_staff(name="Olu Officer")
    rep = create_representation(
        what_happened="Nobody calls me back", received_at=datetime(2026, 4, 13, 10, 0, tzinfo=UTC)
    )
    session.commit()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)

    def axe(p, label):
        assert_no_axe_violations(p, label)

    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/staff/cases/{rep.reference}")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    axe(page, "a new complaint, every action open")
    stage_1(page, axe)
    stage_2(page, axe)
    stage_3(page, axe)
    after_the_stages(page)
    assert "Kim Ross (Barnardo&#39;s)" in page.content() or "Kim Ross (Barnardo's)" in page.content()
    assert "26 001 234" in page.locator("#table-referrals").inner_text()

    page.goto(f"{live_server}/staff/reports/2026")
    axe(page, "the annual report 2026/27")
    timescales = page.locator("#table-timescales").inner_text()
    for stage in (
        "Stage 1: local resolution",
        "Stage 2: investigation",
        "Stage 3: the panel meets",
        "Stage 3: the panel's report",
        "Stage 3: the council's response",
    ):
        row = page.locator("#table-timescales tr", has_text=stage).inner_text().split("\t")
        assert row[2].strip() == "1" and row[3].strip() == "0", (stage, row)  # within 1, over 0
    assert "Stage 3: review panel, as a whole" in timescales
    assert "Upheld" in page.locator("#table-outcomes").inner_text()
    assert "Court proceedings" in page.locator("#table-pauses").inner_text()
    assert "Referred this year" in page.locator("#table-ombudsman-years").inner_text()
    lgo = page.locator("#table-lgo tr", has_text="Referred to the Ombudsman").inner_text()
    assert lgo.split("\t")[-1].strip() == "1"
    assert "£250.00" in page.locator("#table-payments").inner_text()
    assert "2025/26" in page.locator("#table-previous-year").inner_text()
    q1 = page.locator("#table-quarterly tr", has_text="Q1").inner_text().split("\t")
    assert q1[1].strip() == "1"  # received in April: the first quarter
    page.goto(f"{live_server}/staff/reports/rag")
    axe(page, "the RAG report")
    context.close()

    db.session.expire_all()
    stages = db.session.query(Representation).filter_by(reference=rep.reference).one().stages
    assert [s.outcome.value for s in stages] == ["not_upheld", "partly_upheld", "upheld"]
    assert stages[0].paused_working_days == 5 and stages[2].response_with_ip
