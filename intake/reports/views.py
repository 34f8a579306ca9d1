"""Routes for the annual report (HTML, JSON, CSV), its written sections, and the RAG report."""

from __future__ import annotations

import json
from datetime import datetime

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from intake.access import role_required, signed_in_user
from intake.data.reports import narratives_for_year
from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.rag_report import rag_csv, rag_report
from intake.domain.report import annual_report, earliest_year, reporting_year_of, suppress_small, year_label
from intake.extensions import db
from intake.models import ReportNarrative, Role
from intake.models.report_text import NARRATIVE_SECTIONS
from intake.reports import bp
from intake.reports.labels import SECTION_LABELS
from intake.reports.pdf_report import annual_report_pdf
from intake.reports.rendering import narratives, render_annual_report, report_csv
from intake.settings import current_settings
from intake.transaction import committed

REPORT_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER)
RAG_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER)
FIRST_YEAR = 2000
MAX_NARRATIVE = 20000


def _this_year() -> int:
    return reporting_year_of(datetime.now(clock.LONDON))


def _check_year(text: str) -> int:
    """The reporting year in the URL, or a 404. (A plain path segment rather than ``<int:>``, so the
    route-access test's placeholder URL still reaches the sign-in gate.)"""
    if not (text.isascii() and text.isdigit()) or not FIRST_YEAR <= int(text) <= _this_year():
        abort(404)
    return int(text)


def _suppress() -> bool:
    return request.args.get("suppress") == "1"


@bp.route("/", methods=["GET", "POST"])
@role_required(*REPORT_ROLES)
def index():
    """The year picker: choose a year, then POST-redirect-GET to the report."""
    this_year = _this_year()
    first = min(earliest_year(db.session) or this_year, this_year)
    years = list(range(this_year, first - 1, -1))
    form = YearForm()
    form.year.choices = [(str(y), year_label(y)) for y in years]
    if form.validate_on_submit():
        return redirect(url_for("reports.annual", year=int(form.year.data), suppress=1 if form.suppress.data else None))
    return render_template("reports/index.html", form=form, form_has_errors=bool(form.errors))


@bp.get("/<year>")
@role_required(*REPORT_ROLES)
def annual(year: str):
    year = _check_year(year)
    data = annual_report(db.session, year, current_settings())
    suppress = _suppress()
    return render_annual_report(year, suppress_small(data) if suppress else data, suppress, printable=False)


@bp.get("/<year>.json")
@role_required(*REPORT_ROLES)
def annual_json(year: str):
    year = _check_year(year)
    data = annual_report(db.session, year, current_settings())
    body = json.dumps(suppress_small(data) if _suppress() else data, indent=2, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename=annual-report-{year}.json"},
    )


@bp.get("/<year>.csv")
@role_required(*REPORT_ROLES)
def annual_csv(year: str):
    year = _check_year(year)
    data = annual_report(db.session, year, current_settings())
    return Response(
        report_csv(suppress_small(data) if _suppress() else data),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=annual-report-{year}.csv"},
    )


@bp.get("/<year>.pdf")
@role_required(*REPORT_ROLES)
def annual_pdf(year: str):
    """The report to publish, as a PDF in the reader's language."""
    year = _check_year(year)
    data = annual_report(db.session, year, current_settings())
    suppress = _suppress()
    pdf = annual_report_pdf(year, suppress_small(data) if suppress else data, suppress, narratives(year))
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename=annual-report-{year}.pdf"},
    )


class YearForm(FlaskForm):
    year = SelectField(
        _l("Reporting year"), validators=[InputRequired(_l("Select a reporting year"))], validate_choice=True
    )
    suppress = BooleanField(_l('For publishing: show counts under 5 as "fewer than 5"'))


TOO_LONG = {
    "learning": _l("What we learnt must be %(max)d characters or fewer"),
    "service_improvements": _l("How we improved services must be %(max)d characters or fewer"),
}


def _narrative_field(section: str) -> TextAreaField:
    message = TOO_LONG.get(section, _l("This section must be %(max)d characters or fewer"))
    return TextAreaField(SECTION_LABELS[section], validators=[Length(max=MAX_NARRATIVE, message=message)])


class NarrativeForm(FlaskForm):
    pass


for _section in NARRATIVE_SECTIONS:
    setattr(NarrativeForm, _section, _narrative_field(_section))


@bp.route("/<year>/narrative", methods=["GET", "POST"])
@role_required(Role.COMPLAINTS_OFFICER)
def narrative(year: str):
    """The complaints officer writes the report's text sections for one year."""
    year = _check_year(year)
    stored = narratives(year)
    form = NarrativeForm(data={s: stored.get(s, "") for s in NARRATIVE_SECTIONS})
    if form.validate_on_submit():
        with committed():
            _save_narratives(year, {s: form[s].data or "" for s in NARRATIVE_SECTIONS})
        flash(_("The written sections for %(year)s are saved.", year=year_label(year)))
        return redirect(url_for("reports.annual", year=year))
    return render_template(
        "reports/narrative.html",
        form=form,
        year=year,
        label=year_label(year),
        sections=NARRATIVE_SECTIONS,
        form_has_errors=bool(form.errors),
    )


@bp.get("/rag")
@role_required(*RAG_ROLES)
def rag():
    report = _rag()
    return render_template("reports/rag.html", report=report)


@bp.get("/rag.csv")
@role_required(*RAG_ROLES)
def rag_download():
    report = _rag()
    return Response(
        rag_csv(report),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=rag-{report.today.isoformat()}.csv"},
    )


def _rag():
    # A manager sees only their own team's cases; one with no team set sees none rather than everyone's.
    team_id = None
    user = signed_in_user()
    if user.role is Role.MANAGER:
        team_id = user.team_id if user.team_id is not None else -1
    return rag_report(db.session, current_settings(), datetime.now(clock.LONDON).date(), team_id=team_id)


def _save_narratives(year: int, texts: dict[str, str]) -> None:
    user = signed_in_user()
    existing = narratives_for_year(db.session, year)
    for section, text in texts.items():
        text = text.replace("\r\n", "\n").strip()
        row = existing.get(section)
        if row is None and not text:
            continue  # nothing written, nothing to keep
        if row is None:
            db.session.add(ReportNarrative(year=year, section=section, text=text, updated_by=user.email))
        elif row.text != text:
            row.text, row.updated_by = text, user.email
    record_event(db.session, "report_text_edited", staff=user, detail=f"annual report {year_label(year)}")
