"""Reasonable adjustments: finding a case's, and which cases have a review overdue. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from intake.models import ReasonableAdjustment, Representation


def adjustments_for(session: Session, representation_id: int) -> Sequence[ReasonableAdjustment]:
    """The case's adjustments, in the order they were recorded."""
    return session.scalars(
        select(ReasonableAdjustment)
        .where(ReasonableAdjustment.representation_id == representation_id)
        .order_by(ReasonableAdjustment.recorded_at, ReasonableAdjustment.id)
    ).all()


def adjustment_on_case(session: Session, representation_id: int, adjustment_id: int) -> ReasonableAdjustment | None:
    adjustment = session.get(ReasonableAdjustment, adjustment_id)
    if adjustment is None or adjustment.representation_id != representation_id:
        return None
    return adjustment


def _overdue(today: date):
    """An agreed adjustment still in force whose review date has passed."""
    return (
        ReasonableAdjustment.agreed.is_(True),
        ReasonableAdjustment.ended_on.is_(None),
        ReasonableAdjustment.review_on < today,
    )


def review_overdue_condition(today: date):
    """For a query on cases: the case has an adjustment whose review is overdue."""
    return exists().where(ReasonableAdjustment.representation_id == Representation.id, *_overdue(today))


def cases_with_review_overdue(session: Session, representation_ids: Sequence[int], today: date) -> set[int]:
    """Which of these cases have an adjustment whose review is overdue."""
    if not representation_ids:
        return set()
    rows = session.scalars(
        select(ReasonableAdjustment.representation_id)
        .where(ReasonableAdjustment.representation_id.in_(list(representation_ids)), *_overdue(today))
        .distinct()
    )
    return set(rows)


def adjustments_agreed_between(session: Session, start: datetime, end: datetime) -> int:
    """How many adjustments were recorded as agreed from ``start`` up to (not including) ``end``."""
    return (
        session.scalar(
            select(func.count(ReasonableAdjustment.id)).where(
                ReasonableAdjustment.agreed.is_(True),
                ReasonableAdjustment.recorded_at >= start,
                ReasonableAdjustment.recorded_at < end,
            )
        )
        or 0
    )
