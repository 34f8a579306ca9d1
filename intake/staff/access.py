"""Who may see what in the staff area.

``role_required`` is the one gate on staff routes: signed in, second factor
done, and one of the given roles. Case-level rules (an advocate sees only
their own cases) live in ``can_view_case`` and are applied when a case is loaded,
so a guessed reference gives a 404, not a hint that it exists.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from intake.extensions import db
from intake.models import Representation, Role, StaffUser
from intake.models.enums import CHILD_VOICES

ALL_STAFF = tuple(Role)


def second_factor_done() -> bool:
    return bool(session.get("mfa_ok")) and current_user.is_authenticated


def role_required(*roles: Role):
    """Decorator: the route needs a fully signed-in user with one of ``roles``.

    The route's roles are recorded on the view function as ``required_roles`` so
    the route-access test can list them.
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


def case_scope(user: StaffUser) -> ColumnElement[bool]:
    """``can_view_case`` as a SQL condition, so the queue and the export filter in the database."""
    if user.role is Role.COMPLAINTS_OFFICER:
        return Representation.id.is_not(None)
    if user.role is Role.MANAGER:
        return Representation.team_id == user.team_id if user.team_id is not None else false()
    if user.role is Role.RIGHTS_OFFICER:
        return or_(Representation.submitted_by.in_(sorted(CHILD_VOICES)), Representation.safeguarding.is_(True))
    if user.role is Role.ADVOCATE:
        return or_(Representation.advocate_id == user.id, Representation.assigned_to_id == user.id)
    return false()


def case_or_404(reference: str) -> Representation:
    """The case with this reference if the signed-in user may see it; otherwise 404, never 403.

    A guessed reference must not reveal that a case exists.
    """
    from intake.domain.references import normalise

    ref = normalise(reference or "")
    rep = db.session.scalar(select(Representation).where(Representation.reference == ref)) if ref else None
    if rep is None or not can_view_case(current_user, rep):
        abort(404)
    return rep
