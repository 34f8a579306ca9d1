"""Who may be sent a letter, and how: only as the person told us is safe, and never round their advocate.

A letter can go to the person by email (on the address they gave, when they said contact is safe), by post
(the same, with a postal address), or as a copy to their advocate where the child agreed. Each check returns
why not, in words staff can act on, or None when the letter may go.
"""

from __future__ import annotations

from flask_babel import gettext as _

from intake.letters.facts import advocate_may_have_copy
from intake.models import ContactMethod, Representation, StaffUser


def _only_through_advocate(rep: Representation) -> bool:
    return rep.contact_via_advocate or rep.preferred_contact is ContactMethod.ADVOCATE


def _unsafe(rep: Representation, advocate: StaffUser | None) -> str | None:
    if _only_through_advocate(rep):
        if advocate_copy_blocked(rep, advocate) is None:
            return _("They asked us to contact them only through their advocate. Send the copy to their advocate.")
        return _(
            "They asked us to contact them only through their advocate, and no advocate with the child's agreement "
            "is recorded on the case. Tell the advocate yourself."
        )
    if rep.safe_to_contact is False:
        return _("They told us it is not safe to contact them. Do not send them this letter.")
    if rep.safe_to_contact is not True:
        return _(
            "They have not told us it is safe to contact them, so we cannot send them this letter. Ask them (or "
            "their advocate) first, and record the answer on the case."
        )
    return None


def email_blocked(rep: Representation, advocate: StaffUser | None) -> str | None:
    """Why the letter cannot be emailed to the person, or None."""
    if reason := _unsafe(rep, advocate):
        return reason
    if not rep.contact_email:
        return _("There is no email address for them. Print the letter to post it, or record their email on the case.")
    return None


def post_blocked(rep: Representation, advocate: StaffUser | None) -> str | None:
    """Why the letter cannot be posted to the person (the address is checked on the form), or None."""
    return _unsafe(rep, advocate)


def advocate_copy_blocked(rep: Representation, advocate: StaffUser | None) -> str | None:
    """Why their advocate cannot have a copy, or None."""
    if advocate is None:
        return _("No advocate is recorded on this case.")
    if not advocate.active or not advocate.email:
        return _("The advocate's account is not active, so we cannot email them.")
    if not advocate_may_have_copy(rep):
        return _("The child has not agreed that their advocate can see their letters. Record their agreement first.")
    return None
