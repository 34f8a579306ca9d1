"""Have Your Say: complaints, compliments and comments for children's social care.

``create_app`` builds the Flask app: settings, extensions, blueprints, error
pages and CLI commands. Routes live in the blueprints, never here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from intake.config import PROJECT_ROOT, load_settings
from intake.settings import install, settings_of


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment, with ``config`` overriding (tests pass their settings here)."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    install(app, load_settings(), config)
    _engine_options(app)
    Path(app.instance_path).mkdir(exist_ok=True)
    _template_loaders(app)

    from intake import (  # noqa: F401 (auth_loader registers the user loader)
        auth_loader,
        errors,
        i18n,
        security,
        sqlite,
        thin_path,
    )
    from intake.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    security_headers = security.init_app(app)
    sqlite.init_app(app)
    _pool_health(app)

    from intake.channels import chat, notify, sms
    from intake.public import bp as public_bp
    from intake.reports import bp as reports_bp
    from intake.staff import bp as staff_bp

    for blueprint in (public_bp, sms.bp, notify.bp, chat.bp, staff_bp, reports_bp):
        app.register_blueprint(blueprint)

    errors.register_error_handlers(app)
    from intake.cli import register_commands

    register_commands(app)
    # Last, once every hook is registered: Twilio's webhooks skip the hooks that serve pages and sessions.
    thin_path.pages_only(app, every_response=[security_headers])
    from intake.channels import sms_door

    sms_door.install(app)  # a signed text is answered ahead of Flask; everything else goes on to it
    return app


def _engine_options(app: Flask) -> None:
    """A pooled PostgreSQL connection can go stale (a server restart), so it is checked on checkout
    (``data/pool_health``, installed once the engine exists, which lets the SMS turn skip the check for a
    connection working a moment ago). A SQLite file cannot go stale. ``pool_pre_ping`` stays off: pool_health
    does its work."""
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options.setdefault("pool_pre_ping", False)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _pool_health(app: Flask) -> None:
    if settings_of(app).database_url.startswith("sqlite"):
        return
    from intake.data import pool_health
    from intake.extensions import db

    with app.app_context():
        pool_health.install(db.engine)


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
