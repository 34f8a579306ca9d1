"""Benchmark: how fast ``poll-mailbox`` takes in a full mailbox from a real Dovecot on loopback.

    .venv/bin/python bench/mailbox.py [--messages 200] [--runs 3] [--postgres URL]

Starts Dovecot with the test fixture's throw-away configuration (``tests/support/imap_server.py``; needs
``dovecot-imapd``: ``scripts/ensure-test-packages.sh``), fills its INBOX with ``--messages`` ordinary complaints (a
subject, a paragraph of text, one in five with a small PNG attached, one in twenty a bounce), and times one
``MailboxPoller.poll``: listing, fetching each message, parsing, screening, ``submit()`` with its notifications,
storing attachments, one commit per message, and flagging. Each run uses a fresh mailbox and an empty database
(a temporary SQLite file, or ``--postgres``'s database, which is emptied: use a throw-away one).

The baseline, on the same mailbox in the same run, fetches every message over one connection with imap-tools
and parses it with the ``email`` package: what reading the mailbox costs with no case made. Prints the median
of the runs and the ratio. There is no goal in the issue; a council's mailbox gets a few hundred a day.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from email import message_from_bytes, policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "test")

TEXT = (
    "I am writing about my son's placement. Since September nobody from the leaving care team has returned my "
    "calls, and his allowance has not been paid for two months. We were told a new worker would be in touch "
    "within a week and that did not happen either. Please can someone explain what is going on and when the "
    "money will be paid."
)


def fill(server, count: int) -> None:
    from tests.mailbox.samples import PNG, email

    with server.open() as box:
        for i in range(count):
            if i % 20 == 19:
                raw = email(sender="MAILER-DAEMON@mx.example.org", subject="Undelivered Mail", text="Gone.")
            elif i % 5 == 4:
                raw = email(subject=f"Complaint {i}", text=TEXT, attachments=[("photo.png", PNG, "image/png")])
            else:
                raw = email(subject=f"Complaint {i}", text=TEXT)
            box.append(raw, "INBOX")


def baseline(server) -> float:
    started = time.perf_counter()
    with server.open() as box:
        for message in box.fetch("ALL", mark_seen=False, bulk=False):
            message_from_bytes(message.obj.as_bytes(), policy=policy.default)
    return time.perf_counter() - started


def empty_database(db) -> None:
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default=None, help="a throw-away PostgreSQL URL (emptied)")
    args = parser.parse_args()

    from intake import create_app
    from intake.channels.mailbox import MailboxPoller
    from intake.config import TEST_SETTINGS
    from intake.extensions import db
    from tests.support import imap_server

    if not imap_server.available():
        raise SystemExit("Dovecot is not installed: run scripts/ensure-test-packages.sh as root")
    tmp = tempfile.TemporaryDirectory()
    url = args.postgres or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    server = imap_server.Dovecot().start()
    try:
        app = create_app(
            {
                **TEST_SETTINGS,
                **server.settings(),
                "SQLALCHEMY_DATABASE_URI": url,
                "ATTACHMENT_DIR": str(Path(tmp.name) / "attachments"),
            }
        )
        with app.app_context():
            db.create_all()
        polls, bases = [], []
        for run in range(1, args.runs + 1):
            server.empty()
            with app.app_context():
                empty_database(db)
            fill(server, args.messages)
            bases.append(baseline(server))
            stats = MailboxPoller(app.config).poll(app)
            if stats.error or stats.looked_at != args.messages:
                raise SystemExit(f"run {run} went wrong: {stats}")
            polls.append(stats.seconds)
            print(
                f"run {run}: {stats.looked_at} messages ({stats.cases} cases, {stats.ignored} bounces) in "
                f"{stats.seconds:.2f} s = {stats.looked_at / stats.seconds:.0f}/s; bare fetch and parse "
                f"{bases[-1]:.2f} s"
            )
    finally:
        server.stop()
    poll, base = statistics.median(polls), statistics.median(bases)
    print(
        f"median: a {args.messages}-message mailbox taken in in {poll:.2f} s ({args.messages / poll:.0f} messages/s) "
        f"on {'PostgreSQL' if args.postgres else 'SQLite'}; bare imap-tools fetch and parse {base:.2f} s "
        f"({args.messages / base:.0f}/s); ratio {base / poll:.2f}; load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
