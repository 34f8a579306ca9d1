"""Deleting cases whose retention period has ended (rules-reference §4.3, §10 item 35).

A case is kept until ``retention_until`` (closure plus RETENTION_YEARS) and
never while it is on legal hold (IICSA and similar instructions). Everything
that holds the person's words or contact details goes with it: its messages (every message is tied to the
case it became part of, so a number's earlier case goes without touching its later one), conversation,
letters, notifications, form drafts and attachments; the audit trail keeps a line saying the case existed
and was purged, with dates and nothing else. The mailbox's record of a message holds only a hash, and stays.

A story never sent goes too: a conversation or form draft nobody has written in for ABANDONED_DAYS, that made
no case, is deleted; one that made cases keeps them but forgets the unfinished story. Anything that raised an
alert made a case at once (an early case), so it is never "unfinished" here. Only ids are reported.

Nothing here commits: the command does (attachment files are removed once it has).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from intake.data import retention as data
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


@dataclass(frozen=True)
class Abandoned:
    """An unfinished conversation dealt with: deleted whole, or its unfinished story forgotten. Ids only."""

    conversation_id: int
    channel: str
    idle_since: datetime
    deleted: bool
    messages: int = 0


@dataclass(frozen=True)
class AbandonedPurge:
    conversations: list[Abandoned]
    drafts: int


def purge_abandoned(session: Session, now: datetime, days: int, *, dry_run: bool = False) -> AbandonedPurge:
    """Unfinished conversations and form drafts untouched for ``days``: gone, unless they made a case."""
    idle_since = now - timedelta(days=days)
    found = []
    for conversation in data.abandoned_conversations(session, idle_since):
        made_a_case = conversation.representation_id is not None or data.has_case_messages(session, conversation.id)
        if made_a_case and not data.holds_unfinished_story(conversation):
            continue  # nothing left to forget
        gone = Abandoned(conversation.id, conversation.channel, conversation.updated_at, deleted=not made_a_case)
        if not dry_run and made_a_case:
            gone = Abandoned(
                gone.conversation_id,
                gone.channel,
                gone.idle_since,
                False,
                data.forget_unfinished_story(session, conversation),
            )
        elif not dry_run:
            data.delete_conversation(session, conversation)
        found.append(gone)
    drafts = 0 if dry_run else data.delete_abandoned_drafts(session, idle_since)
    return AbandonedPurge(found, drafts)


@dataclass(frozen=True)
class RetentionPurge:
    cases: list[Purged]
    abandoned: AbandonedPurge


def purge_all_due(
    session: Session, today: date, now: datetime, abandoned_days: int, *, dry_run: bool = False
) -> RetentionPurge:
    """Everything retention says must go: closed cases past their date, then unfinished conversations and drafts
    idle for ``abandoned_days``. What ``purge-expired`` and the worker's daily purge both run."""
    cases = purge_expired(session, today, dry_run=dry_run)
    return RetentionPurge(cases, purge_abandoned(session, now, abandoned_days, dry_run=dry_run))
