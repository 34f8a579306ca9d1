from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow


class Role(StrEnum):
    COMPLAINTS_OFFICER = "complaints_officer"  # everything
    MANAGER = "manager"  # their own team's cases
    RIGHTS_OFFICER = "rights_officer"  # cases from children and advocates; safeguarding alerts
    ADVOCATE = "advocate"  # only the cases they submitted or are assigned to
    ADMIN = "admin"  # users and settings


class StaffUser(UserMixin, Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, values_callable=lambda e: [m.value for m in e], length=40)
    )
    organisation: Mapped[str | None] = mapped_column(String(200))  # advocates: e.g. "Barnardo's"
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))  # managers: their team
    mobile: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_totp_step: Mapped[int | None] = mapped_column(Integer)  # stops a code being replayed
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def __repr__(self) -> str:
        return f"<StaffUser {self.email} {self.role}>"
