"""Rate limits every process and server shares: a ``limits`` storage over our own database.

Flask-Limiter keeps its counters wherever ``RATELIMIT_STORAGE_URI`` says. The ``limits`` library offers
memory, Redis, Memcached and MongoDB, but nothing over SQL, and a council running this service has one
database and maybe no Redis. So ``database://`` (the default) is this storage: each hit is one atomic upsert
in its own short transaction (``intake.data.ratelimits``), committed at once, so a request that fails later
still counts and another process sees it straight away. ``redis://...`` still works as Flask-Limiter documents
(with the ``redis`` package installed).

Keys are HMACs (with SECRET_KEY) of what Flask-Limiter counts by, so the table never holds an address.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager

from limits.storage import Storage
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from intake.data import ratelimits as counters
from intake.data.ratelimits import hashed_key
from intake.settings import current_settings

# Ended windows are deleted every this many hits in a process (one indexed DELETE).
_TIDY_EVERY = 500


class DatabaseStorage(Storage):
    """``database://``: Flask-Limiter's fixed windows in the ``rate_limit_window`` table."""

    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: float | str | bool):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._hits = itertools.count(1)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        from intake.extensions import db

        with db.engine.begin() as connection:  # its own transaction, committed on leaving
            yield connection

    @staticmethod
    def _key(key: str) -> str:
        return hashed_key(current_settings().secret_key, key)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._connection() as connection:
            if next(self._hits) % _TIDY_EVERY == 0:
                counters.delete_ended_windows(connection, now)
            return counters.add_hits(connection, self._key(key), amount, expiry, now)

    def get(self, key: str) -> int:
        with self._connection() as connection:
            return counters.window_hits(connection, self._key(key), time.time())

    def get_expiry(self, key: str) -> float:
        with self._connection() as connection:
            return counters.window_expiry(connection, self._key(key), time.time())

    def check(self) -> bool:
        try:
            with self._connection() as connection:
                counters.window_hits(connection, "check", time.time())
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self._connection() as connection:
            return counters.clear_windows(connection)

    def clear(self, key: str) -> None:
        with self._connection() as connection:
            counters.clear_window(connection, self._key(key))


def public_post_limit(view):
    """Every public form POST from one address counts towards one shared limit (RATELIMIT_PUBLIC_POSTS)."""
    from intake.extensions import limiter

    return limiter.shared_limit(_public_posts, scope="public-post", methods=["POST"])(view)


def _public_posts() -> str:
    return current_settings().security.ratelimit_public_posts
