"""Letters in a real browser: previewed, edited, sent and downloaded, in English and in Arabic, with axe.

The officer signs in (password and authenticator code), opens a case, follows its Letters link, writes a
stage 1 response, previews it (markup they typed shows as typed), meets an error, sends it by email and
downloads the stored PDF. Then, with the staff pages in Arabic, an Arabic letter is previewed right to left
and printed for post. axe-core (WCAG 2.2 A and AA) must find nothing on any of these pages.
"""

from __future__ import annotations

from pathlib import Path

import pyotp

from intake.extensions import db
from intake.models import ContactMethod, Letter, Procedure, SubmittedBy
from tests.browser.axe import assert_no_axe_violations
from tests.browser.navigation import click_and_load
from tests.factories import PASSWORD, create_representation, create_staff


def _case(**overrides):
    values = {
        "procedure": Procedure.STATUTORY,
        "submitted_by": SubmittedBy.CHILD,
        "contact_name": "Sam",
        "contact_email": "sam@example.org",
        "safe_to_contact": True,
        "preferred_contact": ContactMethod.EMAIL,
    }
    rep = create_representation(**{**values, **overrides})
    db.session.commit()
    return rep


def _sign_in(page, live_server, officer):
    page.goto(live_server + "/staff/login")
    page.fill("#email", officer.email)
    page.fill("#password", PASSWORD)
    click_and_load(page, "button:has-text('Continue')")
    page.fill("#code", pyotp.TOTP(officer.totp_secret).now())
    click_and_load(page, "button:has-text('Sign in')")


def test_a_letter_is_previewed_edited_sent_and_downloaded_in_english_and_arabic_with_no_axe_violations(
    app, browser, live_server, session
):
    officer = create_staff(name="Olu Officer")
    english = _case()
    arabic = _case(language="ar", contact_name="ليلى", contact_email=None, preferred_contact=ContactMethod.NONE)
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    _sign_in(page, live_server, officer)

    page.goto(f"{live_server}/staff/cases/{english.reference}")
    click_and_load(page, "#letters-link")
    assert page.title().startswith("Letters")
    assert_no_axe_violations(page, "the letters of a case")
    click_and_load(page, "a:has-text('Stage 1 response letter')")
    assert "[To write: What we found]" in page.inner_text("#letter-preview")
    assert_no_axe_violations(page, "a letter preview")

    click_and_load(page, "button[value='email']")
    assert page.title().startswith("Error: Stage 1 response letter")
    assert_no_axe_violations(page, "a letter with errors")

    page.check("#letter-outcome")
    page.check("#letter-resolved-2")
    page.fill("#letter-findings", "<b>Nobody</b> called you back.\nWe are sorry.")
    click_and_load(page, "button[value='preview']")
    preview = page.inner_text("#letter-preview")
    assert "<b>Nobody</b> called you back." in preview and "We agree with your complaint." in preview
    click_and_load(page, "button[value='email']")
    assert "The letter is on its way by email." in page.content()
    assert_no_axe_violations(page, "the letters after sending")
    with page.expect_download() as download:
        page.click("#letters-sent a:has-text('Download')")
    assert download.value.suggested_filename == f"letter-{english.reference}-stage1_response.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    page.goto(f"{live_server}/staff/cases/{arabic.reference}/letters/acknowledgement?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#letter-preview .hys-letter").get_attribute("dir") == "rtl"
    assert "استلمنا شكواك" in page.inner_text("#letter-preview")
    assert_no_axe_violations(page, "an Arabic letter preview, staff pages in Arabic")
    page.fill("#letter-address", "12 Long Road\nDemo Town")
    with page.expect_download() as printed:
        page.click("button[value='post']")
    assert printed.value.suggested_filename == f"letter-{arabic.reference}-acknowledgement.pdf"
    context.close()

    db.session.expire_all()
    kinds = sorted((x.kind, x.language, x.method.value) for x in db.session.query(Letter))
    assert kinds == [("acknowledgement", "ar", "post"), ("stage1_response", "en", "email")]
