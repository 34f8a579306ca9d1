"""Where a case is, in plain words: for tracking, the confirmation page and advocates' list.

Staff words ("stage 1 local resolution", "acknowledged") become what a child
would say: what is happening, the next date, and what that date means.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from intake.i18n import current_language
from intake.models import Kind, Representation, Status
from intake.settings import current_settings


@dataclass(frozen=True)
class PlainStatus:
    headline: str  # what is happening now
    next_date: date | None
    meaning: str  # what the next date means, or what they can do next

    @property
    def next_date_words(self) -> str:
        return plain_date(self.next_date)


def plain_date(day: date | None) -> str:
    """A date in words: "Monday 16 November 2026" (British order in English; each language's own elsewhere)."""
    if day is None:
        return ""
    return format_date(day, format="EEEE d MMMM y" if current_language() == "en" else "full")


def _stage_name(number: int) -> str:
    # Literal gettext calls, so extraction sees each one.
    if number == 1:
        return _("Stage 1: we are trying to sort it out")
    if number == 2:
        return _("Stage 2: someone independent is looking into it")
    return _("Stage 3: a panel is looking at it again")


def plain_status(rep: Representation) -> PlainStatus:
    phone = current_settings().council.rights_officer_phone
    if rep.status is Status.WITHDRAWN:
        return PlainStatus(_("Stopped"), None, _("You asked us to stop, so we have stopped looking at this."))
    if rep.status is Status.CLOSED:
        return PlainStatus(
            _("Finished"),
            None,
            _(
                "We have finished looking at this. If you are not happy with our answer, "
                "call the children's rights officer free on %(phone)s.",
                phone=phone,
            ),
        )
    if rep.status is Status.PAUSED:
        return PlainStatus(
            _("On hold"),
            None,
            _(
                "We have put this on hold while something else happens first, like a court case. "
                "We will tell you when we start again."
            ),
        )
    if rep.kind is not Kind.COMPLAINT:
        if rep.status is Status.NEW:
            return PlainStatus(
                _("We have got it"), rep.acknowledge_by, _("We will read it and pass it on by this date.")
            )
        return PlainStatus(_("We have read it"), None, _("We have passed it on to the people it is about."))
    stage = rep.current_stage
    if rep.status is Status.NEW:
        return PlainStatus(
            _("We have got it"),
            rep.acknowledge_by,
            _("Someone will read it and tell you who is dealing with it by this date."),
        )
    if stage is None:
        return PlainStatus(_("We are looking at it"), None, _("We will tell you what happens next."))
    if stage.responded_on:
        return PlainStatus(
            _stage_name(stage.number),
            None,
            _("We have sent you our answer. If you are not happy with it, you can ask us to look at it again."),
        )
    return PlainStatus(
        _stage_name(stage.number), stage.effective_due_on, _("We aim to give you our answer by this date.")
    )


def kind_words(kind: Kind) -> str:
    if kind is Kind.COMPLAINT:
        return _("Something is wrong")
    if kind is Kind.COMPLIMENT:
        return _("A thank you")
    return _("An idea or comment")
