"""The SMS webhook's CPU per request, in one process, by part: where the time goes, without gunicorn or sockets.

    .venv/bin/python bench/sms_inprocess.py [--requests 3000] [--runs 3] [--postgres URL] [--profile N]

Builds the three apps of ``bench/sms_webhook.py`` (bare TwiML, the stack's floor, ours) in this process and
calls each as gunicorn does (``app(environ, start_response)``) with the benchmark's own signed requests: the
same conversation script, a new MessageSid each time, a new number after each finished conversation. CPU
time is this thread's (``time.thread_time``), so the figures hold on a busy machine; the medians of the runs
are printed, per request, with the ratio ours/floor in CPU.

For ours it also prints the CPU spent in each part of the request (wrapped functions, measured
in-process; a part's time includes the parts inside it):

- ``signature``: the Twilio signature check (in the door ahead of Flask, ``intake/channels/sms_door.py``);
- ``read``: reading the text once (``conversation.read``), the risk screen inside it (``risk``);
- ``db read``: the one round trip for the conversation and a replayed reply;
- ``engine``: ``process_message`` (the engine, and the case at the end of a conversation: ``of it: the case``,
  ``submit()`` with its statements, in one request of the script's 13);
- ``db write``: the conditional UPDATE and the INSERT; ``commit``;
- ``twiml``; and ``around the view``: everything else (WSGI, routing, form parsing, hooks, headers).

``--profile N`` instead runs N requests of ours under cProfile and prints the 40 most expensive functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sms_webhook import TOKEN, _requests, bare_app  # noqa: E402

PORT = 5999
BASE_URL = f"http://127.0.0.1:{PORT}"


def _environ(raw: bytes) -> dict:
    """The WSGI environ gunicorn would build for one prepared request."""
    head, body = raw.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    environ = {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/sms/inbound",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": str(PORT),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value.strip()
        else:
            environ["HTTP_" + key] = value.strip()
    return environ


def _call(app: Callable, raw: bytes) -> bytes:
    status = []

    def start_response(code, headers, exc_info=None):
        status.append(code)

    result = app(_environ(raw), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    if not status[0].startswith("200") or b"went wrong" in body:
        raise RuntimeError(f"{status[0]}: {body[:200]!r}")
    return body


def _environment(database_url: str) -> None:
    os.environ.update(
        APP_ENV="development",
        SECRET_KEY=secrets.token_urlsafe(32),
        SMS_BACKEND="fake",
        TWILIO_AUTH_TOKEN=TOKEN,
        PUBLIC_BASE_URL=BASE_URL,
        DATABASE_URL=database_url,
    )
    os.environ.pop("TWILIO_ACCOUNT_SID", None)


def _ours():
    from intake import create_app
    from intake.domain.teams import sync_teams
    from intake.extensions import db

    app = create_app()
    with app.app_context():
        db.drop_all()
        db.create_all()
        sync_teams(db.session, app.config["COUNCIL_TEAMS"])
        db.session.commit()
    return app


def _floor():
    from bench import stack_floor

    stack_floor.create_table(os.environ["DATABASE_URL"])
    return stack_floor.app()


class Parts:
    """CPU per part of ours, by wrapping the functions the webhook calls (a part includes what it calls)."""

    WRAPPED = (
        ("signature", "intake.channels.sms_door", "signature_matches"),
        ("read", "intake.channels.sms", "read"),
        ("risk", "intake.domain.conversation.reading", "risk.screen"),
        ("db read", "intake.channels.sms", "conversations.sms_conversation"),
        ("engine", "intake.channels.sms", "process_message"),
        ("  of it: the case", "intake.domain.conversation.service", "case.send"),
        ("db write", "intake.channels.sms", "conversations.save_sms_turn"),
        ("twiml", "intake.channels.sms", "_twiml"),
    )

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def install(self, app) -> None:
        import importlib

        for part, module_name, attribute in self.WRAPPED:
            owner = importlib.import_module(module_name)
            *path, name = attribute.split(".")
            for step in path:
                owner = getattr(owner, step)
            setattr(owner, name, self._timed(part, getattr(owner, name)))
        from sqlalchemy import Connection
        from sqlalchemy.orm import Session
        from twilio.request_validator import RequestValidator

        self._wrap_method(Session, "commit", "commit")
        self._wrap_method(Connection, "commit", "commit")  # the SMS turn's connection (the floor's commit is its own)
        self._wrap_method(RequestValidator, "validate", "floor: signature")  # only the floor calls validate()

    def _wrap_method(self, owner: type, name: str, part: str) -> None:
        setattr(owner, name, self._timed(part, getattr(owner, name)))

    def _timed(self, part: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            t0 = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[part] += time.thread_time() - t0

        return timed


def _measure(app: Callable, requests: list[bytes]) -> tuple[float, float]:
    """CPU seconds and wall seconds per request."""
    t0, w0 = time.thread_time(), time.perf_counter()
    for raw in requests:
        _call(app, raw)
    return (time.thread_time() - t0) / len(requests), (time.perf_counter() - w0) / len(requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--profile", type=int, default=0, help="cProfile this many requests of ours instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _environment(args.postgres or f"sqlite:///{tmp}/bench.db")
        ours = _ours()
        if args.profile:
            _profile(ours, args.profile)
            return
        floor, bare = _floor(), bare_app()
        apps = {"bare": bare, "floor": floor, "ours": ours}
        warm = _requests(BASE_URL, PORT, 99, 200)
        for app in apps.values():
            for raw in warm:
                _call(app, raw)
        figures: dict[str, list[float]] = defaultdict(list)
        walls: dict[str, list[float]] = defaultdict(list)
        for run in range(args.runs):
            for name, app in apps.items():
                cpu, wall = _measure(app, _requests(BASE_URL, PORT, run, args.requests))
                figures[name].append(cpu)
                walls[name].append(wall)
        parts = Parts()
        parts.install(ours)
        parted = _requests(BASE_URL, PORT, 98, args.requests)
        ours_cpu, _wall = _measure(ours, parted)
        floor_cpu, _wall = _measure(floor, _requests(BASE_URL, PORT, 95, args.requests))  # validate() is wrapped
    print(f"{'PostgreSQL' if args.postgres else 'SQLite (WAL)'}; {args.requests} requests a run, {args.runs} runs")
    med = {name: statistics.median(values) * 1000 for name, values in figures.items()}
    for name, value in med.items():
        runs = ", ".join(f"{v * 1000:.3f}" for v in figures[name])
        wall = statistics.median(walls[name]) * 1000
        print(f"{name:6} CPU per request: {value:.3f} ms (runs: {runs}); wall {wall:.3f} ms")
    print(f"CPU ours/floor {med['ours'] / med['floor']:.2f}, floor/bare {med['floor'] / med['bare']:.2f}")
    print(
        f"\nours by part ({args.requests} requests, wrapped; {ours_cpu * 1000:.3f} ms per request with the wrappers):"
    )
    inside = parts.spent["signature"] + sum(
        parts.spent[p] for p in ("read", "db read", "engine", "db write", "twiml", "commit")
    )
    for part, _module, _attribute in Parts.WRAPPED:
        print(f"  {part:18} {parts.spent[part] / args.requests * 1000:.3f} ms")
    print(f"  {'commit':18} {parts.spent['commit'] / args.requests * 1000:.3f} ms")
    around = ours_cpu - inside / args.requests
    print(f"  {'around the view':18} {around * 1000:.3f} ms")
    signature = parts.spent["floor: signature"] / args.requests
    print(f"\nthe floor by part ({floor_cpu * 1000:.3f} ms per request with the wrapper):")
    print(f"  {'Flask (as bare)':18} {med['bare']:.3f} ms")
    print(f"  {'signature':18} {signature * 1000:.3f} ms")
    print(f"  {'INSERT and COMMIT':18} {(floor_cpu - signature) * 1000 - med['bare']:.3f} ms (the rest)")


def _profile(app, count: int) -> None:
    requests = _requests(BASE_URL, PORT, 97, count)
    for raw in _requests(BASE_URL, PORT, 96, 100):
        _call(app, raw)
    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    for raw in requests:
        _call(app, raw)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
