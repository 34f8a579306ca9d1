"""Deleting cases whose retention period has ended (rules-reference §4.3, §10 item 35).

A case is kept until ``retention_until`` (closure plus RETENTION_YEARS) and
never while it is on legal hold (IICSA and similar instructions). Everything
that holds the person's words or contact details goes with it, its form drafts
and attachments included; the audit trail keeps a line saying the case existed
and was purged, with dates and nothing else. Nothing here commits: the command
does (attachment files are removed once it has).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from intake.data.retention import delete_cases, expired_cases
from intake.domain.attachments import delete_attachments_for
from intake.domain.audit import record_event
from intake.models import Representation


@dataclass(frozen=True)
class Purged:
    reference: str
    received_on: date
    closed_on: date | None
    retention_until: date


def _purged(rep: Representation) -> Purged:
    until = rep.retention_until
    assert until is not None  # expired_cases finds only cases with a retention date
    return Purged(rep.reference, rep.received_on, rep.closed_on, until)


def purge_expired(session: Session, today: date, *, dry_run: bool = False) -> list[Purged]:
    """Delete expired cases that are not held; returns what went (or would go, with ``dry_run``)."""
    cases = expired_cases(session, today)
    purged = [_purged(rep) for rep in cases]
    if dry_run or not cases:
        return purged
    for rep, gone in zip(cases, purged, strict=True):
        record_event(
            session,
            "purged",
            representation=rep,
            actor="retention",
            detail=f"received {gone.received_on.isoformat()}; "
            f"closed {gone.closed_on.isoformat() if gone.closed_on else '-'}; "
            f"kept until {gone.retention_until.isoformat()}",
        )
    session.flush()
    delete_attachments_for(session, [rep.id for rep in cases])  # rows now, files once the purge commits
    delete_cases(session, cases)
    return purged
