"""Writing to the append-only audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from intake.models import AuditEvent, Representation, StaffUser


def record_event(
    session: Session,
    action: str,
    *,
    representation: Representation | None = None,
    staff: StaffUser | None = None,
    actor: str | None = None,
    detail: str = "",
) -> AuditEvent:
    """Add an audit event to the session (the caller's transaction commits it).

    ``detail`` must never carry the child's words: it is shown on audit pages
    and exported, and is kept after a case is purged.
    """
    event = AuditEvent(**event_row(action, representation=representation, staff=staff, actor=actor, detail=detail))
    session.add(event)
    return event


def event_row(
    action: str,
    *,
    representation: Representation | None = None,
    staff: StaffUser | None = None,
    actor: str | None = None,
    detail: str = "",
) -> dict[str, Any]:
    """An audit event's columns (``record_event``'s, for a caller that writes several in one statement)."""
    return {
        "representation_id": representation.id if representation is not None else None,
        "reference": representation.reference if representation is not None else None,
        "actor_id": staff.id if staff is not None else None,
        "actor": staff.email if staff is not None else (actor or "system"),
        "action": action,
        "detail": detail,
    }
