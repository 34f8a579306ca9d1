"""The case page at /staff/cases/<reference>: everything about one case, and every action on it.

Every view is recorded in the audit trail (``intake.access.viewed_case``). The timeline folds runs of views
into one line so the story of the case stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import redirect, render_template

from intake.access import CASE_ROLES, CASEWORK_ROLES, role_required, signed_in_user, viewed_case
from intake.data import adjustments as adjustment_data
from intake.data import cases as case_data
from intake.data import staff as staff_data
from intake.data.teams import active_teams
from intake.domain import casework
from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.models import AlertLevel, AuditEvent, Kind, Representation, SubmittedBy
from intake.settings import current_settings
from intake.staff import bp, forms
from intake.staff.adjustment_forms import ADJUSTMENT_FORMS, ADJUSTMENT_KIND_LABELS
from intake.staff.procedure_forms import PROCEDURE_FORMS
from intake.staff.procedure_view import configure_procedure_choices
from intake.staff.queue import RAG_TEXT
from intake.staff.referrals import waiting_referral_url
from intake.staff.remedy_forms import REMEDY_FORMS
from intake.transaction import committed

# Every action form on the page: (name, form class, field prefix). Each has its own prefix so ids are unique.
ACTION_FORMS = (
    ("triage", forms.TriageForm, "triage"),
    ("acknowledge", forms.ButtonForm, "acknowledge"),
    ("assign", forms.AssignForm, "assign"),
    ("extend", forms.ExtendForm, "extend"),
    ("respond", forms.ResponseForm, "respond"),
    ("escalate", forms.EscalationForm, "escalate"),
    ("late_decision", forms.LateDecisionForm, "late"),
    ("withdraw", forms.WithdrawForm, "withdraw"),
    ("close", forms.ButtonForm, "close"),
    ("hold", forms.LegalHoldForm, "hold"),
    ("note", forms.NoteForm, "note"),
    ("forward", forms.ForwardForm, "forward"),
    ("sms", forms.SmsReplyForm, "sms"),
    ("raise_alert", forms.RaiseAlertForm, "alert"),
    *PROCEDURE_FORMS,
    *REMEDY_FORMS,
    *ADJUSTMENT_FORMS,
)


@dataclass
class TimelineEntry:
    at: datetime
    kind: str  # "event", "views", "note", "message"
    title: str
    who: str = ""
    body: str = ""  # plain text, escaped in the template


def _folded_events(events) -> list[TimelineEntry]:
    """Audit events, with each run of views folded into one "Viewed 3 times" line."""
    entries: list[TimelineEntry] = []
    views: list[AuditEvent] = []

    def flush_views():
        if views:
            viewers = ", ".join(sorted({v.actor for v in views}))
            plural = "s" if len(views) != 1 else ""
            entries.append(TimelineEntry(views[-1].at, "views", f"Viewed {len(views)} time{plural}", viewers))
            views.clear()

    for e in events:
        if e.action == "viewed":
            views.append(e)
            continue
        flush_views()
        entries.append(TimelineEntry(e.at, "event", e.action.replace("_", " ").capitalize(), e.actor, e.detail))
    flush_views()
    return entries


def timeline(rep: Representation) -> list[TimelineEntry]:
    entries = _folded_events(case_data.case_events(db.session, rep.id))
    for note in case_data.case_notes(db.session, rep.id):
        entries.append(TimelineEntry(note.created_at, "note", "Note", note.author, note.body))
    for m in case_data.case_messages(db.session, rep.id):
        title = "Text sent" if m.direction == "out" else "Text received"
        entries.append(
            TimelineEntry(m.created_at, "message", f"{title} ({m.status or 'received'})", m.sent_by or "", m.body)
        )
    entries.sort(key=lambda t: t.at, reverse=True)
    return entries


def _blank_forms(rep: Representation) -> dict:
    made = {name: form_cls(prefix=prefix, formdata=None) for name, form_cls, prefix in ACTION_FORMS}
    made["triage"] = forms.TriageForm(
        prefix="triage",
        formdata=None,
        data={
            "kind": rep.kind.value,
            "procedure": rep.procedure.value,
            "team": rep.team_id,
            "complaint_categories": rep.category_codes if rep.kind is Kind.COMPLAINT else [],
            "compliment_categories": rep.category_codes if rep.kind is Kind.COMPLIMENT else [],
            "sufficient_interest": {True: "yes", False: "no"}.get(rep.sufficient_interest),
            "sufficient_interest_note": rep.sufficient_interest_note,
        },
    )
    made["assign"] = forms.AssignForm(prefix="assign", formdata=None, data={"assignee": rep.assigned_to_id})
    return made


def build_forms(rep: Representation, overrides: dict | None = None) -> dict:
    """Every action form for the page, with any form that was just posted (and its errors) in its place."""
    made = _blank_forms(rep)
    made.update(overrides or {})
    configure_choices(made, rep)
    return made


def configure_choices(made: dict, rep: Representation) -> None:
    team_choices = [(None, "No team yet")] + [(t.id, t.name) for t in active_teams(db.session)]
    staff_choices = [
        (u.id, f"{u.name} ({u.role.value.replace('_', ' ')})") for u in staff_data.assignable_staff(db.session)
    ]
    if "triage" in made:
        made["triage"].team.choices = team_choices
    if "assign" in made:
        made["assign"].assignee.choices = staff_choices
    if "forward" in made:
        made["forward"].team.choices = [(None, "Do not send to a team")] + team_choices[1:]
        made["forward"].worker.choices = [(None, "Do not send to a worker")] + staff_choices
    configure_procedure_choices(made, rep)
    if "adjustment_review" in made:
        made["adjustment_review"].adjustment.choices = [
            (a.id, f"{ADJUSTMENT_KIND_LABELS[a.kind.value]} ({a.recorded_at:%-d %B %Y})")
            for a in adjustment_data.adjustments_for(db.session, rep.id)
            if a.in_force
        ]


def render_case(
    rep: Representation,
    *,
    overrides: dict | None = None,
    error: str | None = None,
    error_form: str | None = None,
    status: int = 200,
):
    settings, today = current_settings(), today_in_london()
    people = staff_data.staff_by_ids(db.session, (rep.advocate_id, rep.assigned_to_id))
    bad_form = next((name for name, f in (overrides or {}).items() if f.errors), None) or error_form
    alerts = casework.alerts_for(db.session, rep)
    # Immediate danger first, as on the alerts list; the oldest first within a level.
    open_alerts = sorted((a for a in alerts if a.is_open), key=lambda a: a.level is not AlertLevel.IMMEDIATE)
    return render_template(
        "staff/case.html",
        rep=rep,
        stage=rep.current_stage,
        deadline=casework.deadline(rep, settings, today),
        rag_text=RAG_TEXT,
        awaiting_decision=casework.awaiting_decision(casework.open_stage(rep)),
        running=casework.running_stage(rep),
        open_alerts=open_alerts,
        act_by={a.id: casework.act_by(a, settings) for a in open_alerts},
        notifications=case_data.case_notifications(db.session, rep.id),
        advocate=people.get(rep.advocate_id),
        assignee=people.get(rep.assigned_to_id),
        contact=casework.contact_safety(db.session, rep),
        timeline=timeline(rep),
        forms=build_forms(rep, overrides),
        can_act=signed_in_user().role in CASEWORK_ROLES,
        needs_interest=rep.submitted_by is SubmittedBy.OTHER and rep.sufficient_interest is None,
        error=error,
        bad_form=bad_form,
        form_has_errors=bool(bad_form or error),
        is_compliment=rep.kind is Kind.COMPLIMENT,
        adjustments=adjustment_data.adjustments_for(db.session, rep.id),
        adjustment_kinds=ADJUSTMENT_KIND_LABELS,
        today=today,
    ), status


@bp.get("/cases/<reference>")
@role_required(*CASE_ROLES)
def case(reference: str):
    if (referral := waiting_referral_url(reference)) is not None:
        return redirect(referral)  # an advocate of the referral service, from the referral email's link
    with committed():
        rep = viewed_case(reference)
    return render_case(rep)
