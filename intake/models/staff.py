from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.base import NO_VALUE

from intake.models.base import Base, UtcDateTime, utcnow
from intake.models.encrypted import EncryptedString


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
    # A credential: encrypted at rest with DATA_ENCRYPTION_KEY (intake/encryption.py).
    totp_secret: Mapped[str] = mapped_column(EncryptedString)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)  # before issue 15; no longer set
    last_totp_step: Mapped[int | None] = mapped_column(Integer)  # stops an older code being replayed
    # Every staff session carries the version it began under; a different one here ends it on its next request.
    # Raised on sign-out and whenever the role, password or active flag changes (see _end_sessions below).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the id and the session version (``intake.auth_loader``)."""
        return f"{self.id}:{self.session_version or 0}"

    def end_sessions(self) -> None:
        """Every session this person has, on any device, ends at its next request."""
        self.session_version = (self.session_version or 0) + 1

    def __repr__(self) -> str:
        return f"<StaffUser {self.id} {self.role}>"


class TotpCodeUse(Base):
    """One authenticator code used: the primary key makes the same code sign in one session only, even when
    two requests bring it at the same moment (whichever inserts second fails)."""

    __tablename__ = "totp_code_use"

    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[int] = mapped_column(Integer, primary_key=True)  # the code's 30-second time step
    used_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def _end_sessions_on_change(target: StaffUser, value, oldvalue, initiator) -> None:
    """A new role, password or deactivation ends the person's sessions, whatever code made the change."""
    if oldvalue is NO_VALUE or oldvalue is None or value == oldvalue:
        return  # a new account, or nothing changed
    target.end_sessions()


for _attribute in (StaffUser.role, StaffUser.password_hash, StaffUser.active):
    event.listen(_attribute, "set", _end_sessions_on_change, active_history=True)
