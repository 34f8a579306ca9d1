"""The sections the report page lays out itself (with charts), as words and tables for the PDF: what was
received, the trend, outcomes, teams and methods, categories, timescales, the Ombudsman and compensation."""

from __future__ import annotations

from flask_babel import gettext as _

from intake.reports.labels import category_label, method_label, outcome_label, pounds, team_label
from intake.reports.sections import Section, count_rows, n, table_spec, timeliness_table


def _received(data: dict) -> Section:
    rows = [
        (_("Statutory complaints (Children Act 1989)"), n(data["complaints"]["statutory"])),
        (_("Corporate complaints"), n(data["complaints"]["corporate"])),
        (_("Complaints resolved informally"), n(data["complaints"]["informal"])),
        (_("All complaints (including any not yet assigned a procedure)"), n(data["complaints"]["total"])),
        (_("Compliments"), n(data["compliments"])),
        (_("Comments"), n(data["comments"])),
    ]
    caption = _("Representations received in %(year)s", year=data["year"])
    table = table_spec("table-received", caption, (_("Type"), _("Number")), rows)
    return Section("received", _("Representations received"), tables=(table,))


def _trend(data: dict) -> Section:
    rows = [(t["year"], n(t["compliments"]), n(t["statutory_complaints"])) for t in data["trend"]]
    header = (_("Year"), _("Compliments"), _("Statutory complaints"))
    table = table_spec("table-trend", _("Compliments and statutory complaints each year"), header, rows)
    return Section("trend", _("Year on year"), tables=(table,))


def _count_section(id_: str, heading: str, tables: list[tuple[str, str, str, dict, object]]) -> Section:
    """A section of count tables: (table id, caption, first heading, counts, words for a key)."""
    return Section(
        id_,
        heading,
        tables=tuple(
            table_spec(table_id, caption, (first, _("Number")), count_rows(counts, words))
            for table_id, caption, first, counts, words in tables
        ),
    )


def _ombudsman(data: dict) -> Section:
    lgo = data["lgo"]
    rows = [
        (_("Referred to the Ombudsman"), n(lgo["referred"])),
        (_("Investigated by the Ombudsman"), n(lgo["investigated"])),
        (_("Upheld by the Ombudsman"), n(lgo["upheld"])),
    ]
    table = table_spec("table-lgo", _("Complaints taken to the Ombudsman"), (_("Figure"), _("Number")), rows)
    return Section("ombudsman", _("The Local Government and Social Care Ombudsman"), tables=(table,))


def core_sections(data: dict) -> list[Section]:
    money = data["compensation"]
    timescales = timeliness_table("table-timescales", _("Responses within the timescale, by stage"), data["timeliness"])
    paid = _(
        "Payments: %(count)s. Total paid: %(total)s.", count=n(money["payments"]), total=pounds(money["total_pence"])
    )
    return [
        _received(data),
        _trend(data),
        _count_section(
            "outcomes",
            _("Outcomes of statutory complaints"),
            [("table-outcomes", _("Outcomes of statutory complaints"), _("Outcome"), data["outcomes"], outcome_label)],
        ),
        _count_section(
            "teams-methods",
            _("By team and by how people got in touch"),
            [
                ("table-teams", _("Statutory complaints by team"), _("Team"), data["by_team"], team_label),
                (
                    "table-methods",
                    _("Complaints by how people got in touch"),
                    _("How"),
                    data["by_method"],
                    method_label,
                ),
            ],
        ),
        _count_section(
            "categories",
            _("What complaints and compliments were about"),
            [
                (
                    "table-complaint-categories",
                    _("Statutory complaints by category"),
                    _("Category"),
                    data["complaint_categories"],
                    category_label,
                ),
                (
                    "table-compliment-categories",
                    _("Compliments by category"),
                    _("Category"),
                    data["compliment_categories"],
                    category_label,
                ),
            ],
        ),
        Section("timescales", _("Timescales"), tables=(timescales,)),
        _ombudsman(data),
        Section("compensation", _("Compensation"), paragraphs=(paid,)),
    ]
