"""``check-bank-holidays``: the clock's bank holidays against GOV.UK's official list."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import click
from flask.cli import with_appcontext

from intake.domain.bank_holidays import BankHolidayCheck, BankHolidayListError, compare_payload
from intake.domain.clock import WorkingCalendar
from intake.settings import current_settings

GOVUK_LIST = "https://www.gov.uk/bank-holidays.json"
FETCH_SECONDS = 15
MAX_BYTES = 2 * 1024 * 1024  # the real list is about 20 KB


def _fetch(url: str) -> object:
    if not url.startswith(("https://", "http://")):
        raise click.ClickException(f"--url must start with https:// (got {url!r})")
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "have-your-say"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_SECONDS) as response:  # noqa: S310 (http(s) checked above)
            return json.loads(response.read(MAX_BYTES))  # more than that is not the list: JSON fails on it
    except (urllib.error.URLError, TimeoutError, OSError) as problem:
        raise click.ClickException(
            f"Could not fetch {url} ({problem}). Try again later, or download the file and use --file."
        ) from None
    except ValueError:
        raise click.ClickException(f"{url} did not answer with JSON: is it GOV.UK's bank holidays list?") from None


def _read(path: str) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise click.ClickException(f"Could not read {path} as JSON ({problem}).") from None


def _say(check: BankHolidayCheck) -> None:
    span = f"{check.years[0]}" if len(check.years) == 1 else f"{check.years[0]}-{check.years[-1]}"
    for h in check.missing:
        click.echo(
            f"GOV.UK lists {h.day.isoformat()} ({h.title}) as a bank holiday in England and Wales; "
            "the clock counts it as a working day. Add it to CLOSURE_DAYS."
        )
    for h in check.not_listed:
        click.echo(
            f"The clock treats {h.day.isoformat()} ({h.title}) as a bank holiday; GOV.UK does not list it. "
            "Check it: a newer version of the holidays package may have it right."
        )
    if check.agrees:
        click.echo(f"The clock agrees with GOV.UK for {span} ({check.listed} bank holidays).")


@click.command("check-bank-holidays")
@click.option("--url", default=GOVUK_LIST, show_default=True, help="Where GOV.UK's list is.")
@click.option("--file", "path", default=None, help="Read the list from this file instead (GOV.UK's JSON).")
@with_appcontext
def check_bank_holidays_command(url: str, path: str | None):
    """Compare the clock's England and Wales bank holidays (and CLOSURE_DAYS) with GOV.UK's list.

    Exits 1 when they disagree, naming each day, so it can run from a yearly schedule.
    """
    payload = _read(path) if path else _fetch(url)
    try:
        check = compare_payload(payload, WorkingCalendar.from_settings(current_settings()))
    except BankHolidayListError as problem:
        raise click.ClickException(str(problem)) from None
    _say(check)
    if not check.agrees:
        raise SystemExit(1)


commands = [check_bank_holidays_command]
