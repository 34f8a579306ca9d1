"""Words for GOV.UK Frontend components, translated, for every page.

GOV.UK Frontend's JavaScript has English defaults. Passing our own words keeps
the character count and "Exit this page" in the visitor's language. The
character count needs one message per plural category of the language (Polish:
one, few, many; Arabic: six), so each category is filled from ``ngettext`` with a
number that falls in it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from flask import current_app, url_for
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from markupsafe import Markup

from intake.domain.clock import in_office_hours
from intake.i18n import current_language
from intake.models.base import utcnow
from intake.public.status import kind_words
from intake.settings import current_settings

JS_COUNT = "%{count}"  # GOV.UK Frontend fills this in


@lru_cache(maxsize=8)
def _samples(language: str) -> dict[str, int]:
    """A whole number in each plural category that whole numbers reach, e.g. Polish {'one': 1, 'few': 2, 'many': 5}."""
    rule = Locale.parse(language).plural_form
    found: dict[str, int] = {}
    for n in range(0, 200):
        found.setdefault(rule(n), n)
    return found


def _plural_texts(message: Callable[[int], str], language: str) -> dict[str, str]:
    texts = {category: message(n) for category, n in _samples(language).items()}
    texts.setdefault("other", message(100))
    return texts


def character_count_texts(limit: int) -> dict:
    lang = current_language()
    return {
        "maxlength": limit,
        "charactersUnderLimitText": _plural_texts(
            lambda n: ngettext(
                "You have %(count)s character remaining", "You have %(count)s characters remaining", n, count=JS_COUNT
            ),
            lang,
        ),
        "charactersAtLimitText": _("You have no characters remaining"),
        "charactersOverLimitText": _plural_texts(
            lambda n: ngettext(
                "You have %(count)s character too many", "You have %(count)s characters too many", n, count=JS_COUNT
            ),
            lang,
        ),
        # Shown (and read out) under the box; filled in here so the number is written the local way.
        "textareaDescriptionText": ngettext(
            "You can enter up to %(count)s character",
            "You can enter up to %(count)s characters",
            limit,
            count=format_number(limit),
        ),
    }


def exit_this_page() -> dict:
    return {
        "html": Markup('<span class="govuk-visually-hidden">{}</span> {}').format(_("Emergency"), _("Exit this page")),
        "redirectUrl": "https://www.bbc.co.uk/weather",
        "activatedText": _("Loading."),
        "timedOutText": _("Exit this page expired."),
        "pressTwoMoreTimesText": _("Shift, press 2 more times to exit."),
        "pressOneMoreTimeText": _("Shift, press 1 more time to exit."),
    }


def error_list(form) -> list[dict]:
    """The error summary's links: one per field in error, to the field's own id, in page order."""
    return [{"text": field.errors[0], "href": "#" + field.id} for field in form if field.errors]


def chat_url() -> str | None:
    """The web chat's address, once the chat channel is installed."""
    return url_for("chat.index") if "chat.index" in current_app.view_functions else None


def out_of_hours() -> bool:
    """True when the council's office is closed now (Europe/London): the safety panel then gives the duty team."""
    return not in_office_hours(current_settings(), utcnow())


def template_helpers() -> dict:
    return {
        "character_count_texts": character_count_texts,
        "exit_this_page": exit_this_page,
        "error_list": error_list,
        "out_of_hours": out_of_hours,
        "chat_url": chat_url(),
        "kind_words": kind_words,
        "retention_years": current_settings().procedure.retention_years,
    }
