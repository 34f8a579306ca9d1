"""The record of how a case reached us, and putting it right.

Staff key in what arrived by email, letter, phone or in person (``received_at_for`` turns the day it reached us
into the moment the clocks count from), and later correct those facts: the method, the date it reached us,
who it is from, the child's agreement, contact details and their safety, and an advocate appointed since.
Every correction needs a reason (kept as a case note) and is one audit event naming each field that changed:
old and new values for facts about the case, only the field's name for personal details, never the person's
words. A changed date moves the clocks through the same functions as triage (``reset_clocks``); an extension
keeps its length in working days. A closed case can be corrected too: the audit line says it was closed.
An advocate appointed since must be one the case does not disqualify, and the officer records the advocate's
declaration that they are independent (``intake.domain.advocate_independence``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import staff as staff_data
from intake.domain import clock
from intake.domain.advocate_independence import (
    HANDLER,
    NOT_DECLARED,
    SAME_TEAM,
    STAFF_ACCOUNT,
    Declaration,
    check_advocate,
    record_declaration,
)
from intake.domain.audit import record_event
from intake.domain.casework.clocks import reset_clocks
from intake.domain.casework.rules import CaseworkError, calendar_for, given_reason, timescales
from intake.domain.sanitise import clean_text, normalise_email, normalise_phone
from intake.models import (
    CaseNote,
    Channel,
    ChildAgreement,
    ContactMethod,
    Representation,
    StaffUser,
    Stage,
    SubmittedBy,
)

EARLIEST_RECEIVED = date(2000, 1, 1)  # older paper records go through import-records, not this form
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")


def parse_time(text: str | None) -> time | None:
    """ "9:00", "09.00" or "18:30" as a time; None for an empty or unreadable answer."""
    match = _TIME.match(text or "")
    return time(int(match.group(1)), int(match.group(2))) if match else None


def check_received_day(day: date, today: date) -> None:
    if day > today:
        raise CaseworkError(_l("The date it reached us must be today or in the past"))
    if day < EARLIEST_RECEIVED:
        raise CaseworkError(_l("The date it reached us must be 1 January 2000 or later"))


def received_at_for(day: date, now: datetime) -> datetime:
    """When something that reached us on ``day`` counts as received: midday in London that day (so the cut-off
    never moves it to the next day), or now when that is still to come. A Saturday's letter still counts from
    the next working day (``WorkingCalendar.clock_start``)."""
    midday = datetime.combine(day, time(12), tzinfo=clock.LONDON).astimezone(UTC)
    return min(midday, now.astimezone(UTC))


def received_day_of(rep: Representation) -> date:
    return rep.received_at.astimezone(clock.LONDON).date()


@dataclass(frozen=True)
class IntakeRecord:
    """The facts of how a case reached us that staff may correct. Never the person's own words."""

    channel: Channel
    received_day: date
    submitted_by: SubmittedBy
    about_someone_else: bool
    child_agreement: ChildAgreement | None
    safe_to_contact: bool | None
    preferred_contact: ContactMethod
    contact_via_advocate: bool
    text_from: time | None
    text_until: time | None
    advocate_id: int | None
    # Personal details: the audit names them, and never says what they were or became.
    child_name: str | None
    child_agreement_note: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    contact_avoid: str | None

    @classmethod
    def of(cls, rep: Representation) -> IntakeRecord:
        return cls(
            channel=rep.channel,
            received_day=received_day_of(rep),
            submitted_by=rep.submitted_by,
            about_someone_else=rep.about_someone_else,
            child_agreement=rep.child_agreement,
            safe_to_contact=rep.safe_to_contact,
            preferred_contact=rep.preferred_contact,
            contact_via_advocate=rep.contact_via_advocate,
            text_from=rep.contact_text_from,
            text_until=rep.contact_text_until,
            advocate_id=rep.advocate_id,
            child_name=rep.child_name,
            child_agreement_note=rep.child_agreement_note,
            contact_name=rep.contact_name,
            contact_phone=rep.contact_phone,
            contact_email=rep.contact_email,
            contact_avoid=rep.contact_avoid,
        )

    def cleaned(self) -> IntakeRecord:
        """Free text cleaned as ``submit()`` cleans it, contact details normalised, empty answers as None."""
        return replace(
            self,
            child_name=clean_text(self.child_name)[:100] or None,
            child_agreement_note=clean_text(self.child_agreement_note)[:2000] or None,
            contact_name=clean_text(self.contact_name)[:200] or None,
            contact_phone=normalise_phone(self.contact_phone),
            contact_email=normalise_email(self.contact_email),
            contact_avoid=clean_text(self.contact_avoid)[:1000] or None,
        )


# The audit's name for each fact (and its column on the case where that differs).
FACT_NAMES = {
    "channel": "method",
    "received_day": "date received",
    "submitted_by": "from",
    "about_someone_else": "acting for a child",
    "child_agreement": "child's agreement",
    "safe_to_contact": "safe to contact",
    "preferred_contact": "preferred contact",
    "contact_via_advocate": "only through their advocate",
    "text_from": "texts safe from",
    "text_until": "texts safe until",
    "advocate_id": "advocate",
    "child_name": "child's name",
    "child_agreement_note": "note on the child's agreement",
    "contact_name": "name",
    "contact_phone": "phone number",
    "contact_email": "email address",
    "contact_avoid": "what to avoid",
}
PERSONAL = frozenset(
    {"child_name", "child_agreement_note", "contact_name", "contact_phone", "contact_email", "contact_avoid"}
)
COLUMNS = {"text_from": "contact_text_from", "text_until": "contact_text_until"}
# Refusals of an advocate appointed later, in the words of the officer recording it.
ADVOCATE_REFUSALS = {
    STAFF_ACCOUNT: _l("Select an advocate from the list"),
    HANDLER: _l(
        "That advocate handles this case for the council, so they cannot also be the child's advocate. "
        "Choose another advocate."
    ),
    SAME_TEAM: _l(
        "That advocate's account belongs to the team this case is about, so they cannot be the child's advocate. "
        "Choose another advocate."
    ),
    NOT_DECLARED: _l(
        "Tick all three to record what the advocate declared to you. If they cannot declare all three, "
        "choose another advocate."
    ),
}


