"""Teams are configuration: make the database match the configured list."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from intake.data.teams import all_teams
from intake.models import Team


def sync_teams(session: Session, names: Iterable[str]) -> list[Team]:
    """Create any configured team that is missing. Existing teams are kept (cases point at them)."""
    existing = {t.name for t in all_teams(session)}
    created = []
    for name in names:
        if name not in existing:
            team = Team(name=name, forward_compliments=True)
            session.add(team)
            existing.add(name)
            created.append(team)
    session.flush()
    return created
