"""The complaints officer's journey in a real browser, with axe on every staff page.

Sign in with a password and an authenticator code (computed with pyotp), find
the case in the queue, open it, acknowledge it, extend stage 1 and record the
response, then raise an immediate-danger alert and find it first on the alerts list.
axe-core (WCAG 2.0/2.1/2.2 A and AA tags) must find zero violations on the sign-in
pages, the queue, the case page (with its action forms open and with an error
shown) and the alerts page.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyotp

from intake.domain import casework
from intake.extensions import db
from intake.models import Representation
from tests.browser.axe import assert_no_axe_violations
from tests.browser.navigation import click_and_load
from tests.factories import PASSWORD, create_representation, create_staff


def axe(page, label):
    assert_no_axe_violations(page, label)


def test_the_officer_acknowledges_extends_and_responds_with_no_accessibility_violations(
    app, browser, live_server, session, settings
):
    officer = create_staff(name="Olu Officer")
    rep = create_representation(
        what_happened="<b>Nobody</b> calls me back\nI have waited weeks",
        received_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
    )
    other = create_representation(what_happened="I'm scared at home")
    casework.raise_alert(session, other, officer, settings, "Scared at home")
    session.commit()
    ref = rep.reference

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server + "/staff/login")
    axe(page, "sign in")
    page.fill("#email", officer.email)
    page.fill("#password", "wrong-password-here")
    click_and_load(page, "button:has-text('Continue')")
    assert page.title().startswith("Error: Sign in")
    axe(page, "sign in with an error")
    page.fill("#password", PASSWORD)
    click_and_load(page, "button:has-text('Continue')")
    axe(page, "code")
    page.fill("#code", pyotp.TOTP(officer.totp_secret).now())
    click_and_load(page, "button:has-text('Sign in')")

    assert page.url.endswith("/staff/cases")
    axe(page, "queue")
    rows = page.locator("tbody tr")
    assert other.reference in rows.nth(0).inner_text() and "Safeguarding alert" in rows.nth(0).inner_text()
    click_and_load(page, f"a:has-text('{ref}')")

    # kept as written and shown as text, line break kept
    assert page.locator("#what-happened").inner_text() == "<b>Nobody</b> calls me back\nI have waited weeks"
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    axe(page, "case page with every action open")

    click_and_load(page, page.locator("#acknowledge-form button"))
    assert "Acknowledged today." in page.content()

    page.locator("#action-extend summary").click()
    page.fill("#extend-new_due-day", "1")
    page.fill("#extend-new_due-month", "12")
    page.fill("#extend-new_due-year", "2026")
    page.fill("#extend-reason", "Complex: three teams involved")
    click_and_load(page, page.locator("#extend-form button"))
    assert page.title().startswith("Error: Case")
    assert "latest date is 30 November 2026" in page.content()
    axe(page, "case page with an error")
    page.fill("#extend-new_due-day", "30")
    page.fill("#extend-new_due-month", "11")
    click_and_load(page, page.locator("#extend-form button"))
    assert "due 30 November 2026" in page.content()

    page.locator("#action-respond summary").click()
    page.check("#respond-outcome")
    page.fill("#respond-responded_on-day", "27")
    page.fill("#respond-responded_on-month", "11")
    page.fill("#respond-responded_on-year", "2026")
    click_and_load(page, page.locator("#respond-form button"))
    assert "Stage 1 response recorded." in page.content()

    page.locator("#action-raise_alert summary").click()
    page.fill("#alert-reason", "Says he cannot go home tonight")
    click_and_load(page, page.locator("#alert-form button"))
    assert page.title().startswith("Error: Case") and "Select how urgent it is" in page.content()
    axe(page, "raising an alert without its level")
    page.check("#alert-level")  # immediate danger
    click_and_load(page, page.locator("#alert-form button"))
    assert "Immediate danger alert raised and sent urgently." in page.content()
    assert "Immediate danger" in page.locator("#open-alerts").inner_text()

    page.goto(live_server + "/staff/alerts")
    axe(page, "alerts")
    first = page.locator("tbody tr").nth(0).inner_text()
    assert ref in first and "Immediate danger" in first  # ranked above the older concern
    context.close()

    db.session.expire_all()
    stage = db.session.query(Representation).filter_by(reference=ref).one().stages[0]
    assert stage.extended_due_on.isoformat() == "2026-11-30" and stage.outcome.value == "upheld"
