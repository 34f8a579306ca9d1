"""Advocacy referrals reach the advocates (Children Act 1989 s26A; rules-reference §1.8).

The council's referrals go to one organisation, ``ADVOCACY_ORGANISATION``. Its advocates see every case where
a child asked for an advocate and nobody has taken it yet, can read what the child agreed to share, and can
accept one: the case is then theirs (``advocate_id``), on their list, as if they had raised it. Accepting one
needs the advocate's declaration that they are not disqualified (``intake.domain.advocate_independence``).
The advocacy service hears only of referrals, never of every child's case: a child's story goes to an advocate
because they asked for one (ICO children's code, standard 9: no sharing without a compelling reason).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import referrals as data
from intake.domain.advocate_independence import (
    HANDLER,
    NOT_DECLARED,
    SAME_TEAM,
    STAFF_ACCOUNT,
    Declaration,
    check_advocate,
    record_declaration,
)
from intake.domain.audit import record_event
from intake.domain.casework import CaseworkError
from intake.models import ChildAgreement, Representation, Role, StaffUser, Status


def _same_organisation(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def takes_referrals(user: StaffUser, settings: Settings) -> bool:
    """Whether this person is an advocate of the organisation that takes the council's referrals."""
    return user.role is Role.ADVOCATE and _same_organisation(user.organisation, settings.council.advocacy_organisation)


def is_waiting(rep: Representation) -> bool:
    """The child asked for an advocate, the case is open, and no advocate has it yet."""
    return rep.advocate_requested and rep.advocate_id is None and rep.status in data.OPEN_STATUSES


def advocate_may_see_files(rep: Representation) -> bool:
    """Whether the child agreed to share what came with the case (a letter's scan, an email's files) with their
    advocate: they asked for an advocate themselves, agreed to one acting for them, or asked us to contact them
    only through their advocate. Otherwise the files stay with the council."""
    return rep.advocate_requested or rep.child_agreement is ChildAgreement.YES or rep.contact_via_advocate


# Refusals in the words of the advocate reading the referral, each saying what to do instead.
REFUSALS = {
    STAFF_ACCOUNT: _l("Only advocates of the organisation that takes the council's referrals can accept one."),
    HANDLER: _l(
        "You handle this case for the council, so you cannot also be the child's advocate. "
        "Ask another advocate to take this referral."
    ),
    SAME_TEAM: _l(
        "Your account belongs to the team this case is about, so you cannot be the child's advocate. "
        "Ask another advocate to take this referral."
    ),
    NOT_DECLARED: _l(
        "Confirm all three: you are not the subject of the complaint or comment, you do not manage anyone who is, "
        "and you do not manage the service it is about. If you cannot, ask another advocate to take this referral."
    ),
}


def accept_referral(
    session: Session,
    rep: Representation,
    advocate: StaffUser,
    settings: Settings,
    declaration: Declaration,
) -> None:
    """Make a waiting referral this advocate's case, or say why not. Audited with the declaration; never commits."""
    if not takes_referrals(advocate, settings):
        raise CaseworkError(REFUSALS[STAFF_ACCOUNT])
    if rep.status not in (Status.NEW, Status.OPEN, Status.PAUSED):
        raise CaseworkError(_l("This case is closed, so it no longer needs an advocate."))
    check_advocate(rep, advocate, declaration, REFUSALS)
    if not data.take_referral(session, rep.id, advocate.id):
        raise CaseworkError(_l("Another advocate has accepted this referral."))
    record_event(
        session,
        "advocacy_referral_accepted",
        representation=rep,
        staff=advocate,
        detail=f"by {advocate.email} ({advocate.organisation})",
    )
    record_declaration(session, rep, advocate, advocate)
