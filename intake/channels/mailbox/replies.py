"""An email that answers an existing case: its words on the case's timeline, its files on the case, the officer
told (reference and link only), and any disclosure in it raising an alert on that case (or raising the level of
the open one: ``intake.domain.early_case``, the same functions every channel uses).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from intake.channels.mailbox.files import keep_files
from intake.channels.mailbox.parsing import ParsedEmail
from intake.channels.mailbox.words import new_words_of_reply, words_of
from intake.config import Settings
from intake.domain import risk
from intake.domain.audit import record_event
from intake.domain.early_case import raise_further_alert, tell_the_officer
from intake.domain.sanitise import clean_text
from intake.models import MailboxMessage, Message, Representation

ACTOR = "email"
# A text this long is screened up to here; beyond it the officer is asked to read the attached whole text.
SCREEN_LIMIT = 100_000


def join_case(
    session: Session, rep: Representation, mail: ParsedEmail, settings: Settings, row: MailboxMessage
) -> None:
    words = words_of(mail, settings.max_free_text)
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
    tell_the_officer(session, rep, settings, template="case_reply", urgent=screened, dedupe=f"email-reply:{row.id}")


def screen_further_words(session: Session, rep: Representation, text: str, settings: Settings) -> bool:
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
