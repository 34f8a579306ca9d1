"""A database of its own for each pytest-xdist worker.

SQLite needs nothing here: each worker has its own temporary directory, so its own file. On PostgreSQL
every worker gets a fresh database on the ``TEST_DATABASE_URL`` server, named after that database and
the worker (``hys_test_gw0``), dropped when the worker finishes.
"""

from __future__ import annotations

import contextlib
import inspect
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Test modules are imported by file name (tests/ is not a package), so "ours" is judged by where code lives.
TESTS = str(Path(__file__).resolve().parent.parent) + os.sep


def xdist_worker() -> str | None:
    """``gw0``, ``gw1``... inside a pytest-xdist worker; None in a plain run."""
    return os.environ.get("PYTEST_XDIST_WORKER")


@contextlib.contextmanager
def worker_database(server_url: str, worker: str) -> Iterator[str]:
    """Create ``<database>_<worker>`` on the server of ``server_url``, yield its URL, drop it afterwards."""
    url = make_url(server_url)
    name = f"{url.database}_{worker}"
    # The server's own database is the one to connect to while creating another; AUTOCOMMIT because
    # CREATE/DROP DATABASE cannot run inside a transaction.
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))  # left by a killed run
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def reaches_the_database(item) -> bool:
    """Whether a collected test uses the database: through its fixtures, or by naming it in code.

    The fixtures are the sure sign (``app`` and everything built on it). Some tests and fixtures
    reach ``intake.extensions.db`` or a ``tests.factories`` helper by name instead, directly or through
    a helper function of the test suite's own, so those names are followed too.
    """
    if "app" in getattr(item, "fixturenames", ()):
        return True
    functions = [getattr(item, "obj", None)]
    fixture_info = getattr(item, "_fixtureinfo", None)
    if fixture_info is not None:
        functions += [d.func for defs in fixture_info.name2fixturedefs.values() for d in defs]
    seen: set = set()
    return any(_names_the_database(f, seen) for f in functions if f is not None)


def _names_the_database(function, seen: set) -> bool:
    from intake.extensions import db

    function = inspect.unwrap(function)
    code = getattr(function, "__code__", None)
    if code is None or code in seen:
        return False
    seen.add(code)
    names = function.__globals__
    for name in _names_in(code):
        value = names.get(name)
        if value is db or _is_factories(value):
            return True
        ours = inspect.isfunction(value) and value.__code__.co_filename.startswith(TESTS)
        if ours and _names_the_database(value, seen):
            return True
    return False


def _is_factories(value) -> bool:
    module = value if inspect.ismodule(value) else inspect.getmodule(value) if callable(value) else None
    return getattr(module, "__name__", None) == "tests.factories"


def _names_in(code):
    """Every global or attribute name a code object uses, nested functions and comprehensions included."""
    yield from code.co_names
    for constant in code.co_consts:
        if inspect.iscode(constant):
            yield from _names_in(constant)
