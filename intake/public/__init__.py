"""The public site: home, the web form journey, tracking, advocates' submissions, and the information pages."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from intake.public import advocate, routes, static_gzip, ui, web_form  # noqa: E402,F401

bp.before_app_request(static_gzip.gzipped_static)
bp.app_context_processor(ui.template_helpers)
