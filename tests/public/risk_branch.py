"""Behaviour the risk engineer's branch is building at the same time as this one (issue 13 items 1, 2 and 7).

Tests that need it run on every branch. While this branch's ``clean_text`` still strips markup, or its screen
does not yet see through zero-width characters or tell immediate danger from a concern, they are expected to
fail on an assertion (strict, so an unexpected pass is reported). Once both branches are merged the condition
is false and they are ordinary tests that must pass.
"""

from __future__ import annotations

import pytest

from intake.domain import risk
from intake.domain.sanitise import clean_text

KEEPS_MARKUP = clean_text("I want to <kill myself>") == "I want to <kill myself>"
SEES_ZERO_WIDTH = risk.screen("I want to k\u200bill mys\u200belf").is_risk
NEUTRALISES_CONTROLS = clean_text("a\x07\u202eb") == "ab"
IMMEDIATE = "I am going to kill myself tonight"
KNOWS_IMMEDIATE_DANGER = risk.screen(IMMEDIATE).level == "immediate"

needs_markup_kept = pytest.mark.xfail(
    not KEEPS_MARKUP,
    reason="sanitise.clean_text still strips markup here; the risk branch keeps the words as written",
    raises=AssertionError,
    strict=True,
)
needs_controls_removed = pytest.mark.xfail(
    not NEUTRALISES_CONTROLS,
    reason="sanitise.clean_text here turns control characters into '?' and keeps bidi overrides",
    raises=AssertionError,
    strict=True,
)
needs_immediate_level = pytest.mark.xfail(
    not KNOWS_IMMEDIATE_DANGER,
    reason="every risk hit is a concern here; the risk branch tells immediate danger apart",
    raises=AssertionError,
    strict=True,
)
needs_zero_width_seen = pytest.mark.xfail(
    not SEES_ZERO_WIDTH,
    reason="the risk screen here does not yet see through zero-width characters; the risk branch does",
    raises=AssertionError,
    strict=True,
)
