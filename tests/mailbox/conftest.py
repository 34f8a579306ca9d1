"""Fixtures for the mailbox: a real Dovecot on loopback (skipped loudly without it), its settings on the app,
attachments stored in a temporary folder, and one poll against the test database."""

from __future__ import annotations

import pytest

from intake.channels.mailbox import MailboxPoller
from tests.support import imap_server


@pytest.fixture(scope="session")
def dovecot():
    if not imap_server.available():
        pytest.skip(imap_server.MISSING)
    server = imap_server.Dovecot().start()
    yield server
    server.stop()


@pytest.fixture
def attachment_dir(app, tmp_path, monkeypatch):
    path = tmp_path / "attachments"
    monkeypatch.setitem(app.config, "ATTACHMENT_DIR", str(path))
    return path


@pytest.fixture
def mailbox(app, dovecot, monkeypatch, attachment_dir):
    """An empty mailbox, reached over implicit TLS; ``configure(...)`` changes how."""
    dovecot.empty()

    def configure(**overrides):
        for key, value in dovecot.settings(**overrides).items():
            monkeypatch.setitem(app.config, key, value)

    configure()
    dovecot.configure = configure
    return dovecot


@pytest.fixture
def poll(app, session, mailbox):
    """Poll once, as the worker does, in the test's own session; returns the PollStats."""

    def run(**kwargs):
        return MailboxPoller(app.config).poll(session, **kwargs)

    return run


@pytest.fixture(scope="session")
def dovecot_without_tls():
    """A second server with no TLS at all, started only for the tests that need one."""
    if not imap_server.available():
        pytest.skip(imap_server.MISSING)
    server = imap_server.Dovecot(tls=False).start()
    yield server
    server.stop()
