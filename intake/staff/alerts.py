"""Safeguarding alerts: the list (open first) and one alert, where a named person records what they did.

An alert is linked to its case but has no complaint timescale. Opening one is
recorded, so the page can say who has seen it and when.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.extensions import db
from intake.models import AuditEvent, Representation, Role, SafeguardingAlert
from intake.staff import bp, forms
from intake.staff.access import can_view_case, case_scope, role_required

ALERT_ROLES = (Role.COMPLAINTS_OFFICER, Role.RIGHTS_OFFICER, Role.MANAGER)


def _alert_or_404(alert_id: str) -> SafeguardingAlert:
    # A string in the URL, checked here: a non-number is the same 404 as an alert that does not exist.
    alert = (
        db.session.get(SafeguardingAlert, int(alert_id))
        if str(alert_id).isdigit() and len(str(alert_id)) < 10
        else None
    )
    if alert is None or not can_view_case(current_user, alert.representation):
        abort(404)
    return alert


@bp.get("/alerts")
@role_required(*ALERT_ROLES)
def alerts():
    rows = db.session.scalars(
        select(SafeguardingAlert)
        .join(Representation, Representation.id == SafeguardingAlert.representation_id)
        .where(case_scope(current_user))
        .order_by(
            SafeguardingAlert.actioned_at.is_not(None), SafeguardingAlert.raised_at.desc(), SafeguardingAlert.id.desc()
        )
        .limit(500)
    ).all()
    return render_template("staff/alerts.html", alerts=rows, **_deadlines())


def _deadlines() -> dict:
    """What the templates need to show each alert's act-by day, and whether it has passed."""
    settings, today = current_app.config, casework.today_in_london()
    return {
        "act_by": lambda a: casework.alert_act_by(a, settings),
        "overdue": lambda a: casework.alert_is_overdue(a, settings, today),
    }


def _render(alert: SafeguardingAlert, action_form=None, false_form=None, error=None, status=200):
    views = db.session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.action == "safeguarding_alert_viewed",
            AuditEvent.representation_id == alert.representation_id,
            AuditEvent.detail == f"alert {alert.id}",
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    ).all()
    bad = (
        action_form
        if action_form is not None and (action_form.errors or error)
        else (false_form if false_form is not None and (false_form.errors or error) else None)
    )
    return render_template(
        "staff/alert.html",
        alert=alert,
        rep=alert.representation,
        views=views,
        action_form=action_form or forms.AlertActionForm(prefix="done", formdata=None),
        false_form=false_form or forms.FalseAlarmForm(prefix="false", formdata=None),
        bad_form=bad,
        error=error,
        form_has_errors=bad is not None,
        **_deadlines(),
    ), status


@bp.get("/alerts/<alert_id>")
@role_required(*ALERT_ROLES)
def alert(alert_id: str):
    found = _alert_or_404(alert_id)
    casework.record_alert_view(db.session, found, current_user._get_current_object())
    db.session.commit()
    return _render(found)


def _run(alert_id: str, form, form_arg: str, step, message: str):
    """The shared shape of both alert actions, as ``actions._run`` is for case actions."""
    found = _alert_or_404(alert_id)
    if not form.validate_on_submit():
        return _render(found, status=400, **{form_arg: form})
    try:
        step(found, current_user._get_current_object())
    except CaseworkError as exc:
        db.session.rollback()
        return _render(_alert_or_404(alert_id), error=str(exc), status=400, **{form_arg: form})
    db.session.commit()
    flash(message)
    return redirect(url_for("staff.alert", alert_id=alert_id))


@bp.post("/alerts/<alert_id>/action")
@role_required(*ALERT_ROLES)
def alert_action(alert_id: str):
    form = forms.AlertActionForm(prefix="done")
    return _run(
        alert_id,
        form,
        "action_form",
        lambda found, user: casework.record_alert_action(db.session, found, user, form.action_taken.data),
        _("Recorded. The alert is no longer pinned to the top of the queue."),
    )


@bp.post("/alerts/<alert_id>/false-alarm")
@role_required(*ALERT_ROLES)
def alert_false_alarm(alert_id: str):
    form = forms.FalseAlarmForm(prefix="false")
    return _run(
        alert_id,
        form,
        "false_form",
        lambda found, user: casework.mark_false_alarm(db.session, found, user, form.reason.data),
        _("Marked as a false alarm. The alert and your reason are kept."),
    )
