"""What one email becomes: a new case, a reply on a case, or nothing (a bounce, an auto-reply, our own mail).

``take_in`` writes everything in the caller's transaction and never commits. Its first write is the message's
``MailboxMessage`` row, whose key is unique: when two pollers take in the same message, the second fails on
that row (``IntegrityError``) before it has written a case, and the poll treats the message as already known.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from intake.channels.mailbox.classify import classify, sender_is_doubtful
from intake.channels.mailbox.new_case import open_case
from intake.channels.mailbox.parsing import ParsedEmail
from intake.channels.mailbox.replies import join_case
from intake.config import Settings
from intake.data import cases
from intake.data import mailbox as mailbox_rows
from intake.domain import references
from intake.models import Representation
from intake.models.base import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TakenIn:
    outcome: str  # "case", "reply", "bounce", "auto_reply", "own_mail", or what it was before when ``known``
    reference: str | None = None
    known: bool = False  # taken in before (by an earlier poll, or another poller)


def take_in(
    session: Session,
    mail: ParsedEmail,
    settings: Settings,
    *,
    arrived_at: datetime | None = None,
    now: datetime | None = None,
) -> TakenIn:
    """Take one parsed message in. ``arrived_at`` is when the mailbox received it (IMAP's INTERNALDATE)."""
    previous = mailbox_rows.known_outcome(session, mail.key)
    if previous is not None:
        return TakenIn(previous, known=True)
    received_at = receipt_time(mail.sent_at, arrived_at, now or utcnow())
    kind = classify(mail, settings)
    if not kind.makes_a_case:
        mailbox_rows.record_message(session, mail.key, kind.value, received_at)
        log.info("mailbox: %s is a %s: no case", mail.message_id or "a message with no Message-ID", kind.value)
        return TakenIn(kind.value)
    row = mailbox_rows.record_message(session, mail.key, "case", received_at)
    mentioned = _mentioned_case(session, mail)
    if mentioned is not None and _from_its_contact(mentioned, mail):
        join_case(session, mentioned, mail, settings, row)
        row.outcome, row.representation_id = "reply", mentioned.id
        return TakenIn("reply", mentioned.reference)
    result = open_case(session, mail, kind, settings, received_at, row, mentioned)
    row.representation_id = result.representation.id
    return TakenIn("case", result.representation.reference)


def receipt_time(sent_at: datetime | None, arrived_at: datetime | None, now: datetime) -> datetime:
    """The message's Date, bounded: never in the future, never before the mailbox itself received it.

    So a sender's wrong (or made-up) clock can neither start the statutory clock before the council had the
    message nor push it into the future. With no readable Date, the mailbox's receipt (or now).
    """
    earliest = min(arrived_at, now) if arrived_at else now
    if sent_at is None:
        return earliest
    return min(max(sent_at, earliest), now)


def _mentioned_case(session: Session, mail: ParsedEmail) -> Representation | None:
    """The first case whose reference the subject (then the text) quotes, check character and all."""
    for candidate in _references(mail.subject, mail.text):
        rep = cases.case_by_reference(session, candidate)
        if rep is not None:
            return rep
    return None


def _references(*texts: str) -> Iterator[str]:
    for text in texts:
        for match in references.REFERENCE_IN_TEXT.finditer(text or ""):
            candidate = references.normalise(match.group(1) + match.group(2))
            if candidate and references.is_valid(candidate):
                yield candidate


def _from_its_contact(rep: Representation, mail: ParsedEmail) -> bool:
    """Only the case's own address may add to it, and only when the receiving server did not doubt the sender."""
    if not (rep.contact_email and mail.sender):
        return False
    return rep.contact_email.casefold() == mail.sender.casefold() and not sender_is_doubtful(mail)