def correct_record(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    wanted: IntakeRecord,
    reason: str,
    now: datetime,
    declaration: Declaration | None = None,
) -> list[str]:
    """Put the intake facts right. Returns the audit's names of the facts that changed.

    Refused (nothing written) without a reason, when nothing changed, for a date out of range, or for a new
    advocate who is not an active advocate's account, whom the case disqualifies, or whose ``declaration`` is
    not complete.
    """
    given = given_reason(reason, "why you are correcting the record")
    old, new = IntakeRecord.of(rep), wanted.cleaned()
    changed = [f.name for f in fields(IntakeRecord) if getattr(old, f.name) != getattr(new, f.name)]
    if not changed:
        raise CaseworkError(_l("Nothing has changed. Change an answer, or go back to the case."))
    if "received_day" in changed:
        check_received_day(new.received_day, now.astimezone(clock.LONDON).date())
    advocate = _advocate(session, rep, new.advocate_id, declaration) if "advocate_id" in changed else None

    details = [_describe(name, getattr(old, name), getattr(new, name), session) for name in changed]
    for name in changed:
        if name != "received_day":
            setattr(rep, COLUMNS.get(name, name), getattr(new, name))
    if "advocate_id" in changed:
        rep.advocate_supported = advocate is not None or rep.submitted_by is SubmittedBy.ADVOCATE
    if "received_day" in changed:
        details.append(follow_received_date(rep, settings, new.received_day, now))
    if not rep.is_open:
        details.append("the case is closed")

    names = [FACT_NAMES[name] for name in changed]
    session.add(
        CaseNote(
            representation_id=rep.id,
            author_id=staff.id,
            author=staff.email,
            # Stored text, like the audit trail: in English whatever language the page was in.
            body=f"Record corrected ({', '.join(names)}). Reason: {given}",
        )
    )
    record_event(session, "record_corrected", representation=rep, staff=staff, detail="; ".join(details))
    if advocate is not None:
        record_declaration(session, rep, advocate, staff)
    return names


def _advocate(
    session: Session, rep: Representation, advocate_id: int | None, declaration: Declaration | None
) -> StaffUser | None:
    """The advocate appointed since, if the case allows them and they declared they are independent."""
    if advocate_id is None:
        return None
    advocate = staff_data.staff_by_id(session, advocate_id)
    if advocate is None or not advocate.active:
        raise CaseworkError(ADVOCATE_REFUSALS[STAFF_ACCOUNT])
    check_advocate(rep, advocate, declaration or Declaration(), ADVOCATE_REFUSALS)
    return advocate


def _describe(name: str, old: Any, new: Any, session: Session) -> str:
    label = FACT_NAMES[name]
    if name in PERSONAL:
        return f"{label} changed"
    if name == "advocate_id":
        people = staff_data.staff_by_ids(session, (old, new))
        old, new = (people[i].email if i in people else None for i in (old, new))
    return f"{label} {_plain(old)} to {_plain(new)}"


def _plain(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def follow_received_date(rep: Representation, settings: Settings, day: date, now: datetime) -> str:
    """Move the case's receipt to ``day`` and its clocks with it; describe what moved, for the audit.

    The acknowledgement and an unanswered stage 1 are recomputed as triage recomputes them; an extension keeps
    its length in working days (within the stage's limit). Later stages count from their requests, which a
    received date does not change.
    """
    cal = calendar_for(settings)
    stage1 = _open_stage1(rep)
    before = (rep.acknowledge_by, stage1.effective_due_on if stage1 else None)
    extra = 0
    if stage1 is not None and stage1.due_on and stage1.extended_due_on:
        extra = cal.working_days_between(stage1.due_on, stage1.extended_due_on)

    rep.received_at = received_at_for(day, now)
    rep.received_on = cal.clock_start(rep.received_at, settings.procedure.receipt_cut_off)
    reset_clocks(rep, settings)
    if stage1 is not None and stage1.due_on and extra > 0:
        respond = timescales(rep, settings).stages[1]
        limit = cal.add_working_days(stage1.started_on, respond.extend_to or respond.respond)
        stage1.extended_due_on = min(cal.add_working_days(stage1.due_on, extra), limit)

    moved = [f"clocks count from {rep.received_on.isoformat()}"]
    if before[0] != rep.acknowledge_by:
        moved.append(f"acknowledge by {_plain(before[0])} to {_plain(rep.acknowledge_by)}")
    if stage1 is not None and before[1] != stage1.effective_due_on:
        moved.append(f"stage 1 due {_plain(before[1])} to {_plain(stage1.effective_due_on)}")
    return "; ".join(moved)


def _open_stage1(rep: Representation) -> Stage | None:
    stage = rep.stages[0] if rep.stages else None
    return stage if stage is not None and stage.number == 1 and stage.is_open else None
