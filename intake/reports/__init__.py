"""Staff pages for the statutory annual report and the managers' RAG report."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/staff/reports")

from intake.reports import views  # noqa: E402,F401
