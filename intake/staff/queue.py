"""The queue at /staff/cases: every case the viewer may see, the most urgent first.

Scoping, filtering, ordering, counting and paging all happen in SQL: a
manager's page never loads another team's cases, and a year of a large
council's cases is one indexed query. Order: cases with an open safeguarding
alert, then overdue (red), due within 2 working days (amber), the rest
(green), each by due date; closed cases last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, and_, case, exists, func, select

from intake.domain import clock
from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.models import Kind, Procedure, Representation, Role, SafeguardingAlert, Stage, Status, Team
from intake.staff import bp
from intake.staff.access import case_scope, role_required

PAGE_SIZE = 50
CASE_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE)
OPEN_STATUSES = (Status.NEW, Status.OPEN)


@dataclass
class QueueQuery:
    """The filters as given, checked: anything not recognised is ignored rather than an error page."""

    kind: str = ""
    procedure: str = ""
    stage: int | None = None
    team: int | None = None
    status: str = ""
    overdue: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> QueueQuery:
        def pick(name, allowed):
            value = args.get(name, "")
            return value if value in allowed else ""

        def number(name, lo, hi):
            try:
                value = int(args.get(name, ""))
            except ValueError:
                return None
            return value if lo <= value <= hi else None

        return cls(
            kind=pick("kind", {k.value for k in Kind}),
            procedure=pick("procedure", {p.value for p in Procedure}),
            stage=number("stage", 1, 3),
            team=number("team", 1, 2**31 - 1),
            status=pick("status", {s.value for s in Status}),
            overdue=args.get("overdue") == "yes",
            page=number("page", 1, 100_000) or 1,
        )

    def as_args(self, **override) -> dict[str, Any]:
        values = {
            "kind": self.kind,
            "procedure": self.procedure,
            "stage": self.stage,
            "team": self.team,
            "status": self.status,
            "overdue": "yes" if self.overdue else "",
            "page": None,
            **override,
        }
        return {k: v for k, v in values.items() if v not in ("", None)}


def _current_stage():
    """Each case's latest stage number, as a subquery."""
    return (
        select(Stage.representation_id.label("rid"), func.max(Stage.number).label("number"))
        .group_by(Stage.representation_id)
        .subquery()
    )


def queue_select(user, q: QueueQuery, today: date, settings: Mapping[str, Any]):
    """(select of rows, the due-date expression, the urgency expression) for this viewer and these filters."""
    latest = _current_stage()
    cal = clock.WorkingCalendar.from_settings(settings)
    amber_until = cal.add_working_days(today, 2)
    running = and_(
        Representation.status.in_(OPEN_STATUSES),
        Stage.responded_on.is_(None),
        Stage.due_on.is_not(None),
    )
    due = case((running, func.coalesce(Stage.extended_due_on, Stage.due_on)), else_=None).label("due")
    open_alert = (
        exists()
        .where(SafeguardingAlert.representation_id == Representation.id, SafeguardingAlert.actioned_at.is_(None))
        .label("open_alert")
    )
    rag_rank = case(
        (due < today, 0),
        (due <= amber_until, 1),
        (Representation.status.in_(OPEN_STATUSES), 2),
        (Representation.status == Status.PAUSED, 3),
        else_=4,
    )
    stmt = (
        select(Representation, Stage, due, open_alert)
        .outerjoin(latest, latest.c.rid == Representation.id)
        .outerjoin(Stage, and_(Stage.representation_id == Representation.id, Stage.number == latest.c.number))
        .where(case_scope(user))
    )
    stmt = _filtered(stmt, q, due, today, latest)
    ordered = stmt.order_by(
        open_alert.desc(), rag_rank, due.asc().nulls_last(), Representation.received_at, Representation.id
    )
    return ordered, stmt, due


def _filtered(stmt: Select, q: QueueQuery, due, today: date, latest) -> Select:
    if q.kind:
        stmt = stmt.where(Representation.kind == Kind(q.kind))
    if q.procedure:
        stmt = stmt.where(Representation.procedure == Procedure(q.procedure))
    if q.stage:
        stmt = stmt.where(latest.c.number == q.stage)
    if q.team:
        stmt = stmt.where(Representation.team_id == q.team)
    if q.status:
        stmt = stmt.where(Representation.status == Status(q.status))
    if q.overdue:
        stmt = stmt.where(due < today)
    return stmt


def rag_for(due: date | None, today: date, settings) -> str | None:
    if due is None:
        return None
    return clock.rag(clock.WorkingCalendar.from_settings(settings), due, today)


RAG_TEXT = {"red": "Overdue", "amber": "Due soon", "green": "On track"}


@bp.get("/cases")
@role_required(*CASE_ROLES)
def cases():
    settings = current_app.config
    today = today_in_london()
    q = QueueQuery.from_args(request.args)
    ordered, base, due = queue_select(current_user, q, today, settings)

    total = db.session.scalar(select(func.count()).select_from(base.subquery()))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(q.page, pages)
    rows = db.session.execute(ordered.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()

    # Counts per state, for everything this viewer may see (not only this filter), in two grouped queries.
    by_status = dict(
        db.session.execute(
            select(Representation.status, func.count()).where(case_scope(current_user)).group_by(Representation.status)
        ).all()
    )
    counts_q = QueueQuery(overdue=True)
    _o, overdue_base, _d = queue_select(current_user, counts_q, today, settings)
    overdue_count = db.session.scalar(select(func.count()).select_from(overdue_base.subquery()))
    alerts_open = db.session.scalar(
        select(func.count(SafeguardingAlert.id))
        .join(Representation, Representation.id == SafeguardingAlert.representation_id)
        .where(SafeguardingAlert.actioned_at.is_(None), case_scope(current_user))
    )
    teams = db.session.scalars(select(Team).order_by(Team.name, Team.id)).all()
    items = [
        {
            "rep": rep,
            "stage": stage,
            "due": row_due,
            "alert": bool(alert),
            "rag": rag_for(row_due, today, settings),
            "days_left": clock.WorkingCalendar.from_settings(settings).working_days_between(today, row_due)
            if row_due
            else None,
        }
        for rep, stage, row_due, alert in rows
    ]
    return render_template(
        "staff/queue.html",
        items=items,
        q=q,
        page=page,
        pages=pages,
        total=total,
        by_status={s: by_status.get(s, 0) for s in Status},
        overdue_count=overdue_count,
        alerts_open=alerts_open,
        teams=teams,
        rag_text={k: _(v) for k, v in RAG_TEXT.items()},
        statuses=list(Status),
        kind_options=[(k.value, k.value.capitalize()) for k in Kind],
        procedure_options=[(p.value, p.value.capitalize()) for p in Procedure],
        status_options=[(s.value, s.value.capitalize()) for s in Status],
        team_options=[(str(t.id), t.name) for t in teams],
    )
