"""A form in progress (the web form, an advocate's form), screened as each answer is given.

Every Continue (or an advocate's Send that the form sends back for a fix) screens the words on that page. A
disclosure makes the case at once from the draft, with what the person has said so far (``submitted_early``,
as the SMS conversation does), and links the draft to it by its reference, so the alert is raised even if the
tab is closed and nothing is ever sent. The words that raised it are kept with the draft exactly as given
(normalised), even an answer the page sends back as too long. Sending then updates that same case instead of
making a second one. Nothing here commits; nothing here knows about Flask.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import drafts
from intake.data.cases import case_by_reference
from intake.domain import risk
from intake.domain.early_case import finish_case, update_case
from intake.domain.sanitise import clean_text
from intake.domain.submit import Submission, submit
from intake.models import Channel, ContactMethod, FormDraft, Kind, Representation, SubmittedBy
from intake.models.base import utcnow

# Where a draft keeps the words that raised an alert: a list of {"at": ISO time, "words": {field: text}}.
DISCLOSED = "disclosed"
UPDATED = "updated_from_form"
FINISHED = "form_completed"

KINDS = {"wrong": Kind.COMPLAINT, "thanks": Kind.COMPLIMENT, "idea": Kind.COMMENT, "contact": Kind.COMMENT}
SUBMITTERS = {
    "advocate": SubmittedBy.ADVOCATE,
    "parent": SubmittedBy.PARENT,
    "relative": SubmittedBy.RELATIVE,
    "carer": SubmittedBy.CARER,
    "foster_carer": SubmittedBy.FOSTER_CARER,
    "professional": SubmittedBy.PROFESSIONAL,
    "other": SubmittedBy.OTHER,
}


class DraftTaken(Exception):
    """Another request made this draft's case a moment ago; doing it again will update that case instead."""


def screen_words(words: Mapping[str, str | None]) -> tuple[risk.RiskResult, dict[str, str]]:
    """The page's free text as it will be stored, and what the risk screen finds in it."""
    given = {name: text for name, raw in words.items() if (text := clean_text(raw))}
    return risk.screen("\n".join(given.values())), given


def keep_disclosure(draft: FormDraft, words: Mapping[str, str]) -> None:
    """Keep the words that raised an alert with the draft, whatever happens to the answers later."""
    kept = [*draft.answers.get(DISCLOSED, []), {"at": utcnow().isoformat(timespec="seconds"), "words": dict(words)}]
    draft.answers = {**draft.answers, DISCLOSED: kept}  # a new dict, so SQLAlchemy sees the JSON change
    draft.updated_at = utcnow()


def update_drafts_case(
    session: Session, draft: FormDraft, sub: Submission, settings: Settings
) -> Representation | None:
    """Bring the case a disclosure made from this draft up to date with the answers since (a further alert if
    they hold a new disclosure), so staff have them even if nothing is ever sent. None if it made no case."""
    rep = case_by_reference(session, draft.reference) if draft.reference else None
    if rep is not None:
        update_case(session, rep, sub, settings, action=UPDATED)
    return rep


def case_for_disclosure(session: Session, draft: FormDraft, sub: Submission, settings: Settings) -> Representation:
    """Make the draft's case now, or bring the case it already made up to date (a further alert if need be)."""
    rep = update_drafts_case(session, draft, sub, settings)
    if rep is not None:
        return rep
    sub.extra_events.append(("submitted_early", "the risk screen found a disclosure on a form page; more may follow"))
    rep = submit(session, sub, settings).representation
    if not drafts.link_to_case(session, draft.id, rep.reference):
        raise DraftTaken(draft.id)
    return rep


def send_claimed(session: Session, draft: FormDraft, sub: Submission, settings: Settings) -> Representation:
    """Make the case for a draft just claimed for sending, or finish the one a disclosure made early.

    The words are then in the case; the draft keeps only its reference and any words that raised an alert.
    """
    rep = case_by_reference(session, draft.reference) if draft.reference else None
    if rep is not None:
        finish_case(session, rep, sub, settings, action=UPDATED, done=FINISHED)
    else:
        rep = submit(session, sub, settings).representation
        draft.reference = rep.reference
    draft.answers = {key: value for key, value in draft.answers.items() if key == DISCLOSED}
    draft.updated_at = utcnow()
    return rep


def web_form_submission(answers: Mapping[str, Any], language: str) -> Submission:
    """The web form's answers (only those to questions that still apply) as a Submission, finished or not."""
    phone, email = answers.get("contact_phone") or None, answers.get("contact_email") or None
    safe = {"yes": True, "no": False}.get(answers.get("safe", "")) if (phone or email) else None
    preferred = ContactMethod.NONE
    if safe:
        preferred = ContactMethod.SMS if phone else ContactMethod.EMAIL
    who = answers.get("who")
    return Submission(
        kind=KINDS.get(answers.get("kind", ""), Kind.COMPLAINT),  # a disclosure before they chose: a complaint
        channel=Channel.WEB_FORM,
        what_happened=answers.get("what_happened", ""),
        submitted_by=_submitted_by(who, answers.get("relationship")),
        about_someone_else=who == "someone_else",
        what_would_help=answers.get("what_would_help", ""),
        service_mentioned=answers.get("service_mentioned", ""),
        language=language,
        contact_name=answers.get("contact_name") or None,
        contact_phone=phone,
        contact_email=email,
        safe_to_contact=safe,
        preferred_contact=preferred,
        contact_avoid=answers.get("contact_avoid") or None,
        wants_contact=answers.get("kind") == "contact",
        advocate_requested=answers.get("advocate") == "yes",
        actor="web form",
    )


def _submitted_by(who: str | None, relationship: str | None) -> SubmittedBy:
    if who == "me":
        return SubmittedBy.CHILD
    if who == "someone_else":
        return SUBMITTERS.get(relationship or "", SubmittedBy.UNKNOWN)
    return SubmittedBy.UNKNOWN
