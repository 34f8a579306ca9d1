"""The overrides the test suite applies on top of ``load_settings({"APP_ENV": "test", ...})``."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from intake.config.settings import Settings, config_keys, load_settings

TEST_SETTINGS: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-not-for-production",
    "SESSION_COOKIE_SECURE": False,
    "SMS_BACKEND": "fake",
    "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000",
    "TWILIO_AUTH_TOKEN": "test-auth-token",
    "TWILIO_FROM_NUMBER": "+447700900000",
    "PUBLIC_BASE_URL": "https://hys.test",
    "SMTP_HOST": None,
    # Off in tests, so what a test queues never depends on the hour it runs; the tests that need it turn it on.
    "OUT_OF_HOURS_EMAIL": None,
    # Off in tests for the same reason: a text must not wait for the morning because the suite ran at night.
    "QUIET_HOURS": None,
}


@cache
def _suite_settings() -> Settings:
    ours = {k: v for k, v in TEST_SETTINGS.items() if k in config_keys()}
    return load_settings({"APP_ENV": "test"}).replaced(ours)


def settings_for_tests(values: Mapping[str, Any] | None = None) -> Settings:
    """The settings the suite runs with, with some changed by ``app.config`` name (unchecked, so a test can
    describe any state): for tests of code that takes settings, without an app."""
    return _suite_settings().with_values(values or {})
