"""Advocates submit on a child's behalf, then follow the cases they submitted (and only those).

The advocate declares on the form that they are independent (``intake.domain.advocate_independence``); the
audit trail keeps the declaration with the case it sent. The form carries a one-off token ("once"): its draft
makes a double click one case, and a disclosure in a form sent back for a fix (a missing answer, a story over
the length limit) makes the case and raises the alert at once, kept with that draft, so the advocate's later
Send updates the same case.
"""

from __future__ import annotations

import secrets

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intake.access import role_required
from intake.data import drafts
from intake.data.cases import cases_raised_by_advocate
from intake.domain import form_drafts
from intake.domain.advocate_independence import record_declaration
from intake.domain.submit import Submission
from intake.extensions import db
from intake.i18n import current_language
from intake.models import Channel, ChildAgreement, ContactMethod, Kind, Representation, Role, SubmittedBy
from intake.public import bp
from intake.public.forms import AdvocateSubmissionForm
from intake.public.status import plain_status
from intake.ratelimits import public_post_limit
from intake.settings import current_settings
from intake.transaction import committed

PURPOSE = "advocate"
FREE_TEXT = ("child_name", "what_happened", "what_would_help", "service_mentioned", "agreement_note")
AGREEMENTS = {"yes": ChildAgreement.YES, "not_possible": ChildAgreement.NOT_POSSIBLE}


@bp.route("/advocate/new", methods=["GET", "POST"])
@public_post_limit
@role_required(Role.ADVOCATE)
def advocate_new():
    form = AdvocateSubmissionForm()
    token = request.form.get("once", "")
    if not 0 < len(token) <= 64:
        token = secrets.token_urlsafe(24)
    if request.method == "POST":
        valid = form.validate_on_submit()
        screened, said = form_drafts.screen_words({name: form[name].data for name in FREE_TEXT})
        if valid:
            return _send(form, token, screened.level)
        if screened.is_risk:
            token = _disclosed(form, token, said)
            flash(screened.level or "concern", "safety")
    return render_template("public/advocate_new.html", form=form, once=token, limit=current_settings().max_free_text)


def _send(form: AdvocateSubmissionForm, token: str, level: str | None):
    with committed(db.session) as session:
        draft = drafts.claim_once_token(session, token, PURPOSE)
        if draft is None:  # a second click: the first one made the case
            return redirect(url_for(".advocate_cases"))
        rep = form_drafts.send_claimed(session, draft, _submission(form), current_settings())
        advocate = current_user._get_current_object()
        record_declaration(session, rep, advocate, advocate)  # the form is valid only with the box ticked
    flash(_("Sent. The reference is %(reference)s.", reference=rep.reference), "sent")
    if level:
        flash(level, "safety")
    return redirect(url_for(".advocate_cases"))


def _disclosed(form: AdvocateSubmissionForm, token: str, said: dict[str, str]) -> str:
    """A disclosure in a form sent back for a fix: the case and its alert now, the words kept with the draft.

    Returns the token the page carries on, so its Send updates this case.
    """
    with committed(db.session) as session:
        draft = drafts.draft_for_token(session, token, PURPOSE)
        if draft.state == "sent":  # an old page sent again: this is something new
            draft = drafts.draft_for_token(session, secrets.token_urlsafe(24), PURPOSE)
        form_drafts.keep_disclosure(draft, said)
        form_drafts.case_for_disclosure(session, draft, _submission(form, said), current_settings())
        return draft.id


def _submission(form: AdvocateSubmissionForm, said: dict[str, str] | None = None) -> Submission:
    """What the advocate gave; ``said`` (the page's words as screened) stands in for answers the page refused."""
    words = {name: form[name].data or "" for name in FREE_TEXT} | (said or {})
    agreement = AGREEMENTS.get(form.agreement.data or "")
    return Submission(
        kind=form_drafts.KINDS.get(form.kind.data or "", Kind.COMPLAINT),
        channel=Channel.WEB_FORM,
        submitted_by=SubmittedBy.ADVOCATE,
        about_someone_else=True,
        what_happened=words["what_happened"],
        what_would_help=words["what_would_help"],
        service_mentioned=words["service_mentioned"],
        child_name=words["child_name"],
        child_agreement=agreement,
        child_agreement_note=words["agreement_note"] if agreement is ChildAgreement.NOT_POSSIBLE else None,
        advocate_id=current_user.id,
        advocate_supported=True,
        contact_via_advocate=True,
        preferred_contact=ContactMethod.ADVOCATE,
        language=current_language(),
        staff=current_user._get_current_object(),
    )


@bp.get("/advocate/cases")
@role_required(Role.ADVOCATE)
def advocate_cases():
    reps: list[Representation] = list(cases_raised_by_advocate(db.session, current_user.id))
    return render_template("public/advocate_cases.html", cases=[(rep, plain_status(rep)) for rep in reps])
