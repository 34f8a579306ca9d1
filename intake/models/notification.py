"""The outbox: notifications written in the same transaction as what caused them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.models.base import Base, UtcDateTime, utcnow
from intake.models.representation import Representation


class NotificationChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class NotificationStatus(StrEnum):
    PENDING = "pending"  # waiting for the worker (possibly after a failed attempt)
    SENT = "sent"  # handed to the provider; never sent again
    FAILED = "failed"  # gave up after the retry window, or a permanent error
    SUPPRESSED = "suppressed"  # deliberately not sent: the number opted out, or it is not safe to text


def _enum(cls):
    return Enum(cls, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class Notification(Base):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    channel: Mapped[NotificationChannel] = mapped_column(_enum(NotificationChannel))
    recipient: Mapped[str] = mapped_column(String(320))
    # Which message: a template name under templates/emails or a key in the SMS templates.
    template: Mapped[str] = mapped_column(String(60))
    # Who it is for, in words ("complaints officer"), for the staff area.
    audience: Mapped[str] = mapped_column(String(60))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8), default="en")
    status: Mapped[NotificationStatus] = mapped_column(_enum(NotificationStatus), default=NotificationStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    give_up_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Dedupe key for scheduled notifications such as reminders ("reminder:stage1:2026-12-01").
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    # A message whose words are not a template, e.g. a staff reply by SMS (``staff_reply_sms``):
    # the text to send, and the stored outbound Message it belongs to (for delivery status callbacks).
    body: Mapped[str | None] = mapped_column(Text)
    # While a worker holds this row (between claiming and recording the result); see intake/delivery/outbox.py.
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id", ondelete="SET NULL"))

    representation: Mapped[Representation] = relationship()

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.template} to {self.audience} {self.status}>"
