"""Staff accounts: ``create-user EMAIL --role ROLE --password-stdin``."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from intake.domain.staff_accounts import AccountError, create_staff_user, otpauth_uri
from intake.extensions import db
from intake.models import Role
from intake.transaction import committed


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="One of: " + ", ".join(r.value for r in Role))
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@click.option("--name", default="", help="The person's name, shown in the staff area.")
@click.option("--organisation", default=None, help="For advocates: their organisation, e.g. Barnardo's.")
@click.option("--team", default=None, help="For managers: the name of their team.")
@with_appcontext
def create_user(email: str, role: str, password_stdin: bool, name: str, organisation: str | None, team: str | None):
    """Create a staff account and print its authenticator secret once."""
    if not password_stdin:
        raise click.UsageError("Pass --password-stdin and give the password on standard input.")
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        with committed(db.session) as session:
            user = create_staff_user(
                session, email=email, role=role, password=password, name=name, organisation=organisation, team_name=team
            )
    except AccountError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"Created {user.email} ({user.role.value}).")
    click.echo("Add this to an authenticator app now; it is not shown again.")
    click.echo(f"  secret: {user.totp_secret}")
    click.echo(f"  uri:    {otpauth_uri(user)}")


commands = [create_user]
