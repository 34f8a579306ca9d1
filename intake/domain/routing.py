"""Who is told about a representation. Pure rules, tested as a table.

Alerts carry a reference, the kind, the channel, the urgency and a link, never
the child's words or personal details (see ``templates/emails``): email and SMS
are not safe places for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from intake.config import Settings
from intake.domain.clock import in_office_hours
from intake.models.enums import CHILD_VOICES, AlertLevel, Channel, ContactMethod, Kind, SubmittedBy

# The audience of a message to the person who got in touch (not staff): the worker
# suppresses these when it is not safe to contact them, and renders them in their language.
AUDIENCE_PERSON = "the person who got in touch"


@dataclass(frozen=True)
class RoutingFacts:
    """What routing needs to know about a representation, and nothing else."""

    kind: Kind
    channel: Channel
    submitted_by: SubmittedBy
    advocate_requested: bool = False
    wants_contact: bool = False
    safeguarding: bool = False
    team_manager_email: str | None = None
    team_forwards_compliments: bool = False
    contact_phone: str | None = None
    contact_email: str | None = None
    safe_to_contact: bool | None = None
    preferred_contact: ContactMethod = ContactMethod.NONE
    contact_via_advocate: bool = False
    received_at: datetime | None = None
    # The safeguarding alert's level and when it was raised (by default, when the case arrived): immediate
    # danger raised outside office hours goes to the emergency duty team first.
    alert_level: AlertLevel = AlertLevel.CONCERN
    alert_raised_at: datetime | None = None

    @classmethod
    def of(cls, rep, team=None, *, alert=None) -> RoutingFacts:
        """The facts of a stored representation (and its team and new safeguarding alert, if it has them)."""
        return cls(
            kind=rep.kind,
            channel=rep.channel,
            submitted_by=rep.submitted_by,
            advocate_requested=rep.advocate_requested,
            wants_contact=rep.wants_contact,
            safeguarding=rep.safeguarding,
            team_manager_email=team.manager_email if team else None,
            team_forwards_compliments=bool(team and team.forward_compliments),
            contact_phone=rep.contact_phone,
            contact_email=rep.contact_email,
            safe_to_contact=rep.safe_to_contact,
            preferred_contact=rep.preferred_contact,
            contact_via_advocate=rep.contact_via_advocate,
            received_at=rep.received_at,
            alert_level=alert.level if alert is not None else AlertLevel.CONCERN,
            alert_raised_at=alert.raised_at if alert is not None else rep.received_at,
        )


@dataclass(frozen=True)
class Recipient:
    channel: str  # "email" or "sms"
    address: str
    template: str
    audience: str  # who, in words, for the staff area
    urgent: bool = False


def route(facts: RoutingFacts, settings: Settings) -> list[Recipient]:
    """Every notification a new representation needs, in a stable order."""
    out: list[Recipient] = []
    urgent = facts.safeguarding

    # Every complaint, compliment and comment reaches the complaints officer.
    who = settings.recipients
    if who.complaints_officer_email:
        out.append(Recipient("email", who.complaints_officer_email, "new_case", "complaints officer", urgent))

    # A child asking for an advocate, or an advocate submitting, is an advocacy referral (s26A).
    if who.advocacy_service_email and (facts.advocate_requested or facts.submitted_by is SubmittedBy.ADVOCATE):
        out.append(Recipient("email", who.advocacy_service_email, "advocacy_referral", "advocacy service", urgent))

    # The children's rights officer hears about children's voices, and anyone asking to be contacted.
    # With a safeguarding concern the urgent safeguarding alert (below) is that message: one, not two.
    if (facts.submitted_by in CHILD_VOICES or facts.wants_contact) and not facts.safeguarding:
        if who.rights_officer_email:
            out.append(
                Recipient("email", who.rights_officer_email, "rights_alert", "children's rights officer", urgent)
            )
        if who.rights_officer_mobile:
            out.append(
                Recipient("sms", who.rights_officer_mobile, "rights_alert_sms", "children's rights officer", urgent)
            )

    # Compliments go to the team's manager too, where the team wants them.
    if facts.kind is Kind.COMPLIMENT and facts.team_manager_email and facts.team_forwards_compliments:
        out.append(Recipient("email", facts.team_manager_email, "compliment_for_team", "team manager"))

    if facts.safeguarding:
        out.extend(safeguarding_recipients(settings, facts.alert_raised_at, facts.alert_level))

    out.extend(_young_person(facts))
    return _dedupe(out)


def safeguarding_recipients(
    settings: Settings, raised_at: datetime | None = None, level: AlertLevel | str = AlertLevel.CONCERN
) -> list[Recipient]:
    """A safeguarding alert goes to the front door (MASH) and the rights officer, marked urgent.

    Immediate danger raised outside office hours goes first to the out-of-hours emergency duty team, who can
    act tonight; the front door still gets it for the morning (rules-reference.md §8 and §10 item 47). A concern
    waits for the front door's next working day, as its act-by says.
    """
    out: list[Recipient] = []
    who = settings.recipients
    if who.out_of_hours_email and _duty_team_needed(settings, raised_at, level):
        out.append(
            Recipient(
                "email",
                who.out_of_hours_email,
                "safeguarding_alert",
                "emergency duty team (out of hours)",
                True,
            )
        )
    if who.safeguarding_email:
        out.append(Recipient("email", who.safeguarding_email, "safeguarding_alert", "safeguarding (front door)", True))
    if who.rights_officer_email:
        out.append(
            Recipient("email", who.rights_officer_email, "safeguarding_alert", "children's rights officer", True)
        )
    if who.rights_officer_mobile:
        out.append(
            Recipient("sms", who.rights_officer_mobile, "safeguarding_alert_sms", "children's rights officer", True)
        )
    return out


def _duty_team_needed(settings: Settings, raised_at: datetime | None, level: AlertLevel | str) -> bool:
    if AlertLevel(level) is not AlertLevel.IMMEDIATE or raised_at is None:
        return False
    return not in_office_hours(settings, raised_at)


def _young_person(facts: RoutingFacts) -> list[Recipient]:
    """One confirmation to the person. An SMS conversation already gave the reference in its last reply, so it
    gets no second text."""
    return person_recipients(facts, "acknowledgement", "acknowledgement_sms", text_an_sms_conversation=False)


def person_recipients(
    facts: RoutingFacts, email_template: str, sms_template: str, *, text_an_sms_conversation: bool = True
) -> list[Recipient]:
    """One message to the person who got in touch, only on a contact they gave and said is safe.

    Their preferred way first, then the other contact they gave. Contact only through an advocate means no
    direct message (staff tell the advocate). The worker still checks an SMS opt-out before sending.
    """
    if facts.safe_to_contact is not True or facts.contact_via_advocate:
        return []
    if facts.preferred_contact is ContactMethod.ADVOCATE:
        return []
    sms = (
        Recipient("sms", facts.contact_phone, sms_template, AUDIENCE_PERSON)
        if facts.contact_phone and (text_an_sms_conversation or facts.channel is not Channel.SMS)
        else None
    )
    email = Recipient("email", facts.contact_email, email_template, AUDIENCE_PERSON) if facts.contact_email else None
    order = (email, sms) if facts.preferred_contact in (ContactMethod.EMAIL, ContactMethod.PHONE) else (sms, email)
    return [r for r in order if r is not None][:1]


def _dedupe(recipients: list[Recipient]) -> list[Recipient]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in recipients:
        key = (r.channel, r.address.lower(), r.template)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
