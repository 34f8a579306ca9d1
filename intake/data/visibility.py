"""Which cases a member of staff may see, as a SQL condition, so lists filter in the database.

``intake.access.can_view_case`` is the same rule for one case already loaded; a test checks they agree.
"""

from __future__ import annotations

from sqlalchemy import false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from intake.models import Representation, Role, StaffUser
from intake.models.enums import CHILD_VOICES


def visible_to(user: StaffUser) -> ColumnElement[bool]:
    if user.role is Role.COMPLAINTS_OFFICER:
        return true()
    if user.role is Role.MANAGER:
        return Representation.team_id == user.team_id if user.team_id is not None else false()
    if user.role is Role.RIGHTS_OFFICER:
        return or_(Representation.submitted_by.in_(sorted(CHILD_VOICES)), Representation.safeguarding.is_(True))
    if user.role is Role.ADVOCATE:
        return or_(Representation.advocate_id == user.id, Representation.assigned_to_id == user.id)
    return false()  # admin manages users and settings, not cases
