"""Advocates submit on a child's behalf, then follow the cases they submitted (and only those)."""

from __future__ import annotations

import secrets

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from intake.access import role_required
from intake.domain.submit import Submission, submit
from intake.extensions import db
from intake.i18n import current_language
from intake.models import Channel, ChildAgreement, ContactMethod, FormDraft, Representation, Role, SubmittedBy
from intake.public import bp
from intake.public.forms import AdvocateSubmissionForm
from intake.public.journey import KINDS
from intake.public.status import plain_status


def _claim_token(token: str) -> bool:
    """True the first time a form's one-off token is used: a double click makes one case, not two."""
    if not token or len(token) > 64:
        return False
    # The token is the row's primary key, so a second insert fails even when two requests race.
    db.session.add(FormDraft(id=token, purpose="advocate", state="sent", answers={}))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


@bp.route("/advocate/new", methods=["GET", "POST"])
@role_required(Role.ADVOCATE)
def advocate_new():
    form = AdvocateSubmissionForm()
    token = request.form.get("once") or secrets.token_urlsafe(24)
    if form.validate_on_submit():
        if not _claim_token(token):
            return redirect(url_for(".advocate_cases"))
        agreed = form.agreement.data == "yes"
        result = submit(
            db.session,
            Submission(
                kind=KINDS[form.kind.data],
                channel=Channel.WEB_FORM,
                submitted_by=SubmittedBy.ADVOCATE,
                about_someone_else=True,
                what_happened=form.what_happened.data,
                what_would_help=form.what_would_help.data,
                service_mentioned=form.service_mentioned.data or "",
                child_name=form.child_name.data,
                child_agreement=ChildAgreement.YES if agreed else ChildAgreement.NOT_POSSIBLE,
                child_agreement_note=None if agreed else form.agreement_note.data,
                advocate_id=current_user.id,
                advocate_supported=True,
                contact_via_advocate=True,
                preferred_contact=ContactMethod.ADVOCATE,
                language=current_language(),
                staff=current_user,
            ),
            current_app.config,
            commit=False,
        )
        db.session.execute(
            update(FormDraft).where(FormDraft.id == token).values(reference=result.representation.reference)
        )
        db.session.commit()
        flash(_("Sent. The reference is %(reference)s.", reference=result.representation.reference))
        return redirect(url_for(".advocate_cases"))
    return render_template("public/advocate_new.html", form=form, once=token, limit=current_app.config["MAX_FREE_TEXT"])


@bp.get("/advocate/cases")
@role_required(Role.ADVOCATE)
def advocate_cases():
    reps = db.session.scalars(
        select(Representation)
        .where(Representation.advocate_id == current_user.id)
        .order_by(Representation.received_at.desc(), Representation.id.desc())
    ).all()
    return render_template("public/advocate_cases.html", cases=[(rep, plain_status(rep)) for rep in reps])
