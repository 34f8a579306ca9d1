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

    from intake.public import bp as public_bp

    app.register_blueprint(public_bp)
    for module in _optional_blueprints():
        if hasattr(module, "bp"):
            app.register_blueprint(module.bp)

    errors.register_error_handlers(app)
    from intake.cli import register_commands

    register_commands(app)
    return app


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


def _optional_blueprints():
    """Blueprints other than the public site, registered in a fixed order."""
    import importlib

    for name in ("intake.channels.sms", "intake.channels.chat", "intake.staff"):
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a channel not built yet in this checkout
            if not name.startswith(exc.name or "\0"):
                raise


def _sqlite_pragmas(app: Flask) -> None:
    """WAL and a busy timeout let the web app and the worker share one SQLite file."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from sqlalchemy import event

    from intake.extensions import db

    with app.app_context():
        engine = db.engine

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
