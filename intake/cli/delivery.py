"""``worker`` and ``retry-failed``: delivering the outbox."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from intake.delivery.worker import Worker, WorkerSettings, retry_failed
from intake.extensions import db


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
    worker = Worker(current_app._get_current_object(), settings)
    restore_signals = worker.install_signal_handlers()
    try:
        stats = worker.run(once=once)
    finally:
        restore_signals()
    click.echo(
        f"Delivered {stats.sent}; {stats.retrying} to retry later; {stats.failed} failed; "
        f"{stats.suppressed} not sent (opted out or not safe to contact)."
    )


@click.command("retry-failed")
@with_appcontext
def retry_failed_command():
    """Make every undelivered notification due now, with a fresh retry window. Suppressed ones stay unsent."""
    result = retry_failed(db.session, current_app.config)
    click.echo(f"{result.count} notification(s) will be tried again now.")


commands = [worker_command, retry_failed_command]
