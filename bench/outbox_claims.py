"""Load test: several worker processes draining one outbox. Prints duplicates, lost, throughput and the floor.

    .venv/bin/python bench/outbox_claims.py [--workers 4] [--notifications 5000] [--runs 1]
    bash scripts/with-postgres.sh .venv/bin/python bench/outbox_claims.py --postgres

Fills a fresh SQLite file (or, with ``--postgres``, ``TEST_DATABASE_URL``'s database, which is emptied) with
pending ``new_case`` emails, one in ten urgent, and starts ``--workers`` real ``flask --app wsgi worker
--once`` processes at the same moment, each with its own engine. They all deliver to one SMTP sink on
loopback, in its own process, that writes down the ``X-HYS-Notification`` id of every message it accepts.

- **duplicates**: messages the sink accepted beyond one per notification (goal 0);
- **lost**: notifications not marked sent, or never accepted by the sink (goal 0);
- **throughput**: notifications per second from the first message the sink accepted to the last (the
  processes' start-up, about a second each, is printed apart);
- **the floor**: the same messages, already rendered, sent by a bare smtplib loop over one connection with no
  database; the ratio is the workers' throughput over it.
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
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("APP_ENV", "test")

SINK = """
import re, sys, time
from aiosmtpd.controller import Controller
ID = re.compile(rb"^X-HYS-Notification: (\\d+)\\r?$", re.M)
out = open(sys.argv[2], "a", buffering=1)
class Counting:
    async def handle_DATA(self, server, session, envelope):
        found = ID.search(envelope.original_content or envelope.content)
        out.write(f"{time.time():.6f} {found.group(1).decode() if found else '-'}\\n")
        return "250 OK"
Controller(Counting(), hostname="127.0.0.1", port=int(sys.argv[1])).start()
while True:
    time.sleep(3600)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(port: int, log: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", SINK, str(port), str(log)])
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the SMTP sink did not start")


def read_sink(log: Path) -> list[tuple[float, str]]:
    lines = log.read_text().split()
    return [(float(lines[i]), lines[i + 1]) for i in range(0, len(lines), 2)]


def fill(app, count: int) -> list[int]:
    from intake.domain.submit import Submission, submit
    from intake.extensions import db
    from intake.models import Channel, Kind, Notification, SubmittedBy
    from intake.models.base import utcnow

    with app.app_context():
        db.drop_all()
        db.create_all()
        quiet = {**app.config, "COMPLAINTS_OFFICER_EMAIL": None, "RIGHTS_OFFICER_EMAIL": None}
        reps = [
            submit(
                db.session,
                Submission(
                    kind=Kind.COMMENT,
                    channel=Channel.WEB_FORM,
                    what_happened=f"bench {i}",
                    submitted_by=SubmittedBy.PARENT,
                ),
                quiet,
            ).representation
            for i in range(50)
        ]
        db.session.commit()
        db.session.execute(db.delete(Notification))
        now = utcnow()
        rows = [
            {
                "representation_id": reps[i % len(reps)].id,
                "channel": "email",
                "recipient": f"officer{i}@council.example",
                "template": "new_case",
                "audience": "complaints officer",
                "urgent": i % 10 == 0,
                "language": "en",
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "give_up_at": now + timedelta(hours=48),
                "created_at": now,
            }
            for i in range(count)
        ]
        db.session.execute(db.insert(Notification), rows)
        db.session.commit()
        return list(db.session.scalars(db.select(Notification.id)))


def run_workers(url: str, port: int, workers: int, batch_size: int | None, logs: Path) -> tuple[float, list[str]]:
    """Start the workers together and wait for them; returns the wall time and each one's summary line."""
    env = {
        **os.environ,
        "APP_ENV": "development",
        "SECRET_KEY": "bench-outbox-claims-secret-key",
        "DATABASE_URL": url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "SMTP_STARTTLS": "false",
        "SMS_BACKEND": "fake",
        "TWILIO_ACCOUNT_SID": "",
        "QUIET_HOURS": "",
    }
    env.pop("TEST_DATABASE_URL", None)
    args = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--once"]
    if batch_size:
        args += ["--batch-size", str(batch_size)]
    started = time.perf_counter()
    outputs = [logs / f"worker-{i}.log" for i in range(workers)]
    procs = []
    for output in outputs:
        with output.open("wb") as out:  # a file, not a pipe: a worker never blocks on a full pipe
            procs.append(subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT))
    for proc in procs:
        proc.wait(timeout=1800)
    wall = time.perf_counter() - started
    summaries = []
    for proc, output in zip(procs, outputs, strict=True):
        text = output.read_text(errors="replace")
        retries = text.count("database unavailable")
        last = text.strip().splitlines()[-1] if text.strip() else ""
        summaries.append(f"exit {proc.returncode}, {last.split(';')[0]}, {retries} database retries")
        if proc.returncode:
            print(text[-3000:], file=sys.stderr)
    return wall, summaries


