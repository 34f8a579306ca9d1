"""Admin: staff accounts. List, create (the authenticator secret is shown once), deactivate, unlock."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from intake.access import role_required, signed_in_user
from intake.data import staff as staff_data
from intake.data.teams import active_teams
from intake.domain.audit import record_event
from intake.domain.staff_accounts import AccountError, create_staff_user, otpauth_uri
from intake.extensions import db
from intake.models import Role, StaffUser
from intake.staff import bp, forms
from intake.transaction import committed


def _user_or_404(user_id: int) -> StaffUser:
    user = staff_data.staff_by_id(db.session, user_id)
    if user is None:
        abort(404)
    return user


def _user_form(formdata=True):
    form = forms.UserForm() if formdata else forms.UserForm(formdata=None)
    form.team.choices = [("", _("No team"))] + [(t.name, t.name) for t in active_teams(db.session)]
    return form


@bp.get("/users")
@role_required(Role.ADMIN)
def users():
    return render_template(
        "staff/users.html",
        users=staff_data.everyone(db.session),
        action_form=forms.ButtonForm(prefix="user", formdata=None),
    )


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def user_new():
    form = _user_form()
    error = None
    if form.validate_on_submit():
        try:
            with committed():
                user = _create(form)
        except AccountError as exc:
            error = str(exc).capitalize() + "."
        else:
            # Shown once, on this response only (no-store), never stored anywhere else.
            return render_template("staff/user_created.html", user=user, uri=otpauth_uri(user))
    failed = bool(error or form.errors)
    return render_template(
        "staff/user_new.html", form=form, error=error, form_has_errors=failed
    ), 400 if failed else 200


def _create(form: forms.UserForm) -> StaffUser:
    user = create_staff_user(
        db.session,
        email=form.email.data,
        role=form.role.data,
        password=form.password.data,
        name=form.name.data,
        organisation=form.organisation.data or None,
        team_name=form.team.data or None,
    )
    record_event(db.session, "user_created", staff=signed_in_user(), detail=f"{user.email} as {user.role.value}")
    return user


def _toggle(user_id: int, action: str, message: str):
    form = forms.ButtonForm(prefix="user")
    if not form.validate_on_submit():
        abort(400)
    user = _user_or_404(user_id)
    me = signed_in_user()
    if action == "deactivated" and user.id == me.id:
        flash(_("You cannot deactivate your own account."))
        return redirect(url_for("staff.users"))
    with committed():
        if action == "deactivated":
            user.active = False
        else:
            user.locked_until = None
            user.failed_logins = 0
        record_event(db.session, f"user_{action}", staff=me, detail=user.email)
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
