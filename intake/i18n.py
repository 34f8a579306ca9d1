"""Choosing the language: ``?lang=`` (remembered for the visit), then Accept-Language, then English.

Also the grammar Babel's formats leave to us: a date after "by" (Polish needs the genitive) and counts by Babel's
plural rules.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

import flask_babel
from babel import Locale
from babel.dates import format_date
from babel.support import NullTranslations
from flask import Flask, current_app, has_app_context, request, session
from flask_babel import force_locale, get_locale, get_translations
from markupsafe import Markup, escape

from intake.extensions import babel
from intake.settings import current_settings

RTL_LANGUAGES = frozenset({"ar"})
LANGUAGE_NAMES = {"en": "English", "pl": "Polski", "ar": "العربية"}


def select_locale() -> str:
    supported = current_settings().languages
    asked = request.args.get("lang")
    if asked in supported:
        session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in supported:
        return remembered
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


# The parts of the site a child moves through: their links, forms and redirects keep ``?lang=``.
LANGUAGE_IN_URLS = frozenset({"public", "chat"})


def keep_asked_language(endpoint: str, values: dict) -> None:
    """``?lang=`` survives every redirect, link and form on the public side: ``/tell-us?lang=ar`` redirects to the
    first question with ``?lang=ar``, and a form posted from it keeps it. Without it the language would rest on the
    session cookie alone, and a redirect answered before anything was translated never set that."""
    if "lang" in values or not request or request.blueprint not in LANGUAGE_IN_URLS:
        return
    asked = request.args.get("lang")
    if asked in current_settings().languages and endpoint.partition(".")[0] in LANGUAGE_IN_URLS:
        values["lang"] = asked


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.add_template_filter(ltr, "ltr")
    app.url_defaults(keep_asked_language)

    @app.context_processor
    def _language_context():
        lang = current_language()
        council = current_settings().council
        return {
            "lang": lang,
            "text_direction": "rtl" if lang in RTL_LANGUAGES else "ltr",
            "language_names": LANGUAGE_NAMES,
            "council": {
                "name": council.name,
                "rights_phone": council.rights_officer_phone,
                "front_door_phone": council.front_door_phone,
                "out_of_hours_phone": council.out_of_hours_phone,
            },
        }


# --------------------------------------------------------------------------------------
# Speaking one language for a while: the conversation's replies, looked up in its catalogue directly
# --------------------------------------------------------------------------------------

# The language ``speaking`` chose, with its catalogue; None outside it (``gettext`` then asks flask_babel).
_SPOKEN: ContextVar[tuple[str, NullTranslations] | None] = ContextVar("spoken", default=None)


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


# Each language's catalogue as flask_babel gave it. Its one domain (this app uses no other) keeps every catalogue it
# loads for the life of the process too; this saves finding it through ``g`` at each turn.
_CATALOGUES: dict[str, NullTranslations] = {}


def _catalogue(language: str) -> NullTranslations:
    """The catalogue for ``language``; called with the locale forced to it."""
    catalogue = _CATALOGUES.get(language)
    if catalogue is None:
        catalogue = _CATALOGUES[language] = get_translations()
    return catalogue


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """``flask_babel.force_locale(language)``, with the language's catalogue kept at hand for ``gettext`` and
    ``ngettext`` below. flask_babel finds the locale and the catalogue through Flask's ``g`` at every message
    (several microseconds each); a conversation's turn says several in one language, so it finds them once.
    Already speaking ``language``: nothing to do."""
    spoken = _SPOKEN.get()
    if spoken is not None and spoken[0] == language or not has_app_context():
        yield  # outside an app context flask_babel has no locale to force, and gives English: so do we
        return
    with force_locale(_locale(language)):
        token = _SPOKEN.set((language, _catalogue(language)))
        try:
            yield
        finally:
            _SPOKEN.reset(token)


def gettext(string: str, **variables: Any) -> str:
    """``flask_babel.gettext``, in the language ``speaking`` chose (outside it, flask_babel's own)."""
    spoken = _SPOKEN.get()
    if spoken is None:
        return flask_babel.gettext(string, **variables)
    text = spoken[1].ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """``flask_babel.ngettext``, in the language ``speaking`` chose (outside it, flask_babel's own)."""
    spoken = _SPOKEN.get()
    if spoken is None:
        return flask_babel.ngettext(singular, plural, num, **variables)
    variables.setdefault("num", num)
    return spoken[1].ungettext(singular, plural, num) % variables


def spoken_language() -> str:
    """The language ``speaking`` chose, else the current one."""
    spoken = _SPOKEN.get()
    return spoken[0] if spoken is not None else current_language()


# --------------------------------------------------------------------------------------
# Grammar: dates after "by" and counts, in each language's own forms
# --------------------------------------------------------------------------------------

# Polish puts a day after "do" ("by") in the genitive: "do czwartku, 10 grudnia". Babel already gives the month in
# the genitive ("10 grudnia"); the day names are this small table.
POLISH_DAY_GENITIVE = {
    "poniedziałek": "poniedziałku",
    "wtorek": "wtorku",
    "środa": "środy",
    "czwartek": "czwartku",
    "piątek": "piątku",
    "sobota": "soboty",
    "niedziela": "niedzieli",
}


def date_by(day: date, language: str | None = None) -> str:
    """A date as it reads after "by" in ``language`` (the current one when not given): "Thursday 10 December",
    "czwartku, 10 grudnia" (the translation says "do %(date)s"), "الخميس 10 ديسمبر"."""
    language = language or current_language()
    if language == "pl":
        weekday = format_date(day, "EEEE", locale="pl")
        return f"{POLISH_DAY_GENITIVE.get(weekday, weekday)}, {format_date(day, 'd MMMM', locale='pl')}"
    return format_date(day, "EEEE d MMMM", locale=language)


def count_days(number: int) -> str:
    """ "1 day", "2 days"; Polish "1 dzień", "2 dni", "5 dni"; Arabic's six forms: Babel's plural rules."""
    return ngettext("%(num)d day", "%(num)d days", number)


# --------------------------------------------------------------------------------------
# Right to left: numbers, references and dates that must still read left to right
# --------------------------------------------------------------------------------------


def ltr(value: object) -> Markup:
    """``{{ phone|ltr }}``: a phone number, reference or date isolated left-to-right, so on an Arabic page
    "0800 1111" does not read "1111 0800" and "K7QM-3XPD" does not read "3XPD-K7QM". Escaped like any value."""
    return Markup('<bdi dir="ltr">%s</bdi>') % escape(value)
