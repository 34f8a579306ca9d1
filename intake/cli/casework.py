"""``purge-expired``: the scheduled side of casework (``send-reminders`` is with the worker, in cli/delivery.py)."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from intake.domain.casework import today_in_london
from intake.domain.retention import AbandonedPurge, purge_all_due
from intake.extensions import db
from intake.models.base import utcnow
from intake.settings import current_settings
from intake.transaction import committed


def _day(value: str | None) -> date:
    if not value:
        return today_in_london()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use a date like 2026-12-01", param_hint="--today") from None


@click.command("purge-expired")
@click.option("--dry-run", is_flag=True, help="List what would be deleted, and delete nothing.")
@click.option("--today", default=None, help="Pretend it is this date (YYYY-MM-DD); for testing.")
@with_appcontext
def purge_expired_command(dry_run: bool, today: str | None):
    """Delete closed cases past their retention date, unless on legal hold, and unfinished conversations and
    form drafts idle for ABANDONED_DAYS. Prints what went, by reference or id (no content, no numbers)."""
    with committed(db.session) as session:
        due = purge_all_due(session, _day(today), utcnow(), current_settings().security.abandoned_days, dry_run=dry_run)
    purged, abandoned = due.cases, due.abandoned
    verb = "Would delete" if dry_run else "Deleted"
    for p in purged:
        closed = p.closed_on.isoformat() if p.closed_on else "-"
        click.echo(
            f"{verb} {p.reference}: received {p.received_on.isoformat()}, closed {closed}, "
            f"kept until {p.retention_until.isoformat()}"
        )
    click.echo(f"{verb} {len(purged)} case(s).")
    _echo_abandoned(abandoned, verb)


def _echo_abandoned(abandoned: AbandonedPurge, verb: str) -> None:
    for gone in abandoned.conversations:
        idle = gone.idle_since.date().isoformat()
        if gone.deleted:
            click.echo(f"{verb} unfinished {gone.channel} conversation {gone.conversation_id}: idle since {idle}")
        else:
            click.echo(
                f"{verb} the unfinished story of {gone.channel} conversation {gone.conversation_id} "
                f"({gone.messages} message(s)); its cases stay: idle since {idle}"
            )
    if abandoned.drafts:
        click.echo(f"{verb} {abandoned.drafts} unfinished form draft(s).")


commands = [purge_expired_command]
