"""Sign-in throttling across real processes: gunicorn with 2 workers on loopback, one shared limit.

    .venv/bin/python bench/signin_throttle.py [--attempts 30] [--limit 10] [--threads 6]
    bash scripts/with-postgres.sh .venv/bin/python bench/signin_throttle.py --postgres

Starts ``gunicorn -w 2`` on a fresh SQLite file (or, with ``--postgres``, ``TEST_DATABASE_URL``'s database,
emptied first) with ``RATELIMIT_SIGN_IN="<limit> per minute"``, and sends ``--attempts`` wrong-password
sign-ins from one address at once over ``--threads`` connections, so both workers take some. Each worker is
its own process with its own memory: the limit holds only if the counters are shared.

It runs twice: with the counters in the database (``database://``, the default) and with them in each
process's memory (``memory://``, what the service had before issue 15), and prints for each how many tries
the server judged (not 429) against the limit. Goal: exactly the limit with ``database://``.

Then, with the database, it shows the per-account slowing: ten wrong passwords for one account from
different addresses (``X-Forwarded-For`` through ``TRUSTED_PROXY_COUNT=1``), and how many were refused.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database_url: str, storage: str, limit: int) -> dict[str, str]:
    return {
        **os.environ,
        "APP_ENV": "test",  # cheap password hashes: the benchmark counts answers, not hashing time
        "SECRET_KEY": "bench-signin-throttle-secret",
        "DATABASE_URL": database_url,
        "SMS_BACKEND": "fake",
        "RATELIMIT_STORAGE_URI": storage,
        "RATELIMIT_SIGN_IN": f"{limit} per minute",
        "TRUSTED_PROXY_COUNT": "1",
        "PYTHONPATH": str(ROOT),
    }


def prepare_database(env: dict[str, str]) -> None:
    code = (
        "from intake import create_app; from intake.extensions import db\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    db.drop_all(); db.create_all()\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [gunicorn, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"], env=env, cwd=ROOT
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            status, _, _ = request(port, "GET", "/healthz")
            if status == 200:
                return proc
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def request(port: int, method: str, path: str, body: str = "", headers: dict | None = None) -> tuple[int, str, str]:
    """(status, body, Set-Cookie) over a new connection, so the master hands each one to any worker."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), response.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def sign_in_form(port: int) -> tuple[str, str]:
    """A session cookie and the CSRF token that goes with it."""
    _, html, cookie = request(port, "GET", "/staff/login")
    token = _TOKEN.search(html)
    if not token:
        raise RuntimeError("no CSRF token on the sign-in page")
    return cookie.split(";", 1)[0], token.group(1)


def try_password(port: int, cookie: str, token: str, email: str, forwarded_for: str = "198.51.100.7") -> int:
    body = urlencode({"csrf_token": token, "email": email, "password": "not-the-password-1"})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "X-Forwarded-For": forwarded_for,
    }
    return request(port, "POST", "/staff/login", body, headers)[0]


def judged_across_workers(port: int, attempts: int, threads: int) -> Counter:
    """Statuses of ``attempts`` wrong passwords from one address (different account names), sent at once."""
    cookie, token = sign_in_form(port)
    with ThreadPoolExecutor(threads) as pool:
        statuses = pool.map(lambda i: try_password(port, cookie, token, f"person{i}@council.example"), range(attempts))
        return Counter(statuses)


def slowed_account(port: int) -> Counter:
    """Ten wrong passwords for one account, each from its own address: the account's count is shared."""
    cookie, token = sign_in_form(port)
    return Counter(try_password(port, cookie, token, "officer@council.example", f"203.0.113.{i}") for i in range(10))


def run(
    database_url: str, storage: str, attempts: int, limit: int, threads: int, *, prepare: bool = True
) -> tuple[Counter, Counter]:
    env = server_env(database_url, storage, limit)
    if prepare:
        prepare_database(env)
    port = free_port()
    proc = start_gunicorn(env, port)
    try:
        return judged_across_workers(port, attempts, threads), slowed_account(port)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attempts", type=int, default=30)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--postgres", action="store_true", help="use TEST_DATABASE_URL (emptied first)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ["TEST_DATABASE_URL"] if args.postgres else f"sqlite:///{tmp}/bench.db"
        print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; gunicorn -w 2; limit {args.limit} per minute")
        for storage in ("database://", "memory://"):
            judged, account = run(url, storage, args.attempts, args.limit, args.threads)
            passed = args.attempts - judged.get(429, 0)
            verdict = "holds" if passed == args.limit else f"does NOT hold ({passed - args.limit:+d})"
            print(
                f"  {storage:12} {args.attempts} tries at once: {passed} judged, {judged.get(429, 0)} refused (429): limit {verdict}"
            )
            if storage == "database://":
                print(
                    f"  {'':12} one account from 10 addresses: {account.get(400, 0)} judged, "
                    f"{account.get(429, 0)} told to wait (5 free, then a wait that doubles)"
                )


if __name__ == "__main__":
    main()
