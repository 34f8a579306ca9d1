"""The queue at /staff/cases: every case the viewer may see, the most urgent first.

Scoping, filtering, ordering, counting and paging all happen in SQL (``intake.data.cases``): a manager's page
never loads another team's cases, and a year of a large council's cases is one indexed query. Order: cases
with an open safeguarding alert (immediate danger, then concern), then overdue (red), due within 2 working
days (amber), the rest (green), each by due date; closed cases last.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _

from intake.access import CASE_ROLES, role_required, signed_in_user
from intake.config import Settings
from intake.data import adjustments as adjustment_data
from intake.data import alerts as alert_data
from intake.data import cases as case_data
from intake.data.teams import all_teams
from intake.domain import clock
from intake.domain.casework import calendar_for, today_in_london
from intake.domain.references import normalise as normalise_reference
from intake.domain.sanitise import normalise_phone
from intake.extensions import db
from intake.models import Kind, Procedure, Representation, Status
from intake.settings import current_settings
from intake.staff import bp
from intake.staff.intake_forms import KIND_CHOICES

PAGE_SIZE = 50
SEARCH_LIMIT = 200  # characters of a search kept: a reference, a name, a number or a few words
AMBER_DAYS = 2  # due within this many working days: "due soon"
RAG_TEXT = {"red": "Overdue", "amber": "Due soon", "green": "On track"}


@dataclass
class QueueQuery:
    """The filters and search as given, checked: anything not recognised is ignored rather than an error page.

    ``viewer_id`` and ``today`` make "assigned to me" and "due this week" mean something; they default to the
    signed-in user and today in London.
    """

    kind: str = ""
    procedure: str = ""
    stage: int | None = None
    team: int | None = None
    status: str = ""
    overdue: bool = False
    mine: bool = False
    due_this_week: bool = False
    adjustment_review_overdue: bool = False
    search: str = ""
    page: int = 1
    viewer_id: int | None = None
    today: date | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str], *, viewer_id: int | None = None, today: date | None = None):
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
            mine=args.get("mine") == "yes",
            due_this_week=args.get("due") == "week",
            adjustment_review_overdue=args.get("adjustment") == "overdue",
            search=" ".join(args.get("q", "").split())[:SEARCH_LIMIT],
            page=number("page", 1, 100_000) or 1,
            viewer_id=viewer_id if viewer_id is not None else signed_in_user().id,
            today=today or today_in_london(),
        )

    def filters(self) -> case_data.CaseFilter:
        today = self.today or today_in_london()
        return case_data.CaseFilter(
            kind=Kind(self.kind) if self.kind else None,
            procedure=Procedure(self.procedure) if self.procedure else None,
            stage=self.stage,
            team_id=self.team,
            status=Status(self.status) if self.status else None,
            overdue=self.overdue,
            # Nobody is id 0: "assigned to me" with no viewer finds nothing rather than everything.
            assigned_to_id=(self.viewer_id or 0) if self.mine else None,
            due_until=end_of_week(today) if self.due_this_week else None,
            search=search_for(self.search),
            adjustment_review_overdue=self.adjustment_review_overdue,
        )

    def as_args(self, **override) -> dict[str, Any]:
        values = {
            "q": self.search,
            "kind": self.kind,
            "procedure": self.procedure,
            "stage": self.stage,
            "team": self.team,
            "status": self.status,
            "overdue": "yes" if self.overdue else "",
            "mine": "yes" if self.mine else "",
            "due": "week" if self.due_this_week else "",
            "adjustment": "overdue" if self.adjustment_review_overdue else "",
            "page": None,
            **override,
        }
        return {k: v for k, v in values.items() if v not in ("", None)}

    def described(self) -> str:
        """The filters in use, for the audit trail: the search words are never written there (they may be a
        child's name or number), only that there was a search."""
        args = self.as_args()
        if "q" in args:
            args["q"] = "(a search)"
        return ", ".join(f"{k}={v}" for k, v in args.items()) or "none"


def end_of_week(today: date) -> date:
    """The Sunday ending this week: "due this week" runs from today to then."""
    return today + timedelta(days=6 - today.weekday())


def search_for(text: str) -> case_data.CaseSearch | None:
    """What the search box's text could be: a reference, a phone number, or words to find anywhere."""
    if not text:
        return None
    reference = normalise_reference(text)
    bare = re.sub(r"[\s\-().]", "", text)
    digits = bare.lstrip("+").removeprefix("44").lstrip("0") if bare.lstrip("+").isdigit() else ""
    return case_data.CaseSearch(
        text=text,
        reference=reference or None,
        phone=normalise_phone(text),
        digits=digits if len(digits) >= 4 else None,
    )


def amber_until(settings: Settings, today: date) -> date:
    """The last day that counts as due soon."""
    return calendar_for(settings).add_working_days(today, AMBER_DAYS)


def rag_for(due: date | None, today: date, settings: Settings) -> str | None:
    if due is None:
        return None
    return clock.rag(calendar_for(settings), due, today, AMBER_DAYS)


def _item(row: case_data.QueueRow, today: date, settings: Settings, review_overdue: set[int]) -> dict[str, Any]:
    acknowledge_by = acknowledgement_due(row.case)
    return {
        "rep": row.case,
        "stage": row.stage,
        "due": row.due,
        "alert": row.alert_level,
        "rag": rag_for(row.due, today, settings),
        "acknowledge_by": acknowledge_by,
        "acknowledgement_late": acknowledge_by is not None and acknowledge_by < today,
        "adjustment_review_overdue": row.case.id in review_overdue,
    }


def acknowledgement_due(rep: Representation) -> date | None:
    """When the acknowledgement is due, while it is still to be sent on an open case (rules-reference §1.9)."""
    if rep.acknowledged_on is not None or not rep.is_open:
        return None
    return rep.acknowledge_by


@bp.get("/cases")
@role_required(*CASE_ROLES)
def cases():
    settings, today, user = current_settings(), today_in_london(), signed_in_user()
    q = QueueQuery.from_args(request.args, viewer_id=user.id, today=today)
    filters = q.filters()
    total = case_data.queue_count(db.session, user, filters, today)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(q.page, pages)
    rows = case_data.queue_rows(
        db.session, user, filters, today, amber_until(settings, today), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    teams = all_teams(db.session)
    review_overdue = adjustment_data.cases_with_review_overdue(db.session, [row.case.id for row in rows], today)
    return render_template(
        "staff/queue.html",
        items=[_item(row, today, settings, review_overdue) for row in rows],
        q=q,
        page=page,
        pages=pages,
        total=total,
        # Counts for everything this viewer may see, not only this filter.
        by_status=case_data.status_counts(db.session, user),
        overdue_count=case_data.queue_count(db.session, user, case_data.CaseFilter(overdue=True), today),
        alerts_open=alert_data.open_alert_count(db.session, user),
        adjustment_overdue_count=case_data.queue_count(
            db.session, user, case_data.CaseFilter(adjustment_review_overdue=True), today
        ),
        teams=teams,
        rag_text={k: _(v) for k, v in RAG_TEXT.items()},
        statuses=list(Status),
        kind_options=[(value, label) for value, label in KIND_CHOICES],
        procedure_options=[(p.value, p.value.capitalize()) for p in Procedure],
        status_options=[(s.value, s.value.capitalize()) for s in Status],
        team_options=[(str(t.id), t.name) for t in teams],
    )
