"""One way in for every channel: a representation, its first events and its notifications.

SMS, web chat, the web form, advocates and staff keying in a phone call all end
here. The risk screen runs on every piece of free text first. Nothing here
commits: the caller (a route, a command, a worker iteration) commits the case,
its alert, its audit events and its notification rows together, so there is no
case without its alerts and no alert without its case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import cases, outbox
from intake.domain import acknowledgement_limits, clock, references, risk, routing
from intake.domain.audit import event_row
from intake.domain.free_text import FreeText
from intake.domain.sanitise import normalise_email, normalise_phone
from intake.models import (
    AlertLevel,
    Channel,
    ChildAgreement,
    ContactMethod,
    Kind,
    Notification,
    NotificationChannel,
    Procedure,
    Representation,
    SafeguardingAlert,
    StaffUser,
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
    # The daily window (Europe/London) texts to them are safe in, when they gave one.
    contact_text_from: time | None = None
    contact_text_until: time | None = None
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

    @property
    def who(self) -> str:
        """The audit trail's actor: the staff email, or the channel's name."""
        return self.staff.email if self.staff else self.actor


@dataclass(frozen=True)
class SubmitResult:
    representation: Representation
    risk: risk.RiskResult
    alert: SafeguardingAlert | None
    notified: tuple[routing.Recipient, ...]  # whom the outbox rows are for, in order


def submit(session: Session, sub: Submission, settings: Settings) -> SubmitResult:
    """Write a representation with its stage clock, audit events and outbox rows in the session's transaction,
    and add its alert to the session (written with the caller's commit).

    Raises ``TextTooLong`` (before anything is added) when free text is over the limit, unless the screen
    finds a risk in it: the limit is for what we ask people to write, and never loses a disclosure.
    """
    words = FreeText.of(sub)
    screened = risk.screen(words.joined)  # safety first: every piece of free text, before anything else
    words.check_length(settings, screened)

    new = _new_case(session, sub, words, screened, settings)
    alert = _screen_alert(screened) if screened.is_risk else None
    team = session.get(Team, sub.team_id) if sub.team_id else None
    routed = routing.route(routing.RoutingFacts.of(new.representation, team, alert=alert), settings)

    # The writes, together at the end: on SQLite a transaction holds the one write turn from its first write
    # to its commit, and every other text waits for it (issue 14 item 11).
    rep = cases.add_case(session, new)
    if alert is not None:
        # Written with the caller's commit: the SMS channel may raise it to the level of the message that set
        # off the screen first, and an alert written now would then need an UPDATE.
        alert.representation_id = rep.id
        session.add(alert)
    # The first audit events and the outbox rows go in one statement each, not as ORM objects: a flush for
    # them at commit was a large part of a case's cost on the SMS webhook.
    events = [_submitted_event(rep, sub), *_extra_events(rep, sub)]
    if alert is not None:
        events.append(_alert_event(rep, alert))
    cases.add_case_events(session, events)
    recipients = acknowledgement_limits.within_limits(session, rep, routed, settings)
    outbox.add_rows(session, outbox_rows(rep, recipients, settings))
    return SubmitResult(rep, screened, alert, tuple(recipients))


def _submitted_event(rep: Representation, sub: Submission) -> dict[str, Any]:
    detail = f"{rep.kind.value} by {rep.submitted_by.value} via {rep.channel.value}"
    return event_row("submitted", representation=rep, staff=sub.staff, actor=sub.who, detail=detail)


def _extra_events(rep: Representation, sub: Submission) -> list[dict[str, Any]]:
    """The events the channel adds (an SMS case sent early on a risk says so)."""
    return [
        event_row(action, representation=rep, staff=sub.staff, actor=sub.who, detail=detail)
        for action, detail in sub.extra_events
    ]


def _screen_alert(screened: risk.RiskResult) -> SafeguardingAlert:
    """A safeguarding alert from the risk screen, at the level it found (its case is set when it is written)."""
    return SafeguardingAlert(
        raised_by="risk screen",
        rules="; ".join(h.rule for h in screened.hits),
        level=alert_level(screened),
        raised_at=utcnow(),
    )


def _alert_event(rep: Representation, alert: SafeguardingAlert) -> dict[str, Any]:
    """The audit line for the screen's alert: the rules it matched, never the words."""
    return event_row("safeguarding_alert_raised", representation=rep, actor="risk screen", detail=alert.rules)


def alert_level(screened: risk.RiskResult) -> AlertLevel:
    """How soon the alert must be acted on, as the screen judged it (a concern when it did not say)."""
    level = screened.level
    return AlertLevel(level) if level in {member.value for member in AlertLevel} else AlertLevel.CONCERN


def _new_case(
    session: Session, sub: Submission, words: FreeText, screened: risk.RiskResult, settings: Settings
) -> cases.NewCase:
    """The new case with its stage clock and categories, built and not yet written."""
    calendar = clock.WorkingCalendar.from_settings(settings)
    received_at = sub.received_at or utcnow()
    received_on = calendar.clock_start(received_at, settings.procedure.receipt_cut_off)
    timescales = clock.timescales_for(sub.procedure.value, settings)
    columns = {
        "reference": _unused_reference(session),
        "kind": sub.kind,
        "procedure": sub.procedure if sub.kind is Kind.COMPLAINT else Procedure.UNDECIDED,
        "channel": sub.channel,
        "received_at": received_at,
        "received_on": received_on,
        "acknowledge_by": calendar.add_working_days(received_on, timescales.acknowledge),
        "grounds_on": sub.grounds_on,
        "team_id": sub.team_id,
        "advocate_id": sub.advocate_id,
        "contact_times": words.contact_times[:500] or None,
        "contact_text_from": sub.contact_text_from,
        "contact_text_until": sub.contact_text_until,
        # A case the screen found a risk in is a safeguarding case, urgent, from its first moment.
        "safeguarding": screened.is_risk,
        "urgent": screened.is_risk,
        **case_facts(sub, words, settings),
    }
    stages = []
    if sub.kind is Kind.COMPLAINT:
        # Only complaints run a clock. Stage 1 starts on receipt; triage may move it to the corporate clock.
        respond = timescales.stages[1].respond
        stages.append(
            {"number": 1, "started_on": received_on, "due_on": calendar.add_working_days(received_on, respond)}
        )
    allowed = set(categories_for(sub.kind))
    codes = [code for code in dict.fromkeys(sub.categories) if code in allowed]
    return cases.new_case(columns, stages, codes)


def case_facts(sub: Submission, words: FreeText, settings: Settings) -> dict[str, Any]:
    """What the person told us, as the case's columns: the part of a case that later answers can change."""
    return {
        "submitted_by": sub.submitted_by,
        "language": sub.language if sub.language in settings.languages else "en",
        "what_happened": words.what_happened,
        "what_would_help": words.what_would_help,
        "service_mentioned": words.service_mentioned,
        "about_someone_else": sub.about_someone_else,
        "child_name": words.child_name[:100] or None,
        "child_agreement": sub.child_agreement,
        "child_agreement_note": words.child_agreement_note or None,
        "advocate_requested": sub.advocate_requested,
        "advocate_supported": sub.advocate_supported or sub.submitted_by is SubmittedBy.ADVOCATE,
        "contact_name": words.contact_name[:200] or None,
        "contact_phone": normalise_phone(sub.contact_phone),
        "contact_email": normalise_email(sub.contact_email),
        "safe_to_contact": sub.safe_to_contact,
        "preferred_contact": sub.preferred_contact,
        "contact_avoid": words.contact_avoid or None,
        "contact_via_advocate": sub.contact_via_advocate,
        "wants_contact": sub.wants_contact,
    }


def queue_notifications(
    session: Session,
    rep: Representation,
    recipients: Sequence[routing.Recipient],
    settings: Settings,
    *,
    dedupe_prefix: str | None = None,
) -> list[Notification]:
    """Add outbox rows for ``recipients``; the worker delivers them after the transaction commits.

    Acknowledgements past their destination's hourly limit are left out (``acknowledgement_limits``)."""
    recipients = acknowledgement_limits.within_limits(session, rep, recipients, settings)
    rows = [Notification(**row) for row in outbox_rows(rep, recipients, settings, dedupe_prefix=dedupe_prefix)]
    session.add_all(rows)
    return rows


def outbox_rows(
    rep: Representation,
    recipients: Sequence[routing.Recipient],
    settings: Settings,
    *,
    dedupe_prefix: str | None = None,
) -> list[dict[str, Any]]:
    """The outbox rows' columns for ``recipients``, due now (``queue_notifications``, and ``submit`` in one go)."""
    now = utcnow()
    give_up = now + timedelta(hours=settings.delivery.give_up_hours)
    return [
        {
            "representation_id": rep.id,
            "channel": NotificationChannel(r.channel),
            "recipient": r.address,
            "template": r.template,
            "audience": r.audience,
            "urgent": r.urgent,
            "language": rep.language if r.audience == routing.AUDIENCE_PERSON else "en",
            "next_attempt_at": now,
            "give_up_at": give_up,
            "dedupe_key": f"{dedupe_prefix}:{r.channel}:{r.address}" if dedupe_prefix else None,
        }
        for r in recipients
    ]


def _unused_reference(session: Session) -> str:
    # 31^7 (27 billion) references: a clash is vanishingly rare, but checking costs one indexed read.
    for _ in range(10):
        ref = references.new_reference()
        if not cases.reference_in_use(session, ref):
            return ref
    raise RuntimeError("could not find an unused reference")
