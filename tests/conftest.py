"""Shared fixtures: one app per test session, a clean database for every test.

The suite runs on SQLite (a temporary file) by default and on PostgreSQL when
TEST_DATABASE_URL is set. Tests commit for real, so every table is emptied
after each test rather than rolled back.
"""

from __future__ import annotations

import os

os.environ["APP_ENV"] = "test"  # before the app reads its settings

import pytest  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import TEST_SETTINGS  # noqa: E402
from intake.extensions import db as _db  # noqa: E402
from intake.extensions import limiter  # noqa: E402


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def _fresh_g_per_request() -> None:
    from flask import g

    for name in list(vars(g)):
        delattr(g, name)


@pytest.fixture(scope="session")
def app(database_url):
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url})
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
def _app_context(request, app):
    """Every test runs inside an app context and leaves an empty database behind."""
    with app.app_context():
        yield
        _db.session.rollback()
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(table.delete())
        limiter.reset()


@pytest.fixture
def db():
    return _db


@pytest.fixture
def session():
    return _db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def settings(app):
    return app.config
