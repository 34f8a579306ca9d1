from __future__ import annotations

from flask import render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from intake.extensions import db, limiter
from intake.public import bp


@bp.get("/")
def home():
    return render_template("public/home.html")


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """200 when the database answers, 503 when it does not. Says nothing else."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
