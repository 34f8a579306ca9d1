"""Benchmark: server time of each public page. Goal: at most 50 ms median per page.

    .venv/bin/python bench/pages.py [--requests 200] [--runs 3]

One process, Flask's test client, a fresh SQLite database. The web form is first filled in as a
child would (tests/public/test_web_form.py's answers), so every page of it, and the check-answers
page, render with answers in them. Each page gets 10 warm-up requests, then ``--requests`` timed
ones: the CPU time spent in the request's thread (what the goal is judged on: wall-clock time on a
shared machine also counts the time other processes hold the CPU) and the wall-clock time. The
baseline is a bare Flask app answering the same HTML bytes from one route through the same test
client: the floor of the test client and Flask themselves. Prints, per page, the median of the
runs' medians, the ratio to the baseline, and the load average. Moved here from the unit suite,
where a timing goal failed on a busy machine and said nothing about the code.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "test")

BUDGET_MS = 50.0


def time_requests(client, url: str, requests: int) -> tuple[float, float]:
    """Median CPU and wall-clock milliseconds of ``requests`` GETs of ``url``, after a warm-up."""
    for _ in range(10):
        client.get(url)
    cpu, wall = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(url)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(cpu), statistics.median(wall)


def bare_app(html: bytes):
    from flask import Flask

    bare = Flask("bare")
    bare.add_url_rule("/", "page", lambda: (html, 200, {"Content-Type": "text/html; charset=utf-8"}))
    return bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from intake import create_app
    from intake.config import TEST_SETTINGS
    from intake.extensions import db
    from tests.public.test_web_form import CHILD_ANSWERS, answer_all

    pages = ["/"] + ["/tell-us/" + step for step, _ in CHILD_ANSWERS] + ["/tell-us/check"]
    tmp = tempfile.TemporaryDirectory()
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp.name) / 'pages.db'}"})
    with app.app_context():
        db.create_all()
    client = app.test_client()
    answer_all(client, CHILD_ANSWERS)
    html = client.get("/tell-us/check").data
    bare = bare_app(html).test_client()

    runs: dict[str, list[tuple[float, float]]] = {url: [] for url in pages}
    floor: list[tuple[float, float]] = []
    for _ in range(args.runs):
        floor.append(time_requests(bare, "/", args.requests))
        for url in pages:
            runs[url].append(time_requests(client, url, args.requests))

    floor_cpu = statistics.median(c for c, _ in floor)
    print(f"baseline (bare Flask, the check-answers page's {len(html):,} bytes): {floor_cpu:.2f} ms CPU")
    worst = 0.0
    for url in pages:
        cpu = statistics.median(c for c, _ in runs[url])
        wall = statistics.median(w for _, w in runs[url])
        worst = max(worst, cpu)
        print(f"{url:24} median {cpu:6.2f} ms CPU, {wall:6.2f} ms wall; {cpu / floor_cpu:5.1f}x the baseline")
    print(f"slowest page {worst:.2f} ms CPU (goal <= {BUDGET_MS:.0f} ms); load average {os.getloadavg()[0]:.2f}")
    tmp.cleanup()
    sys.exit(0 if worst <= BUDGET_MS else 1)


if __name__ == "__main__":
    main()
