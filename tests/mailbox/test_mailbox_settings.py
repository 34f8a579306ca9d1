"""The mailbox and attachment settings: safe defaults, and a clear message for a bad value."""

from __future__ import annotations

from datetime import date

import pytest

from intake.config import PROJECT_ROOT, ConfigError, load_settings

BASE = {"APP_ENV": "test"}


def test_with_no_imap_host_nothing_is_polled_and_the_defaults_are_safe():
    s = load_settings(BASE)
    assert s["IMAP_HOST"] is None
    assert (s["IMAP_SSL"], s["IMAP_PORT"], s["IMAP_FOLDER"], s["MAILBOX_POLL_SECONDS"]) == (True, 993, "INBOX", 60)
    assert s["ATTACHMENT_MAX_BYTES"] == 10 * 1024 * 1024
    assert s["ATTACHMENT_DIR"] == str(PROJECT_ROOT / "instance" / "attachments")


def test_without_implicit_tls_the_port_is_143():
    assert load_settings({**BASE, "IMAP_SSL": "false"})["IMAP_PORT"] == 143


def test_a_mailbox_needs_its_login():
    with pytest.raises(ConfigError, match="IMAP_USERNAME and IMAP_PASSWORD"):
        load_settings({**BASE, "IMAP_HOST": "imap.council.example", "IMAP_USERNAME": "complaints"})


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("IMAP_SSL", "maybe", "IMAP_SSL must be true or false"),
        ("MAILBOX_POLL_SECONDS", "1", "MAILBOX_POLL_SECONDS must be between"),
        ("ATTACHMENT_MAX_BYTES", "ten", "ATTACHMENT_MAX_BYTES must be a whole number"),
        ("MAILBOX_SINCE", "yesterday", "MAILBOX_SINCE must be"),
        ("MAILBOX_SINCE", "2026-01-01,2026-02-01", "MAILBOX_SINCE must be one"),
    ],
)
def test_a_bad_value_names_the_variable(name, value, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({**BASE, name: value})


def test_mailbox_since_is_a_date():
    assert load_settings({**BASE, "MAILBOX_SINCE": "2026-09-01"})["MAILBOX_SINCE"] == date(2026, 9, 1)
