"""Contacting the person, as they asked: a staff text only when it is safe and inside the hours they gave,
and compliments shared with the team they praise.

A shared phone can put a child at risk ("dont text after 6 he checks my phone"), so what they told us
about contact decides what staff may send: never a text when they said not to, or only through their
advocate; never outside their texting window (Europe/London). Every refusal says why, and when texting is
allowed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import staff as staff_data
from intake.data.cases import latest_sms_conversation_id
from intake.data.sms_contacts import is_opted_out
from intake.data.teams import team_by_id
from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError
from intake.domain.routing import AUDIENCE_PERSON, Recipient
from intake.domain.sanitise import clean_text, normalise_phone
from intake.domain.submit import queue_notifications
from intake.models import Kind, Message, Notification, Representation, StaffUser
from intake.models.base import utcnow

SMS_REPLY_LIMIT = 320  # two SMS segments at most (rules-reference §10 item 45)


@dataclass(frozen=True)
class TextingWindow:
    """The hours they said texts are safe, in UK time. Either end may be open; a start after the end spans
    midnight."""

    start: time | None
    end: time | None

    @classmethod
    def of(cls, rep: Representation) -> TextingWindow | None:
        if rep.contact_text_from is None and rep.contact_text_until is None:
            return None
        return cls(rep.contact_text_from, rep.contact_text_until)

    def allows(self, moment: time) -> bool:
        start, end = self.start, self.end
        if start is not None and end is not None:
            return start <= moment < end if start < end else (moment >= start or moment < end)
        if start is not None:
            return moment >= start
        return end is None or moment < end

    def describe(self) -> str:
        """ "between 09:00 and 18:00", "after 09:00" or "before 18:00"."""
        if self.start is not None and self.end is not None:
            return f"between {self.start:%H:%M} and {self.end:%H:%M}"
        if self.start is not None:
            return f"after {self.start:%H:%M}"
        return f"before {self.end:%H:%M}"

    def next_chance(self, moment: time) -> str:
        """When a text is next allowed, for someone at ``moment`` outside the window."""
        if self.start is None:
            return f"you can text them tomorrow, before {self.end:%H:%M}"
        if self.end is not None and self.start < self.end and moment >= self.end:
            return f"you can text them tomorrow from {self.start:%H:%M}"
        return f"you can text them from {self.start:%H:%M}"


@dataclass(frozen=True)
class ContactSafety:
    """What the case page and the SMS reply need to know about texting this person."""

    never: str | None  # why staff may never text them, or None
    window: TextingWindow | None  # the hours they said texts are safe, if they gave any
    outside_window: str | None  # why not now, when it is only the hour that stops a text

    @property
    def blocked_now(self) -> str | None:
        return self.never or self.outside_window


def _never_text(session: Session, rep: Representation) -> str | None:
    if not rep.contact_phone:
        return "There is no mobile number for this person."
    if rep.contact_via_advocate:
        return "Contact only through their advocate: do not text them directly."
    if rep.safe_to_contact is False:
        return "They told us it is not safe to text them: do not text."
    if rep.safe_to_contact is not True:
        return "They have not told us it is safe to text them: do not text."
    if is_opted_out(session, normalise_phone(rep.contact_phone)):
        return "This number has opted out of texts (STOP): do not text."
    return None


def contact_safety(session: Session, rep: Representation, now: datetime | None = None) -> ContactSafety:
    never = _never_text(session, rep)
    window = TextingWindow.of(rep)
    outside = None
    local = (now or utcnow()).astimezone(clock.LONDON).time()
    if never is None and window is not None and not window.allows(local):
        outside = (
            f"They asked for texts only {window.describe()} (UK time). "
            f"It is {local:%H:%M} now: {window.next_chance(local)}."
        )
    return ContactSafety(never, window, outside)


def sms_block_reason(session: Session, rep: Representation, now: datetime | None = None) -> str | None:
    """Why staff may not text this person now, or None when they may."""
    return contact_safety(session, rep, now).blocked_now


def send_sms_reply(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    text: str,
    now: datetime | None = None,
) -> Message:
    """Store a reply and queue it in the outbox; refused when it is not safe, not allowed, or not the time."""
    blocked = sms_block_reason(session, rep, now)
    phone = rep.contact_phone
    if blocked or phone is None:
        raise CaseworkError(blocked or "There is no mobile number for this person.")
    body = clean_text(text)
    if not body:
        raise CaseworkError("Enter the message to send.")
    if len(body) > SMS_REPLY_LIMIT:
        raise CaseworkError(f"A text must be {SMS_REPLY_LIMIT} characters or fewer.")
    message = Message(
        representation_id=rep.id,
        conversation_id=latest_sms_conversation_id(session, phone),
        direction="out",
        body=body,
        sent_by=staff.email,
        status="queued",
    )
    session.add(message)
    session.flush()
    [notification] = queue_notifications(
        session, rep, [Recipient("sms", phone, "staff_reply_sms", AUDIENCE_PERSON)], settings
    )
    # A one-off message: the outbox row carries its text, and the worker updates the Message's status.
    notification.message_id = message.id
    notification.body = body
    record_event(session, "sms_reply_queued", representation=rep, staff=staff, detail=f"{len(body)} characters")
    return message


def _compliment_recipients(session: Session, team_id: int | None, worker_id: int | None) -> list[Recipient]:
    recipients: list[Recipient] = []
    if team_id is not None:
        team = team_by_id(session, team_id)
        if team is None:
            raise CaseworkError("Select a team from the list.")
        if not team.manager_email:
            raise CaseworkError(f"{team.name} has no manager email set up. Forward it to a worker instead.")
        recipients.append(Recipient("email", team.manager_email, "compliment_for_team", "team manager"))
    if worker_id is not None:
        worker = staff_data.staff_by_id(session, worker_id)
        if worker is None or not worker.active:
            raise CaseworkError("Select a worker from the list.")
        recipients.append(Recipient("email", worker.email, "compliment_for_team", "worker"))
    if not recipients:
        raise CaseworkError("Select a team or a worker to forward the compliment to.")
    return recipients


def forward_compliment(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    *,
    team_id: int | None = None,
    worker_id: int | None = None,
) -> list[Notification]:
    """Share a compliment with a team's manager or a named worker, by email through the outbox."""
    if rep.kind is not Kind.COMPLIMENT:
        raise CaseworkError("Only compliments are forwarded.")
    recipients = _compliment_recipients(session, team_id, worker_id)
    rows = queue_notifications(session, rep, recipients, settings)
    record_event(
        session,
        "compliment_forwarded",
        representation=rep,
        staff=staff,
        detail="to " + ", ".join(r.address for r in recipients),
    )
    return rows
