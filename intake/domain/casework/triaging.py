"""Triage (what this is, which procedure, which team, and whether the person may complain) and assigning it.

A compliment or comment never runs a clock; a complaint's stage 1 clock follows its procedure.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import staff as staff_data
from intake.data.teams import team_by_id
from intake.domain.audit import record_event
from intake.domain.casework.clocks import reset_clocks
from intake.domain.casework.rules import REASON_LIMIT, CaseworkError, require_open
from intake.domain.sanitise import clean_text
from intake.models import Kind, Procedure, Representation, RepresentationCategory, Role, StaffUser, SubmittedBy
from intake.models.enums import categories_for


def _check(
    session: Session,
    rep: Representation,
    kind: Kind,
    team_id: int | None,
    categories: Sequence[str],
    sufficient_interest: bool | None,
) -> None:
    require_open(rep)
    if team_id is not None and team_by_id(session, team_id) is None:
        raise CaseworkError("Select a team from the list.")
    if any(c not in categories_for(kind) for c in categories):
        raise CaseworkError("Select categories from the list for this kind.")
    someone_else = rep.submitted_by is SubmittedBy.OTHER
    if someone_else and sufficient_interest is None and rep.sufficient_interest is None:
        raise CaseworkError("Record whether this person has sufficient interest in the child's welfare.")
    if sufficient_interest is not None and not someone_else:
        raise CaseworkError("A sufficient-interest decision is only needed when the person is not listed in the Act.")


def _apply(
    rep: Representation, kind: Kind, procedure: Procedure, team_id: int | None, categories: Sequence[str]
) -> list[str]:
    """Set what changed and describe it for the audit trail."""
    changes = []
    if kind is not rep.kind:
        changes.append(f"kind {rep.kind.value} to {kind.value}")
        rep.kind = kind
    procedure = procedure if kind is Kind.COMPLAINT else Procedure.UNDECIDED
    if procedure is not rep.procedure:
        changes.append(f"procedure {rep.procedure.value} to {procedure.value}")
        rep.procedure = procedure
    if team_id != rep.team_id:
        changes.append("team changed")
        rep.team_id = team_id
    codes = list(dict.fromkeys(categories))
    if codes != rep.category_codes:
        rep.categories = [RepresentationCategory(code=c) for c in codes]
        changes.append("categories " + (", ".join(codes) or "none"))
    return changes


def triage(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    *,
    kind: Kind,
    procedure: Procedure,
    team_id: int | None,
    categories: Sequence[str] = (),
    sufficient_interest: bool | None = None,
    sufficient_interest_note: str | None = None,
) -> None:
    """Decide what this is and who handles it. A compliment or comment never runs a clock."""
    _check(session, rep, kind, team_id, categories, sufficient_interest)
    changes = _apply(rep, kind, procedure, team_id, categories)
    if sufficient_interest is not None:
        rep.sufficient_interest = sufficient_interest
        rep.sufficient_interest_note = clean_text(sufficient_interest_note)[:REASON_LIMIT] or None
        changes.append("sufficient interest " + ("accepted" if sufficient_interest else "not accepted"))
    reset_clocks(rep, settings)
    session.flush()
    record_event(session, "triaged", representation=rep, staff=staff, detail="; ".join(changes) or "no change")
    if sufficient_interest is False:
        # rules-reference §10 item 3: a "no" means telling the person no further action will be taken.
        record_event(
            session, "no_further_action", representation=rep, staff=staff, detail="sufficient interest not accepted"
        )


def assign(session: Session, rep: Representation, staff: StaffUser, assignee_id: int) -> StaffUser:
    require_open(rep)
    assignee = staff_data.staff_by_id(session, assignee_id)
    if assignee is None or not assignee.active or assignee.role is Role.ADMIN:
        raise CaseworkError("Select someone from the list who can handle cases.")
    rep.assigned_to_id = assignee.id
    record_event(
        session, "assigned", representation=rep, staff=staff, detail=f"to {assignee.email} ({assignee.role.value})"
    )
    return assignee
