"""The annual report as a page (HTML, also printed by ``flask report --format html``) and as CSV rows.

Both the report pages and the ``report`` command use these, so neither imports the other.
"""

from __future__ import annotations

import csv
import io

from flask import render_template
from flask_babel import gettext as _

from intake.data.reports import narratives_for_year
from intake.domain.report import report_rows
from intake.extensions import db
from intake.reports.charts import bar_chart, percent

FORMULA_STARTS = ("=", "+", "-", "@")


def narratives(year: int) -> dict[str, str]:
    """The complaints officer's written sections for the year, by section."""
    return {section: row.text for section, row in narratives_for_year(db.session, year).items()}


def report_csv(data: dict) -> str:
    """The report as (section, item, value) rows. An item a spreadsheet would run as a formula gets an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "item", "value"])
    for section, item, value in report_rows(data):
        writer.writerow([section, "'" + item if item.startswith(FORMULA_STARTS) else item, value])
    return out.getvalue()


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
        narratives=narratives(year),
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
