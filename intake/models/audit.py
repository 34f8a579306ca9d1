"""The append-only record of everything that happens to a case, views included."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow


class AuditEvent(Base):
    """Who did what, when. Rows are never updated or deleted by the application.

    ``representation_id`` is deliberately not a foreign key: when the retention
    job purges a case, the record that it existed and was purged must survive.
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_case_at", "representation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    representation_id: Mapped[int | None] = mapped_column()
    reference: Mapped[str | None] = mapped_column(String(40), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    # Who, in words: a staff email, "system", "sms", "web form", "worker".
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(60), index=True)  # "submitted", "viewed", "stage_extended", ...
    detail: Mapped[str] = mapped_column(Text, default="")  # never the child's words

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} {self.reference} by {self.actor}>"


class AppendOnlyError(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target):  # pragma: no cover - exercised in tests
    raise AppendOnlyError("audit events are append-only")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper, connection, target):  # pragma: no cover - exercised in tests
    raise AppendOnlyError("audit events are append-only")
