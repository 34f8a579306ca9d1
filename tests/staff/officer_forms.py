"""Answers to the officer's forms (recording a case, correcting its record), and probes for behaviour that
other branches bring to ``submit()`` (issue 13), so the tests that need it run as soon as it is there."""

from __future__ import annotations

import inspect
from datetime import date

from intake.domain import risk
from intake.domain.sanitise import clean_text
from intake.domain.submit import submit

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


# What the risk and public branches bring to submit() and the sanitiser (issue 13). The tests that need it
# are skipped, saying why, until their branches are merged; then they run with nothing to change here.
KEEPS_MARKUP = clean_text("I want to <kill myself>") == "I want to <kill myself>"
NEUTRALISES_BIDI = "\u202e" not in clean_text("a\u202eb")
SEES_THROUGH_ZERO_WIDTH = risk.screen("I want to k\u200bill mys\u200belf").is_risk
KEEPS_DISCLOSURES_PAST_THE_LIMIT = "commit" not in inspect.signature(submit).parameters


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
