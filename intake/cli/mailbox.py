"""``poll-mailbox``: take in the complaints mailbox's new messages (IMAP)."""

from __future__ import annotations

import logging
import signal
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from intake.channels.mailbox import MailboxPoller, MailboxSettings
from intake.settings import settings_of


@click.command("poll-mailbox")
@click.option("--once", is_flag=True, help="Poll once, then exit (non-zero if the mailbox could not be used).")
@with_appcontext
def poll_mailbox_command(once: bool):
    """Make a case of every new email in IMAP_FOLDER, every MAILBOX_POLL_SECONDS, until stopped unless --once."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = current_app._get_current_object()
    if not MailboxSettings.from_config(settings_of(app)).configured:
        raise click.ClickException("no mailbox to poll: set IMAP_HOST, IMAP_USERNAME and IMAP_PASSWORD")
    poller = MailboxPoller(settings_of(app))
    if once:
        stats = poller.poll(app, force=True)
        if stats.error:
            raise click.ClickException(stats.error)
        click.echo(f"Took in {stats.summary()} in {stats.seconds:.2f} s.")
        return
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        while not stop.is_set():
            stats = poller.poll(app)
            if stats.looked_at:
                click.echo(f"Took in {stats.summary()}.")
            stop.wait(poller.settings.poll_seconds)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


commands = [poll_mailbox_command]
