"""A case that already exists, and what arrives for it later: one set of functions for every channel.

When the risk screen finds a disclosure part way through (an SMS or web chat conversation, a web form page, an
advocate's form that is not finished), the case is made at once from what the person has said so far, so the
alert is raised even if they never finish. Later answers update that same case, audited by field name and never
by content (``copy_answers``; the web form's ``update_case`` screens the changed words first). Finishing records
it and queues whatever the later answers call for (``finish_case``, ``record_finished``,
``queue_missing_notifications``).

Words that arrive on a case afterwards (an email reply, a text that adds to a sent complaint) go through
``raise_further_alert`` when they hold a disclosure, and ``tell_the_officer`` names the case (reference and link,
never the words). The escalation rule is the same everywhere: one open alert per case; a further disclosure is
recorded on it; a more urgent one raises its level (a concern becomes immediate, never the other way) and tells
the people alerted again, at the new level. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data.cases import notification_keys, open_alert
from intake.domain import risk, routing
from intake.domain.audit import record_event
from intake.domain.free_text import FreeText
from intake.domain.submit import Submission, alert_level, case_facts, queue_notifications
from intake.models import AlertLevel, Kind, Representation, SafeguardingAlert, StaffUser, Team
from intake.models.base import utcnow

_FREE_TEXT = frozenset(f.name for f in fields(FreeText))
RAISED_BY = "risk screen"


# --------------------------------------------------------------------------------------
# Later answers onto a case made early
# --------------------------------------------------------------------------------------


def copy_answers(
    session: Session, rep: Representation, wanted: Mapping[str, Any], *, team_id: int | None, actor: str, action: str
) -> list[str]:
    """Set each of ``wanted``'s fields that differs on ``rep`` (and the team, when one is named); audit the names of
    the fields that changed, never their words. Returns those names."""
    changed = [name for name, value in wanted.items() if getattr(rep, name) != value]
    for name in changed:
        setattr(rep, name, wanted[name])
    if team_id and rep.team_id != team_id:
        rep.team_id = team_id
        changed.append("team")
    if changed:
        record_event(session, action, representation=rep, actor=actor, detail="fields: " + ", ".join(changed))
    return changed


def update_case(
    session: Session, rep: Representation, sub: Submission, settings: Settings, *, action: str
) -> list[str]:
    """Copy what the web form's ``sub`` says now onto ``rep``; returns the names of the fields that changed.

    Words that changed are screened: a disclosure among them raises an alert (or a further one). As in
    ``submit``, text over its limit is refused unless it holds a disclosure. The kind stays as it was: staff
    triage it.
    """
    words = FreeText.of(sub)
    wanted = case_facts(sub, words, settings)
    changed_words = {name for name, value in wanted.items() if getattr(rep, name) != value}
    new_words = replace(words, **{name: "" for name in _FREE_TEXT if name not in changed_words})
    screened = risk.screen(new_words.joined) if new_words.joined else None
    if screened is not None:
        new_words.check_length(settings, screened)
    changed = copy_answers(session, rep, wanted, team_id=sub.team_id, actor=sub.who, action=action)
    if screened is not None and screened.is_risk:
        raise_further_alert(session, rep, screened, settings)
    return changed


def finish_case(
    session: Session, rep: Representation, sub: Submission, settings: Settings, *, action: str, done: str
) -> None:
    """The person finished the web form: bring the case up to date, record it and queue what is now due."""
    update_case(session, rep, sub, settings, action=action)
    record_finished(session, rep, sub.kind, settings, actor=sub.who, action=done, what="finished")


def record_finished(
    session: Session,
    rep: Representation,
    chosen: Kind,
    settings: Settings,
    *,
    actor: str,
    action: str,
    what: str,
) -> None:
    """Say in the audit trail that the person finished (and what they chose, when triage kept another kind), then
    queue whatever their later answers call for."""
    detail = what
    if chosen is not rep.kind:
        detail += f"; they chose {chosen.value} (case kept as {rep.kind.value} for triage)"
    record_event(session, action, representation=rep, actor=actor, detail=detail)
    queue_missing_notifications(session, rep, settings)


def queue_missing_notifications(session: Session, rep: Representation, settings: Settings) -> None:
    """Whatever routing calls for now that was not queued before (answers given after an early case: an advocacy
    referral, an acknowledgement to a contact they have now said is safe)."""
    session.flush()
    team = session.get(Team, rep.team_id) if rep.team_id else None
    _queue_new_recipients(session, rep, routing.route(routing.RoutingFacts.of(rep, team), settings), settings)


def _queue_new_recipients(
    session: Session, rep: Representation, recipients: list[routing.Recipient], settings: Settings
) -> None:
    queued = notification_keys(session, rep.id)
    missing = [r for r in recipients if (r.channel, r.address.lower(), r.template) not in queued]
    queue_notifications(session, rep, missing, settings)


# --------------------------------------------------------------------------------------
# A disclosure on a case that already exists
# --------------------------------------------------------------------------------------


def raise_further_alert(
    session: Session,
    rep: Representation,
    screened: risk.RiskResult,
    settings: Settings,
    *,
    now: datetime | None = None,
) -> SafeguardingAlert:
    """Make sure the case has an open alert at least as urgent as this disclosure, and that the right people know.

    No open alert: a new one at the screen's level, sent to the safeguarding recipients for that level. An open
    one: the disclosure is recorded on it; if it is more urgent, the alert's level goes up and everyone is told
    again at the new level (out of office hours that brings in the emergency duty team). Never lowered.
    """
    now = now or utcnow()
    rules = "; ".join(h.rule for h in screened.hits)
    level = alert_level(screened)
    rep.safeguarding = rep.urgent = True
    current = open_alert(session, rep.id)
    if current is None:
        alert = SafeguardingAlert(
            representation_id=rep.id, raised_by=RAISED_BY, rules=rules, level=level, raised_at=now
        )
        session.add(alert)
        session.flush()
        record_event(session, "safeguarding_alert_raised", representation=rep, actor=RAISED_BY, detail=rules)
        _tell(session, rep, settings, now, level, f"alert:{rep.id}:{now.strftime('%Y%m%d%H%M%S%f')}")
        return alert
    if level is AlertLevel.IMMEDIATE and current.level is not AlertLevel.IMMEDIATE:
        current.level = AlertLevel.IMMEDIATE
        record_event(session, "safeguarding_alert_escalated", representation=rep, actor=RAISED_BY, detail=rules)
        _tell(session, rep, settings, now, level, f"alert:{rep.id}:{current.id}:immediate")
    else:
        record_event(session, "further_risk_disclosure", representation=rep, actor=RAISED_BY, detail=rules)
    return current


def _tell(
    session: Session, rep: Representation, settings: Settings, now: datetime, level: AlertLevel, dedupe: str
) -> None:
    recipients = routing.safeguarding_recipients(settings, now, level)
    queue_notifications(session, rep, recipients, settings, dedupe_prefix=dedupe)


def tell_the_officer(
    session: Session, rep: Representation, settings: Settings, *, template: str, urgent: bool, dedupe: str
) -> None:
    """Something new arrived on the case: its officer (or else the complaints officer) is told the reference and
    given the link, never the words."""
    officer = session.get(StaffUser, rep.assigned_to_id) if rep.assigned_to_id else None
    if officer is not None and officer.active:
        recipient = routing.Recipient("email", officer.email, template, "assigned officer", urgent)
    elif settings.recipients.complaints_officer_email:
        recipient = routing.Recipient(
            "email", settings.recipients.complaints_officer_email, template, "complaints officer", urgent
        )
    else:
        return
    queue_notifications(session, rep, [recipient], settings, dedupe_prefix=dedupe)
