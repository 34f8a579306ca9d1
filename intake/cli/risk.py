"""``check-risk``: run the safeguarding screen over lines of text, for testing and tuning it."""

from __future__ import annotations

import io
import sys

import click

from intake.domain.risk import check_lines


@click.command("check-risk")
def check_risk():
    """Read messages from stdin, one per line; print RISK or OK for each, with a tab and the reason."""
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    out = sys.stdout
    for line in check_lines(line.rstrip("\n") for line in stdin):
        out.write(line + "\n")
    out.flush()


commands = [check_risk]
