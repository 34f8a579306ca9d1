"""Admin: staff accounts. List, create (the authenticator secret is shown once), deactivate, unlock."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from intake.domain.audit import record_event
from intake.domain.staff_accounts import AccountError, create_staff_user, otpauth_uri
from intake.extensions import db
from intake.models import Role, StaffUser, Team
from intake.staff import bp, forms
from intake.staff.access import role_required


def _user_or_404(user_id: int) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


def _user_form(formdata=True):
    form = forms.UserForm() if formdata else forms.UserForm(formdata=None)
    form.team.choices = [("", _("No team"))] + [
        (t.name, t.name)
        for t in db.session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name, Team.id))
    ]
    return form


@bp.get("/users")
@role_required(Role.ADMIN)
def users():
    rows = db.session.scalars(select(StaffUser).order_by(StaffUser.active.desc(), StaffUser.email, StaffUser.id)).all()
    return render_template("staff/users.html", users=rows, action_form=forms.ButtonForm(prefix="user", formdata=None))


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def user_new():
    form = _user_form()
    error = None
    if form.validate_on_submit():
        try:
            user = create_staff_user(
                db.session,
                email=form.email.data,
                role=form.role.data,
                password=form.password.data,
                name=form.name.data,
                organisation=form.organisation.data or None,
                team_name=form.team.data or None,
            )
        except AccountError as exc:
            db.session.rollback()
            error = str(exc).capitalize() + "."
        else:
            record_event(
                db.session,
                "user_created",
                staff=current_user._get_current_object(),
                detail=f"{user.email} as {user.role.value}",
            )
            db.session.commit()
            # Shown once, on this response only (no-store), never stored anywhere else.
            return render_template("staff/user_created.html", user=user, uri=otpauth_uri(user))
    failed = bool(error or form.errors)
    return render_template(
        "staff/user_new.html", form=form, error=error, form_has_errors=failed
    ), 400 if failed else 200


def _toggle(user_id: int, action: str, message: str):
    form = forms.ButtonForm(prefix="user")
    if not form.validate_on_submit():
        abort(400)
    user = _user_or_404(user_id)
    if action == "deactivated":
        if user.id == current_user.id:
            flash(_("You cannot deactivate your own account."))
            return redirect(url_for("staff.users"))
        user.active = False
    else:
        user.locked_until = None
        user.failed_logins = 0
    record_event(db.session, f"user_{action}", staff=current_user._get_current_object(), detail=user.email)
    db.session.commit()
    flash(message % {"email": user.email})
    return redirect(url_for("staff.users"))


@bp.post("/users/<int:user_id>/deactivate")
@role_required(Role.ADMIN)
def user_deactivate(user_id: int):
    return _toggle(user_id, "deactivated", _("%(email)s can no longer sign in."))


@bp.post("/users/<int:user_id>/unlock")
@role_required(Role.ADMIN)
def user_unlock(user_id: int):
    return _toggle(user_id, "unlocked", _("%(email)s is unlocked."))
