"""What a notification may say, and nothing more.

An alert carries the reference, the kind, the channel, the urgency and a link to
the case. It never carries the child's words or personal details: email and SMS
are not safe places for them. ``message_context`` is the only place that reads a
representation for a message, and it copies only those fields, so a template
cannot leak what it was never given.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l

from intake.config import Settings
from intake.domain.routing import AUDIENCE_PERSON
from intake.models import Channel, Kind, Notification, SubmittedBy

# Templates addressed to the person who got in touch (never to staff): these are
# suppressed when it is not safe to contact them, and rendered in their language.
PERSON_TEMPLATES = frozenset(
    {"acknowledgement", "acknowledgement_sms", "staff_reply_sms", "extension_notice", "extension_notice_sms"}
    | {"pause_notice", "pause_notice_sms"}
)


class CannotRender(Exception):
    """The notification cannot be written (no such template, no words to send): retrying cannot help."""


def to_the_person(notification: Notification) -> bool:
    """Is this for the person who got in touch (a child, young person or family), rather than for staff?"""
    return notification.template in PERSON_TEMPLATES or notification.audience == AUDIENCE_PERSON


KIND_LABELS = {
    Kind.COMPLAINT: _l("complaint"),
    Kind.COMPLIMENT: _l("compliment"),
    Kind.COMMENT: _l("comment"),
}

CHANNEL_LABELS = {
    Channel.SMS: _l("text message"),
    Channel.WEBCHAT: _l("web chat"),
    Channel.WEB_FORM: _l("web form"),
    Channel.EMAIL: _l("email"),
    Channel.IN_PERSON: _l("in person"),
    Channel.LETTER: _l("letter"),
    Channel.TELEPHONE: _l("phone call"),
    Channel.NOT_KNOWN: _l("not known"),
}


def babel_locale(language: str | None) -> str:
    """The Babel locale for a language: British English, so dates read "Thursday, 5 November 2026"."""
    return "en_GB" if language in (None, "", "en") else language


def plain_date(day: date | None) -> str:
    """A date in plain words in the current language: "Thursday, 5 November 2026"."""
    return _full_date(str(get_locale()), day) if day else ""


@lru_cache(maxsize=4096)
def _full_date(locale: str, day: date) -> str:
    # Babel's date formatting is slow next to the rest of a message, and the worker writes the same few
    # due dates over and over. The locale is part of the key; the caller is inside force_locale(locale).
    return format_date(day, format="full")


@lru_cache(maxsize=256)
def _label(locale: str, labels: str, value: Any) -> str:
    table = KIND_LABELS if labels == "kind" else CHANNEL_LABELS
    return str(table[value]) if value in table else value.value


def case_url(settings: Settings, reference: str) -> str:
    return f"{settings.public_base_url}/staff/cases/{reference}"


def message_context(notification: Notification, settings: Settings) -> dict[str, Any]:
    """The values a template may use. Call inside ``force_locale`` so dates and labels are translated.

    Every value is a string, a flag or a small number: ``render_email`` relies on that (see ``_render_parts``).
    """
    rep = notification.representation
    stage = rep.current_stage
    due = stage.effective_due_on if stage is not None else None
    locale = str(get_locale())
    return {
        "reference": rep.reference,
        "kind": _label(locale, "kind", rep.kind),
        "is_complaint": rep.kind is Kind.COMPLAINT,
        "is_compliment": rep.kind is Kind.COMPLIMENT,
        "channel": _label(locale, "channel", rep.channel),
        "urgent": bool(notification.urgent),
        "case_url": case_url(settings, rep.reference),
        "referrals_url": f"{settings.public_base_url}/staff/referrals",
        "track_url": f"{settings.public_base_url}/track",
        "acknowledge_by": plain_date(rep.acknowledge_by),
        "stage_number": stage.number if stage is not None else None,
        "due_on": plain_date(due),
        # Children and young people are offered an advocate in every acknowledgement (s26A).
        "offer_advocate": rep.submitted_by is SubmittedBy.CHILD,
        "council_name": settings.council.name,
        "rights_phone": settings.council.rights_officer_phone,
        "front_door_phone": settings.council.front_door_phone,
        "out_of_hours_phone": settings.council.out_of_hours_phone,
        "ombudsman": settings.council.ombudsman_contact,
    }
