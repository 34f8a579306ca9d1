"""Who may not be a child's advocate (rules-reference §1.8 and §10 item 21).

The advocacy regulations disqualify anyone who is or may be the subject of the representations, anyone who
manages such a person, and anyone who manages the service they are about. Most of that only the advocate
knows, so every way an advocate comes to a case asks them to declare all three (accepting a referral, an
officer recording an advocate appointed later, an advocate raising a case), and the audit trail keeps who
declared it and when. Where the case itself shows a conflict, the system refuses without asking: an account
that is not an advocate's (council staff are not independent of the service), the case's own handler at any
stage, or an account that belongs to the team the case is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError
from intake.models import Representation, Role, StaffUser

# The three parts of the declaration, as forms name them and as the audit trail words them.
NOT_SUBJECT = "not_subject"
NOT_SUBJECTS_MANAGER = "not_subjects_manager"
NOT_SERVICE_MANAGER = "not_service_manager"
DECLARATION_WORDS = {
    NOT_SUBJECT: "not the subject of the complaint or comment",
    NOT_SUBJECTS_MANAGER: "not the manager of anyone who is",
    NOT_SERVICE_MANAGER: "not the manager of the service it is about",
}

# Why the system refuses without asking; each way in words it for its own reader (``check_advocate``).
STAFF_ACCOUNT = "staff_account"
HANDLER = "handler"
SAME_TEAM = "same_team"
NOT_DECLARED = "not_declared"


class AdvocateDisqualified(CaseworkError):
    """The case shows that this person cannot be its advocate."""


class DeclarationMissing(CaseworkError):
    """The advocate has not declared all three parts."""


@dataclass(frozen=True)
class Declaration:
    """The parts of the declaration that were ticked."""

    parts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, ticked: Iterable[str] | None) -> Declaration:
        return cls(frozenset(ticked or ()) & DECLARATION_WORDS.keys())

    @classmethod
    def whole(cls) -> Declaration:
        return cls(frozenset(DECLARATION_WORDS))

    @property
    def complete(self) -> bool:
        return self.parts == DECLARATION_WORDS.keys()


def disqualification(rep: Representation | None, advocate: StaffUser) -> str | None:
    """Why the case itself shows this person cannot be its advocate, or None. ``rep`` is None for a case the
    advocate is raising now, which nobody handles yet."""
    if advocate.role is not Role.ADVOCATE:
        return STAFF_ACCOUNT
    if rep is None:
        return None
    if advocate.id in {rep.assigned_to_id, *(stage.handled_by_id for stage in rep.stages)}:
        return HANDLER
    if advocate.team_id is not None and advocate.team_id == rep.team_id:
        return SAME_TEAM
    return None


def check_advocate(
    rep: Representation | None, advocate: StaffUser, declaration: Declaration, messages: Mapping[str, str]
) -> None:
    """Refuse an advocate the case disqualifies, then one who has not declared all three parts. ``messages``
    gives each reason in the words of the page that asked, ending with what to do instead."""
    reason = disqualification(rep, advocate)
    if reason is not None:
        raise AdvocateDisqualified(messages[reason])
    if not declaration.complete:
        raise DeclarationMissing(messages[NOT_DECLARED])


def record_declaration(session: Session, rep: Representation, advocate: StaffUser, staff: StaffUser) -> None:
    """The audit line that keeps the declaration: who declared it, and who recorded it (the advocate themselves,
    or the officer they declared it to). Never commits."""
    declared = ", ".join(DECLARATION_WORDS.values())
    record_event(
        session,
        "advocate_declared_independent",
        representation=rep,
        staff=staff,
        detail=f"{advocate.email} declared: {declared}",
    )
