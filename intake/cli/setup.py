"""Setting up a database: teams and demo data."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from intake.data.cases import count_cases
from intake.demo import DEMO_PASSWORD, create_demo_cases, create_demo_users
from intake.domain.teams import sync_teams
from intake.extensions import db
from intake.settings import current_settings
from intake.transaction import committed


@click.command("sync-teams")
@with_appcontext
def sync_teams_command():
    """Create any team in COUNCIL_TEAMS that is missing from the database."""
    with committed(db.session) as session:
        created = sync_teams(session, current_settings().council.teams)
    click.echo(f"{len(created)} team(s) created.")


@click.command("demo-data")
@click.option("--force", is_flag=True, help="Add demo cases even if the database already has cases.")
@with_appcontext
def demo_data(force: bool):
    """Load demo staff accounts and sample cases at every stage (for trying the service, never production)."""
    if current_settings().environment == "production" and not force:
        raise click.ClickException(
            "Refusing to load demo data in production (APP_ENV=production). Use --force to insist."
        )
    with committed(db.session) as session:
        sync_teams(session, current_settings().council.teams)
        users = create_demo_users(session)
        existing = count_cases(session)
        made = 0 if existing and not force else create_demo_cases(session, current_settings())
    click.echo(f"Demo data: {made} sample case(s) added ({existing} were already there).")
    click.echo(f"Demo staff accounts (password for all: {DEMO_PASSWORD}):")
    for email, role, secret in users:
        click.echo(f"  {email:30} {role:20} authenticator secret {secret}")


commands = [sync_teams_command, demo_data]
