"""POST actions for what came of a complaint: the Ombudsman's referral through its lifecycle, payments,
resolutions, learning and actions. The same shape as every case action (``actions._run``)."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _

from intake.access import CASEWORK_ROLES, role_required
from intake.domain import casework
from intake.extensions import db
from intake.models import ActionStatus, LgoResult
from intake.staff import bp
from intake.staff.actions import _run


@bp.post("/cases/<reference>/ombudsman")
@role_required(*CASEWORK_ROLES)
def case_ombudsman_refer(reference):
    def step(rep, form, user, settings, today):
        casework.refer(db.session, rep, user, form.referred_on.data, form.lgo_reference.data, today)
        return _("Ombudsman referral recorded.")

    return _run(reference, "ombudsman", step)


@bp.post("/cases/<reference>/ombudsman/enquiry")
@role_required(*CASEWORK_ROLES)
def case_ombudsman_enquiry(reference):
    def step(rep, form, user, settings, today):
        casework.record_enquiry(
            db.session, rep, user, form.referral.data, form.enquiry_on.data, form.lgo_reference.data, today
        )
        return _("The Ombudsman's enquiry is recorded.")

    return _run(reference, "ombudsman_enquiry", step)


@bp.post("/cases/<reference>/ombudsman/decision")
@role_required(*CASEWORK_ROLES)
def case_ombudsman_decision(reference):
    def step(rep, form, user, settings, today):
        casework.record_decision(
            db.session,
            rep,
            user,
            form.referral.data,
            decided_on=form.decided_on.data,
            outcome=LgoResult(form.outcome.data),
            remedy=form.remedy.data,
            compliance_due_on=form.compliance_due_on.data,
            today=today,
        )
        return _("The Ombudsman's decision is recorded.")

    return _run(reference, "ombudsman_decision", step)


@bp.post("/cases/<reference>/ombudsman/compliance")
@role_required(*CASEWORK_ROLES)
def case_ombudsman_compliance(reference):
    def step(rep, form, user, settings, today):
        casework.record_compliance(db.session, rep, user, form.referral.data, form.done_on.data, today)
        return _("Recorded: we did what the Ombudsman asked.")

    return _run(reference, "ombudsman_compliance", step)


@bp.post("/cases/<reference>/payments")
@role_required(*CASEWORK_ROLES)
def case_payment(reference):
    def step(rep, form, user, settings, today):
        pence = int((form.amount.data * 100).quantize(Decimal("1")))
        casework.record_payment(
            db.session,
            rep,
            user,
            pence=pence,
            paid_on=form.paid_on.data,
            reason=form.reason.data,
            detail=form.detail.data,
            today=today,
        )
        return _("Payment recorded.")

    return _run(reference, "payment", step)


@bp.post("/cases/<reference>/resolutions")
@role_required(*CASEWORK_ROLES)
def case_resolutions(reference):
    def step(rep, form, user, settings, today):
        casework.set_resolutions(db.session, rep, user, form.codes.data or [])
        return _("How it was put right is saved.")

    return _run(reference, "resolutions", step)


@bp.post("/cases/<reference>/learning")
@role_required(*CASEWORK_ROLES)
def case_learning(reference):
    def step(rep, form, user, settings, today):
        casework.add_learning_point(db.session, rep, user, form.text.data, today)
        return _("What we learnt is recorded.")

    return _run(reference, "learning", step)


@bp.post("/cases/<reference>/actions")
@role_required(*CASEWORK_ROLES)
def case_action(reference):
    def step(rep, form, user, settings, today):
        casework.add_action(
            db.session,
            rep,
            user,
            description=form.description.data,
            owner=form.owner.data,
            team_id=form.team.data,
            due_on=form.due_on.data,
            today=today,
        )
        return _("Action agreed.")

    return _run(reference, "action", step)


@bp.post("/cases/<reference>/actions/update")
@role_required(*CASEWORK_ROLES)
def case_action_update(reference):
    def step(rep, form, user, settings, today):
        status = ActionStatus(form.status.data)
        casework.update_action(db.session, rep, user, form.action.data, status, form.evidence.data, today)
        return _("Action updated.")

    return _run(reference, "action_update", step)
