"""POST actions on a case. Each: check the form, call the casework rule in one transaction, flash, redirect.

A form error or a broken rule shows the case page again with the message, and nothing is written. Every
successful action is an audit event (written by ``intake.domain.casework``).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import url_for
from flask_babel import gettext as _

from intake.access import CASE_ROLES, CASEWORK_ROLES, case_or_404, role_required, signed_in_user
from intake.domain import casework
from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.models import AlertLevel, Kind, NotificationChannel, Outcome, Procedure, Role
from intake.settings import current_settings
from intake.staff import bp
from intake.staff.cases import ACTION_FORMS, configure_choices, render_case
from intake.staff.steps import run_step

SMS_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER)


# The form class and field prefix of each action, from the one list of the case page's forms.
_FORMS = {name: (form_cls, prefix) for name, form_cls, prefix in ACTION_FORMS}


def _run(reference: str, name: str, step: Callable[..., str]):
    """The shared shape of every action: the form ``name`` from ``ACTION_FORMS``; ``step(rep, form, user,
    settings, today)`` returns the flash message."""
    rep = case_or_404(reference)
    form_cls, prefix = _FORMS[name]
    form = form_cls(prefix=prefix)
    configure_choices({name: form}, rep)
    if not form.validate_on_submit():
        return render_case(rep, overrides={name: form}, status=400)

    def refused(reason: str):
        # Nothing was written; the case is read again as it is stored.
        form.form_errors.append(reason)
        return render_case(case_or_404(reference), overrides={name: form}, error=reason, error_form=name, status=400)

    return run_step(
        lambda: step(rep, form, signed_in_user(), current_settings(), today_in_london()),
        url_for("staff.case", reference=rep.reference),
        refused,
    )


@bp.post("/cases/<reference>/triage")
@role_required(*CASEWORK_ROLES)
def case_triage(reference):
    def step(rep, form, user, settings, today):
        interest = {"yes": True, "no": False}.get(form.sufficient_interest.data)
        casework.triage(
            db.session,
            rep,
            user,
            settings,
            kind=Kind(form.kind.data),
            procedure=Procedure(form.procedure.data),
            team_id=form.team.data,
            categories=form.chosen_categories(Kind(form.kind.data)),
            sufficient_interest=interest if interest is not None and rep.sufficient_interest != interest else None,
            sufficient_interest_note=form.sufficient_interest_note.data,
        )
        return _("Triage saved.")

    return _run(reference, "triage", step)


@bp.post("/cases/<reference>/acknowledge")
@role_required(*CASEWORK_ROLES)
def case_acknowledge(reference):
    def step(rep, form, user, settings, today):
        casework.acknowledge(db.session, rep, user, settings, today)
        return _("Acknowledged today.")

    return _run(reference, "acknowledge", step)


@bp.post("/cases/<reference>/assign")
@role_required(*CASEWORK_ROLES)
def case_assign(reference):
    def step(rep, form, user, settings, today):
        assignee = casework.assign(db.session, rep, user, form.assignee.data)
        return _("Assigned to %(name)s.", name=assignee.name)

    return _run(reference, "assign", step)


@bp.post("/cases/<reference>/extend")
@role_required(*CASEWORK_ROLES)
def case_extend(reference):
    def step(rep, form, user, settings, today):
        stage, told = casework.extend(db.session, rep, user, settings, form.new_due.data, form.reason.data)
        done = _("Stage %(n)d is now due %(date)s.", n=stage.number, date=f"{stage.extended_due_on:%-d %B %Y}")
        if not told:
            return done + " " + _("We could not tell them directly: tell them yourself, or their advocate.")
        if told[0].channel is NotificationChannel.SMS:
            return done + " " + _("We are texting them the new date and the Ombudsman's details.")
        return done + " " + _("We are emailing them the new date and the Ombudsman's details.")

    return _run(reference, "extend", step)


@bp.post("/cases/<reference>/respond")
@role_required(*CASEWORK_ROLES)
def case_respond(reference):
    def step(rep, form, user, settings, today):
        stage = casework.record_response(
            db.session, rep, user, Outcome(form.outcome.data), form.responded_on.data, today
        )
        return _("Stage %(n)d response recorded.", n=stage.number)

    return _run(reference, "respond", step)


@bp.post("/cases/<reference>/escalate")
@role_required(*CASEWORK_ROLES)
def case_escalate(reference):
    def step(rep, form, user, settings, today):
        stage = casework.request_escalation(db.session, rep, user, settings, form.requested_on.data, today)
        if stage.late_request:
            return _(
                "Stage %(n)d request recorded. It came after the window, so it needs a decision before it starts.",
                n=stage.number,
            )
        return _("Stage %(n)d started. It is due %(date)s.", n=stage.number, date=f"{stage.due_on:%-d %B %Y}")

    return _run(reference, "escalate", step)


@bp.post("/cases/<reference>/late-decision")
@role_required(*CASEWORK_ROLES)
def case_late_decision(reference):
    def step(rep, form, user, settings, today):
        accept = form.decision.data == "accept"
        stage = casework.decide_late_request(db.session, rep, user, settings, accept, form.reason.data, today)
        if accept:
            return _(
                "Late request accepted. Stage %(n)d is due %(date)s.", n=stage.number, date=f"{stage.due_on:%-d %B %Y}"
            )
        return _("Late request refused. The reasons are recorded.")

    return _run(reference, "late_decision", step)


@bp.post("/cases/<reference>/withdraw")
@role_required(*CASEWORK_ROLES)
def case_withdraw(reference):
    def step(rep, form, user, settings, today):
        casework.withdraw(db.session, rep, user, settings, today, form.reason.data)
        return _("The case is withdrawn.")

    return _run(reference, "withdraw", step)


@bp.post("/cases/<reference>/close")
@role_required(*CASEWORK_ROLES)
def case_close(reference):
    def step(rep, form, user, settings, today):
        casework.close(db.session, rep, user, settings, today)
        return _("The case is closed. It will be kept until %(date)s.", date=f"{rep.retention_until:%-d %B %Y}")

    return _run(reference, "close", step)


@bp.post("/cases/<reference>/legal-hold")
@role_required(Role.COMPLAINTS_OFFICER)
def case_legal_hold(reference):
    def step(rep, form, user, settings, today):
        casework.set_legal_hold(db.session, rep, user, not rep.legal_hold, form.reason.data)
        return _("Legal hold placed: this case will not be deleted.") if rep.legal_hold else _("Legal hold lifted.")

    return _run(reference, "hold", step)


@bp.post("/cases/<reference>/note")
@role_required(*CASE_ROLES)
def case_note(reference):
    def step(rep, form, user, settings, today):
        casework.add_note(db.session, rep, user, form.text.data)
        return _("Note added.")

    return _run(reference, "note", step)


@bp.post("/cases/<reference>/forward")
@role_required(*CASEWORK_ROLES)
def case_forward(reference):
    def step(rep, form, user, settings, today):
        rows = casework.forward_compliment(
            db.session, rep, user, settings, team_id=form.team.data, worker_id=form.worker.data
        )
        return _("Compliment forwarded to %(who)s.", who=", ".join(r.recipient for r in rows))

    return _run(reference, "forward", step)


@bp.post("/cases/<reference>/sms")
@role_required(*SMS_ROLES)
def case_sms(reference):
    def step(rep, form, user, settings, today):
        casework.send_sms_reply(db.session, rep, user, settings, form.text.data)
        return _("Text queued. Its delivery status shows under Notifications.")

    return _run(reference, "sms", step)


@bp.post("/cases/<reference>/alert")
@role_required(*CASE_ROLES)
def case_raise_alert(reference):
    def step(rep, form, user, settings, today):
        level = AlertLevel(form.level.data)
        casework.raise_alert(db.session, rep, user, settings, form.reason.data, level)
        if level is AlertLevel.IMMEDIATE:
            return _("Immediate danger alert raised and sent urgently. The complaint carries on as before.")
        return _("Safeguarding alert raised and sent urgently. The complaint carries on as before.")

    return _run(reference, "raise_alert", step)
