"""Safeguarding alerts: the list (open ones first, ranked by danger) and one alert, where a named person records
what they did.

An alert is linked to its case but has no complaint timescale: its act-by time follows its level
(``intake.domain.casework.safeguarding``). Opening one is recorded, so the page can say who has seen it and when.
"""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _

from intake.access import alert_or_404, role_required, signed_in_user
from intake.data import alerts as alert_data
from intake.domain import casework
from intake.extensions import db
from intake.models import Role, SafeguardingAlert
from intake.models.base import utcnow
from intake.settings import current_settings
from intake.staff import bp, forms
from intake.staff.steps import run_step
from intake.transaction import committed

ALERT_ROLES = (Role.COMPLAINTS_OFFICER, Role.RIGHTS_OFFICER, Role.MANAGER)
DEALT_WITH_SHOWN = 200


def _deadlines() -> dict:
    """What the templates need to show each alert's level and act-by time, and whether it has passed."""
    settings, now = current_settings(), utcnow()
    return {
        "act_by": lambda a: casework.act_by(a, settings),
        "overdue": lambda a: casework.alert_is_overdue(a, settings, now),
    }


@bp.get("/alerts")
@role_required(*ALERT_ROLES)
def alerts():
    user = signed_in_user()
    return render_template(
        "staff/alerts.html",
        open_alerts=alert_data.open_alerts(db.session, user),
        dealt_with=alert_data.dealt_with_alerts(db.session, user, DEALT_WITH_SHOWN),
        **_deadlines(),
    )


def _render(alert: SafeguardingAlert, action_form=None, false_form=None, error=None, status=200):
    bad = next((f for f in (action_form, false_form) if f is not None and (f.errors or error)), None)
    return render_template(
        "staff/alert.html",
        alert=alert,
        rep=alert.representation,
        views=alert_data.alert_views(db.session, alert),
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
    with committed():
        found = alert_or_404(alert_id)
        casework.record_alert_view(db.session, found, signed_in_user())
    return _render(found)


def _run(alert_id: str, form, form_arg: str, step, message: str):
    """The shared shape of both alert actions, as ``actions._run`` is for case actions."""
    found = alert_or_404(alert_id)
    if not form.validate_on_submit():
        return _render(found, status=400, **{form_arg: form})
    return run_step(
        lambda: step(found, signed_in_user()) or message,
        url_for("staff.alert", alert_id=alert_id),
        lambda reason: _render(alert_or_404(alert_id), error=reason, status=400, **{form_arg: form}),
    )


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
