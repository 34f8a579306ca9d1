"""Shared fixtures: one app per test process, and a database only for the tests that use one.

A test that uses the database runs inside an app context and leaves an empty database behind: tests
commit for real, so every table is emptied after each one rather than rolled back. "Uses" means it
asks for ``app`` (directly, or through ``client``, ``db``, ``session``, ``settings`` or any fixture
built on them), or its code, its fixtures' code or a test helper it calls names
``intake.extensions.db`` or a ``tests/factories.py`` helper (``reaches_the_database``). A test that
does none of these (pure domain code) gets no app and no database. A test that reaches the database
some other way (only through ``current_app``, say) asks for ``session`` or is marked ``db`` by hand.

Markers, set at collection from what each test uses (see ``pytest_collection_modifyitems``):

- ``db``: the test touches a database. ``.ci/run`` runs these again on PostgreSQL.
- ``browser``: a real-browser test under ``tests/browser`` (run once, on SQLite).
- ``unchecked_pages``: set by hand on a test that fetches a deliberately broken page; every other
  HTML page a test client fetches goes through ``tests.html_checks.assert_page_ok``.

The database is a SQLite file per test process by default, and a PostgreSQL database per
pytest-xdist worker when ``TEST_DATABASE_URL`` names a server's database (``tests/support/databases.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ["APP_ENV"] = "test"  # before the app reads its settings (and cheap password hashing, see staff_accounts)

import pytest  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import TEST_SETTINGS  # noqa: E402
from intake.extensions import db as _db  # noqa: E402
from intake.extensions import limiter  # noqa: E402
from tests.html_checks import PageCheckingClient  # noqa: E402
from tests.support.databases import reaches_the_database, worker_database, xdist_worker  # noqa: E402

TESTS = Path(__file__).resolve().parent
BROWSER_TESTS = TESTS / "browser"
# Files whose tests make databases of their own rather than using the ``app`` fixture's.
OWN_DATABASE_FILES = {TESTS / "test_migrations.py"}


# What the page checks found in pages other engineers own, tolerated until they fix them: only this
# problem, only on these pages; every other check still runs there. Remove an entry once its pages pass.
KNOWN_PAGE_PROBLEMS = (
    # templates/staff/case.html: an action's form is drawn only when the case's state allows it, but a
    # POST to an action the state does not allow still answers 400 with an error summary linking to it.
    (r"/staff/cases/[^/]+/[a-z-]+", "error summary links point at ids that do not exist"),
)


def pytest_configure(config):
    config.addinivalue_line("markers", "db: the test touches a database (set from its fixtures and code)")
    config.addinivalue_line("markers", "browser: a real-browser test (tests/browser)")
    config.addinivalue_line(
        "markers", "unchecked_pages(reason): the test fetches deliberately broken pages; skip assert_page_ok"
    )


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads xdist_group in its own hook
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.path))
        if path in OWN_DATABASE_FILES or reaches_the_database(item):
            item.add_marker(pytest.mark.db)
        if BROWSER_TESTS in path.parents:
            item.add_marker(pytest.mark.browser)
            # One Chromium and one live server per module: keep a module's tests on one worker (--dist loadgroup).
            item.add_marker(pytest.mark.xdist_group(path.stem))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    server = os.environ.get("TEST_DATABASE_URL")
    worker = xdist_worker()
    if not server:
        # tmp_path_factory's base directory is already one per xdist worker, so is this file.
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    elif not worker:
        yield server
    else:
        with worker_database(server, worker) as url:
            yield url


def _fresh_g_per_request() -> None:
    from flask import g

    for name in list(vars(g)):
        delattr(g, name)


@pytest.fixture(scope="session")
def app(database_url):
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url})
    app.test_client_class = PageCheckingClient
    PageCheckingClient.known_problems = KNOWN_PAGE_PROBLEMS
    # Tests hold one app context open, and Flask reuses it for test-client requests,
    # so ``g`` (where Flask-Login caches the signed-in user) would leak from one
    # request to the next. In production every request gets a fresh ``g``; do the same here.
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_g_per_request)
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _database_for_db_tests(request):
    """Only a test marked ``db`` pays for an app context and a database clean-up."""
    PageCheckingClient.check_pages = request.node.get_closest_marker("unchecked_pages") is None
    if request.node.get_closest_marker("db"):
        request.getfixturevalue("_app_context")
    yield
    PageCheckingClient.check_pages = True


@pytest.fixture
def _app_context(app):
    """The test runs inside an app context and leaves an empty database behind."""
    with app.app_context():
        yield
        _db.session.rollback()
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(table.delete())
        limiter.reset()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def session(app):
    return _db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def settings(app):
    return app.config
