"""Advocates' referrals queue: /staff/referrals, a referral as the child agreed to share it, and accepting one.

An advocate of ``ADVOCACY_ORGANISATION`` sees every referral still waiting; one they can already open (theirs)
goes straight to its case page. Anyone else asking for a referral gets the same 404 as a missing case.
Accepting one needs the advocate's three-part declaration that they are independent (rules-reference §1.8).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectMultipleField, SubmitField

from intake.access import can_view_case, role_required, signed_in_user
from intake.data import referrals as referral_data
from intake.data.cases import case_by_reference
from intake.domain import casework
from intake.domain.advocate_independence import (
    NOT_SERVICE_MANAGER,
    NOT_SUBJECT,
    NOT_SUBJECTS_MANAGER,
    Declaration,
    DeclarationMissing,
)
from intake.domain.audit import record_event
from intake.domain.casework import CaseworkError, today_in_london
from intake.domain.casework.contacting import TextingWindow
from intake.domain.references import normalise
from intake.domain.referrals import accept_referral, is_waiting, takes_referrals
from intake.extensions import db
from intake.models import Representation, Role
from intake.settings import current_settings
from intake.staff import bp
from intake.staff.intake_forms import FROM_LABELS, KIND_CHOICES, METHOD_LABELS
from intake.staff.queue import RAG_TEXT
from intake.transaction import committed


class AcceptForm(FlaskForm):
    """The advocate's declaration and the button. ``accept_referral`` decides whether it is enough."""

    declaration = SelectMultipleField(
        _l("Your declaration"),
        description=_l("An advocate must be independent of the complaint or comment. Tick all three to accept."),
        choices=[
            (NOT_SUBJECT, _l("I am not the subject of the complaint or comment")),
            (NOT_SUBJECTS_MANAGER, _l("I do not manage anyone who is the subject of it")),
            (NOT_SERVICE_MANAGER, _l("I do not manage the service it is about")),
        ],
        widget=GovCheckboxesInput(),
        validate_choice=False,  # Declaration.of keeps only the parts it knows
    )
    submit = SubmitField(_l("Accept this referral"), widget=GovSubmitInput())


@bp.get("/referrals")
@role_required(Role.ADVOCATE)
def referrals():
    user, settings = signed_in_user(), current_settings()
    today = today_in_london()
    taking = takes_referrals(user, settings)
    mine = referral_data.referrals_taken_by(db.session, user.id)
    return render_template(
        "staff/referrals.html",
        taking=taking,
        organisation=settings.council.advocacy_organisation,
        waiting=referral_data.waiting_referrals(db.session) if taking else [],
        mine=[(rep, casework.deadline(rep, settings, today)) for rep in mine],
        today=today,
        rag_text={k: _(v) for k, v in RAG_TEXT.items()},
        labels=_labels(),
    )


def _referral_or_redirect(reference: str) -> Representation | str:
    """The waiting referral this advocate may read, or the case page's address when it is already theirs;
    a 404 for anything else (a guessed reference must not reveal that a case exists)."""
    user = signed_in_user()
    ref = normalise(reference or "")
    rep = case_by_reference(db.session, ref) if ref else None
    if rep is not None and can_view_case(user, rep):
        return url_for("staff.case", reference=rep.reference)
    if rep is None or not takes_referrals(user, current_settings()) or not is_waiting(rep):
        abort(404)
    return rep


def waiting_referral_url(reference: str) -> str | None:
    """Where an advocate of the referral service should go for a case they cannot open yet but may accept:
    its referral page. None for everyone else, and for any case that is not a waiting referral."""
    user = signed_in_user()
    if not takes_referrals(user, current_settings()):
        return None
    ref = normalise(reference or "")
    rep = case_by_reference(db.session, ref) if ref else None
    if rep is None or can_view_case(user, rep) or not is_waiting(rep):
        return None
    return url_for("staff.referral", reference=rep.reference)


@bp.get("/referrals/<reference>")
@role_required(Role.ADVOCATE)
def referral(reference: str):
    found = _referral_or_redirect(reference)
    if isinstance(found, str):
        return redirect(found)
    with committed():
        record_event(db.session, "viewed", representation=found, staff=signed_in_user(), detail="as a referral")
    return _page(found)


@bp.post("/referrals/<reference>/accept")
@role_required(Role.ADVOCATE)
def referral_accept(reference: str):
    found = _referral_or_redirect(reference)
    if isinstance(found, str):
        return redirect(found)
    # The app's CSRF protection has already checked the form's token; the domain judges the declaration.
    form = AcceptForm()
    try:
        with committed():
            accept_referral(
                db.session, found, signed_in_user(), current_settings(), Declaration.of(form.declaration.data)
            )
    except DeclarationMissing as exc:
        form.declaration.errors = [str(exc)]
        return _page(found, form=form, status=400)
    except CaseworkError as exc:
        return _page(found, form=form, error=str(exc), status=400)
    flash(_("You accepted the referral. %(reference)s is now one of your cases.", reference=found.reference))
    return redirect(url_for("staff.case", reference=found.reference))


def _page(rep: Representation, *, form: AcceptForm | None = None, error: str | None = None, status: int = 200):
    settings = current_settings()
    form = form or AcceptForm()
    return render_template(
        "staff/referral.html",
        rep=rep,
        window=TextingWindow.of(rep),
        deadline=casework.deadline(rep, settings, today_in_london()),
        form=form,
        error=error,
        form_has_errors=bool(error or form.errors),
        labels=_labels(),
        rag_text={k: _(v) for k, v in RAG_TEXT.items()},
    ), status


def _labels() -> dict:
    return {"kind": dict(KIND_CHOICES), "method": METHOD_LABELS, "from": FROM_LABELS}
