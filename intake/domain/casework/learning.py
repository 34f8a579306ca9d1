"""What a case taught the council, and the actions agreed because of it (rules-reference §10 item 28).

An action has an owner, a team, a due date and a status (open, in progress, done, dropped); done needs the
evidence that it was done, and dropped the reason. The annual report lists the year's points and actions, and
how last year's actions are going.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake.data import procedure as records
from intake.data.teams import team_by_id
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    REASON_LIMIT,
    CaseworkError,
    given_reason,
    person_name,
    require_not_before,
)
from intake.domain.sanitise import clean_text
from intake.models import ActionStatus, LearningAction, LearningPoint, Representation, StaffUser


def add_learning_point(
    session: Session, rep: Representation, staff: StaffUser, text: str, today: date
) -> LearningPoint:
    point = LearningPoint(
        representation_id=rep.id,
        text=given_reason(text, "what was learnt"),
        recorded_on=today,
        recorded_by=staff.email,
    )
    session.add(point)
    record_event(session, "learning_recorded", representation=rep, staff=staff)
    return point


def add_action(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    *,
    description: str,
    owner: str,
    team_id: int | None,
    due_on: date,
    today: date,
) -> LearningAction:
    what = given_reason(description, "what will be done")
    who = person_name(owner)
    if not who:
        raise CaseworkError("Enter who owns the action.")
    if team_id is not None and team_by_id(session, team_id) is None:
        raise CaseworkError("Select a team from the list.")
    require_not_before(due_on, today, "The action cannot be due before it is agreed")
    action = LearningAction(
        representation_id=rep.id,
        description=what,
        owner=who,
        team_id=team_id,
        agreed_on=today,
        due_on=due_on,
        status=ActionStatus.OPEN,
        updated_by=staff.email,
    )
    session.add(action)
    session.flush()
    record_event(session, "action_agreed", representation=rep, staff=staff, detail=f"action {action.id}, due {due_on}")
    return action


def update_action(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    action_id: int,
    status: ActionStatus,
    evidence: str | None,
    today: date,
) -> LearningAction:
    """How an action is going. Done needs the evidence; dropped needs the reason (both kept in ``evidence``)."""
    action = records.action_on_case(session, rep.id, action_id)
    if action is None:
        raise CaseworkError("Select one of this case's actions.")
    text = clean_text(evidence)[:REASON_LIMIT] or None
    if status is ActionStatus.DONE and not text:
        raise CaseworkError("Enter the evidence that the action was done.")
    if status is ActionStatus.DROPPED and not text:
        raise CaseworkError("Enter why the action was dropped.")
    action.status = status
    action.evidence = text or action.evidence
    action.completed_on = today if status is ActionStatus.DONE else None
    action.updated_by = staff.email
    record_event(
        session, "action_updated", representation=rep, staff=staff, detail=f"action {action.id}: {status.value}"
    )
    return action
