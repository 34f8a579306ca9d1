"""Teams: configuration mirrored in the database, so cases can point at them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Team


def active_teams(session: Session) -> Sequence[Team]:
    """Teams staff can choose from, by name."""
    return session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name, Team.id)).all()


def all_teams(session: Session) -> Sequence[Team]:
    return session.scalars(select(Team).order_by(Team.name, Team.id)).all()


def team_by_name(session: Session, name: str) -> Team | None:
    return session.scalar(select(Team).where(Team.name == name))


def team_id_by_name(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    return session.scalar(select(Team.id).where(Team.name == name))


def team_by_id(session: Session, team_id: int) -> Team | None:
    return session.get(Team, team_id)


def team_ids_by_name(session: Session) -> dict[str, int]:
    """Every team's id by its name as stored."""
    return {name: id_ for id_, name in session.execute(select(Team.id, Team.name))}
