"""The annual report as a page (HTML, also printed by ``flask report --format html``), as a PDF and as CSV rows.

Both the report pages and the ``report`` command use these, so neither imports the other.
"""

from __future__ import annotations

import csv
import io
import json

from flask import current_app, render_template
from flask_babel import gettext as _

from intake.data.reports import narratives_for_year
from intake.domain.report import annual_report, report_rows, suppress_small
from intake.extensions import db
from intake.reports.charts import bar_chart, percent
from intake.reports.labels import SECTION_LABELS, category_label, method_label, outcome_label, pounds, team_label
from intake.reports.sections import extra_sections
from intake.settings import current_settings

FORMULA_STARTS = ("=", "+", "-", "@")
FORMATS = ("json", "csv", "html", "pdf")


def narratives(year: int) -> dict[str, str]:
    """The complaints officer's written sections for the year, by section."""
    return {section: row.text for section, row in narratives_for_year(db.session, year).items()}


def report_csv(data: dict) -> str:
    """The report as (section, item, value) rows. An item a spreadsheet would run as a formula gets an apostrophe,
    and so does a value (the written sections and payments' details are text people typed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "item", "value"])
    for section, item, value in report_rows(data):
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            value = "'" + value
        writer.writerow([section, "'" + item if item.startswith(FORMULA_STARTS) else item, value])
    return out.getvalue()


def _charts(data: dict) -> dict:
    trend = data["trend"]
    return {
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
        "quarterly": bar_chart(
            "chart-quarterly",
            [(q["quarter"], [q["complaints"], q["compliments"]]) for q in data["quarterly"]],
            series=[_("Complaints"), _("Compliments")],
        ),
        "previous": bar_chart(
            "chart-previous",
            [
                (
                    data["previous_year"]["year"],
                    [data["previous_year"]["compliments"], data["previous_year"]["complaints"]["total"]],
                ),
                (data["year"], [data["compliments"], data["complaints"]["total"]]),
            ],
            series=[_("Compliments"), _("Complaints")],
        ),
    }


def render_annual_report(year: int, data: dict, suppress: bool, *, printable: bool) -> str:
    """The printable HTML report; also used by ``flask report --format html``."""
    return render_template(
        "reports/annual.html",
        year=year,
        data=data,
        suppress=suppress,
        printable=printable,
        charts=_charts(data),
        statutory=data["complaints"]["statutory"],
        narratives=narratives(year),
        extra_sections=extra_sections(data, SECTION_LABELS),
        percent=percent,
        outcome_label=outcome_label,
        method_label=method_label,
        category_label=category_label,
        team_label=team_label,
        pounds=pounds,
    )


def render_report(year: int, fmt: str, suppress: bool) -> str | bytes:
    """The report in ``fmt`` (json, csv, html, pdf), for the ``report`` command: text, or the PDF's bytes."""
    data = annual_report(db.session, year, current_settings())
    if suppress:
        data = suppress_small(data)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return report_csv(data)
    with current_app.test_request_context(f"/staff/reports/{year}"):
        if fmt == "pdf":
            from intake.reports.pdf_report import annual_report_pdf

            return annual_report_pdf(year, data, suppress, narratives(year))
        return render_annual_report(year, data, suppress, printable=True)
