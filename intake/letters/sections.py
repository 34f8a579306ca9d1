"""The pieces a composed letter is made of: sections of paragraphs, and dates in the letter's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date


@dataclass(frozen=True)
class Para:
    text: str
    officer: bool = False  # the officer's own words, printed exactly as written


@dataclass(frozen=True)
class Section:
    key: str
    heading: str = ""
    paragraphs: tuple[Para, ...] = ()
    missing: str = ""  # preview only: the label of a free part not written yet

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Section:
        return cls(
            key=data["key"],
            heading=data["heading"],
            paragraphs=tuple(Para(**p) for p in data["paragraphs"]),
            missing=data.get("missing", ""),
        )


def babel_locale(language: str) -> str:
    """British English for dates ("5 November 2026"); Polish and Arabic as they are."""
    return "en_GB" if language == "en" else language


def long_date(day: date) -> str:
    return format_date(day, format="long")


def due_date(day: date | None) -> str:
    return format_date(day, format="full") if day else ""


def fixed(*texts: str) -> tuple[Para, ...]:
    return tuple(Para(t) for t in texts if t)
