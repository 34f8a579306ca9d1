"""How Flask-Login finds the signed-in staff user for a request, and refuses a session that has ended.

The session holds ``"<id>:<session version>"`` (``StaffUser.get_id``). The account is read by its primary key
as before, and a session begun under an older version (signed out, role or password changed, deactivated)
finds no user: one indexed read, as before, now also the check that the session still stands.
"""

from __future__ import annotations

from intake.data.staff import staff_by_id
from intake.extensions import db, login_manager
from intake.models import StaffUser

login_manager.login_view = "staff.login"
# "basic" marks a session not fresh when its client changes; sign-in pages re-check the second factor.
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(session_id: str) -> StaffUser | None:
    user_id, _, version = (session_id or "").partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # a session from before versions, or not ours: sign in again
    user = staff_by_id(db.session, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
