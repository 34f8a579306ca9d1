"""How Flask-Login finds the signed-in staff user for a request."""

from __future__ import annotations

from intake.data.staff import staff_by_id
from intake.extensions import db, login_manager
from intake.models import StaffUser

login_manager.login_view = "staff.login"
# "basic" marks a session not fresh when its client changes; sign-in pages re-check the second factor.
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    try:
        user = staff_by_id(db.session, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.active else None
