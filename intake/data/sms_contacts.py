"""What each phone number has told us about texting it (STOP, START), and Twilio's word on it (error 21610)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import SmsContact
from intake.models.base import utcnow


def contact_for(session: Session, number: str) -> SmsContact:
    """The number's row, added to the session if it has none yet."""
    contact = session.scalar(select(SmsContact).where(SmsContact.number == number))
    if contact is None:
        contact = SmsContact(number=number)
        session.add(contact)
    return contact


def set_opted_out(session: Session, number: str, opted_out: bool, *, now: datetime | None = None) -> SmsContact:
    """Mark the number as opted out of texts (STOP) or back in (START). Marking it twice changes nothing."""
    now = now or utcnow()
    contact = contact_for(session, number)
    if opted_out and not contact.opted_out:
        contact.opted_out_at = now
    contact.opted_out = opted_out
    contact.updated_at = now
    return contact


def is_opted_out(session: Session, number: str | None) -> bool:
    if not number:
        return False
    return bool(session.scalar(select(SmsContact.opted_out).where(SmsContact.number == number)))


def opted_out_among(session: Session, numbers: Iterable[str]) -> set[str]:
    """Which of ``numbers`` have opted out, in one query."""
    wanted = set(numbers)
    if not wanted:
        return set()
    return set(session.scalars(select(SmsContact.number).where(SmsContact.number.in_(wanted), SmsContact.opted_out)))
