from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base


class Team(Base):
    """A council team a representation can be about. Teams are configuration, seeded at start."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    manager_email: Mapped[str | None] = mapped_column(String(320))
    # Compliments about the team are forwarded to its manager when this is on.
    forward_compliments: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<Team {self.name!r}>"
