"""Right to left done right, in a real browser: numbers and references inside Arabic read left to right.

The check is on what the eye sees: the screen position of each character of a reference or phone number, from a
DOM Range over it, must run left to right ("K7QM-3XPD", not "3XPD-K7QM"; "0800 1111", not "1111 0800"). A
screenshot of each page is kept under pytest's tmp_path, and axe-core checks each page.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from intake.extensions import db
from intake.models import Representation
from tests.browser.axe import assert_no_axe_violations
from tests.browser.navigation import click_and_load
from tests.factories import create_representation

# The left edge on screen of each character of the first text node holding ``needle`` (in the element ``scope``).
GLYPH_POSITIONS = """([scope, needle]) => {
  const root = document.querySelector(scope);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.textContent.indexOf(needle);
    if (at < 0) continue;
    const xs = [];
    for (let i = at; i < at + needle.length; i++) {
      if (node.textContent[i] === ' ') continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      xs.push(range.getBoundingClientRect().left);
    }
    return xs;
  }
  return null;
}"""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="ar")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.base = live_server
    yield tab
    context.close()


def reads_left_to_right(page, scope: str, needle: str) -> bool:
    xs = page.evaluate(GLYPH_POSITIONS, [scope, needle])
    assert xs, f"{needle!r} is not on the page inside {scope}"
    return all(a < b for a, b in zip(xs, xs[1:], strict=False))


def test_the_footer_phone_numbers_read_left_to_right_on_an_arabic_page(page, tmp_path):
    page.goto(page.base + "/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert reads_left_to_right(page, "footer", "0800 1111")
    assert reads_left_to_right(page, "main", "0800 1111")
    page.screenshot(path=str(tmp_path / "home-ar.png"), full_page=True)
    assert_no_axe_violations(page, "the Arabic home page")


def test_a_reference_on_the_arabic_track_page_reads_as_written(page, tmp_path):
    rep = create_representation(contact_phone="07700900123")
    page.goto(page.base + "/track?lang=ar")
    page.locator("#reference").fill(rep.reference)
    page.locator("#contact").fill("07700 900123")
    click_and_load(page, page.locator("form button.govuk-button"))
    assert reads_left_to_right(page, "main", rep.reference)
    page.screenshot(path=str(tmp_path / "track-ar.png"), full_page=True)
    assert_no_axe_violations(page, "the Arabic track result")


def test_the_arabic_web_chat_shows_the_reference_and_numbers_left_to_right(page, app, tmp_path):
    page.goto(page.base + "/chat?lang=ar")
    assert reads_left_to_right(page, "#chat-log", "0800 1111")
    for line in ["شكوى", "الموظف لا يرد على اتصالاتي", "تم", "عني", "تخطي", "لا", "تخطي", "نعم"]:
        before = page.locator("#chat-log li").count()
        page.locator("#message").fill(line)
        page.locator("#chat-form button[type=submit]").click()
        page.wait_for_function("n => document.querySelectorAll('#chat-log li').length > n", arg=before)
    db.session.expire_all()
    rep = db.session.scalars(select(Representation)).all()[-1]
    page.wait_for_function("r => document.getElementById('chat-log').textContent.includes(r)", arg=rep.reference)
    assert reads_left_to_right(page, "#chat-log", rep.reference)
    page.screenshot(path=str(tmp_path / "chat-ar.png"), full_page=True)
    assert_no_axe_violations(page, "the Arabic web chat after finishing")
