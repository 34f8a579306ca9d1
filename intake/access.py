"""Who may see what: the one gate on every signed-in page, whichever blueprint it is in.

``role_required`` is the gate on a route: signed in, second factor done, and one of the given roles.
Case-level rules (an advocate sees only their own cases) live in ``can_view_case`` and are applied when
a case is loaded, so a guessed reference gives a 404, not a hint that it exists. The same rule as a SQL
condition, for lists, is ``intake.data.visibility.visible_to``.

Every read of a case by a person is audited: ``viewed_case`` loads it and records the view in the caller's
transaction.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, session, url_for
from flask_login import current_user

from intake.data import alerts as alert_data
from intake.data.cases import case_by_reference
from intake.domain.audit import record_event
from intake.domain.references import normalise
from intake.extensions import db
from intake.models import Representation, Role, SafeguardingAlert, StaffUser
from intake.models.enums import CHILD_VOICES

ALL_STAFF = tuple(Role)
# Who may open cases at all (each sees only the cases ``can_view_case`` allows).
CASE_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE)
# Who may take the procedure's steps. Advocates and rights officers see cases and may add notes, raise alerts
# and record alert actions; procedure steps belong to the complaints officer and managers.
CASEWORK_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER)


def second_factor_done() -> bool:
    return bool(session.get("mfa_ok")) and current_user.is_authenticated


def signed_in_user() -> StaffUser:
    """The signed-in person as a model (not Flask-Login's proxy), for domain functions and audit rows."""
    return current_user._get_current_object()


def role_required(*roles: Role):
    """Decorator: the route needs a fully signed-in user with one of ``roles`` (any staff role if none given).

    The route's roles are recorded on the view function as ``required_roles`` so the route-access test can
    list them.
    """
    allowed = frozenset(roles or ALL_STAFF)

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not second_factor_done():
                return redirect(url_for("staff.login", next=request.full_path))
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = allowed
        return wrapped

    return decorator


def can_view_case(user: StaffUser, rep: Representation) -> bool:
    if user.role is Role.COMPLAINTS_OFFICER:
        return True
    if user.role is Role.MANAGER:
        return user.team_id is not None and rep.team_id == user.team_id
    if user.role is Role.RIGHTS_OFFICER:
        return rep.submitted_by in CHILD_VOICES or rep.safeguarding
    if user.role is Role.ADVOCATE:
        return rep.advocate_id == user.id or rep.assigned_to_id == user.id
    return False  # admin manages users and settings, not cases


def case_or_404(reference: str) -> Representation:
    """The case with this reference if the signed-in user may see it; otherwise 404, never 403.

    A guessed reference must not reveal that a case exists.
    """
    ref = normalise(reference or "")
    rep = case_by_reference(db.session, ref) if ref else None
    if rep is None or not can_view_case(current_user, rep):
        abort(404)
    return rep


def viewed_case(reference: str) -> Representation:
    """``case_or_404``, with the view recorded in the audit trail (the caller's transaction commits it)."""
    rep = case_or_404(reference)
    record_event(db.session, "viewed", representation=rep, staff=signed_in_user())
    return rep


def alert_or_404(alert_id: str) -> SafeguardingAlert:
    """The alert if the signed-in user may see its case; a non-number is the same 404 as a missing alert."""
    text = str(alert_id)
    is_id = text.isascii() and text.isdigit() and len(text) < 10
    alert = alert_data.alert_by_id(db.session, int(text)) if is_id else None
    if alert is None or not can_view_case(current_user, alert.representation):
        abort(404)
    return alert
