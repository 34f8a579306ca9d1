"""Historic records in, reports out: ``import-records``, ``report`` and ``rag-report``."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from flask.cli import with_appcontext

from intake.domain import clock
from intake.domain.rag_report import rag_csv, rag_report
from intake.domain.records_import import ImportRejected, import_records
from intake.extensions import db
from intake.reports.rendering import FORMATS, render_report
from intake.settings import current_settings
from intake.transaction import committed


@click.command("import-records")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_records_command(file: Path):
    """Import historic records from a UTF-8 CSV file (checked whole first; nothing is imported if any row is wrong)."""
    started = datetime.now()
    try:
        with committed(db.session) as session:
            result = import_records(session, file.read_bytes(), current_settings(), source=file.name)
    except ImportRejected as rejected:
        click.echo(f"Nothing was imported: {len(rejected.problems)} problem(s) in {file.name}.", err=True)
        for problem in rejected.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    seconds = (datetime.now() - started).total_seconds()
    click.echo(
        f"Imported {result.total} record(s) from {file.name} in {seconds:.1f}s: "
        f"{result.created} new, {result.updated} updated, {result.unchanged} unchanged."
    )
    if result.teams_created:
        click.echo(f"Teams created: {', '.join(result.teams_created)}")


@click.command("report")
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    required=True,
    help="The reporting year that starts on 1 April of this year (2016 means 2016/17).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of the screen (needed for a PDF).",
)
@click.option("--suppress-small", "suppress", is_flag=True, help='Show counts under 5 as "<5", for publishing.')
@with_appcontext
def report_command(year: int, fmt: str, output: Path | None, suppress: bool):
    """The statutory annual report for one reporting year (1 April to 31 March, by date received)."""
    if fmt == "pdf" and output is None:
        raise click.UsageError("A PDF is written to a file: add --output FILE.pdf")
    body = render_report(year, fmt, suppress)
    if output:
        if isinstance(body, bytes):
            output.write_bytes(body)
        else:
            output.write_text(body, encoding="utf-8")
        click.echo(f"Wrote the {fmt} report for {year}/{(year + 1) % 100:02d} to {output}")
    else:
        text = body.decode() if isinstance(body, bytes) else body
        click.echo(text, nl=not text.endswith("\n"))


@click.command("rag-report")
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text", show_default=True)
@with_appcontext
def rag_report_command(fmt: str):
    """Open cases by team: red (overdue), amber (due within 2 working days) or green."""
    today = datetime.now(clock.LONDON).date()
    report = rag_report(db.session, current_settings(), today)
    if fmt == "csv":
        click.echo(rag_csv(report), nl=False)
        return
    click.echo(f"Open cases on {today.isoformat()}: {sum(report.totals.values())}")
    click.echo(f"{'team':45} {'red':>5} {'amber':>5} {'green':>5} {'paused':>6}")
    for team in report.teams:
        c = team.counts
        click.echo(f"{team.team[:45]:45} {c['red']:>5} {c['amber']:>5} {c['green']:>5} {c['paused']:>6}")


commands = [import_records_command, report_command, rag_report_command]
