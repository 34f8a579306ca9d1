"""Kind error pages: never a stack trace, always a way to carry on."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def _wants_plain() -> bool:
    # Webhooks and machine clients get a short text body, not a page.
    return request.path.startswith(("/sms/", "/healthz")) or request.accept_mimetypes.best == "application/json"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        # Usually an expired session or a page left open for a long time.
        return render_template("errors/session_expired.html"), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if _wants_plain():
            return (error.name, error.code or 500, {"Content-Type": "text/plain; charset=utf-8"})
        template = {
            404: "errors/404.html",
            403: "errors/403.html",
            413: "errors/413.html",
            429: "errors/429.html",
        }.get(error.code or 500, "errors/generic.html")
        return render_template(template, code=error.code, title=_("Something went wrong")), error.code or 500

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        if _wants_plain():
            return ("Internal Server Error", 500, {"Content-Type": "text/plain; charset=utf-8"})
        return render_template("errors/500.html"), 500
