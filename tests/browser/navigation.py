"""Clicking something that loads a new page, without racing the response."""

from __future__ import annotations


def click_and_load(page, target) -> None:
    """Click ``target`` (a locator or a selector) and wait for the page it loads.

    On a busy machine click() returns before the response arrives, and the old
    page's title, URL or content would be read.
    """
    with page.expect_navigation():
        if isinstance(target, str):
            page.click(target)
        else:
            target.click()
