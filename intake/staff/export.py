"""/staff/cases.csv: the queue as filtered, for a spreadsheet. Audited as an export.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage
return) as a formula, so any such cell is prefixed with an apostrophe (OWASP
"CSV injection"). The export holds no one's own words.
"""

from __future__ import annotations

import csv
import io

from flask import Response, request

from intake.access import CASE_ROLES, role_required, signed_in_user
from intake.data import cases as case_data
from intake.data.staff import staff_by_ids
from intake.domain.audit import record_event
from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.models import StaffUser
from intake.settings import current_settings
from intake.staff import bp
from intake.staff.queue import QueueQuery, amber_until, rag_for
from intake.transaction import committed

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "reference",
    "kind",
    "procedure",
    "status",
    "submitted_by",
    "channel",
    "team",
    "received_on",
    "acknowledged_on",
    "stage",
    "due_on",
    "rag",
    "assigned_to",
    "safeguarding_alert_open",
    "closed_on",
]


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cells(row: case_data.QueueRow, rag: str | None, assignee: StaffUser | None) -> tuple:
    rep, stage, due = row.case, row.stage, row.due
    return (
        rep.reference,
        rep.kind.value,
        rep.procedure.value,
        rep.status.value,
        rep.submitted_by.value,
        rep.channel.value,
        rep.team.name if rep.team else "",
        rep.received_on.isoformat(),
        rep.acknowledged_on.isoformat() if rep.acknowledged_on else "",
        stage.number if stage else "",
        due.isoformat() if due else "",
        rag or "",
        assignee.email if assignee else "",
        "yes" if row.alert_level else "no",
        rep.closed_on.isoformat() if rep.closed_on else "",
    )


@bp.get("/cases.csv")
@role_required(*CASE_ROLES)
def cases_csv():
    settings, today, user = current_settings(), today_in_london(), signed_in_user()
    q = QueueQuery.from_args(request.args)
    rows = case_data.queue_rows(db.session, user, q.filters(), today, amber_until(settings, today))
    people = staff_by_ids(db.session, (row.case.assigned_to_id for row in rows))

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        assignee = people.get(row.case.assigned_to_id)
        writer.writerow([safe_cell(v) for v in _cells(row, rag_for(row.due, today, settings), assignee)])
    with committed():
        record_event(db.session, "exported", staff=user, detail=f"{len(rows)} cases; filters {q.described()}")
    return Response(
        "\ufeff" + out.getvalue(),  # a BOM so Excel reads UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=cases-{today.isoformat()}.csv"},
    )
