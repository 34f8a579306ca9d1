"""POST actions for reasonable adjustments: record one (agreed or not), record a review. The same shape as every
case action (``actions._run``)."""

from __future__ import annotations

from flask_babel import gettext as _

from intake.access import CASEWORK_ROLES, role_required
from intake.domain import casework
from intake.extensions import db
from intake.models import AdjustmentKind
from intake.staff import bp
from intake.staff.actions import _run


@bp.post("/cases/<reference>/adjustments")
@role_required(*CASEWORK_ROLES)
def case_adjustment(reference):
    def step(rep, form, user, settings, today):
        casework.record_adjustment(
            db.session,
            rep,
            user,
            kind=AdjustmentKind(form.kind.data),
            requested=form.requested.data,
            agreed=form.agreed.data == "yes",
            refusal_reason=form.refusal_reason.data,
            review_on=form.review_on.data,
            today=today,
        )
        return _("Adjustment recorded.")

    return _run(reference, "adjustment", step)


@bp.post("/cases/<reference>/adjustments/review")
@role_required(*CASEWORK_ROLES)
def case_adjustment_review(reference):
    def step(rep, form, user, settings, today):
        casework.review_adjustment(
            db.session,
            rep,
            user,
            form.adjustment.data,
            reviewed_on=form.reviewed_on.data,
            note=form.note.data,
            next_review_on=form.next_review_on.data,
            end=form.outcome.data == "end",
            today=today,
        )
        return _("Review recorded.")

    return _run(reference, "adjustment_review", step)
