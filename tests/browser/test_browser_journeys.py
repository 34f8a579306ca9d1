"""The public site in a real browser: Debian's Chromium, headless, driven by Playwright.

- axe-core (WCAG 2.0/2.1/2.2 A and AA tags) finds ZERO violations on every public
  page and every error state, in English and Arabic;
- the form is completed with JavaScript, without it, and with the keyboard only;
- a web chat is completed (when the chat channel is installed);
- Arabic pages are right to left;
- nothing is requested from another site and no font is downloaded.

The app is served by werkzeug on 127.0.0.1 (a free port) against the test database.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from intake.extensions import db
from intake.models import Channel, Representation, SubmittedBy
from tests.browser.axe import assert_no_axe_violations
from tests.browser.navigation import click_and_load


class Visit:
    """A browser tab that records every request, so tests can check nothing leaves the site."""

    def __init__(self, browser, base: str, javascript: bool = True):
        self.base = base
        self.context = browser.new_context(java_script_enabled=javascript, locale="en-GB")
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.set_default_timeout(10_000)

    def go(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def axe(self, label: str):
        assert_no_axe_violations(self.page, label)

    def close(self):
        off_site = [u for u in self.requests if not u.startswith(self.base) and not u.startswith("data:")]
        fonts = [u for u in self.requests if re.search(r"\.(woff2?|ttf|otf)(\?|$)", u)]
        self.context.close()
        assert not off_site, f"requests to other sites: {off_site}"
        assert not fonts, f"fonts were downloaded: {fonts}"


@pytest.fixture
def visit(browser, live_server):
    visits = []

    def open_visit(javascript: bool = True) -> Visit:
        v = Visit(browser, live_server, javascript)
        visits.append(v)
        return v

    yield open_visit
    for v in visits:
        v.close()


def cases():
    db.session.expire_all()
    return db.session.scalars(select(Representation)).all()


def continue_(page):
    click_and_load(page, page.get_by_role("button", name="Continue"))


def fill_child_journey(v: Visit, check_axe: bool):
    """Answer each question; on each page, first submit nothing (where an answer is needed) to see the error state."""
    page = v.go("/tell-us")
    steps = [
        ("what", lambda: page.get_by_label("Something is wrong", exact=True).check(), True),
        ("who", lambda: page.get_by_label("Me", exact=True).check(), True),
        (
            "what-happened",
            lambda: page.locator("#what_happened").fill("Nobody <b>listens</b> to me at review meetings."),
            True,
        ),
        ("put-right", lambda: page.locator("#what_would_help").fill("Ask me first."), False),
        ("service", lambda: page.locator("#service_mentioned").fill("my IRO"), False),
        ("advocate", lambda: page.get_by_label("Yes", exact=True).check(), True),
        ("reply", lambda: page.locator("#contact_phone").fill("07700 900123"), False),
        ("safe", lambda: page.get_by_label("Yes", exact=True).check(), True),
    ]
    for step, fill, required in steps:
        assert page.url.endswith(f"/tell-us/{step}"), page.url
        if check_axe:
            v.axe(step)
        if required:
            continue_(page)
            assert page.title().startswith("Error: ")
            if check_axe:
                v.axe(f"{step} with an error")
        fill()
        continue_(page)
    assert page.url.endswith("/tell-us/check")
    if check_axe:
        v.axe("check your answers")
    click_and_load(page, page.get_by_role("button", name="Send"))
    assert page.url.endswith("/tell-us/sent")
    if check_axe:
        v.axe("confirmation")
    return page


def test_the_form_journey_with_javascript_has_no_accessibility_problems(visit):
    v = visit()
    page = fill_child_journey(v, check_axe=True)
    rep = cases()[-1]
    assert rep.channel is Channel.WEB_FORM and rep.submitted_by is SubmittedBy.CHILD
    assert rep.what_happened == "Nobody <b>listens</b> to me at review meetings."  # kept as written
    assert rep.reference in page.locator(".govuk-panel").inner_text()


def test_with_javascript_the_error_summary_takes_focus_and_components_start(visit):
    v = visit()
    page = v.go("/tell-us/what")
    assert (
        page.locator("[data-module=govuk-exit-this-page]").get_attribute("data-govuk-exit-this-page-init") is not None
    )
    continue_(page)
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    page.get_by_role("link", name="Select what you want to do").click()
    assert page.evaluate("() => document.activeElement.id") == "kind"
    page.get_by_label("Something is wrong", exact=True).check()
    continue_(page)
    page.get_by_label("Me", exact=True).check()
    continue_(page)
    assert "You can enter up to 5,000 characters" in page.content()
    page.locator("#what_happened").fill("abc")
    page.wait_for_function("() => /4,997/.test(document.querySelector('.govuk-character-count__status').textContent)")


def test_the_form_journey_works_without_javascript(visit):
    v = visit(javascript=False)
    page = fill_child_journey(v, check_axe=False)
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    assert cases()[-1].reference in page.content()


def test_the_form_can_be_completed_with_the_keyboard_only(visit):
    v = visit()
    page = v.go("/tell-us/what")

    def tab_to(selector: str, limit: int = 40):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"could not reach {selector} with Tab on {page.url}")

    def submit():
        tab_to("button.govuk-button")
        with page.expect_navigation():
            page.keyboard.press("Enter")

    def choose(name: str, value: str):
        tab_to(f"input[name={name}]")
        page.keyboard.press("Space")  # the first radio
        for _ in range(10):
            if page.evaluate("v => document.activeElement.value === v", value):
                break
            page.keyboard.press("ArrowDown")
        submit()

    def type_into(field_id: str, text: str):
        tab_to(f"#{field_id}")
        page.keyboard.type(text)
        submit()

    choose("kind", "thanks")
    choose("who", "me")
    type_into("what_happened", "Thank you to Jo for helping me move.")
    type_into("service_mentioned", "leaving care")
    type_into("contact_name", "")  # nothing on this page is required: just move on
    assert page.url.endswith("/tell-us/check"), page.url
    submit()
    assert page.url.endswith("/tell-us/sent")
    assert cases()[-1].what_happened == "Thank you to Jo for helping me move."


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_disclosure_shows_where_to_get_help_on_the_next_page_with_no_accessibility_problems(visit, lang):
    v = visit()
    page = v.go(f"/tell-us/what?lang={lang}")
    page.locator("input[name=kind][value=wrong]").check()
    click_and_load(page, page.locator("button.govuk-button"))
    page.locator("input[name=who][value=me]").check()
    click_and_load(page, page.locator("button.govuk-button"))
    page.locator("#what_happened").fill("He hits me when mum is at work 😢")
    click_and_load(page, page.locator("button.govuk-button"))
    # The language asked for stays on every later address (?lang=), so the path alone is compared.
    assert urlsplit(page.url).path == "/tell-us/put-right", page.url
    panel = page.locator(".hys-safety-panel")
    assert panel.get_attribute("role") == "alert" and "0800 1111" in panel.inner_text()
    v.axe(f"the safety panel in {lang}")
    assert cases()[-1].safeguarding, "the alert is raised before the form is sent"


def test_markup_like_words_show_literally_and_are_kept_as_typed(visit):
    words = "It started in May but I want to <kill myself>"
    v = visit()
    page = v.go("/tell-us/what")
    page.locator("input[name=kind][value=wrong]").check()
    continue_(page)
    page.locator("input[name=who][value=me]").check()
    continue_(page)
    page.locator("#what_happened").fill(words)
    continue_(page)
    assert page.locator(".hys-safety-panel").count() == 1
    v.axe("the safety panel after markup-like words")
    assert cases()[-1].what_happened == words
    page.goto(v.base + "/tell-us/what-happened")
    assert page.locator("#what_happened").input_value() == words


@pytest.mark.parametrize("path", ["/", "/track", "/accessibility", "/privacy", "/privacy/full", "/tell-us/what"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_public_page_has_no_accessibility_problems(visit, path, lang):
    v = visit()
    v.go(f"{path}?lang={lang}")
    v.axe(f"{path} in {lang}")


def test_tracking_pages_and_their_errors_have_no_accessibility_problems(visit):
    from tests.factories import create_representation

    rep = create_representation(contact_phone="07700900123")
    v = visit()
    page = v.go("/track")
    click_and_load(page, page.get_by_role("button", name="Find it"))
    assert page.title().startswith("Error: ")
    v.axe("track with nothing entered")
    page.locator("#reference").fill(rep.reference)
    page.locator("#contact").fill("07700900999")
    click_and_load(page, page.get_by_role("button", name="Find it"))
    v.axe("track with a wrong combination")
    page.locator("#contact").fill("07700 900123")
    click_and_load(page, page.get_by_role("button", name="Find it"))
    assert rep.reference in page.content()
    v.axe("track result")


def test_choosing_arabic_makes_the_page_right_to_left(visit):
    v = visit()
    page = v.go("/")
    click_and_load(page, page.get_by_role("link", name="العربية"))
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    # The heading starts at the right: its right edge is further right than its text needs on the left.
    box = page.locator("h1").bounding_box()
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert box["x"] + box["width"] > width / 2
    click_and_load(page, page.locator("a.govuk-button--start"))
    assert page.locator("html").get_attribute("dir") == "rtl", "the language is remembered for the visit"
    v.axe("the first question in Arabic")
    continue_button = page.locator("button.govuk-button")
    click_and_load(page, continue_button)
    v.axe("an Arabic error state")


def test_a_web_chat_can_be_completed(visit, app):
    if "chat.index" not in app.view_functions:
        pytest.skip("the web chat (blueprint 'chat', /chat) is not installed in this checkout yet")
    v = visit()
    page = v.go("/chat")
    v.axe("chat")
    for line in [
        "1",
        "its about me",
        "my social worker never calls me back",
        "done",
        "skip",
        "dont know",
        "no",
        "skip",
        "yes",
    ]:
        before = page.locator("#chat-log li").count()
        page.locator("#message").fill(line)
        page.locator("#chat-form button[type=submit]").click()
        page.wait_for_function("n => document.querySelectorAll('#chat-log li').length > n", arg=before)
    rep = cases()[-1]
    assert rep.channel is Channel.WEBCHAT
    page.wait_for_function("r => document.getElementById('chat-log').textContent.includes(r)", arg=rep.reference)
    v.axe("chat after finishing")


def test_a_web_chat_works_without_javascript(visit, app):
    if "chat.index" not in app.view_functions:
        pytest.skip("the web chat (blueprint 'chat', /chat) is not installed in this checkout yet")
    v = visit(javascript=False)
    page = v.go("/chat")
    for line in ["1", "its about me", "my foster carer shouts at me", "done", "skip", "dont know", "no", "skip", "yes"]:
        page.locator("#message").fill(line)
        click_and_load(page, page.locator("#chat-form button[type=submit]"))
    assert cases()[-1].reference in page.content()
    # No axe here: axe is JavaScript, and this tab has none (the chat page is checked in the test above).
