"""Benchmark: how fast the outbox worker delivers email to a local SMTP sink.

    .venv/bin/python bench/delivery.py [--notifications 2000] [--runs 3]
    bash scripts/with-postgres.sh .venv/bin/python bench/delivery.py --postgres

Starts aiosmtpd's discarding ``Sink`` handler (no logging, nothing parsed or
stored) in its own process on loopback: the same sink, on the same cores, for
the worker and the baseline. Fills a fresh SQLite database (or, with
``--postgres``, ``TEST_DATABASE_URL``'s, or ``DATABASE_URL``'s if set, which is
then emptied: use a throw-away one) with
pending ``new_case`` notifications, and times ``Worker.run(once=True)``:
claiming in batches, rendering text and HTML from the templates, sending over
one SMTP connection per batch, and committing results in groups of
``DELIVERY_RESULT_BATCH``. The baseline sends the same pre-rendered messages
with a bare smtplib loop over one connection and no database. Prints the
median of the runs, the ratio and the load average (other work on the machine
slows the sink and both figures). Goal (issue 5): >= 200/s.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "test")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the SMTP sink did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=None, help="claimed at a time (default: the worker's)")
    parser.add_argument("--postgres", action="store_true", help="use TEST_DATABASE_URL instead of a SQLite file")
    args = parser.parse_args()

    from intake import create_app
    from intake.config import TEST_SETTINGS
    from intake.delivery.email import render_email
    from intake.delivery.loop import Worker
    from intake.delivery.settings import WorkerSettings
    from intake.domain.submit import Submission, submit
    from intake.extensions import db
    from intake.models import Channel, Kind, Notification, NotificationStatus, SubmittedBy
    from intake.models.base import utcnow

    port = free_port()
    sink = start_sink(port)
    tmp = tempfile.TemporaryDirectory()
    url = (os.environ.get("TEST_DATABASE_URL") if args.postgres else None) or os.environ.get("DATABASE_URL")
    if args.postgres and not url:
        sys.exit("--postgres needs TEST_DATABASE_URL (see scripts/with-postgres.sh)")
    url = url or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    app = create_app(
        {
            **TEST_SETTINGS,
            "SQLALCHEMY_DATABASE_URI": url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": port,
            "SMTP_STARTTLS": False,
            "SMTP_TIMEOUT_SECONDS": 10,
        }
    )
    worker_rates, baseline_rates = [], []
    try:
        with app.app_context():
            db.drop_all()
            db.create_all()
            reps = [
                submit(
                    db.session,
                    Submission(
                        kind=Kind.COMPLAINT,
                        channel=Channel.SMS,
                        what_happened=f"bench {i}",
                        submitted_by=SubmittedBy.CHILD,
                    ),
                    {**app.config, "COMPLAINTS_OFFICER_EMAIL": None, "RIGHTS_OFFICER_EMAIL": None},
                ).representation
                for i in range(50)
            ]
            for run in range(args.runs):
                db.session.execute(db.delete(Notification))
                now = utcnow()
                db.session.add_all(
                    [
                        Notification(
                            representation_id=reps[i % len(reps)].id,
                            channel="email",
                            recipient=f"officer{i}@council.example",
                            template="new_case",
                            audience="complaints officer",
                            next_attempt_at=now,
                            give_up_at=now + timedelta(hours=48),
                        )
                        for i in range(args.notifications)
                    ]
                )
                db.session.commit()
                worker = Worker(app, WorkerSettings.from_config(app.config, batch_size=args.batch_size))
                started = time.perf_counter()
                stats = worker.run(once=True)
                elapsed = time.perf_counter() - started
                sent = db.session.scalar(
                    db.select(db.func.count()).where(Notification.status == NotificationStatus.SENT)
                )
                assert stats.sent == sent == args.notifications, (stats, sent)
                worker_rates.append(args.notifications / elapsed)

                # Baseline: the same messages, already rendered, over one connection with nothing else to do.
                messages = [
                    (m.to, m.raw)
                    for m in (render_email(n, app.config) for n in db.session.scalars(db.select(Notification)))
                ]
                started = time.perf_counter()
                with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
                    for to, raw in messages:
                        smtp.sendmail("have-your-say@council.example", [to], raw)
                baseline_rates.append(len(messages) / (time.perf_counter() - started))
                print(
                    f"run {run + 1}: worker {worker_rates[-1]:.0f}/s, bare smtplib {baseline_rates[-1]:.0f}/s",
                    flush=True,
                )
    finally:
        sink.terminate()
        sink.wait(timeout=10)
        tmp.cleanup()

    worker_rate, baseline_rate = statistics.median(worker_rates), statistics.median(baseline_rates)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    batch = WorkerSettings.from_config(app.config, batch_size=args.batch_size)
    print(
        f"\n{args.notifications} notifications x {args.runs} runs, batch {batch.batch_size}, "
        f"results per commit {batch.result_batch}, {database}; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"worker (median):        {worker_rate:8.0f} notifications/s   (goal >= 200/s)")
    print(f"bare smtplib (median):  {baseline_rate:8.0f} messages/s")
    print(f"ratio worker/baseline:  {worker_rate / baseline_rate:8.2f}")


if __name__ == "__main__":
    main()
