"""The service around the engine: status look-ups, the case the conversation makes, and its stored state.

``process_message`` never commits; the caller (the SMS webhook, the chat route) commits the conversation,
its messages and any case together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import cases
from intake.domain.audit import record_event
from intake.domain.conversation import case, words
from intake.domain.conversation.context import ConversationRecord, EngineContext, EngineResult, State
from intake.domain.conversation.engine import begin, handle
from intake.domain.conversation.reading import Reading, read
from intake.domain.conversation.steps import STEPS
from intake.domain.early_case import raise_further_alert, tell_the_officer
from intake.models import AlertLevel, Conversation, Message, Representation
from intake.models.base import utcnow


@dataclass
class ProcessResult:
    replies: list[str]
    representation: Representation | None = None
    status_lookup: bool = False
    reading: Reading | None = None


def process_message(
    session: Session,
    conversation: ConversationRecord,
    message: Reading | str | None,
    settings: Settings,
    now: datetime | None = None,
    *,
    language: str | None = None,
) -> ProcessResult:
    """Run one message through the engine and store everything it leads to (without committing).

    ``message`` is the door's ``Reading`` of it (or the text, read here)."""
    ctx = EngineContext(channel=conversation.channel, now=now or utcnow(), settings=settings, language=language)
    reading = message if isinstance(message, Reading) else read(message, teams=ctx.teams)
    state = dict(conversation.state or {})
    looked_up = _status(session, conversation, reading, state, ctx)
    if looked_up is not None:
        return looked_up
    result = handle(state, reading, ctx)
    rep = _case_after(session, conversation, result, reading, ctx)
    conversation.state = result.state  # a new dict, so the JSON column is seen as changed
    conversation.language = result.state.get("lang") or "en"
    conversation.updated_at = ctx.now
    return ProcessResult(result.replies, rep, reading=reading)


def open_webchat(session: Session, token: str, settings: Settings, language: str) -> Conversation:
    """A new web chat for this browser, with our greeting as its first messages (added, not committed)."""
    now = utcnow()
    opening = begin(EngineContext("webchat", now, settings, language=language))
    conversation = Conversation(
        channel="webchat",
        address=token,
        state=opening.state,
        language=opening.state["lang"],
        created_at=now,
        updated_at=now,
    )
    session.add(conversation)
    conversation.messages.extend(Message(direction="out", body=text) for text in opening.replies)
    return conversation


def _case_after(
    session: Session, conversation: ConversationRecord, result: EngineResult, reading: Reading, ctx: EngineContext
) -> Representation | None:
    """Make or update the case this message leads to, and record what the engine did on it."""
    state = result.state
    rep = case.current_case(session, state)
    added = False
    if result.addition is not None:
        rep = _add_to_sent_case(session, result.addition, reading, ctx)
        added = rep is not None
    elif rep is not None and not result.complete:
        case.sync(session, rep, state, ctx, conversation.address)
    if reading.is_risk and not added:
        rep = _on_risk(session, conversation, rep, reading, state, ctx)
    if result.complete:
        rep = _on_complete(session, conversation, rep, result, ctx)
    if rep is None:
        if result.aside:
            state["aside"] = [*(state.get("aside") or []), case.fingerprint(reading.words)]
        return None
    case.link_kept_aside(session, conversation, rep, state)
    for action, detail in result.events:
        record_event(session, action, representation=rep, actor=ctx.actor, detail=detail)
    return rep


def _on_risk(
    session: Session,
    conversation: ConversationRecord,
    rep: Representation | None,
    reading: Reading,
    state: State,
    ctx: EngineContext,
) -> Representation:
    """Safety first: the case exists from the first disclosure, with an alert at the screen's level."""
    if rep is None:
        sent = case.send(session, conversation, state, ctx, early=True)
        rep = sent.representation
        if sent.alert is not None:  # ``submit`` screened the story and raised it: it only needs this message's level
            if reading.level == AlertLevel.IMMEDIATE.value:
                sent.alert.level = AlertLevel.IMMEDIATE
            return rep
    raise_further_alert(session, rep, reading.risk, ctx.settings, now=ctx.now)
    return rep


def _on_complete(
    session: Session,
    conversation: ConversationRecord,
    rep: Representation | None,
    result: EngineResult,
    ctx: EngineContext,
) -> Representation:
    state = result.state
    if rep is None:
        rep = case.send(session, conversation, state, ctx, early=False).representation
    else:
        case.sync(session, rep, state, ctx, conversation.address, finishing=True)
    state.pop("case", None)
    state["sent_at"] = ctx.now.isoformat()  # they may add to it by text for a day
    result.replies.extend(words.finished_replies(state, ctx, rep.reference, rep.acknowledge_by or ctx.now.date()))
    return rep


def _add_to_sent_case(session: Session, reference: str, reading: Reading, ctx: EngineContext) -> Representation | None:
    """A child adds to a case they sent ("add: ..."): the message goes onto the case (the channel links it), the
    screen's result counts on that case as any disclosure would, and the officer is told (never the words)."""
    rep = cases.case_by_reference(session, reference)
    if rep is None:
        return None
    record_event(session, "added_by_person", representation=rep, actor=ctx.actor, detail="a message added to the case")
    if reading.is_risk:
        raise_further_alert(session, rep, reading.risk, ctx.settings, now=ctx.now)
    stamp = f"{ctx.now.strftime('%Y%m%d%H%M%S%f')}:{case.fingerprint(reading.words)[:8]}"
    tell_the_officer(
        session, rep, ctx.settings, template="case_addition", urgent=reading.is_risk, dedupe=f"added:{rep.id}:{stamp}"
    )
    return rep


def _status(
    session: Session, conversation: ConversationRecord, reading: Reading, state: State, ctx: EngineContext
) -> ProcessResult | None:
    """ "STATUS K7QM-3XPD", or a bare reference: where that case is. Never for a message the screen flagged:
    that gets the safety reply first."""
    if reading.is_risk or reading.adds is not None or state.get("adding"):  # safety first; "add: ..." is not a look-up
        return None
    at_rest = (state.get("step") or "start") in ("start", "done")  # nothing they tell us now can be taken
    lang = ctx.language or state.get("lang") or "en"
    reference = reading.reference if at_rest else reading.status_request
    if reference:
        rep = _case_for_status(session, conversation, reference)
        return ProcessResult(words.status_replies(rep, lang, ctx.settings), rep, True, reading)
    if reading.keyword != "status":
        return None
    if reading.word_count > 1:  # "STATUS" and something that is not a valid reference: as for a case not theirs
        return ProcessResult(words.status_replies(None, lang, ctx.settings), None, True, reading)
    with force_locale(lang):  # part-way through: ask for the reference, then the question they were at, again
        again = [] if at_rest else STEPS[state["step"]].ask(state, ctx)
        return ProcessResult([words.ask_for_reference(), *again], None, True, reading)


def _case_for_status(session: Session, conversation: ConversationRecord, reference: str) -> Representation | None:
    """The case, only if this address made it: its contact phone, or a case this conversation submitted."""
    rep = cases.case_by_reference(session, reference)
    if rep is None:
        return None
    if conversation.channel == "sms" and rep.contact_phone and rep.contact_phone == conversation.address:
        return rep
    if reference in ((conversation.state or {}).get("cases") or []) or conversation.representation_id == rep.id:
        return rep
    return None
