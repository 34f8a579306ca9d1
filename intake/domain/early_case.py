"""A case made early, on a disclosure, and brought up to date as the person carries on.

When the risk screen finds a disclosure part way through (an SMS conversation, a web form page, an advocate's
form that is not finished), the case is made at once from what the person has said so far, so the alert is
raised even if they never finish. Later answers update that same case, audited by field name and never by
content; a new disclosure on it raises a fresh alert unless one is still open, and raises an open alert's level
when it is more urgent. Finishing queues whatever the later answers call for (an acknowledgement to a contact
they have now said is safe, an advocacy referral). Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from sqlalchemy.orm import Session

from intake.data.cases import notification_keys, open_alert
from intake.domain import risk, routing
from intake.domain.audit import record_event
from intake.domain.free_text import FreeText
from intake.domain.submit import Submission, alert_level, case_facts, queue_notifications, raise_screen_alert
from intake.models import AlertLevel, Representation, Team
from intake.models.base import utcnow

_FREE_TEXT = frozenset(f.name for f in fields(FreeText))


def update_case(
    session: Session, rep: Representation, sub: Submission, settings: Mapping[str, Any], *, action: str
) -> list[str]:
    """Copy what ``sub`` says now onto ``rep``; returns the names of the fields that changed.

    Words that changed are screened: a disclosure among them raises an alert (or a further one). As in
    ``submit``, text over its limit is refused unless it holds a disclosure. The kind stays as it was: staff
    triage it.
    """
    words = FreeText.of(sub)
    wanted = case_facts(sub, words, settings)
    changed = [name for name, value in wanted.items() if getattr(rep, name) != value]
    new_words = replace(words, **{name: "" for name in _FREE_TEXT if name not in changed})
    screened = risk.screen(new_words.joined) if new_words.joined else None
    if screened is not None:
        new_words.check_length(settings, screened)
    for name in changed:
        setattr(rep, name, wanted[name])
    if sub.team_id and rep.team_id != sub.team_id:
        rep.team_id = sub.team_id
        changed.append("team")
    if changed:
        record_event(session, action, representation=rep, actor=sub.who, detail="fields: " + ", ".join(changed))
    if screened is not None and screened.is_risk:
        raise_further_alert(session, rep, screened, settings)
    return changed


def finish_case(
    session: Session, rep: Representation, sub: Submission, settings: Mapping[str, Any], *, action: str, done: str
) -> None:
    """The person finished: bring the case up to date, say so in the audit trail and queue what is now due."""
    update_case(session, rep, sub, settings, action=action)
    detail = "finished"
    if sub.kind is not rep.kind:
        detail += f"; they chose {sub.kind.value} (case kept as {rep.kind.value} for triage)"
    record_event(session, done, representation=rep, actor=sub.who, detail=detail)
    queue_missing_notifications(session, rep, settings)


def raise_further_alert(
    session: Session, rep: Representation, screened: risk.RiskResult, settings: Mapping[str, Any]
) -> None:
    """A new disclosure on a case that already exists: a fresh alert, unless one is still open."""
    rules = "; ".join(h.rule for h in screened.hits)
    current = open_alert(session, rep.id)
    if current is None:
        alert = raise_screen_alert(session, rep, screened)
        recipients = routing.safeguarding_recipients(settings, alert.raised_at, alert.level)
        stamp = utcnow().strftime("%Y%m%d%H%M%S%f")
        queue_notifications(session, rep, recipients, settings, dedupe_prefix=f"alert:{rep.id}:{stamp}")
        return
    rep.safeguarding = rep.urgent = True
    record_event(session, "further_risk_disclosure", representation=rep, actor="risk screen", detail=rules)
    if alert_level(screened) is AlertLevel.IMMEDIATE and current.level is not AlertLevel.IMMEDIATE:
        current.level = AlertLevel.IMMEDIATE
        record_event(session, "alert_level_raised", representation=rep, actor="risk screen", detail="to immediate")
        # Only who has not heard yet: out of office hours, the emergency duty team.
        recipients = routing.safeguarding_recipients(settings, utcnow(), current.level)
        _queue_new_recipients(session, rep, recipients, settings)


def queue_missing_notifications(session: Session, rep: Representation, settings: Mapping[str, Any]) -> None:
    """Whatever routing calls for now that was not queued before (answers given after an early case)."""
    session.flush()
    team = session.get(Team, rep.team_id) if rep.team_id else None
    _queue_new_recipients(session, rep, routing.route(routing.RoutingFacts.of(rep, team), settings), settings)


def _queue_new_recipients(
    session: Session, rep: Representation, recipients: list[routing.Recipient], settings: Mapping[str, Any]
) -> None:
    queued = notification_keys(session, rep.id)
    missing = [r for r in recipients if (r.channel, r.address.lower(), r.template) not in queued]
    queue_notifications(session, rep, missing, settings)
