"""Staff sign-in: password, then a code from an authenticator app; idle sessions end.

Only after both factors is ``session["mfa_ok"]`` set, which ``role_required``
checks. Wrong passwords and wrong codes both count towards locking the account
for a while, and the per-address rate limit slows guessing across accounts.
The same message answers an unknown email, a wrong password and a locked
account, so the page never confirms who has an account.
"""

from __future__ import annotations

import hmac
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pyotp
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from intake.data.staff import staff_by_email, staff_by_id
from intake.domain.audit import record_event
from intake.domain.staff_accounts import hash_password, verify_password
from intake.extensions import db, limiter
from intake.models import Role, StaffUser
from intake.models.base import utcnow
from intake.staff import bp
from intake.staff.forms import CodeForm, LoginForm, SignOutForm
from intake.transaction import committed

MAX_FAILURES = 5
LOCK_MINUTES = 15
PENDING_SECONDS = 300  # time allowed between the password and the code
SEEN_KEY = "staff_seen"
_DUMMY_HASH = hash_password("a password nobody has, for timing")


def _generic_error() -> str:
    return _(
        "The email address, password or code is not right, or the account is locked after too many tries. "
        "Wait %(minutes)d minutes and try again, or ask an administrator to unlock it.",
        minutes=LOCK_MINUTES,
    )


@bp.before_app_request
def _expire_idle_staff_session():
    """Sign staff out after STAFF_SESSION_MINUTES without a request, wherever they are."""
    if not session.get("mfa_ok"):
        return None
    now = time.time()
    seen = session.get(SEEN_KEY, 0)
    if now - seen > current_app.config["STAFF_SESSION_MINUTES"] * 60:
        user = current_user if current_user.is_authenticated else None
        if user is not None:
            with committed():
                record_event(db.session, "signed_out", staff=user, detail="idle timeout")
        logout_user()
        session.clear()
        flash(
            _("You were signed out because you had not done anything for a while. Sign in again to carry on."),
            "signed-out",
        )
        return redirect(url_for("staff.login"))
    session[SEEN_KEY] = now
    return None


def _locked(user: StaffUser | None) -> bool:
    return user is not None and user.locked_until is not None and user.locked_until > utcnow()


def _failed(user: StaffUser | None, why: str) -> None:
    """Count a failed try (in its own transaction: it must be stored even though the sign-in fails)."""
    if user is None:
        return
    with committed():
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = utcnow() + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
            record_event(db.session, "account_locked", staff=user, detail=f"after {MAX_FAILURES} failed tries")
        record_event(db.session, "sign_in_failed", staff=user, detail=why)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def login():
    if session.get("mfa_ok") and current_user.is_authenticated:
        return redirect(_landing(current_user))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = staff_by_email(db.session, form.email.data)
        if user is None or not user.active:
            verify_password(StaffUser(password_hash=_DUMMY_HASH), form.password.data)  # same time either way
            error = _generic_error()
        elif _locked(user):
            error = _generic_error()
        elif not verify_password(user, form.password.data):
            _failed(user, "wrong password")
            error = _generic_error()
        else:
            next_url = request.args.get("next", "")
            session.clear()
            session["pending_user_id"] = user.id
            session["pending_at"] = time.time()
            session["pending_next"] = next_url if _safe_next(next_url) else ""
            return redirect(url_for("staff.login_code"))
    status = 400 if (error or form.errors) else 200
    return render_template("staff/login.html", form=form, error=error, form_has_errors=status == 400), status


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def login_code():
    user_id = session.get("pending_user_id")
    if not user_id or time.time() - session.get("pending_at", 0) > PENDING_SECONDS:
        session.pop("pending_user_id", None)
        flash(_("Sign in again: the code must be entered within 5 minutes of your password."))
        return redirect(url_for("staff.login"))
    user = staff_by_id(db.session, user_id)
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        step = _matching_step(user, form.code.data) if user is not None and user.active else None
        if user is None or not user.active or _locked(user) or step is None:
            _failed(user, "wrong code")
            error = _generic_error()
        elif user.last_totp_step is not None and step <= user.last_totp_step:
            _failed(user, "code used before")
            error = _("That code has already been used. Wait for the next code in your app and enter that.")
        else:
            next_url = session.get("pending_next", "")
            with committed():
                _signed_in(user, step)
            return redirect(next_url or _landing(user))
    status = 400 if (error or form.errors) else 200
    return render_template("staff/login_code.html", form=form, error=error, form_has_errors=status == 400), status


@bp.post("/logout")
def logout():
    # CSRF is checked by CSRFProtect on every POST; a signed-out visitor posting here is simply sent to sign in.
    if current_user.is_authenticated:
        with committed():
            record_event(db.session, "signed_out", staff=current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    return redirect(url_for("staff.login"))


def _signed_in(user: StaffUser, step: int) -> None:
    """Both factors are done: a fresh session (no fixation), the code's time step used up, and an audit event."""
    session.clear()
    user.last_totp_step = step
    user.failed_logins = 0
    login_user(user)
    session.permanent = True
    session["mfa_ok"] = True
    session[SEEN_KEY] = time.time()
    record_event(db.session, "signed_in", staff=user)


def _matching_step(user: StaffUser, code: str) -> int | None:
    """The time step whose code matches, allowing one step either side for clock drift."""
    totp = pyotp.TOTP(user.totp_secret)
    code = "".join(code.split())
    now_step = totp.timecode(utcnow())
    for step in (now_step, now_step - 1, now_step + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _safe_next(url: str) -> bool:
    parts = urlsplit(url or "")
    return bool(url) and not parts.scheme and not parts.netloc and parts.path.startswith("/staff/") and "\\" not in url


def _landing(user: StaffUser) -> str:
    return url_for("staff.users") if user.role is Role.ADMIN else url_for("staff.cases")


def sign_out_form() -> SignOutForm:
    return SignOutForm(prefix="signout")


@bp.app_context_processor
def _staff_context():
    return {"sign_out_form": sign_out_form}
