"""Have Your Say: complaints, compliments and comments for children's social care.

``create_app`` builds the Flask app: settings, extensions, blueprints, error
pages and CLI commands. Routes live in the blueprints, never here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from intake.config import PROJECT_ROOT, load_settings


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment, with ``config`` overriding (tests pass their settings here)."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_settings())
    if config:
        app.config.update(config)
    _engine_options(app)
    Path(app.instance_path).mkdir(exist_ok=True)
    _template_loaders(app)

    from intake import auth_loader, errors, i18n, security  # noqa: F401 (auth_loader registers the user loader)
    from intake.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    _sqlite_pragmas(app)

    from intake.channels import chat, sms
    from intake.public import bp as public_bp
    from intake.reports import bp as reports_bp
    from intake.staff import bp as staff_bp

    for blueprint in (public_bp, sms.bp, chat.bp, staff_bp, reports_bp):
        app.register_blueprint(blueprint)

    errors.register_error_handlers(app)
    from intake.cli import register_commands

    register_commands(app)
    return app


def _engine_options(app: Flask) -> None:
    """A pooled PostgreSQL connection can go stale (a server restart), so it is checked on checkout.

    A SQLite file cannot go stale, and the ping would cost every request a statement.
    """
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options.setdefault("pool_pre_ping", not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"))
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _template_loaders(app: Flask) -> None:
    """Our templates first, then the GOV.UK Frontend Jinja macros and WTForms widgets."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _sqlite_pragmas(app: Flask) -> None:
    """WAL and a busy timeout let the web app and the worker share one SQLite file.

    SQLite lets one connection write at a time. A writer that finds the file busy sleeps and retries, backing off
    to 100 ms naps, so under load the unlucky ones wait for seconds (issue 3's p99). So writers also take turns on
    an advisory lock file (``<database>-writelock``) from their first INSERT, UPDATE or DELETE until commit or
    rollback; a waiter re-checks every millisecond or two instead. Reads are never held up (WAL). Every process
    built by ``create_app`` (web workers, the delivery worker, CLI) takes part; anything else still meets the
    busy timeout as before. If a turn is not free within the busy timeout we go ahead and let SQLite decide.
    """
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    import fcntl
    import os
    import sqlite3
    import time

    from sqlalchemy import event

    from intake.extensions import db

    busy_timeout_ms = 5000
    writes = ("insert", "update", "delete", "replace")

    class TurnTakingConnection(sqlite3.Connection):
        """A sqlite3 connection that holds the write-lock file while it has a write transaction open."""

        lock_path: str | None = None
        _lock_fd: int | None = None
        _holding = False

        def _take_turn(self, sql: str) -> None:
            if self._holding or self.lock_path is None or self.in_transaction:
                return
            if not sql.lstrip()[:7].lower().startswith(writes):
                return
            if self._lock_fd is None:
                self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            deadline, nap = time.monotonic() + busy_timeout_ms / 1000, 0.0005
            while True:
                try:
                    fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    self._holding = True
                    return
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        return  # let SQLite's own busy handling decide
                    time.sleep(nap)
                    nap = min(nap * 2, 0.002)

        def _end_turn(self) -> None:
            if self._holding and not self.in_transaction:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                self._holding = False

        def cursor(self, factory=None):
            return super().cursor(factory or TurnTakingCursor)

        def execute(self, sql, *args):
            return self.cursor().execute(sql, *args)

        def executemany(self, sql, *args):
            return self.cursor().executemany(sql, *args)

        def commit(self):
            try:
                super().commit()
            finally:
                self._end_turn()

        def rollback(self):
            try:
                super().rollback()
            finally:
                self._end_turn()

        def close(self):
            try:
                super().close()
            finally:
                if self._lock_fd is not None:
                    os.close(self._lock_fd)  # closing the descriptor also ends any turn
                    self._lock_fd, self._holding = None, False

    class TurnTakingCursor(sqlite3.Cursor):
        def execute(self, sql, *args):
            connection = self.connection
            connection._take_turn(sql)
            try:
                return super().execute(sql, *args)
            finally:
                connection._end_turn()  # a no-op while the write transaction is open

        def executemany(self, sql, *args):
            connection = self.connection
            connection._take_turn(sql)
            try:
                return super().executemany(sql, *args)
            finally:
                connection._end_turn()

    with app.app_context():
        engine = db.engine
        database = engine.url.database
        lock_path = f"{database}-writelock" if database and database != ":memory:" and "mode=memory" not in str(
            engine.url) else None

        @event.listens_for(engine, "do_connect")
        def _turn_taking(_dialect, _record, _cargs, cparams):  # pragma: no cover - trivial
            if lock_path:
                cparams["factory"] = TurnTakingConnection

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
            if isinstance(dbapi_connection, TurnTakingConnection):
                dbapi_connection.lock_path = lock_path
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
