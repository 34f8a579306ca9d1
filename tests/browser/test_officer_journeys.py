"""An officer's and an advocate's day in a real browser (Chromium), with axe-core on every page they see.

- Recording what arrived by email, letter, telephone and in person: the form, its errors, the case it makes,
  and a letter's scan uploaded to it (and a program refused).
- The advocate's referrals queue: a child asked for an advocate on the phone; the advocate reads the referral,
  is refused until they declare they are independent, then accepts it, and it becomes one of their cases.
- The queue's search and its new filters: assigned to me, due this week.
"""

from __future__ import annotations

from datetime import date

import pyotp
from sqlalchemy import select

from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.models import Attachment, Channel, Representation
from intake.staff.queue import end_of_week
from tests.browser.axe import assert_no_axe_violations
from tests.browser.navigation import click_and_load
from tests.factories import PASSWORD, create_representation, create_staff
from tests.mailbox import samples

METHODS = {"email": "Email", "letter": "Letter", "telephone": "Telephone", "in_person": "In person"}


def signed_in(browser, live_server, user):
    """A page signed in as ``user`` through the real sign-in pages (password, then the authenticator code)."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server + "/staff/login")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    click_and_load(page, "button:has-text('Continue')")
    page.fill("#code", pyotp.TOTP(user.totp_secret).now())
    click_and_load(page, "button:has-text('Sign in')")
    assert "/staff/" in page.url and "login" not in page.url
    return context, page


def fill_record(page, method: str, day: date, words: str, **extra) -> None:
    page.check(f"input[name=method][value={method}]")
    page.fill("#received-day", str(day.day))
    page.fill("#received-month", str(day.month))
    page.fill("#received-year", str(day.year))
    page.check(f"input[name=kind][value={extra.get('kind', 'complaint')}]")
    page.check(f"input[name=submitted_by][value={extra.get('submitted_by', 'parent')}]")
    if extra.get("submitted_by", "parent") != "child":
        page.check("input[name=for_child][value=yes]")
        page.check("input[name=child_agreement][value=yes]")
    if extra.get("advocate_requested"):
        page.check("input[name=advocate_requested][value=yes]")
    page.fill("#what_happened", words)
    page.fill("#contact_email", "pat@example.com")
    page.check("input[name=safe_to_contact][value=yes]")


def test_the_officer_records_a_case_by_each_method_and_adds_a_letters_scan_with_no_accessibility_violations(
    app, browser, live_server, session, tmp_path, monkeypatch
):
    monkeypatch.setitem(app.config, "ATTACHMENT_DIR", str(tmp_path / "attachments"))
    officer = create_staff(name="Olu Officer")
    context, page = signed_in(browser, live_server, officer)

    click_and_load(page, "a:has-text('Record a case')")
    assert page.title().startswith("Record a case")
    assert_no_axe_violations(page, "the record-a-case form")
    click_and_load(page, "button:has-text('Record it')")
    assert page.title().startswith("Error: Record a case")
    assert "Select how it reached us" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, "the record-a-case form with errors")

    friday = date(2026, 11, 6)
    for method, label in METHODS.items():
        page.goto(live_server + "/staff/cases/new")
        fill_record(page, method, friday, f"{label}: nobody has visited since September.")
        click_and_load(page, "button:has-text('Record it')")
        assert page.title().startswith("Case ") and "Recorded as" in page.content()
        assert f"{label}: nobody has visited since September." in page.locator("#what-happened").inner_text()
    assert_no_axe_violations(page, "a recorded case")

    db.session.expire_all()
    recorded = db.session.scalars(select(Representation)).all()
    assert sorted(r.channel.value for r in recorded) == sorted(Channel(m).value for m in METHODS)
    assert {r.received_on for r in recorded} == {friday}

    click_and_load(page, "#add-file-link")
    assert_no_axe_violations(page, "adding a file")
    page.set_input_files(
        "#file", {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": samples.WINDOWS_PROGRAM}
    )
    click_and_load(page, "button:has-text('Add the file')")
    assert page.title().startswith("Error: Add a file") and "active content" in page.content()
    assert_no_axe_violations(page, "a program refused")
    scan = {"name": "Scan of the letter.pdf", "mimeType": "application/pdf", "buffer": samples.PLAIN_PDF}
    page.set_input_files("#file", scan)
    click_and_load(page, "button:has-text('Add the file')")
    assert "File added: Scan of the letter.pdf." in page.content()
    assert page.locator("#files-table").inner_text().count("Scan of the letter.pdf") == 1
    db.session.expire_all()
    assert db.session.scalar(select(Attachment)).media_type == "application/pdf"

    page.goto(live_server + "/staff/cases/new?lang=ar")  # staff who read Arabic: the form right to left
    assert page.get_attribute("html", "dir") == "rtl" and "كيف وصلتنا؟" in page.content()
    assert_no_axe_violations(page, "the record-a-case form in Arabic")
    context.close()


def test_an_advocate_accepts_a_referral_from_the_queue_with_no_accessibility_violations(
    app, browser, live_server, session
):
    officer = create_staff(name="Olu Officer")
    advocate = create_staff("ade@advocacy.example", role="advocate", name="Ade Advocate")
    context, page = signed_in(browser, live_server, officer)
    page.goto(live_server + "/staff/cases/new")
    fill_record(
        page,
        "telephone",
        date(2026, 11, 30),
        "I want someone on my side about my contact visits.",
        submitted_by="child",
        advocate_requested=True,
    )
    click_and_load(page, "button:has-text('Record it')")
    reference = page.title().split()[1]
    context.close()

    context, page = signed_in(browser, live_server, advocate)
    click_and_load(page, "nav a:has-text('Referrals')")
    assert page.title().startswith("Advocacy referrals")
    assert_no_axe_violations(page, "the referrals queue")
    click_and_load(page, f"#waiting a:has-text('{reference}')")
    assert "I want someone on my side about my contact visits." in page.content()
    assert "pat@example.com" not in page.content()  # their contact details are the advocate's once accepted
    assert_no_axe_violations(page, "a referral")
    click_and_load(page, "button:has-text('Accept this referral')")  # not yet declared: refused, saying why
    assert (
        page.title().startswith("Error: ")
        and "ask another advocate" in page.locator(".govuk-error-summary").inner_text()
    )
    assert_no_axe_violations(page, "a referral refused without the declaration")
    for part in (
        "I am not the subject of the complaint or comment",
        "I do not manage anyone who is the subject of it",
        "I do not manage the service it is about",
    ):
        page.get_by_label(part).check()
    click_and_load(page, "button:has-text('Accept this referral')")
    assert page.title().startswith(f"Case {reference}") and "now one of your cases" in page.content()
    assert "pat@example.com" in page.content()
    assert_no_axe_violations(page, "the accepted case")
    click_and_load(page, "nav a:has-text('Referrals')")
    assert reference in page.locator("#accepted").inner_text()
    assert reference not in page.locator("#waiting").inner_text()
    context.close()


def test_the_officer_searches_and_filters_the_queue_with_no_accessibility_violations(
    app, browser, live_server, session
):
    officer = create_staff(name="Olu Officer")
    today = today_in_london()
    mine = create_representation(contact_name="Jo Bloggs", what_happened="My visits keep being cancelled.")
    mine.assigned_to_id = officer.id
    mine.stages[0].due_on = end_of_week(today)
    later = create_representation(contact_name="Sam Smith")
    later.assigned_to_id = officer.id
    later.stages[0].due_on = end_of_week(today).replace(year=today.year + 1)
    theirs = create_representation(contact_name="Jo Other")
    theirs.stages[0].due_on = today
    session.commit()

    context, page = signed_in(browser, live_server, officer)
    page.fill("#filter-q", "visits keep being")
    click_and_load(page, "#queue-search button")
    rows = page.locator("tbody").inner_text()
    assert mine.reference in rows and later.reference not in rows and theirs.reference not in rows
    assert_no_axe_violations(page, "the queue searched")

    page.fill("#filter-q", "")
    page.check("#filter-mine")
    page.check("#filter-due")
    click_and_load(page, "#queue-search button")
    rows = page.locator("tbody").inner_text()
    assert mine.reference in rows and later.reference not in rows and theirs.reference not in rows
    assert page.is_checked("#filter-mine") and page.is_checked("#filter-due")
    assert_no_axe_violations(page, "the queue filtered by assigned to me and due this week")

    page.uncheck("#filter-mine")
    click_and_load(page, "#queue-search button")
    rows = page.locator("tbody").inner_text()
    assert mine.reference in rows and theirs.reference in rows and later.reference not in rows
    assert "Acknowledge by" in page.locator("thead").inner_text()
    context.close()
