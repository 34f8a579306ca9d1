"""Home, health, tracking and the information pages."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from intake.data.cases import case_by_reference
from intake.data.health import database_answers
from intake.domain.sanitise import normalise_email, normalise_phone
from intake.extensions import db, limiter
from intake.models import Representation
from intake.public import bp
from intake.public.forms import TrackForm
from intake.public.status import plain_status


@bp.get("/")
def home():
    return render_template("public/home.html")


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """200 when the database answers, 503 when it does not. Says nothing else."""
    if not database_answers(db.session):
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200


@bp.get("/accessibility")
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("public/privacy.html")


@bp.get("/privacy/full")
def privacy_full():
    return render_template("public/privacy_full.html")


def find_for_tracking(reference: str, contact: str) -> Representation | None:
    """The case only when the reference AND the contact detail given with it both match; otherwise None.

    A wrong reference, a wrong contact and a case with no contact details all look
    the same from outside, so guessing reveals nothing.
    """
    rep = case_by_reference(db.session, reference)
    if rep is None:
        return None
    if "@" in contact:
        email = normalise_email(contact)
        matches = bool(email and rep.contact_email and email.casefold() == rep.contact_email.casefold())
    else:
        phone = normalise_phone(contact)
        matches = bool(phone and rep.contact_phone and phone == rep.contact_phone)
    return rep if matches else None


@bp.route("/track", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def track():
    form = TrackForm()
    if form.validate_on_submit():
        rep = find_for_tracking(form.reference.data, form.contact.data)
        if rep is not None:
            return render_template("public/track_result.html", rep=rep, status=plain_status(rep))
        form.reference.errors = [_("We could not find that. Check your reference and the phone number or email.")]
    return render_template("public/track.html", form=form)
