"""The procedure's records on one case: complaint points, pauses, refusals, the late-complaint decision, Ombudsman
referrals, payments, resolutions, learning points and actions. Finding them only: casework writes them through
the models in the caller's session, and never commits.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import (
    CasePause,
    CaseRefusal,
    CaseResolution,
    CompensationPayment,
    ComplaintPoint,
    LateComplaintDecision,
    LearningAction,
    LearningPoint,
    OmbudsmanReferral,
)


def points_for(session: Session, representation_id: int) -> Sequence[ComplaintPoint]:
    return session.scalars(
        select(ComplaintPoint)
        .where(ComplaintPoint.representation_id == representation_id)
        .order_by(ComplaintPoint.position, ComplaintPoint.id)
    ).all()


def point_on_case(session: Session, representation_id: int, point_id: int) -> ComplaintPoint | None:
    point = session.get(ComplaintPoint, point_id)
    return point if point is not None and point.representation_id == representation_id else None


def pauses_for(session: Session, representation_id: int) -> Sequence[CasePause]:
    return session.scalars(
        select(CasePause).where(CasePause.representation_id == representation_id).order_by(CasePause.id)
    ).all()


def running_pause(session: Session, representation_id: int) -> CasePause | None:
    return session.scalar(
        select(CasePause)
        .where(CasePause.representation_id == representation_id, CasePause.resumed_on.is_(None))
        .order_by(CasePause.id.desc())
        .limit(1)
    )


def refusals_for(session: Session, representation_id: int) -> Sequence[CaseRefusal]:
    return session.scalars(
        select(CaseRefusal).where(CaseRefusal.representation_id == representation_id).order_by(CaseRefusal.id)
    ).all()


def refusal_of_stage(session: Session, representation_id: int, stage_number: int) -> CaseRefusal | None:
    return session.scalar(
        select(CaseRefusal)
        .where(CaseRefusal.representation_id == representation_id, CaseRefusal.stage_number == stage_number)
        .order_by(CaseRefusal.id.desc())
        .limit(1)
    )


def late_decision_for(session: Session, representation_id: int) -> LateComplaintDecision | None:
    return session.scalar(
        select(LateComplaintDecision).where(LateComplaintDecision.representation_id == representation_id)
    )


def referrals_for(session: Session, representation_id: int) -> Sequence[OmbudsmanReferral]:
    return session.scalars(
        select(OmbudsmanReferral)
        .where(OmbudsmanReferral.representation_id == representation_id)
        .order_by(OmbudsmanReferral.id)
    ).all()


def referral_on_case(session: Session, representation_id: int, referral_id: int) -> OmbudsmanReferral | None:
    referral = session.get(OmbudsmanReferral, referral_id)
    return referral if referral is not None and referral.representation_id == representation_id else None


def payments_for(session: Session, representation_id: int) -> Sequence[CompensationPayment]:
    return session.scalars(
        select(CompensationPayment)
        .where(CompensationPayment.representation_id == representation_id)
        .order_by(CompensationPayment.paid_on, CompensationPayment.id)
    ).all()


def resolutions_for(session: Session, representation_id: int) -> Sequence[CaseResolution]:
    return session.scalars(
        select(CaseResolution)
        .where(CaseResolution.representation_id == representation_id)
        .order_by(CaseResolution.code)
    ).all()


def learning_points_for(session: Session, representation_id: int) -> Sequence[LearningPoint]:
    return session.scalars(
        select(LearningPoint).where(LearningPoint.representation_id == representation_id).order_by(LearningPoint.id)
    ).all()


def actions_for(session: Session, representation_id: int) -> Sequence[LearningAction]:
    return session.scalars(
        select(LearningAction)
        .where(LearningAction.representation_id == representation_id)
        .order_by(LearningAction.due_on, LearningAction.id)
    ).all()


def action_on_case(session: Session, representation_id: int, action_id: int) -> LearningAction | None:
    action = session.get(LearningAction, action_id)
    return action if action is not None and action.representation_id == representation_id else None
