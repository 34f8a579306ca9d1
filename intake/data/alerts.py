"""Safeguarding alerts: one case's, the staff list (most dangerous and oldest first), and who opened one."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, contains_eager

from intake.data.visibility import visible_to
from intake.models import AlertLevel, AuditEvent, Representation, SafeguardingAlert, StaffUser

VIEWED = "safeguarding_alert_viewed"

# Immediate danger before a concern. Spelled out here rather than trusting the enum's text to sort.
LEVEL_RANK = case((SafeguardingAlert.level == AlertLevel.IMMEDIATE, 0), else_=1)


def alert_by_id(session: Session, alert_id: int) -> SafeguardingAlert | None:
    return session.get(SafeguardingAlert, alert_id)


def alerts_for_case(session: Session, representation_id: int) -> Sequence[SafeguardingAlert]:
    """Every alert on one case, in the order they were raised."""
    return session.scalars(
        select(SafeguardingAlert)
        .where(SafeguardingAlert.representation_id == representation_id)
        .order_by(SafeguardingAlert.raised_at, SafeguardingAlert.id)
    ).all()


def _listed(user: StaffUser):
    return (
        select(SafeguardingAlert)
        .join(SafeguardingAlert.representation)
        .options(contains_eager(SafeguardingAlert.representation))
        .where(visible_to(user))
    )


def open_alerts(session: Session, user: StaffUser) -> Sequence[SafeguardingAlert]:
    """The open alerts this person may see: immediate danger first, then concerns; the oldest first in each.

    Not limited: an open alert must never fall off the list.
    """
    return session.scalars(
        _listed(user)
        .where(SafeguardingAlert.actioned_at.is_(None))
        .order_by(LEVEL_RANK, SafeguardingAlert.raised_at, SafeguardingAlert.id)
    ).all()


def dealt_with_alerts(session: Session, user: StaffUser, limit: int) -> Sequence[SafeguardingAlert]:
    """The alerts someone has recorded action on (or a false alarm), the most recently raised first."""
    return session.scalars(
        _listed(user)
        .where(SafeguardingAlert.actioned_at.is_not(None))
        .order_by(SafeguardingAlert.raised_at.desc(), SafeguardingAlert.id.desc())
        .limit(limit)
    ).all()


def open_alert_count(session: Session, user: StaffUser) -> int:
    return (
        session.scalar(
            select(func.count(SafeguardingAlert.id))
            .join(Representation, Representation.id == SafeguardingAlert.representation_id)
            .where(SafeguardingAlert.actioned_at.is_(None), visible_to(user))
        )
        or 0
    )


def alert_views(session: Session, alert: SafeguardingAlert) -> Sequence[AuditEvent]:
    """Who opened this alert and when, the latest first (from the audit trail)."""
    return session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.action == VIEWED,
            AuditEvent.representation_id == alert.representation_id,
            AuditEvent.detail == f"alert {alert.id}",
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    ).all()
