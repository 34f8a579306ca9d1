"""Safeguarding alerts: raising one by hand, recording what was done, and how soon that must happen.

An alert is linked to its case but runs on no complaint timescale, and never closes the complaint. How soon
a named person must act depends on its level (rules-reference.md §8; Working Together 2023):

- **immediate danger** (harm now or tonight, suicide intent, not safe to go home): raised in office hours,
  by the end of that working day (``OFFICE_CLOSES``); raised out of hours, **at once**: the emergency duty
  team is told first and acts that night, and the office records what was done by the time it next opens
  (``OFFICE_OPENS`` on the next working day);
- **concern**: by the end of the next working day; one raised at a weekend counts from the next working day,
  as a referral would.

An alert is overdue, on the list and on its case, once its act-by moment has passed with nothing recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data.alerts import alerts_for_case
from intake.domain import clock
from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError, calendar_for, given_reason
from intake.domain.routing import safeguarding_recipients
from intake.domain.submit import queue_notifications
from intake.models import AlertLevel, Representation, SafeguardingAlert, StaffUser
from intake.models.base import utcnow


@dataclass(frozen=True)
class ActBy:
    """When a named person must have recorded what they did about an alert."""

    level: AlertLevel
    at: datetime  # the moment, in Europe/London, after which the alert is overdue
    at_once: bool  # immediate danger raised out of hours: the emergency duty team acts now
    end_of_day: bool  # the deadline is the end of ``at``'s day (a concern), not a time of day

    @property
    def day(self) -> date:
        """The day it falls on (for a concern, the last day to act)."""
        return (self.at - timedelta(microseconds=1)).date() if self.end_of_day else self.at.date()


def _at(day: date, when: time) -> datetime:
    return datetime.combine(day, when, tzinfo=clock.LONDON)


def _next_opening(settings: Settings, local: datetime) -> datetime:
    """The next time the office opens after ``local`` (today, if it is a working day before opening)."""
    calendar = calendar_for(settings)
    opens = settings.procedure.office_opens
    if calendar.is_working_day(local.date()) and local.time() < opens:
        return _at(local.date(), opens)
    return _at(calendar.next_working_day(local.date()), opens)


def act_by(alert: SafeguardingAlert, settings: Settings) -> ActBy:
    raised = (alert.raised_at or utcnow()).astimezone(clock.LONDON)
    level = alert.level or AlertLevel.CONCERN
    if level is AlertLevel.IMMEDIATE:
        if clock.in_office_hours(settings, raised):
            return ActBy(level, _at(raised.date(), settings.procedure.office_closes), False, False)
        return ActBy(level, _next_opening(settings, raised), True, False)
    calendar = calendar_for(settings)
    last_day = calendar.add_working_days(calendar.clock_start(raised), 1)
    return ActBy(level, _at(last_day + timedelta(days=1), time(0)), False, True)


def alert_act_by(alert: SafeguardingAlert, settings: Settings) -> date:
    """The day by which a named person should have acted on an alert (see ``act_by`` for the moment)."""
    return act_by(alert, settings).day


def alert_is_overdue(alert: SafeguardingAlert, settings: Settings, now: datetime) -> bool:
    return alert.is_open and now > act_by(alert, settings).at


def alerts_for(session: Session, rep: Representation) -> Sequence[SafeguardingAlert]:
    return alerts_for_case(session, rep.id)


def raise_alert(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    reason: str,
    level: AlertLevel = AlertLevel.CONCERN,
    now: datetime | None = None,
) -> SafeguardingAlert:
    """A member of staff raises an alert by hand, at the level they judge. It is urgent, and it never closes the
    complaint. Out of office hours it goes to the emergency duty team first (``safeguarding_recipients``)."""
    why = given_reason(reason, "why you are worried")
    raised_at = now or utcnow()
    alert = SafeguardingAlert(
        representation_id=rep.id,
        raised_at=raised_at,
        raised_by=staff.email,
        rules="raised by staff",
        reason=why,
        level=level,
    )
    session.add(alert)
    rep.safeguarding = True
    rep.urgent = True
    session.flush()
    queue_notifications(session, rep, safeguarding_recipients(settings, raised_at, level), settings)
    record_event(
        session,
        "safeguarding_alert_raised",
        representation=rep,
        staff=staff,
        detail=f"alert {alert.id} raised by hand ({level.value})",
    )
    return alert


def _require_open(alert: SafeguardingAlert) -> None:
    if not alert.is_open:
        raise CaseworkError("Someone has already recorded what was done about this alert.")


def _record(alert: SafeguardingAlert, staff: StaffUser, action_taken: str) -> None:
    alert.action_taken = action_taken
    alert.actioned_by = staff.name or staff.email
    alert.actioned_at = utcnow()


def record_alert_action(session: Session, alert: SafeguardingAlert, staff: StaffUser, action_taken: str) -> None:
    """A named person records what they did; the alert then leaves the top of the queue."""
    _require_open(alert)
    _record(alert, staff, given_reason(action_taken, "what you did"))
    record_event(
        session,
        "safeguarding_alert_actioned",
        representation=alert.representation,
        staff=staff,
        detail=f"alert {alert.id}",
    )


def mark_false_alarm(session: Session, alert: SafeguardingAlert, staff: StaffUser, reason: str) -> None:
    """Kept, with the reason, so the screen can be tuned and the decision checked."""
    _require_open(alert)
    _record(alert, staff, "False alarm: " + given_reason(reason, "why this is a false alarm"))
    alert.false_alarm = True
    record_event(
        session,
        "safeguarding_alert_false_alarm",
        representation=alert.representation,
        staff=staff,
        detail=f"alert {alert.id}",
    )


def record_alert_view(session: Session, alert: SafeguardingAlert, staff: StaffUser) -> None:
    record_event(
        session,
        "safeguarding_alert_viewed",
        representation=alert.representation,
        staff=staff,
        detail=f"alert {alert.id}",
    )
