"""A safeguarding alert: linked to a case, but outside the complaint's timescales."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.models.base import Base, UtcDateTime, utcnow
from intake.models.enums import AlertLevel
from intake.models.representation import Representation


class SafeguardingAlert(Base):
    __tablename__ = "safeguarding_alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(ForeignKey("representation.id", ondelete="CASCADE"), index=True)
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    raised_by: Mapped[str] = mapped_column(String(320))  # "risk screen" or a staff email
    rules: Mapped[str] = mapped_column(Text, default="")  # which rules fired, e.g. "physical_abuse; unsafe"
    reason: Mapped[str] = mapped_column(Text, default="")  # staff reason when raised by hand
    # How soon it must be acted on; the alerts list sorts by it, then by age.
    level: Mapped[AlertLevel] = mapped_column(
        Enum(AlertLevel, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20),
        default=AlertLevel.CONCERN,
        server_default=AlertLevel.CONCERN.value,
    )
    # Resolved when a named person records what they did.
    actioned_by: Mapped[str | None] = mapped_column(String(320))
    action_taken: Mapped[str | None] = mapped_column(Text)
    actioned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    false_alarm: Mapped[bool] = mapped_column(Boolean, default=False)

    representation: Mapped[Representation] = relationship()

    @property
    def is_open(self) -> bool:
        return self.actioned_at is None
