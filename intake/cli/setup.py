"""Setting up a database: teams and demo data."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from intake.demo import DEMO_PASSWORD, create_demo_cases, create_demo_users
from intake.domain.teams import sync_teams
from intake.extensions import db
from intake.models import Representation


@click.command("sync-teams")
@with_appcontext
def sync_teams_command():
    """Create any team in COUNCIL_TEAMS that is missing from the database."""
    created = sync_teams(db.session, current_app.config["COUNCIL_TEAMS"])
    db.session.commit()
    click.echo(f"{len(created)} team(s) created.")


@click.command("demo-data")
@click.option("--force", is_flag=True, help="Add demo cases even if the database already has cases.")
@with_appcontext
def demo_data(force: bool):
    """Load demo staff accounts and sample cases at every stage (for trying the service, never production)."""
    if current_app.config["ENVIRONMENT"] == "production" and not force:
        raise click.ClickException(
            "Refusing to load demo data in production (APP_ENV=production). Use --force to insist."
        )
    sync_teams(db.session, current_app.config["COUNCIL_TEAMS"])
    users = create_demo_users(db.session)
    db.session.commit()
    existing = db.session.scalar(select(func.count(Representation.id)))
    made = 0 if existing and not force else create_demo_cases(db.session, current_app.config)
    click.echo(f"Demo data: {made} sample case(s) added ({existing} were already there).")
    click.echo(f"Demo staff accounts (password for all: {DEMO_PASSWORD}):")
    for email, role, secret in users:
        click.echo(f"  {email:30} {role:20} authenticator secret {secret}")


commands = [sync_teams_command, demo_data]
