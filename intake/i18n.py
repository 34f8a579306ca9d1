"""Choosing the language: ``?lang=`` (remembered for the visit), then Accept-Language, then English."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale

from intake.extensions import babel

RTL_LANGUAGES = frozenset({"ar"})
LANGUAGE_NAMES = {"en": "English", "pl": "Polski", "ar": "العربية"}


def select_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in supported:
        session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in supported:
        return remembered
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def _language_context():
        lang = current_language()
        return {
            "lang": lang,
            "text_direction": "rtl" if lang in RTL_LANGUAGES else "ltr",
            "language_names": LANGUAGE_NAMES,
            "council": {
                "name": app.config["COUNCIL_NAME"],
                "rights_phone": app.config["RIGHTS_OFFICER_PHONE"],
                "front_door_phone": app.config["FRONT_DOOR_PHONE"],
                "out_of_hours_phone": app.config["OUT_OF_HOURS_PHONE"],
            },
        }
