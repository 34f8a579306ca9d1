"""When the mailbox is down or refuses us: logged once per outage, retried with backoff, never a crash; and the
``poll-mailbox`` command that runs the poll."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from intake.channels.mailbox import MailboxPoller
from intake.channels.mailbox.poller import MAX_BACKOFF_SECONDS, Outage
from intake.models import Representation
from tests.mailbox.samples import email
from tests.support.imap_server import free_port


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def outage_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "intake.mailbox"]


def test_a_refused_password_is_logged_once_however_often_the_poll_runs(app, mailbox, session, caplog, monkeypatch):
    monkeypatch.setitem(app.config, "IMAP_PASSWORD", "wrong")
    poller = MailboxPoller(app.config)
    with caplog.at_level(logging.WARNING):
        results = [poller.poll(session, force=True) for _ in range(3)]

    assert all("refused the username or password" in r.error for r in results)
    assert len(outage_lines(caplog)) == 1
    assert "mailbox unavailable" in outage_lines(caplog)[0]
    assert "wrong" not in caplog.text  # never the password


def test_a_mailbox_that_is_down_is_retried_with_a_growing_pause_and_its_return_is_logged_once(
    app, mailbox, session, caplog, monkeypatch
):
    monkeypatch.setitem(app.config, "IMAP_PORT", free_port())  # nothing listens there
    clock = Clock()
    poller = MailboxPoller(app.config, clock=clock)
    with caplog.at_level(logging.WARNING):
        first = poller.poll(session)
        assert "cannot reach the mailbox" in first.error
        assert poller.poll(session).backing_off  # too soon: not even tried
        clock.now += 60
        assert poller.poll(session).error  # tried again after the poll interval...
        clock.now += 60
        assert poller.poll(session).backing_off  # ...and now it waits twice as long
        clock.now += 60
        assert poller.poll(session).error

        mailbox.append(email())
        monkeypatch.setitem(app.config, "IMAP_PORT", mailbox.imaps_port)
        back = MailboxPoller(app.config, clock=clock)
        back.outage = poller.outage
        clock.now += 240
        recovered = back.poll(session)

    assert (recovered.error, recovered.cases) == (None, 1)
    lines = outage_lines(caplog)
    assert len(lines) == 2
    assert "mailbox unavailable" in lines[0] and "available again after 3 failed attempt(s)" in lines[1]


def test_the_pause_after_an_outage_doubles_up_to_a_cap():
    clock = Clock()
    outage = Outage(60, clock)
    pauses = []
    for _ in range(8):
        outage.failed("down")
        pauses.append(outage.retry_at - clock.now)
    assert pauses == [60, 120, 240, 480, MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, 900]


def test_poll_mailbox_once_exits_with_one_clear_line_when_the_password_is_refused(app, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "IMAP_PASSWORD", "wrong")
    result = app.test_cli_runner().invoke(args=["poll-mailbox", "--once"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: the mailbox complaints@127.0.0.1:{mailbox.imaps_port}/INBOX refused the username or password"
    ]


def test_poll_mailbox_once_takes_in_what_is_waiting_and_says_what_it_did(app, mailbox, session):
    mailbox.append(email())
    mailbox.append(email(sender="postmaster@example.org", subject="Undeliverable"))
    result = app.test_cli_runner().invoke(args=["poll-mailbox", "--once"])
    assert result.exit_code == 0, result.output
    assert "2 message(s): 1 new case(s)" in result.output and "1 bounce(s) or auto-reply(ies) ignored" in result.output
    assert session.scalar(select(func.count()).select_from(Representation)) == 1


def test_poll_mailbox_without_a_mailbox_configured_says_what_to_set(app, monkeypatch):
    monkeypatch.setitem(app.config, "IMAP_HOST", None)
    result = app.test_cli_runner().invoke(args=["poll-mailbox", "--once"])
    assert result.exit_code == 1
    assert "set IMAP_HOST, IMAP_USERNAME and IMAP_PASSWORD" in result.output


def test_a_bug_while_polling_is_logged_and_returned_never_raised_to_the_worker(
    app, mailbox, session, caplog, monkeypatch
):
    from intake.channels.mailbox.connection import MailboxFolder

    def broken(self):
        raise AttributeError("a bug")

    monkeypatch.setattr(MailboxFolder, "waiting", broken)
    with caplog.at_level(logging.ERROR):
        stats = MailboxPoller(app.config).poll(session)
    assert stats.error == "the poll failed: AttributeError"
    assert "a bug" in caplog.text
