"""A disclosure in a conversation raises a safeguarding alert on its case, at the level the screen gave.

One open alert per case: a further disclosure while one is open is recorded on it, and raises its level when
it is more urgent ("concern" becomes "immediate", and the people alerted are told again). Alerts carry the
reference and the rules that fired, never the child's words.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from intake.data import cases
from intake.domain import routing
from intake.domain.audit import record_event
from intake.domain.conversation.context import EngineContext
from intake.domain.submit import queue_notifications
from intake.models import AlertLevel, Representation, SafeguardingAlert

RAISED_BY = "risk screen"


def level_of(screened_level: str | None) -> AlertLevel:
    return AlertLevel.IMMEDIATE if screened_level == AlertLevel.IMMEDIATE.value else AlertLevel.CONCERN


def raise_or_escalate(
    session: Session,
    rep: Representation,
    rules: str,
    level: AlertLevel,
    ctx: EngineContext,
    *,
    just_raised: SafeguardingAlert | None = None,
) -> SafeguardingAlert:
    """Make sure the case has an open alert at least as urgent as ``level``.

    ``just_raised`` is the alert ``submit`` made for the same message (its own screen of the story found the
    disclosure): it only needs the level.
    """
    rep.safeguarding = True
    rep.urgent = True
    if just_raised is not None:
        if level is AlertLevel.IMMEDIATE:
            just_raised.level = AlertLevel.IMMEDIATE
        return just_raised
    alert = cases.open_alert(session, rep.id)
    if alert is None:
        return _raise(session, rep, rules, level, ctx)
    if level is AlertLevel.IMMEDIATE and alert.level is not AlertLevel.IMMEDIATE:
        alert.level = AlertLevel.IMMEDIATE
        record_event(session, "safeguarding_alert_escalated", representation=rep, actor=RAISED_BY, detail=rules)
        _tell(session, rep, ctx, f"alert:{rep.id}:{alert.id}:immediate")
    else:
        record_event(session, "further_risk_disclosure", representation=rep, actor=RAISED_BY, detail=rules)
    return alert


def _raise(
    session: Session, rep: Representation, rules: str, level: AlertLevel, ctx: EngineContext
) -> SafeguardingAlert:
    alert = SafeguardingAlert(
        representation_id=rep.id, raised_by=RAISED_BY, rules=rules, level=level, raised_at=ctx.now
    )
    session.add(alert)
    record_event(session, "safeguarding_alert_raised", representation=rep, actor=RAISED_BY, detail=rules)
    _tell(session, rep, ctx, f"alert:{rep.id}:{ctx.now.strftime('%Y%m%d%H%M%S%f')}")
    return alert


def _tell(session: Session, rep: Representation, ctx: EngineContext, dedupe_prefix: str) -> None:
    recipients = routing.safeguarding_recipients(ctx.settings, ctx.now)
    queue_notifications(session, rep, recipients, ctx.settings, dedupe_prefix=dedupe_prefix)
