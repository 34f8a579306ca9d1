"""The web form journey: which questions to ask, in what order, and where answers are kept.

Answers are stored server-side in a ``FormDraft`` row; the signed session
cookie carries only the draft's random id. A 5,000-character answer in Arabic is
about 10 KB, far over the 4 KB a cookie can hold, and the words should not travel
with every request. Every page saves as soon as it is answered, so a reload or
the back button never loses anything.

Sending is guarded: the draft moves from "open" to "sent" with one conditional
UPDATE in the same transaction as ``submit()``. A double click, a reload of the
POST or two tabs can therefore make one case, never two.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app, session
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from intake.domain.submit import Submission, SubmitResult, submit
from intake.extensions import db
from intake.models import Channel, ContactMethod, FormDraft, Kind, Representation, SubmittedBy
from intake.models.base import utcnow
from intake.public import forms

SESSION_KEY = "form_draft"

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
    form: type[forms.FlaskForm]
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
    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"]
    return lifetime if isinstance(lifetime, timedelta) else timedelta(seconds=int(lifetime))


def current_draft() -> FormDraft | None:
    draft_id = session.get(SESSION_KEY)
    if not draft_id:
        return None
    draft = db.session.get(FormDraft, draft_id)
    if draft is None or draft.updated_at < utcnow() - _lifetime():
        return None
    return draft


def new_draft() -> FormDraft:
    # Drafts nobody finished are removed once they are older than a session: a half-told story
    # on a shared phone should not wait for the next person.
    db.session.execute(delete(FormDraft).where(FormDraft.updated_at < utcnow() - _lifetime()))
    draft = FormDraft(id=secrets.token_urlsafe(32), purpose="web_form", answers={})
    db.session.add(draft)
    db.session.commit()
    session[SESSION_KEY] = draft.id
    session.permanent = True
    return draft


def save_answers(draft: FormDraft, values: dict[str, Any]) -> None:
    draft.answers = {**draft.answers, **values}  # a new dict, so SQLAlchemy sees the JSON change
    draft.updated_at = utcnow()
    db.session.commit()


def build_submission(answers: dict, language: str) -> Submission:
    """Only the answers to questions that still apply are sent: a changed answer can make others moot."""
    asked = {f for s in steps_for(answers) for f in s.fields}
    a = {k: v for k, v in answers.items() if k in asked}
    phone, email = a.get("contact_phone") or None, a.get("contact_email") or None
    safe = None if not (phone or email) else a.get("safe") == "yes"
    preferred = ContactMethod.NONE
    if safe:
        preferred = ContactMethod.SMS if phone else ContactMethod.EMAIL
    return Submission(
        kind=KINDS[a["kind"]],
        channel=Channel.WEB_FORM,
        what_happened=a["what_happened"],
        submitted_by=SubmittedBy.CHILD if a["who"] == "me" else SUBMITTERS[a["relationship"]],
        about_someone_else=a["who"] == "someone_else",
        what_would_help=a.get("what_would_help", ""),
        service_mentioned=a.get("service_mentioned", ""),
        language=language,
        contact_name=a.get("contact_name") or None,
        contact_phone=phone,
        contact_email=email,
        safe_to_contact=safe,
        preferred_contact=preferred,
        contact_avoid=a.get("contact_avoid") or None,
        wants_contact=a["kind"] == "contact",
        advocate_requested=a.get("advocate") == "yes",
        actor="web form",
    )


def send(draft: FormDraft, language: str) -> SubmitResult | None:
    """Make the case exactly once. Returns None when this draft was already sent."""
    claimed = db.session.execute(
        update(FormDraft).where(FormDraft.id == draft.id, FormDraft.state == "open").values(state="sent")
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        return None
    try:
        result = submit(db.session, build_submission(draft.answers, language), current_app.config, commit=False)
    except Exception:
        db.session.rollback()
        raise
    # The words are now in the case record; the draft keeps only the reference for the confirmation page.
    db.session.execute(
        update(FormDraft)
        .where(FormDraft.id == draft.id)
        .values(answers={}, reference=result.representation.reference, updated_at=utcnow())
    )
    db.session.commit()
    db.session.refresh(draft)
    return result


def representation_for(reference: str | None) -> Representation | None:
    if not reference:
        return None
    return db.session.scalar(select(Representation).where(Representation.reference == reference))
