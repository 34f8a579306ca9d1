"""The web form journey: which questions to ask, in what order, and where answers are kept.

Answers are stored server-side in a ``FormDraft`` row; the signed session
cookie carries only the draft's random id. A 5,000-character answer in Arabic is
about 10 KB, far over the 4 KB a cookie can hold, and the words should not travel
with every request. Every page saves as soon as it is answered, so a reload or
the back button never loses anything.

Every page's words are screened as they are given (``intake.domain.form_drafts``):
a disclosure makes the case and raises the alert at once, and the next page shows
where to get help. Sending is guarded: the draft moves from "open" to "sent" with
one conditional UPDATE in the same transaction as the case. A double click, a
reload of the POST or two tabs can therefore make one case, never two.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import flash, session
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from intake.data import drafts
from intake.data.cases import case_by_reference
from intake.domain import form_drafts
from intake.extensions import db
from intake.i18n import current_language
from intake.models import FormDraft, Representation
from intake.models.base import utcnow
from intake.public import forms
from intake.settings import current_settings
from intake.transaction import committed

SESSION_KEY = "form_draft"
# The answers people type in their own words: each is screened for risk as the page is sent.
FREE_TEXT = frozenset({"what_happened", "what_would_help", "service_mentioned", "contact_name", "contact_avoid"})

# The "what happened" question, in the words that fit what they want to do.
WHAT_HAPPENED_LABELS = {
    "wrong": _l("What happened?"),
    "thanks": _l("What would you like to say thank you for?"),
    "idea": _l("What is your idea or comment?"),
    "contact": _l("What would you like to talk about?"),
}


def _is_child(a: dict) -> bool:
    return a.get("who") == "me"


@dataclass(frozen=True)
class Step:
    name: str  # the URL part: /tell-us/<name>
    form: type[forms.QuestionForm]
    fields: tuple[str, ...]  # the answers this page owns
    applies: Callable[[dict], bool] = lambda a: True


STEPS: tuple[Step, ...] = (
    Step("what", forms.KindForm, ("kind",)),
    Step("who", forms.WhoForm, ("who",)),
    Step("relationship", forms.RelationshipForm, ("relationship",), lambda a: a.get("who") == "someone_else"),
    Step("what-happened", forms.WhatHappenedForm, ("what_happened",)),
    Step("put-right", forms.PutRightForm, ("what_would_help",), lambda a: a.get("kind") == "wrong"),
    Step("service", forms.ServiceForm, ("service_mentioned",)),
    Step("advocate", forms.AdvocateForm, ("advocate",), lambda a: _is_child(a) and a.get("kind") != "thanks"),
    Step("reply", forms.ReplyForm, ("contact_name", "contact_phone", "contact_email")),
    Step(
        "safe",
        forms.SafeForm,
        ("safe", "contact_avoid"),
        lambda a: bool(a.get("contact_phone") or a.get("contact_email")),
    ),
)
STEPS_BY_NAME = {s.name: s for s in STEPS}


def steps_for(answers: dict) -> list[Step]:
    """The questions this person is asked, given what they have said so far."""
    return [s for s in STEPS if s.applies(answers)]


def is_answered(step: Step, answers: dict) -> bool:
    return all(f in answers for f in step.fields)


def first_unanswered(answers: dict) -> Step | None:
    return next((s for s in steps_for(answers) if not is_answered(s, answers)), None)


def next_step(answers: dict, current: str) -> Step | None:
    names = [s.name for s in steps_for(answers)]
    if current not in names:
        return first_unanswered(answers)
    later = steps_for(answers)[names.index(current) + 1 :]
    return later[0] if later else None


def previous_step(answers: dict, current: str) -> Step | None:
    steps = steps_for(answers)
    names = [s.name for s in steps]
    if current not in names or names.index(current) == 0:
        return None
    return steps[names.index(current) - 1]


def may_visit(step: Step, answers: dict) -> bool:
    """A question can be opened once every question before it has an answer (no skipping ahead by URL)."""
    if not step.applies(answers):
        return False
    for s in steps_for(answers):
        if s.name == step.name:
            return True
        if not is_answered(s, answers):
            return False
    return False


# --- Drafts -----------------------------------------------------------------------------------


def _lifetime() -> timedelta:
    lifetime = current_settings().security.session_seconds
    return lifetime if isinstance(lifetime, timedelta) else timedelta(seconds=int(lifetime))


def current_draft() -> FormDraft | None:
    draft_id = session.get(SESSION_KEY)
    if not draft_id:
        return None
    draft = drafts.draft_by_id(db.session, draft_id)
    if draft is None or draft.updated_at < utcnow() - _lifetime():
        return None
    return draft


def new_draft(db_session: Session) -> FormDraft:
    drafts.delete_abandoned_drafts(db_session, utcnow() - _lifetime())
    draft = drafts.add_draft(db_session, secrets.token_urlsafe(32), "web_form")
    session[SESSION_KEY] = draft.id
    session.permanent = True
    return draft


def save_answers(draft: FormDraft, values: dict[str, Any]) -> None:
    draft.answers = {**draft.answers, **values}  # a new dict, so SQLAlchemy sees the JSON change
    draft.updated_at = utcnow()


def asked(answers: dict) -> dict:
    """Only the answers to questions that still apply: a changed answer can make others moot."""
    fields = {f for s in steps_for(answers) for f in s.fields}
    return {k: v for k, v in answers.items() if k in fields}


def answer_page(step: Step, form: forms.QuestionForm, draft: FormDraft | None, valid: bool) -> FormDraft | None:
    """Save a page's answers (when valid) and screen its words (always); returns the draft, if there is one.

    A disclosure makes or updates the case at once, keeps the words with the draft even when the page is sent
    back (an answer over the length limit, say), and puts the safety panel on the page shown next. Once a
    disclosure has made the case, every later answer goes onto it as it is given.
    """
    screened, said = form_drafts.screen_words({f: form[f].data for f in step.fields if f in FREE_TEXT})
    if not (valid or screened.is_risk):
        return draft
    for attempt in (1, 2):
        try:
            with committed(db.session) as db_session:
                draft = draft or new_draft(db_session)
                if valid:
                    save_answers(draft, {f: form[f].data for f in step.fields})
                if screened.is_risk:
                    _disclosed(db_session, draft, said)
                elif draft.reference:  # a disclosure made the case earlier: staff get each answer as it comes
                    sub = form_drafts.web_form_submission(asked(draft.answers), current_language())
                    form_drafts.update_drafts_case(db_session, draft, sub, current_settings())
            break
        except form_drafts.DraftTaken:
            if attempt == 2:
                raise
            draft = current_draft()  # the other request's case is there now: this one updates it
    if screened.is_risk:
        flash(screened.level or "concern", "safety")
    return draft


def _disclosed(db_session: Session, draft: FormDraft, said: dict[str, str]) -> None:
    form_drafts.keep_disclosure(draft, said)
    sub = form_drafts.web_form_submission({**asked(draft.answers), **said}, current_language())
    form_drafts.case_for_disclosure(db_session, draft, sub, current_settings())


def send(draft: FormDraft) -> Representation | None:
    """Make the case (or finish the one a disclosure made) exactly once; None when it was already sent."""
    with committed(db.session) as db_session:
        if not drafts.claim_for_sending(db_session, draft.id):
            return None
        sub = form_drafts.web_form_submission(asked(draft.answers), current_language())
        return form_drafts.send_claimed(db_session, draft, sub, current_settings())


def representation_for(draft: FormDraft | None) -> Representation | None:
    """The case a sent draft made, for the confirmation page."""
    if draft is None or draft.state != "sent" or not draft.reference:
        return None
    return case_by_reference(db.session, draft.reference)
