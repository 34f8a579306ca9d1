"""Sending a letter: stored on the case, queued in the outbox or printed for post, recorded in the audit.

A letter is sent in the caller's transaction (the edge commits): the ``Letter`` rows, their outbox rows
(``template="letter"``), the audit events and what the letter changes on the case are stored together or not
at all. An acknowledgement letter records the acknowledgement, and a stage response records the stage's
response (its date and outcome) when none is recorded yet, through the casework rules. A closed case may
still be sent a letter, to correct one: the audit says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import letters as letter_data
from intake.domain import casework
from intake.domain.audit import record_event
from intake.domain.routing import AUDIENCE_PERSON, Recipient
from intake.domain.submit import queue_notifications
from intake.letters import contact
from intake.letters.bodies import letter_text
from intake.letters.compose import ComposedLetter, LetterDraft, LetterError, LetterProblems, compose
from intake.letters.facts import LetterFacts, facts_for, letter_language
from intake.letters.kinds import RULES, KindRules, LetterKind
from intake.models import Letter, LetterMethod, LetterRecipient, Outcome, Representation, StaffUser

AUDIENCE_ADVOCATE = "advocate"


class How(StrEnum):
    EMAIL = "email"  # to the person, and a copy to their advocate where the child agreed
    ADVOCATE = "advocate"  # only the advocate's copy (the person asked to be contacted through them)
    POST = "post"  # printed, to post to the person


@dataclass(frozen=True)
class CaseStaff:
    handler: StaffUser | None
    advocate: StaffUser | None


def staff_on(session: Session, rep: Representation) -> CaseStaff:
    return CaseStaff(
        letter_data.staff_member(session, rep.assigned_to_id), letter_data.staff_member(session, rep.advocate_id)
    )


def letter_facts(session: Session, rep: Representation, settings: Settings, today: date) -> LetterFacts:
    people = staff_on(session, rep)
    return facts_for(rep, settings, today, handler=people.handler, advocate=people.advocate)


def usable(rules: KindRules, facts: LetterFacts) -> None:
    """Refuses a kind this case cannot have now, saying what to record first."""
    if reason := rules.unavailable(facts):
        raise LetterError(str(reason))


def default_draft(rep: Representation, staff: StaffUser, kind: LetterKind, facts: LetterFacts) -> LetterDraft:
    """What the letter page starts with: their language and name, the officer's name, parts the case knows."""
    parts: dict[str, str] = {}
    stage = facts.current_stage
    if kind is LetterKind.EXTENSION and stage is not None and stage.extension_reason:
        parts["reason"] = stage.extension_reason
    if kind is LetterKind.REFUSAL and stage is not None and stage.late_request_refused:
        parts.update(refused="next_stage", reason=stage.late_request_refused)
    responded = RULES[kind].responds_to_stage
    recorded = next((s for s in rep.stages if s.number == responded and s.outcome), None) if responded else None
    if recorded is not None and recorded.outcome is not Outcome.WITHDRAWN:
        parts["outcome"] = recorded.outcome.value
    return LetterDraft(kind, letter_language(rep), rep.contact_name or "", "", staff.name or "", parts)


def preview(session: Session, rep: Representation, settings: Settings, draft: LetterDraft, today: date):
    """The letter as it stands, with markers where free parts are still to be written. Changes nothing."""
    rules = RULES[draft.kind]
    facts = letter_facts(session, rep, settings, today)
    usable(rules, facts)
    return compose(facts, draft, rules, strict=False)


def _check_route(how: How, rep: Representation, advocate: StaffUser | None, draft: LetterDraft) -> None:
    if how is How.EMAIL:
        reason = contact.email_blocked(rep, advocate)
    elif how is How.ADVOCATE:
        reason = contact.advocate_copy_blocked(rep, advocate)
    else:
        reason = contact.post_blocked(rep, advocate)
        if reason is None and not draft.address.strip():
            raise LetterProblems({"address": _("Enter their postal address to print the letter for post.")})
    if reason:
        raise LetterError(reason)