def floor(app, port: int) -> float:
    """Messages per second for a bare smtplib loop over one connection, the messages already rendered."""
    from intake.delivery.email import render_email
    from intake.extensions import db
    from intake.models import Notification

    with app.app_context():
        messages = [
            (m.to, m.raw)
            for m in map(lambda n: render_email(n, app.config), db.session.scalars(db.select(Notification)))
        ]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        for to, raw in messages:
            smtp.sendmail("have-your-say@council.example", [to], raw)
    return len(messages) / (time.perf_counter() - started)


def one_run(app, url: str, args, run: int) -> dict:
    from intake.extensions import db
    from intake.models import Notification, NotificationStatus

    ids = fill(app, args.notifications)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "sink.log"
        port = free_port()
        sink = start_sink(port, log)
        try:
            wall, summaries = run_workers(url, port, args.workers, args.batch_size, Path(tmp))
            time.sleep(0.2)
            accepted = read_sink(log)
            with app.app_context():
                statuses = Counter(db.session.scalars(db.select(Notification.status)))
                db.session.remove()
            log.write_text("")
            base = floor(app, port)
        finally:
            sink.terminate()
            sink.wait(timeout=10)
    counts = Counter(nid for _, nid in accepted)
    if len(accepted) > len(counts):  # say which were sent twice, and how far apart: a lease that ran out, or not
        first: dict[str, float] = {}
        gaps = []
        for t, nid in accepted:
            if nid in first:
                gaps.append(f"{nid} after {t - first[nid]:.1f} s")
            first.setdefault(nid, t)
        with app.app_context():
            urgent = set(map(str, db.session.scalars(db.select(Notification.id).where(Notification.urgent))))
            db.session.remove()
        twice = [nid for nid, count in counts.items() if count > 1]
        print(f"  sent again: {', '.join(gaps[:10])}; {sum(n in urgent for n in twice)} of {len(twice)} urgent")
    duplicates = sum(counts.values()) - len(counts)
    unsent = args.notifications - statuses.get(NotificationStatus.SENT, 0)
    lost = max(unsent, len(set(map(str, ids)) - set(counts)))
    times = [t for t, _ in accepted]
    window = (max(times) - min(times)) if len(times) > 1 else float("nan")
    rate = len(counts) / window
    print(
        f"run {run}: {args.workers} workers, {len(accepted)} messages accepted for {args.notifications} "
        f"notifications: duplicates {duplicates}, lost {lost}; "
        f"{rate:.0f}/s over the delivery window ({window:.1f} s; {wall:.1f} s with start-up); "
        f"bare smtplib {base:.0f}/s",
        flush=True,
    )
    for i, summary in enumerate(summaries, 1):
        print(f"  worker {i}: {summary}")
    return {"duplicates": duplicates, "lost": lost, "rate": rate, "wall": wall, "floor": base}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--notifications", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=None, help="claimed at a time (default: the worker's)")
    parser.add_argument("--postgres", action="store_true", help="use TEST_DATABASE_URL instead of a SQLite file")
    args = parser.parse_args()

    from intake import create_app
    from intake.config import TEST_SETTINGS

    tmp = tempfile.TemporaryDirectory()
    if args.postgres:
        url = os.environ.get("TEST_DATABASE_URL") or sys.exit("--postgres needs TEST_DATABASE_URL")
    else:
        url = f"sqlite:///{Path(tmp.name) / 'claims.db'}"
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    try:
        results = [one_run(app, url, args, run + 1) for run in range(args.runs)]
    finally:
        tmp.cleanup()

    database = "PostgreSQL" if args.postgres else "SQLite"
    rate = statistics.median(r["rate"] for r in results)
    base = statistics.median(r["floor"] for r in results)
    print(
        f"\n{args.workers} workers x {args.notifications} notifications x {args.runs} run(s), {database}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"duplicates (total):     {sum(r['duplicates'] for r in results):8d}   (goal 0)")
    print(f"lost (total):           {sum(r['lost'] for r in results):8d}   (goal 0)")
    print(f"workers (median):       {rate:8.0f} notifications/s")
    print(f"bare smtplib (median):  {base:8.0f} messages/s")
    print(f"ratio workers/floor:    {rate / base:8.2f}")


if __name__ == "__main__":
    main()
