"""Staff sign-in: password, then a code from an authenticator app; sessions that end when they should.

Only after both factors is ``session["mfa_ok"]`` set, which ``role_required`` checks. A staff session ends:
- on sign-out, a change of role or password, or deactivation: the session carries the account's session
  version (``StaffUser.get_id``), and ``intake.auth_loader`` refuses a session whose version is not the
  account's own, so a copied cookie stops working everywhere at once;
- after STAFF_SESSION_MINUTES without a request, and STAFF_SESSION_MAX_HOURS after signing in, however busy.

Every try takes the same path whether or not the account exists, is deactivated or is being slowed down: one
password hash is checked (a dummy one for an unknown email), the same counters are read and written, and the
same message comes back, so neither the words nor the time of the answer say who has an account. Guessing is
slowed, never locked out (``intake.domain.sign_in_throttle``).
"""

from __future__ import annotations

import hmac
import math
import time
from urllib.parse import urlsplit

import pyotp
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from sqlalchemy.orm.attributes import flag_modified

from intake.access import second_factor_done
from intake.data.ratelimits import hashed_key
from intake.data.staff import claim_totp_step, staff_by_email, staff_by_id
from intake.domain.audit import record_event
from intake.domain.sign_in_throttle import Throttle, throttle_for
from intake.domain.staff_accounts import hash_password, verify_password
from intake.extensions import db, limiter
from intake.models import Role, StaffUser
from intake.models.base import utcnow
from intake.settings import current_settings
from intake.staff import bp
from intake.staff.devices import device_for, remember_device
from intake.staff.forms import CodeForm, LoginForm, SignOutForm
from intake.transaction import committed

PENDING_SECONDS = 300  # time allowed between the password and the code
SEEN_KEY = "staff_seen"
SINCE_KEY = "staff_since"
_DUMMY = StaffUser(password_hash=hash_password("a password nobody has, for timing"))


def _generic_error() -> str:
    return _("The email address, password or code is not right. Check them and try again.")


class WaitMessage(str):
    """The answer to a try made too soon (429 Too Many Requests)."""


def _wait_error(seconds: float) -> WaitMessage:
    wait = max(1, math.ceil(seconds))
    return WaitMessage(
        ngettext(
            "There have been too many tries. Wait %(num)d second and try again.",
            "There have been too many tries. Wait %(num)d seconds and try again.",
            wait,
        )
    )


def _status(error: str | None, form) -> int:
    if isinstance(error, WaitMessage):
        return 429
    return 400 if (error or form.errors) else 200


def _sign_in_limit() -> str:
    return current_settings().security.ratelimit_sign_in


@bp.before_app_request
def _end_expired_staff_session():
    """Sign staff out after STAFF_SESSION_MINUTES idle, or STAFF_SESSION_MAX_HOURS after signing in."""
    if not session.get("mfa_ok"):
        return None
    now = time.time()
    config = current_settings()
    idle = now - session.get(SEEN_KEY, 0) > config.security.staff_session_minutes * 60
    too_old = now - session.get(SINCE_KEY, 0) > config.security.staff_session_max_hours * 3600
    if not (idle or too_old):
        session[SEEN_KEY] = now
        return None
    if current_user.is_authenticated:
        with committed():
            why = "idle timeout" if idle else f"{config.security.staff_session_max_hours} hours since signing in"
            record_event(db.session, "signed_out", staff=current_user._get_current_object(), detail=why)
    logout_user()
    session.clear()
    if idle:
        flash(_("You were signed out because you had not done anything for a while. Sign in again to carry on."))
    else:
        flash(_("You were signed out because you signed in a long time ago. Sign in again to carry on."))
    return redirect(url_for("staff.login"))


def _throttle(email: str, user: StaffUser | None) -> Throttle:
    secret = current_settings().secret_key
    device = device_for(user.id if user is not None else None)
    return throttle_for(lambda text: hashed_key(secret, text), email, request.remote_addr or "", device)


def _password_step(email: str, password: str) -> tuple[StaffUser | None, str | None]:
    """(the account, None) when the password is right and nothing holds it up; else (None, the message)."""
    found = staff_by_email(db.session, email)
    user = found if found is not None and found.active else None
    throttle = _throttle(email, user)
    now = utcnow()
    with committed():
        connection = db.session.connection()
        wait = throttle.wait_seconds(connection, now)
        right = verify_password(user or _DUMMY, password)  # always one hash, whoever it is
        if wait > 0:
            throttle.refused(connection, now)
            return None, _wait_error(wait)
        if user is None or not right:
            throttle.failed(connection, now)
            record_event(db.session, "sign_in_failed", staff=found, actor="sign-in", detail="wrong password")
            return None, _generic_error()
    return user, None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def login():
    if second_factor_done():
        return redirect(_landing(current_user))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user, error = _password_step(form.email.data, form.password.data)
        if user is not None:
            next_url = request.args.get("next", "")
            session.clear()
            session["pending_user_id"] = user.id
            session["pending_at"] = time.time()
            session["pending_next"] = next_url if _safe_next(next_url) else ""
            return redirect(url_for("staff.login_code"))
    status = _status(error, form)
    return render_template("staff/login.html", form=form, error=error, form_has_errors=status != 200), status


def _code_step(user: StaffUser, code: str) -> str | None:
    """Sign in with this code, or the message saying why not. The code is claimed in the same transaction."""
    throttle = _throttle(user.email, user)
    now = utcnow()
    with committed():
        connection = db.session.connection()
        wait = throttle.wait_seconds(connection, now)
        step = _matching_step(user, code)
        if wait > 0:
            throttle.refused(connection, now)
            return _wait_error(wait)
        if step is None or not user.active:
            throttle.failed(connection, now)
            record_event(db.session, "sign_in_failed", staff=user, actor="sign-in", detail="wrong code")
            return _generic_error()
        if not claim_totp_step(db.session, user, step):
            throttle.failed(connection, now)
            record_event(db.session, "sign_in_failed", staff=user, actor="sign-in", detail="code used before")
            return _("That code has already been used. Wait for the next code in your app and enter that.")
        throttle.succeeded(connection)
        _signed_in(user)
    return None


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def login_code():
    user_id = session.get("pending_user_id")
    user = staff_by_id(db.session, user_id) if user_id else None
    if user is None or time.time() - session.get("pending_at", 0) > PENDING_SECONDS:
        session.pop("pending_user_id", None)
        flash(_("Sign in again: the code must be entered within 5 minutes of your password."))
        return redirect(url_for("staff.login"))
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        next_url = session.get("pending_next", "")
        error = _code_step(user, form.code.data)
        if error is None:
            return remember_device(redirect(next_url or _landing(user)), user.id)
    status = _status(error, form)
    return render_template("staff/login_code.html", form=form, error=error, form_has_errors=status != 200), status


@bp.post("/logout")
def logout():
    # CSRF is checked by CSRFProtect on every POST; a signed-out visitor posting here is simply sent to sign in.
    if current_user.is_authenticated:
        user = current_user._get_current_object()
        with committed():
            user.end_sessions()  # a copy of this session's cookie, anywhere, stops working too
            record_event(db.session, "signed_out", staff=user)
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    return redirect(url_for("staff.login"))


def _signed_in(user: StaffUser) -> None:
    """Both factors are done: a fresh session (no fixation) and an audit event."""
    session.clear()
    user.failed_logins = 0
    # Written again under the newest key: a secret stored before encryption, or under an old key, moves on.
    flag_modified(user, "totp_secret")
    login_user(user)
    session.permanent = True
    session["mfa_ok"] = True
    session[SEEN_KEY] = session[SINCE_KEY] = time.time()
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
