"""/staff/cases.csv: the queue as filtered, for a spreadsheet. Audited as an export.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage
return) as a formula, so any such cell is prefixed with an apostrophe (OWASP
"CSV injection"). The export holds no one's own words.
"""

from __future__ import annotations

import csv
import io

from flask import Response, current_app, request
from flask_login import current_user
from sqlalchemy import select

from intake.domain.audit import record_event
from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.models import StaffUser
from intake.staff import bp
from intake.staff.access import role_required
from intake.staff.queue import CASE_ROLES, QueueQuery, queue_select, rag_for

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


@bp.get("/cases.csv")
@role_required(*CASE_ROLES)
def cases_csv():
    settings = current_app.config
    today = today_in_london()
    q = QueueQuery.from_args(request.args)
    ordered, _base, _due = queue_select(current_user, q, today, settings)
    rows = db.session.execute(ordered).all()
    ids = {rep.assigned_to_id for rep, *_ in rows if rep.assigned_to_id}
    names = {u.id: u.email for u in db.session.scalars(select(StaffUser).where(StaffUser.id.in_(ids)))} if ids else {}

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for rep, stage, due, alert in rows:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
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
                    rag_for(due, today, settings) or "",
                    names.get(rep.assigned_to_id, ""),
                    "yes" if alert else "no",
                    rep.closed_on.isoformat() if rep.closed_on else "",
                )
            ]
        )
    record_event(
        db.session,
        "exported",
        staff=current_user._get_current_object(),
        detail=f"{len(rows)} cases; filters {q.as_args() or 'none'}",
    )
    db.session.commit()
    return Response(
        "\ufeff" + out.getvalue(),  # a BOM so Excel reads UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=cases-{today.isoformat()}.csv"},
    )
