"""What a conversation has collected, as a ``Submission`` for ``submit`` and as the fields of a case.

Contact safety follows what they said, whatever order they said it in: "no" to texting, or "don't text
me" / "he checks my phone" when asked what to avoid, means no phone number is kept for texting and
``safe_to_contact`` is not yes for it; "only mornings" or "not after 6" becomes the case's texting window.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from intake.domain.conversation.context import EngineContext, State
from intake.domain.sanitise import normalise_email, normalise_phone
from intake.domain.submit import Submission
from intake.models import Channel, ContactMethod, Kind, SubmittedBy

ROLE_TO_SUBMITTED_BY = {
    "advocate": SubmittedBy.ADVOCATE,
    "parent": SubmittedBy.PARENT,
    "carer": SubmittedBy.CARER,
    "foster_carer": SubmittedBy.FOSTER_CARER,
    "professional": SubmittedBy.PROFESSIONAL,
    "other": SubmittedBy.OTHER,
}
KINDS = {"complaint": Kind.COMPLAINT, "compliment": Kind.COMPLIMENT, "comment": Kind.COMMENT, "contact": Kind.COMMENT}


def chosen_kind(state: State) -> Kind:
    return KINDS[state.get("kind") or "complaint"]  # a disclosure before they chose is treated as a complaint


def submission_from_state(state: State, ctx: EngineContext, address: str) -> Submission:
    """What the conversation has collected so far, as a Submission for ``submit``."""
    about = state.get("about")
    phone, email, safe = _contact(state, ctx, address)
    return Submission(
        kind=chosen_kind(state),
        channel=Channel.SMS if ctx.is_sms else Channel.WEBCHAT,
        what_happened="\n".join(state.get("story") or []),
        submitted_by=_submitted_by(state),
        what_would_help=state.get("remedy") or "",
        service_mentioned=state.get("service") or "",
        about_someone_else=about == "other",
        language=state.get("lang") or "en",
        contact_phone=phone,
        contact_email=email,
        safe_to_contact=safe,
        preferred_contact=ContactMethod.SMS if phone else ContactMethod.EMAIL if email else ContactMethod.NONE,
        contact_times=state.get("times") or None,
        contact_avoid=state.get("avoid") or None,
        wants_contact=state.get("kind") == "contact",
        advocate_requested=bool(state.get("advocate")),
        received_at=ctx.now,
        actor=ctx.actor,
    )


def texting_window(state: State) -> tuple[time | None, time | None]:
    """The daily window (Europe/London) they said texts are safe in, or (None, None)."""
    return _time(state.get("text_from")), _time(state.get("text_until"))


def case_fields(sub: Submission, state: State) -> dict[str, Any]:
    """The case's fields a conversation sets, from its submission: copied onto a case made early (on a risk)
    as later answers arrive. The free text is already clean and within the cap (the engine sees to it)."""
    text_from, text_until = texting_window(state)
    return {
        "what_happened": sub.what_happened,
        "what_would_help": sub.what_would_help,
        "service_mentioned": sub.service_mentioned,
        "submitted_by": sub.submitted_by,
        "about_someone_else": sub.about_someone_else,
        "language": sub.language,
        "contact_phone": sub.contact_phone,
        "contact_email": sub.contact_email,
        "safe_to_contact": sub.safe_to_contact,
        "preferred_contact": sub.preferred_contact,
        "contact_times": sub.contact_times,
        "contact_avoid": sub.contact_avoid,
        "contact_text_from": text_from,
        "contact_text_until": text_until,
        "wants_contact": sub.wants_contact,
        "advocate_requested": sub.advocate_requested,
    }


def _submitted_by(state: State) -> SubmittedBy:
    about = state.get("about")
    if about == "me":
        return SubmittedBy.CHILD
    if about == "other":
        return ROLE_TO_SUBMITTED_BY.get(state.get("role") or "", SubmittedBy.UNKNOWN)
    return SubmittedBy.UNKNOWN


def _contact(state: State, ctx: EngineContext, address: str) -> tuple[str | None, str | None, bool | None]:
    """(phone, email, safe to contact) from what they said."""
    contact = state.get("contact") or ""
    email = normalise_email(contact)
    no_text = bool(state.get("no_text"))
    if ctx.is_sms:
        texting_ok = state.get("safe") is True and not no_text
        phone = address if texting_ok else None
        safe = state.get("safe")
        if no_text:
            safe = False
        if safe is False and email:
            safe = True  # not this phone, but the email they gave instead
        return phone, email, safe
    phone = normalise_phone(contact) if not email else None
    if not contact:
        return None, None, None
    # By chat: a phone number followed by "don't text me" is not safe to use; an email address still is.
    return phone, email, not (no_text and phone)


def _time(value: Any) -> time | None:
    if not value:
        return None
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        return None
