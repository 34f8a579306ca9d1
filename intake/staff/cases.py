"""The case page at /staff/cases/<reference>: everything about one case, and every action on it.

Every view is recorded in the audit trail. The timeline folds runs of views
into one line so the story of the case stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template
from flask_login import current_user
from sqlalchemy import select

from intake.domain import casework
from intake.domain.audit import record_event
from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.models import (
    AuditEvent,
    CaseNote,
    Kind,
    Message,
    Notification,
    Role,
    StaffUser,
    SubmittedBy,
    Team,
)
from intake.models.enums import categories_for
from intake.staff import bp, forms
from intake.staff.access import case_or_404, role_required
from intake.staff.queue import CASE_ROLES, RAG_TEXT

# Who may change a case. Advocates and rights officers see cases and may add notes, raise alerts
# and record alert actions; procedure steps belong to the complaints officer and managers.
CASEWORK_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER)


@dataclass
class TimelineEntry:
    at: datetime
    kind: str  # "event", "views", "note", "message"
    title: str
    who: str = ""
    body: str = ""  # plain text, escaped in the template


def timeline(rep) -> list[TimelineEntry]:
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.representation_id == rep.id).order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    entries: list[TimelineEntry] = []
    views: list[AuditEvent] = []

    def flush_views():
        if views:
            viewers = sorted({v.actor for v in views})
            entries.append(
                TimelineEntry(
                    views[-1].at,
                    "views",
                    f"Viewed {len(views)} time{'s' if len(views) != 1 else ''}",
                    ", ".join(viewers),
                )
            )
            views.clear()

    for e in events:
        if e.action == "viewed":
            views.append(e)
            continue
        flush_views()
        entries.append(TimelineEntry(e.at, "event", e.action.replace("_", " ").capitalize(), e.actor, e.detail))
    flush_views()
    for note in db.session.scalars(select(CaseNote).where(CaseNote.representation_id == rep.id).order_by(CaseNote.id)):
        entries.append(TimelineEntry(note.created_at, "note", "Note", note.author, note.body))
    for m in db.session.scalars(select(Message).where(Message.representation_id == rep.id).order_by(Message.id)):
        title = "Text sent" if m.direction == "out" else "Text received"
        entries.append(
            TimelineEntry(m.created_at, "message", f"{title} ({m.status or 'received'})", m.sent_by or "", m.body)
        )
    entries.sort(key=lambda t: t.at, reverse=True)
    return entries


def build_forms(rep, overrides: dict | None = None) -> dict:
    """Every action form for the page, each with its own prefix so field ids are unique."""
    teams = db.session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name, Team.id)).all()
    team_choices = [(None, "No team yet")] + [(t.id, t.name) for t in teams]
    staff_choices = [
        (u.id, f"{u.name} ({u.role.value.replace('_', ' ')})") for u in casework.assignable_staff(db.session)
    ]
    made = {
        "triage": forms.TriageForm(
            prefix="triage",
            formdata=None,
            data={
                "kind": rep.kind.value,
                "procedure": rep.procedure.value,
                "team": rep.team_id,
                "categories": rep.category_codes,
                "sufficient_interest": {True: "yes", False: "no"}.get(rep.sufficient_interest),
                "sufficient_interest_note": rep.sufficient_interest_note,
            },
        ),
        "acknowledge": forms.ButtonForm(prefix="acknowledge", formdata=None),
        "assign": forms.AssignForm(prefix="assign", formdata=None, data={"assignee": rep.assigned_to_id}),
        "extend": forms.ExtendForm(prefix="extend", formdata=None),
        "investigation": forms.InvestigationForm(prefix="investigation", formdata=None),
        "respond": forms.ResponseForm(prefix="respond", formdata=None),
        "escalate": forms.EscalationForm(prefix="escalate", formdata=None),
        "late_decision": forms.LateDecisionForm(prefix="late", formdata=None),
        "panel": forms.PanelForm(prefix="panel", formdata=None),
        "lgo": forms.LgoForm(prefix="lgo", formdata=None),
        "compensation": forms.CompensationForm(prefix="compensation", formdata=None),
        "withdraw": forms.WithdrawForm(prefix="withdraw", formdata=None),
        "close": forms.ButtonForm(prefix="close", formdata=None),
        "hold": forms.LegalHoldForm(prefix="hold", formdata=None),
        "note": forms.NoteForm(prefix="note", formdata=None),
        "forward": forms.ForwardForm(prefix="forward", formdata=None),
        "sms": forms.SmsReplyForm(prefix="sms", formdata=None),
        "raise_alert": forms.RaiseAlertForm(prefix="alert", formdata=None),
    }
    made.update(overrides or {})
    configure_choices(made, rep, team_choices, staff_choices)
    return made


def configure_choices(made: dict, rep, team_choices=None, staff_choices=None) -> None:
    if team_choices is None:
        teams = db.session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name, Team.id)).all()
        team_choices = [(None, "No team yet")] + [(t.id, t.name) for t in teams]
    if staff_choices is None:
        staff_choices = [
            (u.id, f"{u.name} ({u.role.value.replace('_', ' ')})") for u in casework.assignable_staff(db.session)
        ]
    if "triage" in made:
        made["triage"].team.choices = team_choices
        kind = Kind(made["triage"].kind.data) if made["triage"].kind.data in {k.value for k in Kind} else rep.kind
        made["triage"].categories.choices = [
            (c, c.replace("_", " ").capitalize())
            for c in dict.fromkeys(
                categories_for(Kind.COMPLAINT) + categories_for(kind) + categories_for(Kind.COMPLIMENT)
            )
        ]
    if "assign" in made:
        made["assign"].assignee.choices = staff_choices
    if "forward" in made:
        made["forward"].team.choices = [(None, "Do not send to a team")] + team_choices[1:]
        made["forward"].worker.choices = [(None, "Do not send to a worker")] + staff_choices


def render_case(
    rep, *, overrides: dict | None = None, error: str | None = None, error_form: str | None = None, status: int = 200
):
    settings = current_app.config
    today = today_in_london()
    deadline = casework.deadline(rep, settings, today)
    notifications = db.session.scalars(
        select(Notification)
        .where(Notification.representation_id == rep.id)
        .order_by(Notification.created_at, Notification.id)
    ).all()
    people = {
        u.id: u
        for u in db.session.scalars(
            select(StaffUser).where(StaffUser.id.in_([i for i in (rep.advocate_id, rep.assigned_to_id) if i]))
        )
    }
    made = build_forms(rep, overrides)
    bad_form = next((name for name, f in (overrides or {}).items() if f.errors), None) or error_form
    return render_template(
        "staff/case.html",
        rep=rep,
        stage=rep.current_stage,
        deadline=deadline,
        rag_text=RAG_TEXT,
        awaiting_decision=casework.awaiting_decision(casework.open_stage(rep)),
        running=casework.running_stage(rep),
        alerts=casework.alerts_for(db.session, rep),
        notifications=notifications,
        advocate=people.get(rep.advocate_id),
        assignee=people.get(rep.assigned_to_id),
        sms_blocked=casework.sms_block_reason(db.session, rep),
        timeline=timeline(rep),
        forms=made,
        can_act=current_user.role in CASEWORK_ROLES,
        needs_interest=rep.submitted_by is SubmittedBy.OTHER and rep.sufficient_interest is None,
        error=error,
        bad_form=bad_form,
        form_has_errors=bool(bad_form or error),
        is_compliment=rep.kind is Kind.COMPLIMENT,
    ), status


@bp.get("/cases/<reference>")
@role_required(*CASE_ROLES)
def case(reference: str):
    rep = case_or_404(reference)
    record_event(db.session, "viewed", representation=rep, staff=current_user._get_current_object())
    db.session.commit()
    return render_case(rep)
