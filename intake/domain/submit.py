"""One way in for every channel: a representation, its first events and its notifications.

SMS, web chat, the web form, advocates and staff keying in a phone call all end
here. Everything is written in one transaction: no case without its alerts, no
alert without its case. The risk screen runs on every piece of free text first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.domain import clock, references, risk, routing
from intake.domain.audit import record_event
from intake.domain.sanitise import clean_limited, clean_text, normalise_email, normalise_phone
from intake.models import (
    Channel,
    ChildAgreement,
    ContactMethod,
    Kind,
    Notification,
    NotificationChannel,
    Procedure,
    Representation,
    RepresentationCategory,
    SafeguardingAlert,
    StaffUser,
    Stage,
    SubmittedBy,
    Team,
)
from intake.models.base import utcnow
from intake.models.enums import categories_for


@dataclass
class Submission:
    """What any channel collected. Free text is cleaned and screened by ``submit``."""

    kind: Kind
    channel: Channel
    what_happened: str
    submitted_by: SubmittedBy = SubmittedBy.UNKNOWN
    what_would_help: str = ""
    service_mentioned: str = ""
    about_someone_else: bool = False
    language: str = "en"
    procedure: Procedure = Procedure.UNDECIDED
    team_id: int | None = None
    categories: Sequence[str] = ()
    grounds_on: date | None = None
    received_at: datetime | None = None
    # Contact.
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    safe_to_contact: bool | None = None
    preferred_contact: ContactMethod = ContactMethod.NONE
    contact_times: str | None = None
    contact_avoid: str | None = None
    contact_via_advocate: bool = False
    wants_contact: bool = False
    # Advocacy, and submissions on a child's behalf.
    advocate_requested: bool = False
    advocate_supported: bool = False
    advocate_id: int | None = None
    child_name: str | None = None
    child_agreement: ChildAgreement | None = None
    child_agreement_note: str | None = None
    # Who keyed it in, for the audit trail: a staff user, or a channel name.
    staff: StaffUser | None = None
    actor: str = "system"
    extra_events: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class SubmitResult:
    representation: Representation
    risk: risk.RiskResult
    alert: SafeguardingAlert | None
    notifications: tuple[Notification, ...]


def submit(session: Session, sub: Submission, settings: Mapping[str, Any], *, commit: bool = True) -> SubmitResult:
    """Store a representation with its stage clock, audit events and outbox rows.

    Raises ``TextTooLong`` (before anything is written) when free text is over the limit.
    With ``commit=False`` the caller commits, so it can add its own rows (an SMS
    conversation's state, say) to the same transaction.
    """
    limit = settings.get("MAX_FREE_TEXT", 5000)
    what_happened = clean_limited(sub.what_happened, limit)
    what_would_help = clean_limited(sub.what_would_help, limit)
    service_mentioned = clean_limited(sub.service_mentioned, 1000)
    contact_avoid = clean_limited(sub.contact_avoid, 1000) or None

    # Safety first: every piece of free text, before anything else happens.
    screened = risk.screen("\n".join(filter(None, [what_happened, what_would_help, service_mentioned, contact_avoid])))

    calendar = clock.WorkingCalendar.from_settings(settings)
    received_at = sub.received_at or utcnow()
    received_on = calendar.clock_start(received_at, settings.get("RECEIPT_CUT_OFF", clock.time(23, 59, 59)))
    timescales = clock.timescales_for(sub.procedure.value, settings)

    rep = Representation(
        reference=_unused_reference(session),
        kind=sub.kind,
        procedure=sub.procedure if sub.kind is Kind.COMPLAINT else Procedure.UNDECIDED,
        channel=sub.channel,
        submitted_by=sub.submitted_by,
        language=sub.language if sub.language in settings.get("LANGUAGES", ("en",)) else "en",
        received_at=received_at,
        received_on=received_on,
        acknowledge_by=calendar.add_working_days(received_on, timescales.acknowledge),
        what_happened=what_happened,
        what_would_help=what_would_help,
        service_mentioned=service_mentioned,
        about_someone_else=sub.about_someone_else,
        child_name=clean_text(sub.child_name)[:100] or None,
        child_agreement=sub.child_agreement,
        child_agreement_note=clean_text(sub.child_agreement_note) or None,
        grounds_on=sub.grounds_on,
        team_id=sub.team_id,
        advocate_requested=sub.advocate_requested,
        advocate_supported=sub.advocate_supported or sub.submitted_by is SubmittedBy.ADVOCATE,
        advocate_id=sub.advocate_id,
        contact_name=clean_text(sub.contact_name)[:200] or None,
        contact_phone=normalise_phone(sub.contact_phone),
        contact_email=normalise_email(sub.contact_email),
        safe_to_contact=sub.safe_to_contact,
        preferred_contact=sub.preferred_contact,
        contact_times=clean_text(sub.contact_times)[:500] or None,
        contact_avoid=contact_avoid,
        contact_via_advocate=sub.contact_via_advocate,
        wants_contact=sub.wants_contact,
        safeguarding=screened.is_risk,
        urgent=screened.is_risk,
    )
    allowed = set(categories_for(sub.kind))
    rep.categories = [RepresentationCategory(code=c) for c in dict.fromkeys(sub.categories) if c in allowed]
    if sub.kind is Kind.COMPLAINT:
        # Only complaints run a clock. Stage 1 starts on receipt; triage may move it to the corporate clock.
        rep.stages = [
            Stage(
                number=1,
                started_on=received_on,
                due_on=calendar.add_working_days(received_on, timescales.stages[1].respond),
            )
        ]
    session.add(rep)
    session.flush()  # rep.id, for the rows below

    actor = sub.staff.email if sub.staff else sub.actor
    record_event(
        session,
        "submitted",
        representation=rep,
        staff=sub.staff,
        actor=actor,
        detail=f"{rep.kind.value} by {rep.submitted_by.value} via {rep.channel.value}",
    )
    for action, detail in sub.extra_events:
        record_event(session, action, representation=rep, staff=sub.staff, actor=actor, detail=detail)

    alert = None
    if screened.is_risk:
        alert = SafeguardingAlert(
            representation_id=rep.id, raised_by="risk screen", rules="; ".join(h.rule for h in screened.hits)
        )
        session.add(alert)
        record_event(session, "safeguarding_alert_raised", representation=rep, actor="risk screen", detail=alert.rules)

    team = session.get(Team, rep.team_id) if rep.team_id else None
    facts = routing.RoutingFacts.of(rep, team)
    notifications = tuple(queue_notifications(session, rep, routing.route(facts, settings), settings))
    if commit:
        session.commit()
    return SubmitResult(rep, screened, alert, notifications)


def queue_notifications(
    session: Session,
    rep: Representation,
    recipients: Sequence[routing.Recipient],
    settings: Mapping[str, Any],
    *,
    dedupe_prefix: str | None = None,
) -> list[Notification]:
    """Add outbox rows for ``recipients``; the worker delivers them after the transaction commits."""
    now = utcnow()
    give_up = now + timedelta(hours=settings.get("DELIVERY_GIVE_UP_HOURS", 48))
    rows = []
    for r in recipients:
        n = Notification(
            representation_id=rep.id,
            channel=NotificationChannel(r.channel),
            recipient=r.address,
            template=r.template,
            audience=r.audience,
            urgent=r.urgent,
            language=rep.language if r.audience == "the person who got in touch" else "en",
            next_attempt_at=now,
            give_up_at=give_up,
            dedupe_key=f"{dedupe_prefix}:{r.channel}:{r.address}" if dedupe_prefix else None,
        )
        session.add(n)
        rows.append(n)
    return rows


def _unused_reference(session: Session) -> str:
    # 31^7 (27 billion) references: a clash is vanishingly rare, but checking costs one indexed read.
    for _ in range(10):
        ref = references.new_reference()
        if session.scalar(select(Representation.id).where(Representation.reference == ref)) is None:
            return ref
    raise RuntimeError("could not find an unused reference")
