"""The case a conversation makes: sent early on a risk or when they confirm, and kept up to date after.

A disclosure makes the case at once with what they have said so far, so an alert exists even if they stop
texting; later answers are copied onto that same case (audited by field name, never by content), and the
answers given after it was made may need notifications it did not have (an advocacy referral, say).
Messages whose words fit no field of the case (past the cap) are linked to it, so staff see them in full.
"""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from intake.data import cases, conversations, teams
from intake.domain.conversation.context import ConversationRecord, EngineContext, State
from intake.domain.conversation.submission import case_fields, chosen_kind, submission_from_state, texting_window
from intake.domain.early_case import copy_answers, record_finished
from intake.domain.submit import SubmitResult, submit
from intake.models import Representation, Team

# How many case references one address remembers, for status look-ups.
REMEMBERED_CASES = 20


def current_case(session: Session, state: State) -> Representation | None:
    """The case already made from this conversation (after a risk), while the conversation is still going."""
    reference = state.get("case")
    return cases.case_by_reference(session, reference) if reference else None


def send(
    session: Session, conversation: ConversationRecord, state: State, ctx: EngineContext, *, early: bool
) -> SubmitResult:
    """Submit what the conversation has so far. ``early``: on a risk, before they have finished."""
    sub = submission_from_state(state, ctx, conversation.address)
    team = _named_team(session, state)  # held until ``submit`` has routed: it finds the team in the session
    sub.team_id = team.id if team is not None else None
    sub.contact_text_from, sub.contact_text_until = texting_window(state)  # in the INSERT: no UPDATE after it
    if early:
        sub.extra_events.append(("submitted_early", "risk screen hit during the conversation; later answers follow"))
    result = submit(session, sub, ctx.settings)
    rep = result.representation
    conversation.representation_id = rep.id
    if conversation.id is not None:  # the messages so far are this case's (retention purges them with it)
        conversations.link_unlinked_messages(session, conversation.id, rep.id)
    state["cases"] = [*(state.get("cases") or []), rep.reference][-REMEMBERED_CASES:]
    if early:
        state["case"] = rep.reference
    return result


def _named_team(session: Session, state: State) -> Team | None:
    """The team they named, read whole: ``submit`` routes by it (its manager, whether it hears of compliments)
    and finds it in the session while the caller holds it (the session keeps only weak references), instead of
    reading it a second time by id."""
    name = state.get("team")
    return teams.team_by_name(session, name) if name else None


def sync(
    session: Session, rep: Representation, state: State, ctx: EngineContext, address: str, *, finishing: bool = False
) -> None:
    """Copy later answers onto a case that was submitted early (``early_case``, as the web form does)."""
    values = case_fields(submission_from_state(state, ctx, address), state)
    team_id = teams.team_id_by_name(session, state.get("team"))
    copy_answers(session, rep, values, team_id=team_id, actor=ctx.actor, action="updated_from_conversation")
    if finishing:
        record_finished(
            session,
            rep,
            chosen_kind(state),
            ctx.settings,
            actor=ctx.actor,
            action="conversation_completed",
            what="conversation finished",
        )


def fingerprint(words: str) -> str:
    """Names a message kept aside without keeping its words in the conversation's state."""
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:20]


def link_kept_aside(session: Session, conversation: ConversationRecord, rep: Representation, state: State) -> None:
    """Link to the case the earlier messages whose words did not fit (they arrived before the case existed)."""
    kept = set(state.pop("aside", None) or ())
    if not kept or conversation.id is None:
        return
    messages = conversations.unlinked_inbound_messages(session, conversation.id)
    conversations.link_messages(session, (i for i, body in messages if fingerprint(body) in kept), rep.id)
