"""Answers to the officer's forms (recording a case, correcting its record), a page's shape, and a file on a case."""

from __future__ import annotations

from datetime import date

# Friday 6 November 2026: a letter that arrived then and was opened on Monday 9th.
FRIDAY = date(2026, 11, 6)


def date_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def recording(**changes) -> dict:
    """A parent's letter for their child, with everything a valid form needs; ``changes`` override answers
    (``None`` leaves an answer out)."""
    answers = {
        "method": "letter",
        "received": date_parts(FRIDAY),
        "kind": "complaint",
        "submitted_by": "parent",
        "for_child": "yes",
        "child_name": "Sam",
        "child_agreement": "yes",
        "what_happened": "Nobody has visited Sam since September.",
        "contact_name": "Pat Parent",
        "contact_email": "pat@example.com",
        "safe_to_contact": "yes",
        "preferred_contact": "email",
        "team": "",
        "language": "en",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def checked(response, *, errors: bool):
    """The page's shape (``tests.html_checks.parse``): one h1, the title after it ("Error: " first when the
    error summary shows), unique ids, and every error-summary link pointing at a field on the page."""
    from tests.html_checks import parse

    page = parse(response)
    assert not page.problems and not page.stack, page.problems or page.stack
    assert len(page.h1s) == 1, page.h1s
    title = " ".join(page.title.split())
    assert title.startswith(("Error: " if errors else "") + page.h1s[0]), title
    assert page.has_error_summary is errors
    assert not {i for i in page.ids if page.ids.count(i) > 1}
    assert all(link in page.ids for link in page.error_links), (page.error_links, page.ids)
    if errors:
        assert page.error_links
    return page


def stored_file(session, rep, settings):
    """A photo kept on ``rep`` (under the settings' ATTACHMENT_DIR), as if a member of staff uploaded it."""
    from intake.domain.attachments import store_attachment
    from tests.mailbox.samples import PNG

    return store_attachment(session, rep, "photo.png", PNG, "staff upload", settings=settings)
