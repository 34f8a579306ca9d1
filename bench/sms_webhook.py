"""Benchmark: the Twilio inbound webhook under gunicorn, against the stack's floor and a bare TwiML endpoint.

    .venv/bin/python bench/sms_webhook.py [--runs 3] [--seconds 8] [--postgres URL] [--floor]
    bash scripts/with-postgres.sh sh -c '.venv/bin/python bench/sms_webhook.py --postgres "$TEST_DATABASE_URL"'

Every run serves three apps in turn, each under gunicorn with the Procfile's worker settings (``--gunicorn``
overrides them) on a loopback port, and drives each with the same load:

- ``bare``: the smallest Flask app that answers fixed TwiML;
- ``floor``: the stack's floor (``bench/stack_floor.py``): a bare Flask app that checks the signature with
  twilio's ``RequestValidator`` and commits one SQLAlchemy INSERT of the text, to the same database as ours;
- ``ours``: the service (``wsgi:app``) with a throw-away SQLite (WAL) database, or PostgreSQL with
  ``--postgres`` (or TEST_DATABASE_URL). The requests are real conversation steps (greeting, menus,
  story, summary, submit), each with a new MessageSid, a new number after every finished conversation,
  so every request does the full work: signature check, the one read, the engine and risk screen, the
  state saved with the message and, at the end of each conversation, a case with its outbox rows.

The order of the three turns rotates from run to run, so a machine that gets busier part-way through does
not always hurt the same one. Prints throughput, p50 and p99 for each, the ratio ours/floor within each run
and the medians over the runs. Goal (issue 14 item 11): ours >= 0.6 of the floor, p99 <= 100 ms.

``--without-cases`` plays the same conversation but never sends it (no at the summary, then start again), so
no request makes a case: the difference from the usual run is what the case at the end of each conversation
costs the mix.

``--floor`` adds a fourth turn, ``app-floor`` (``bench/sms_floor.py``): our whole app (every extension,
hook and header) with a webhook that only checks the signature and stores the text, which shows what our
app costs before its view runs.

The load generator shares the two cores with the servers, so it is kept cheap: every request is signed and
encoded before the clock starts and sent over a raw keep-alive socket. An answer that is not a 200, or is the
webhook's "something went wrong" apology, counts as an error.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-auth-token"
# One conversation, as a child might text it. The last "yes" submits a case.
SCRIPT = (
    "hi",
    "1",
    "i want to complain",
    "its about me",
    "my social worker never rings me back",
    "i have left loads of messages",
    "done",
    "to get a call back",
    "my PA",
    "no",
    "yes",
    "no",
    "yes",
)
# The same conversation that never sends: at the summary they say no, and start again. Every text but the case:
# ``--without-cases`` shows what the case at the end of each conversation costs the mix.
SCRIPT_WITHOUT_CASES = (*SCRIPT[:-3], "no", "no", "start again")


def bare_app():
    """The baseline: the smallest Flask app that answers a webhook with fixed TwiML."""
    from flask import Flask, Response

    app = Flask("bare")

    @app.post("/sms/inbound")
    def inbound():
        return Response(
            '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks</Message></Response>',
            mimetype="application/xml",
        )

    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare_database(url: str, env: dict) -> None:
    code = (
        "from intake import create_app; from intake.extensions import db; from intake.domain.teams import sync_teams\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    db.drop_all(); db.create_all(); sync_teams(db.session, app.config['COUNCIL_TEAMS']); db.session.commit()\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)


def procfile_worker_args() -> list[str]:
    """The worker settings (count, class, threads) from the Procfile's ``web:`` line, so the benchmark measures
    what production runs. The bind address and the app are the benchmark's own."""
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:") and "gunicorn " in line:
            words = shlex.split(line.split("gunicorn ", 1)[1])
            kept, skip = [], False
            for word in words:
                if skip:
                    skip = False
                elif word in ("-b", "--bind"):
                    skip = True
                elif word.startswith("--bind=") or ":" in word and not word.startswith("-"):
                    pass  # the bind address or the app (wsgi:app)
                else:
                    kept.append(word)
            return kept
    raise RuntimeError("no gunicorn web: line in the Procfile")


def _start(target: str, port: int, env: dict, worker_args: list[str]) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [gunicorn, *worker_args, "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--keep-alive", "30", target],
        env=env,
        cwd=ROOT,
    )
    # The master listens at once, but each worker imports the app first: wait until requests are answered.
    deadline = time.time() + 120
    answered = 0
    while time.time() < deadline and answered < 20:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/sms/inbound")  # 405 from both apps, and nothing logged
            conn.getresponse().read()
            conn.close()
            answered += 1
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
    if answered < 20:
        proc.kill()
        raise RuntimeError(f"gunicorn did not start for {target}")
    return proc


