"""Sign-in throttling holds across real processes: gunicorn with 2 workers on loopback, counters in the
database (``bench/signin_throttle.py`` prints the same, and the memory:// counters it replaced)."""

from __future__ import annotations

import pytest

from bench.signin_throttle import run


@pytest.mark.db
def test_one_limit_holds_across_two_gunicorn_workers_and_the_account_slows_down_whichever_serves(database_url):
    judged, account = run(database_url, "database://", attempts=24, limit=8, threads=6, prepare=False)
    assert judged == {400: 8, 429: 16}
    assert account == {400: 5, 429: 5}