def _record_what_it_changes(session, rep, staff, settings, rules: KindRules, draft: LetterDraft, today: date) -> None:
    """The acknowledgement, or the stage response, that sending this letter is (rules-reference §10 items 11, 13)."""
    if not rep.is_open:
        return
    try:
        if rules.kind is LetterKind.ACKNOWLEDGEMENT and rep.acknowledged_on is None:
            casework.acknowledge(session, rep, staff, settings, today)
        stage = next((s for s in rep.stages if s.number == rules.responds_to_stage), None)
        if stage is not None and stage.is_open:
            casework.record_response(session, rep, staff, Outcome(draft.parts["outcome"]), today, today)
    except casework.CaseworkError as e:
        raise LetterError(str(e)) from e
    session.flush()


def _store(session, rep, staff, composed: ComposedLetter, recipient: LetterRecipient, method: LetterMethod) -> Letter:
    letter = Letter(
        representation_id=rep.id,
        kind=composed.kind,
        language=composed.language,
        recipient=recipient,
        method=method,
        content=composed.to_json(),
        body_text=letter_text(composed),
        after_closing=not rep.is_open,
        sent_by_id=staff.id,
        sent_by=staff.email,
    )
    session.add(letter)
    return letter


def _email(session, rep, settings, letter: Letter, address: str, audience: str) -> None:
    [row] = queue_notifications(session, rep, [Recipient("email", address, "letter", audience)], settings)
    row.language = letter.language
    session.flush()
    letter.notification_id = row.id


def _audit(session, rep, staff, letter: Letter, audience: str) -> None:
    how = "by email" if letter.method is LetterMethod.EMAIL else "for post"
    detail = f"{letter.kind} {how} to {audience} ({letter.language})"
    if letter.after_closing:
        detail += "; the case is closed: sent as a correction"
    action = "letter_sent" if letter.method is LetterMethod.EMAIL else "letter_printed"
    record_event(session, action, representation=rep, staff=staff, detail=detail)


def send_letter(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    draft: LetterDraft,
    how: How,
    today: date,
) -> list[Letter]:
    """Send (or print) the letter; returns the stored letters, the person's first. Refuses with the reason."""
    rules = RULES[draft.kind]
    people = staff_on(session, rep)
    facts = facts_for(rep, settings, today, handler=people.handler, advocate=people.advocate)
    usable(rules, facts)
    _check_route(how, rep, people.advocate, draft)
    compose(facts, draft, rules)  # refuses missing or overlong parts before anything changes
    _record_what_it_changes(session, rep, staff, settings, rules, draft, today)
    composed = compose(facts_for(rep, settings, today, handler=people.handler, advocate=people.advocate), draft, rules)

    sent: list[tuple[Letter, str, str | None]] = []
    if how is How.POST:
        sent.append(
            (_store(session, rep, staff, composed, LetterRecipient.PERSON, LetterMethod.POST), AUDIENCE_PERSON, None)
        )
    if how is How.EMAIL:
        person = _store(session, rep, staff, composed, LetterRecipient.PERSON, LetterMethod.EMAIL)
        sent.append((person, AUDIENCE_PERSON, rep.contact_email))
    if how is How.ADVOCATE or (how is How.EMAIL and contact.advocate_copy_blocked(rep, people.advocate) is None):
        copy = _store(session, rep, staff, composed, LetterRecipient.ADVOCATE, LetterMethod.EMAIL)
        sent.append((copy, AUDIENCE_ADVOCATE, people.advocate.email))
    session.flush()
    for letter, audience, address in sent:
        if address is not None:
            _email(session, rep, settings, letter, address, audience)
        _audit(session, rep, staff, letter, audience)
    return [letter for letter, _audience, _address in sent]


def record_reprint(session: Session, rep: Representation, staff: StaffUser, letter: Letter) -> None:
    """A stored letter downloaded again (to print or file): audited, by kind, never the words."""
    record_event(
        session, "letter_reprinted", representation=rep, staff=staff, detail=f"{letter.kind} ({letter.language})"
    )
