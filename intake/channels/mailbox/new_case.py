"""A new case from an email, through ``submit()`` like every other channel: screened, routed, acknowledged.

The sender's address is the contact, safe to write to unless they asked us not to (or a machine sent it: a
mailing list or an automated system gets no acknowledgement). Email does not say what it is, so the case is a
complaint until triage says otherwise, and its clock runs from when the mailbox received it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from intake.channels.mailbox.classify import MailKind
from intake.channels.mailbox.files import keep_files
from intake.channels.mailbox.language import asks_not_to_be_written_to, detect_language
from intake.channels.mailbox.parsing import ParsedEmail
from intake.channels.mailbox.replies import screen_further_words
from intake.channels.mailbox.words import words_of
from intake.config import Settings
from intake.domain.audit import record_event
from intake.domain.submit import Submission, SubmitResult, submit
from intake.models import Channel, ContactMethod, Kind, MailboxMessage, Representation

ACTOR = "email"


def open_case(
    session: Session,
    mail: ParsedEmail,
    kind: MailKind,
    settings: Settings,
    received_at: datetime,
    row: MailboxMessage,
    mentioned: Representation | None = None,
) -> SubmitResult:
    words = words_of(mail, settings.max_free_text)
    dont_write = asks_not_to_be_written_to(mail.text)
    sub = Submission(
        kind=Kind.COMPLAINT,
        channel=Channel.EMAIL,
        what_happened=words.kept,
        language=detect_language(f"{mail.subject}\n{mail.text}"),
        received_at=received_at,
        contact_name=mail.sender_name,
        contact_email=mail.sender,
        safe_to_contact=_safe_to_contact(kind, dont_write),
        preferred_contact=ContactMethod.EMAIL,
        actor=ACTOR,
    )
    result = submit(session, sub, settings)
    rep = result.representation
    files = keep_files(session, rep, mail, settings, [words.whole_text] if words.whole_text else [])
    detail = _detail(row, kind, files, dont_write)
    record_event(session, "email_received", representation=rep, actor=ACTOR, detail=detail)
    if words.overflow:
        screen_further_words(session, rep, words.overflow, settings)
    if mentioned is not None:
        _note_mention(session, rep, mentioned)
    return result


def _safe_to_contact(kind: MailKind, dont_write: bool) -> bool | None:
    if dont_write:
        return False
    return True if kind is MailKind.PERSON else None  # a list or a system: we do not know who would read it


def _detail(row: MailboxMessage, kind: MailKind, files, dont_write: bool) -> str:
    parts = [f"mailbox message {row.id}", "kind: complaint until triage", files.describe()]
    if kind is MailKind.AUTOMATED:
        parts.append("sent by a mailing list or an automated system: no acknowledgement")
    if dont_write:
        parts.append("they asked us not to write back: no acknowledgement")
    return "; ".join(parts)


def _note_mention(session: Session, rep: Representation, mentioned: Representation) -> None:
    """It quotes another case's reference but is not from that case's address: an officer decides."""
    record_event(
        session,
        "email_mentions_case",
        representation=rep,
        actor=ACTOR,
        detail=f"quotes {mentioned.reference} but is not from that case's contact address: link them if they belong",
    )
    record_event(
        session,
        "mentioned_by_email",
        representation=mentioned,
        actor=ACTOR,
        detail=f"new case {rep.reference} quotes this reference from another address",
    )
