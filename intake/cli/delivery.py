"""``worker``, ``retry-failed`` and ``send-reminders``: delivering the outbox. Each command commits its own work."""

from __future__ import annotations

import logging
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from intake.delivery.housekeeping import daily_purge_jobs
from intake.delivery.loop import Worker
from intake.delivery.policy import LONDON
from intake.delivery.retry import retry_failed
from intake.delivery.settings import WorkerSettings
from intake.domain.reminders import queue_due_reminders
from intake.extensions import db
from intake.models.base import utcnow
from intake.transaction import committed


@click.command("worker")
@click.option("--once", is_flag=True, help="Deliver everything that is due now, then exit.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=None, help="Notifications claimed at a time.")
@click.option(
    "--lease-seconds",
    type=click.FloatRange(1, 3600),
    default=None,
    help="How long a claimed batch is held before another worker may take it (default 120).",
)
@with_appcontext
def worker_command(once: bool, batch_size: int | None, lease_seconds: float | None):
    """Deliver due notifications (email and SMS) with retries. Runs until stopped unless --once."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = WorkerSettings.from_config(current_app.config, batch_size=batch_size, lease_seconds=lease_seconds)
    app = current_app._get_current_object()
    worker = Worker(app, settings, jobs=[*_mailbox_jobs(app), *daily_purge_jobs(app, db.engine, utcnow)])
    restore_signals = worker.install_signal_handlers()
    try:
        stats = worker.run(once=once)
    finally:
        restore_signals()
    click.echo(
        f"Delivered {stats.sent}; {stats.retrying} to retry later; {stats.failed} failed; "
        f"{stats.suppressed} not sent (opted out or not safe to contact); "
        f"{stats.held} texts kept for later (quiet hours or the person's own times)."
    )


def _mailbox_jobs(app) -> list:
    """The complaints mailbox is polled by the worker process too, every MAILBOX_POLL_SECONDS, when it is set up."""
    from intake.channels.mailbox import MailboxPoller, MailboxSettings

    if not MailboxSettings.from_config(app.config).configured:
        return []
    poller = MailboxPoller(app.config)
    return [lambda: poller.poll_if_due(app)]


@click.command("retry-failed")
@with_appcontext
def retry_failed_command():
    """Make every undelivered notification due now, with a fresh retry window. Suppressed ones stay unsent."""
    with committed() as session:
        result = retry_failed(session, current_app.config)
    click.echo(f"{result.count} notification(s) will be tried again now.")


def _day(value: str | None) -> date:
    if not value:
        return utcnow().astimezone(LONDON).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use a date like 2026-12-01", param_hint="--today") from None


@click.command("send-reminders")
@click.option("--today", default=None, help="Pretend it is this date (YYYY-MM-DD); for testing.")
@with_appcontext
def send_reminders_command(today: str | None):
    """Queue deadline reminders and overdue escalations in the outbox (safe to run often)."""
    with committed() as session:
        rows = queue_due_reminders(session, current_app.config, _day(today))
    click.echo(f"Queued {len(rows)} reminder(s).")


commands = [worker_command, retry_failed_command, send_reminders_command]
