"""Teams are configuration: make the database match the configured list."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Team


def sync_teams(session: Session, names: Iterable[str]) -> list[Team]:
    """Create any configured team that is missing. Existing teams are kept (cases point at them)."""
    existing = {t.name: t for t in session.scalars(select(Team))}
    created = []
    for name in names:
        if name not in existing:
            team = Team(name=name, forward_compliments=True)
            session.add(team)
            existing[name] = team
            created.append(team)
    session.flush()
    return created


def team_by_name(session: Session, name: str) -> Team | None:
    return session.scalar(select(Team).where(Team.name == name))
