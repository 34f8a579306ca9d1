"""An email that answers an existing case: its words on the case's timeline, its files on the case, the officer
told (reference and link only), and any disclosure in it raising an alert on that case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from intake.channels.mailbox.files import keep_files
from intake.channels.mailbox.parsing import ParsedEmail
from intake.channels.mailbox.words import new_words_of_reply, words_of
from intake.data import cases
from intake.domain import risk, routing
from intake.domain.audit import record_event
from intake.domain.sanitise import clean_text
from intake.domain.submit import queue_notifications
from intake.models import AlertLevel, MailboxMessage, Message, Representation, SafeguardingAlert, StaffUser
from intake.models.base import utcnow

ACTOR = "email"
# A text this long is screened up to here; beyond it the officer is asked to read the attached whole text.
SCREEN_LIMIT = 100_000


def join_case(
    session: Session, rep: Representation, mail: ParsedEmail, settings: Mapping[str, Any], row: MailboxMessage
) -> None:
    words = words_of(mail, settings.get("MAX_FREE_TEXT", 5000))
    session.add(Message(representation_id=rep.id, direction="in", body=clean_text(words.kept), status="email"))
    files = keep_files(session, rep, mail, settings, [words.whole_text] if words.whole_text else [])
    record_event(
        session,
        "email_reply_received",
        representation=rep,
        actor=ACTOR,
        detail=f"mailbox message {row.id}, from the case's contact address; {files.describe()}",
    )
    screened = screen_further_words(session, rep, new_words_of_reply(mail), settings)
    _tell_the_officer(session, rep, settings, urgent=screened, dedupe=f"email-reply:{row.id}")


def screen_further_words(session: Session, rep: Representation, text: str, settings: Mapping[str, Any]) -> bool:
    """Screen words that arrived after (or beyond) what ``submit`` screened; a disclosure alerts on this case."""
    screened = risk.screen(text[:SCREEN_LIMIT])
    if len(text) > SCREEN_LIMIT:
        record_event(
            session,
            "email_not_fully_screened",
            representation=rep,
            actor="risk screen",
            detail=f"only the first {SCREEN_LIMIT:,} characters were screened: read the attached whole text",
        )
    if screened.is_risk:
        raise_further_alert(session, rep, screened, settings)
    return screened.is_risk


def raise_further_alert(
    session: Session, rep: Representation, screened: risk.RiskResult, settings: Mapping[str, Any]
) -> None:
    """A disclosure on a case that already exists: a fresh alert to the front door, unless one is still open (then
    the open alert's owner sees a timeline entry). ``intake.domain.conversation`` does the same for texts, in a
    private function of a module being restructured; this is the reusable one."""
    rules = "; ".join(h.rule for h in screened.hits)
    rep.safeguarding = True
    rep.urgent = True
    if cases.has_open_alert(session, rep.id):
        record_event(session, "further_risk_disclosure", representation=rep, actor="risk screen", detail=rules)
        return
    level = AlertLevel(screened.level) if screened.level else AlertLevel.CONCERN
    session.add(SafeguardingAlert(representation_id=rep.id, raised_by="risk screen", rules=rules, level=level))
    record_event(session, "safeguarding_alert_raised", representation=rep, actor="risk screen", detail=rules)
    now = utcnow()
    queue_notifications(
        session,
        rep,
        routing.safeguarding_recipients(settings, now, level),
        settings,
        dedupe_prefix=f"alert:{rep.id}:{now.strftime('%Y%m%d%H%M%S%f')}",
    )


def _tell_the_officer(
    session: Session, rep: Representation, settings: Mapping[str, Any], *, urgent: bool, dedupe: str
) -> None:
    officer = session.get(StaffUser, rep.assigned_to_id) if rep.assigned_to_id else None
    if officer is not None and officer.active:
        recipient = routing.Recipient("email", officer.email, "case_reply", "assigned officer", urgent)
    elif settings.get("COMPLAINTS_OFFICER_EMAIL"):
        recipient = routing.Recipient(
            "email", settings["COMPLAINTS_OFFICER_EMAIL"], "case_reply", "complaints officer", urgent
        )
    else:
        return
    queue_notifications(session, rep, [recipient], settings, dedupe_prefix=dedupe)
