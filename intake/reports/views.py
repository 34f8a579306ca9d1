"""Routes for the annual report (HTML, JSON, CSV), its written sections, and the RAG report."""

from __future__ import annotations

import json
from datetime import datetime

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.rag_report import rag_csv, rag_report
from intake.domain.report import annual_report, earliest_year, reporting_year_of, suppress_small, year_label
from intake.extensions import db
from intake.models import ReportNarrative, Role
from intake.models.report_text import NARRATIVE_SECTIONS
from intake.reports import bp
from intake.reports.charts import bar_chart, percent
from intake.staff.access import role_required

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
    data = annual_report(db.session, year, current_app.config)
    suppress = _suppress()
    return render_annual_report(year, suppress_small(data) if suppress else data, suppress, printable=False)


@bp.get("/<year>.json")
@role_required(*REPORT_ROLES)
def annual_json(year: str):
    year = _check_year(year)
    data = annual_report(db.session, year, current_app.config)
    body = json.dumps(suppress_small(data) if _suppress() else data, indent=2, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename=annual-report-{year}.json"},
    )


@bp.get("/<year>.csv")
@role_required(*REPORT_ROLES)
def annual_csv(year: str):
    from intake.cli.records import report_csv

    year = _check_year(year)
    data = annual_report(db.session, year, current_app.config)
    return Response(
        report_csv(suppress_small(data) if _suppress() else data),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=annual-report-{year}.csv"},
    )


class YearForm(FlaskForm):
    year = SelectField(
        _l("Reporting year"), validators=[InputRequired(_l("Select a reporting year"))], validate_choice=True
    )
    suppress = BooleanField(_l('For publishing: show counts under 5 as "fewer than 5"'))


class NarrativeForm(FlaskForm):
    learning = TextAreaField(
        _l("What we learnt"),
        validators=[Length(max=MAX_NARRATIVE, message=_l("What we learnt must be %(max)d characters or fewer"))],
    )
    service_improvements = TextAreaField(
        _l("How we improved services"),
        validators=[
            Length(max=MAX_NARRATIVE, message=_l("How we improved services must be %(max)d characters or fewer"))
        ],
    )


@bp.route("/<year>/narrative", methods=["GET", "POST"])
@role_required(Role.COMPLAINTS_OFFICER)
def narrative(year: str):
    """The complaints officer writes the report's text sections for one year."""
    year = _check_year(year)
    stored = _narratives(year)
    form = NarrativeForm(data={s: stored.get(s, "") for s in NARRATIVE_SECTIONS})
    if form.validate_on_submit():
        _save_narratives(year, {s: form[s].data or "" for s in NARRATIVE_SECTIONS})
        flash(_("The written sections for %(year)s are saved.", year=year_label(year)))
        return redirect(url_for("reports.annual", year=year))
    return render_template(
        "reports/narrative.html", form=form, year=year, label=year_label(year), form_has_errors=bool(form.errors)
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
    if current_user.role is Role.MANAGER:
        team_id = current_user.team_id if current_user.team_id is not None else -1
    return rag_report(db.session, current_app.config, datetime.now(clock.LONDON).date(), team_id=team_id)


def _narratives(year: int) -> dict[str, str]:
    rows = db.session.scalars(
        select(ReportNarrative)
        .where(ReportNarrative.year == year)
        .order_by(ReportNarrative.section, ReportNarrative.id)
    )
    return {r.section: r.text for r in rows}


def _save_narratives(year: int, texts: dict[str, str]) -> None:
    existing = {r.section: r for r in db.session.scalars(select(ReportNarrative).where(ReportNarrative.year == year))}
    for section, text in texts.items():
        text = text.replace("\r\n", "\n").strip()
        row = existing.get(section)
        if row is None:
            db.session.add(ReportNarrative(year=year, section=section, text=text, updated_by=current_user.email))
        elif row.text != text:
            row.text, row.updated_by = text, current_user.email
    record_event(db.session, "report_text_edited", staff=current_user, detail=f"annual report {year_label(year)}")
    db.session.commit()


def render_annual_report(year: int, data: dict, suppress: bool, *, printable: bool) -> str:
    """The printable HTML report; also used by ``flask report --format html``."""
    statutory = data["complaints"]["statutory"]
    trend = data["trend"]
    charts = {
        "trend": bar_chart(
            "chart-trend",
            [(t["year"], [t["compliments"], t["statutory_complaints"]]) for t in trend],
            series=[_("Compliments"), _("Statutory complaints")],
        ),
        "outcomes": bar_chart(
            "chart-outcomes",
            [(outcome_label(k), [v]) for k, v in data["outcomes"].items()],
            series=[_("Statutory complaints")],
        ),
        "method": bar_chart(
            "chart-method", [(method_label(k), [v]) for k, v in data["by_method"].items()], series=[_("Complaints")]
        ),
    }
    return render_template(
        "reports/annual.html",
        year=year,
        data=data,
        suppress=suppress,
        printable=printable,
        charts=charts,
        statutory=statutory,
        narratives=_narratives(year),
        percent=percent,
        outcome_label=outcome_label,
        method_label=method_label,
        category_label=category_label,
        team_label=team_label,
        pounds=pounds,
    )


def outcome_label(key: str) -> str:
    return {
        "upheld": _("Upheld"),
        "partly_upheld": _("Partly upheld"),
        "not_upheld": _("Not upheld"),
        "withdrawn": _("Withdrawn"),
        "open": _("Still open"),
        "not_known": _("Not recorded"),
    }.get(key, key)


def method_label(key: str) -> str:
    return {
        "sms": _("Text message"),
        "webchat": _("Web chat"),
        "web_form": _("Web form"),
        "email": _("Email"),
        "in_person": _("In person"),
        "letter": _("Letter"),
        "telephone": _("Telephone"),
        "not_known": _("Not recorded"),
    }.get(key, key)


def category_label(key: str) -> str:
    return {
        "standards_of_service": _("Standards of service"),
        "poor_communication": _("Poor communication"),
        "breach_of_confidentiality": _("Breach of confidentiality"),
        "finance": _("Finance"),
        "staff_conduct": _("Staff conduct"),
        "child_protection": _("Child protection"),
        "standard_of_environment": _("Standard of environment"),
        "standard_of_practice": _("Standard of practice"),
        "standard_of_service": _("Standard of service"),
        "partnership_working": _("Partnership working"),
        "child_focus": _("Child focus"),
        "communication": _("Communication"),
        "other": _("Other"),
        "not_known": _("Not recorded"),
    }.get(key, key)


def team_label(name: str) -> str:
    return _("Not recorded") if name == "not_known" else name


def pounds(pence) -> str:
    if not isinstance(pence, int):
        return str(pence)
    return f"£{pence / 100:,.2f}"