class _Client:
    """A minimal HTTP/1.1 keep-alive client on a raw socket: cheap enough that the load generator, which shares
    the machine's two cores with gunicorn, costs far less per request than the servers it measures."""

    def __init__(self, port: int):
        self.port = port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        return sock

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def send(self, request: bytes) -> tuple[int, bytes]:
        """Send one prepared request; return the response status (0 if the connection failed) and body."""
        for attempt in (1, 2):  # the server may close an idle keep-alive connection: reconnect once
            try:
                if self.sock is None:
                    self.sock = self._connect()
                self.sock.sendall(request)
                return self._response()
            except OSError:
                self.close()
                if attempt == 2:
                    return 0, b""
        return 0, b""

    def _response(self) -> tuple[int, bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        while len(self.buffer) < length:
            self._read()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        if close:
            self.close()
        return status, body

    def _read(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("server closed the connection")
        self.buffer += chunk


def _requests(base_url: str, port: int, connection: int, count: int) -> list[bytes]:
    """``count`` signed webhooks for one connection, prepared before timing: consecutive conversation steps,
    each with a new MessageSid, a new person after every finished conversation."""
    from twilio.request_validator import RequestValidator

    validator = RequestValidator(TOKEN)
    url = base_url + "/sms/inbound"
    prepared = []
    number = ""
    for n in range(count):
        step = n % len(SCRIPT)
        if step == 0:
            number = f"+4477009{connection:02d}{secrets.randbelow(10_000):04d}"
        params = {
            "MessageSid": "SM" + secrets.token_hex(16),
            "AccountSid": "AC" + "0" * 32,
            "From": number,
            "To": "+447700900000",
            "Body": SCRIPT[step],
            "NumMedia": "0",
        }
        body = urllib.parse.urlencode(params).encode()
        head = (
            f"POST /sms/inbound HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
            f"X-Twilio-Signature: {validator.compute_signature(url, params)}\r\n\r\n"
        )
        prepared.append(head.encode() + body)
    return prepared


FAILURE_REPLY = b"something went wrong on our side"
WARM_UP = 2.0  # seconds, not measured
# Enough prepared requests per connection for the fastest server seen here (bare Flask, up to ~5,800 req/s in all);
# a connection that runs out signs more on the fly.
PREPARED_RATE = 800


class Result(NamedTuple):
    rps: float
    p50: float  # ms
    p99: float  # ms
    errors: int
    cpu: float  # ms of CPU (user + system) the server's processes spent per request
    client: float  # ms of CPU the load generator (this process) spent per request: with the server's, what the
    # two cores had to give; the rest of 2 cores x the run's length went unused (waiting on locks, say)
    database: float  # ms of CPU PostgreSQL's processes spent per request (0 on SQLite, which runs in the server)


def _cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time (user + system) of a process and its children (gunicorn's master and workers), and of every
    PostgreSQL process, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    server = database = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue  # the process ended while we looked
        fields = tail.split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1] is the parent's pid
            server += seconds
        elif head.endswith("(postgres"):
            database += seconds
    return server, database


def _load(port: int, seconds: float, connections: int, base_url: str, server_pid: int | None = None) -> Result:
    count = int((seconds + WARM_UP) * PREPARED_RATE) + len(SCRIPT)
    prepared = [_requests(base_url, port, i, count) for i in range(connections)]
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    start_at = time.perf_counter() + WARM_UP
    stop_at = start_at + seconds

    def worker(i: int) -> None:
        client, queue, n = _Client(port), prepared[i], 0
        clock = time.perf_counter
        while (t0 := clock()) < stop_at:
            if n == len(queue):
                queue.extend(_requests(base_url, port, i, len(SCRIPT) * 20))
            status, body = client.send(queue[n])
            t1 = clock()
            n += 1
            if t0 >= start_at:
                latencies[i].append(t1 - t0)
                # The webhook never answers Twilio with a 500; a failure inside shows as the apology.
                errors[i] += 0 if status == 200 and FAILURE_REPLY not in body else 1
        client.close()

    cpu: list[tuple[float, float]] = []
    client: list[float] = []

    def watch_cpu() -> None:  # the server's CPU and ours over the measured seconds only
        for moment in (start_at, stop_at):
            time.sleep(max(0.0, moment - time.perf_counter()))
            cpu.append(_cpu_seconds(server_pid) if server_pid else (0.0, 0.0))
            client.append(time.process_time())

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    threads.append(threading.Thread(target=watch_cpu))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    all_latencies = sorted(x for per in latencies for x in per)
    n = len(all_latencies)
    if n == 0:
        raise RuntimeError("no request completed")
    p50 = all_latencies[n // 2] * 1000
    p99 = all_latencies[min(n - 1, int(n * 0.99))] * 1000
    per_request = [(after - before) * 1000 / n for before, after in zip(cpu[0], cpu[1], strict=True)]
    return Result(
        n / seconds, p50, p99, sum(errors), per_request[0], (client[1] - client[0]) * 1000 / n, per_request[1]
    )


TARGETS = {
    "bare": "bench.sms_webhook:bare_app()",
    "floor": "bench.stack_floor:app()",
    "ours": "wsgi:app",
    "app-floor": "bench.sms_floor:app",
}


def run_once(target: str, database_url: str | None, seconds: float, connections: int, worker_args: list[str]) -> Result:
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "APP_ENV": "development",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "SMS_BACKEND": "fake",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PUBLIC_BASE_URL": base_url,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("TWILIO_ACCOUNT_SID", None)
    with tempfile.TemporaryDirectory() as tmp:
        env["DATABASE_URL"] = database_url or f"sqlite:///{tmp}/bench.db"
        if target == "floor":
            code = "from bench.stack_floor import create_table; import os; create_table(os.environ['DATABASE_URL'])"
            subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
        elif target != "bare":
            _prepare_database(env["DATABASE_URL"], env)
        proc = _start(TARGETS[target], port, env, worker_args)
        try:
            return _load(port, seconds, connections, base_url, proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL"), help="PostgreSQL URL to use")
    parser.add_argument(
        "--gunicorn", help="worker settings instead of the Procfile's, e.g. '-w 2 -k gthread --threads 2'"
    )
    parser.add_argument(
        "--without-cases",
        action="store_true",
        help="conversations that never send, so no request makes a case (the usual script makes one in 13)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also measure bench/sms_floor.py (our app, with a view that only checks and stores)",
    )
    args = parser.parse_args()
    if args.without_cases:
        global SCRIPT
        SCRIPT = SCRIPT_WITHOUT_CASES
    targets = ["bare", "floor", "ours"] + (["app-floor"] if args.floor else [])
    worker_args = shlex.split(args.gunicorn) if args.gunicorn else procfile_worker_args()
    database = "PostgreSQL" if args.postgres else "SQLite (WAL)"
    print(
        f"{database}; gunicorn {' '.join(worker_args)}; {args.connections} keep-alive connections; "
        f"{args.seconds:g} s per run; {args.runs} runs; load average {_load_average()}"
    )
    results: dict[str, list[Result]] = {t: [] for t in targets}
    ratios = []
    for run in range(1, args.runs + 1):
        shift = (run - 1) % len(targets)
        for target in targets[shift:] + targets[:shift]:
            result = run_once(target, args.postgres, args.seconds, args.connections, worker_args)
            results[target].append(result)
            print(f"run {run} {target:9}: {_figures(result)}  errors {result.errors}")
        ours, floor, bare = (results[t][-1] for t in ("ours", "floor", "bare"))
        ratios.append(ours.rps / floor.rps)
        print(
            f"run {run} ours/floor {ratios[-1]:.2f}, floor/bare {floor.rps / bare.rps:.2f}; "
            f"load average {_load_average()}"
        )
    med = {
        t: Result(*(statistics.median(r[i] for r in results[t]) for i in range(len(Result._fields)))) for t in targets
    }
    for target in targets:
        print(f"median {target:9}: {_figures(med[target])}")
    ratio = statistics.median(ratios)
    goal = ratio >= 0.6 and med["ours"].p99 <= 100
    print(
        f"ratio ours/floor, median of the runs: {ratio:.2f} (each run: {', '.join(f'{r:.2f}' for r in ratios)}); "
        f"floor/bare {med['floor'].rps / med['bare'].rps:.2f}; ours/bare {med['ours'].rps / med['bare'].rps:.2f}"
    )
    if args.floor:
        print(f"app-floor/floor {med['app-floor'].rps / med['floor'].rps:.2f}")
    print(f"goal (ours >= 0.6 of the floor, p99 <= 100 ms): {'met' if goal else 'NOT met'}")
    for target in targets:
        if errors := sum(r.errors for r in results[target]):
            print(f"errors (non-200 or 'went wrong' answers) from {target}: {errors}")


def _figures(result: Result) -> str:
    busy = result.rps * (result.cpu + result.client + result.database) / 1000 / (os.cpu_count() or 1)
    database = f"  database {result.database:4.2f}" if result.database else ""
    return (
        f"{result.rps:7.0f} req/s  p50 {result.p50:6.1f} ms  p99 {result.p99:6.1f} ms  "
        f"server CPU {result.cpu:5.2f} ms/request  client {result.client:4.2f}{database}  cores busy {busy:4.0%}"
    )


def _load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
