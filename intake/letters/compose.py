"""Composing a letter: its kind's fixed parts in the letter's language, the officer's free parts as written.

``compose(facts, draft)`` returns a ``ComposedLetter``: title, letterhead, sections, sign-off, every string
final. It is what is stored on the case, emailed and printed, so all three are the same letter. With
``strict=False`` (the preview) a missing free part shows where it goes instead of refusing the letter.

The officer's words are kept as written: Unicode-normalised, control characters other than newlines removed,
bidi overrides neutralised. Markup is never stripped (``<b>`` is printed as typed and escaped in HTML).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from intake.letters.facts import LANGUAGES, LetterFacts
from intake.letters.kinds import ADDRESS_LIMIT, FREE_PART_LIMIT, NAME_LIMIT, KindRules, LetterKind, Part
from intake.letters.sections import Section, babel_locale, long_date
from intake.letters.wording import Wording


class LetterError(ValueError):
    """A letter that cannot be sent as asked, with a message that says what to do instead."""


class LetterProblems(LetterError):
    """What is wrong with the officer's parts, by field name, each message ready to show on the form."""

    def __init__(self, problems: Mapping[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = dict(problems)


@dataclass(frozen=True)
class LetterDraft:
    """What the officer chose and wrote on the letter page."""

    kind: LetterKind
    language: str = "en"
    name: str = ""
    address: str = ""
    signer: str = ""
    parts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ComposedLetter:
    kind: str
    language: str
    reference: str
    title: str
    date: str
    reference_line: str
    greeting: str
    sections: tuple[Section, ...]
    sign_off: str
    signer: str
    signer_role: str
    sender_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...]
    page_label: str

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.sections)

    @property
    def is_draft(self) -> bool:
        return any(s.missing for s in self.sections)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ComposedLetter:
        values = dict(data)
        values["sections"] = tuple(Section.from_json(s) for s in data["sections"])
        for name in ("sender_lines", "recipient_lines"):
            values[name] = tuple(data[name])
        return cls(**values)


# Bidi embeddings, overrides and isolates: neutralised so typed text cannot reorder what is printed around it.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def officer_words(text: str | None) -> str:
    """What an officer typed, kept as written; nothing that looks like markup is removed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text).translate(_BIDI_CONTROLS)
    lines = [line.rstrip() for line in text.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _too_long(text: str, limit: int) -> str:
    return _(
        "Keep this to %(limit)s characters or fewer. It has %(count)s.", limit=f"{limit:,}", count=f"{len(text):,}"
    )


def _check_part(part: Part, value: str, parts: Mapping[str, str]) -> tuple[str, bool] | None:
    """What is wrong with one part, and whether it is only that it is not written (or chosen) yet."""
    if part.is_choice:
        if value and value not in {v for v, _label in part.options}:
            return _("Choose one of the options."), False
        return (_("Choose one of the options."), True) if part.required and not value else None
    if len(value) > FREE_PART_LIMIT:
        return _too_long(value, FREE_PART_LIMIT), False
    when = part.required_when
    needed = part.required or (when is not None and parts.get(when[0]) == when[1])
    return (
        (_("Write this part of the letter: %(label)s.", label=str(part.label)), True) if needed and not value else None
    )


def _cleaned(rules: KindRules, draft: LetterDraft, strict: bool) -> dict[str, str]:
    """The draft's parts, cleaned. Refuses with every problem at once; a preview (not ``strict``) lets parts
    that are only not written yet through, to show where they go."""
    parts = {p.name: officer_words(draft.parts.get(p.name)) for p in rules.parts}
    found = {p.name: r for p in rules.parts if (r := _check_part(p, parts[p.name], parts))}
    for name, value, limit in (("name", draft.name, NAME_LIMIT), ("address", draft.address, ADDRESS_LIMIT)):
        if len(officer_words(value)) > limit:
            found[name] = (_too_long(officer_words(value), limit), False)
    if draft.language not in LANGUAGES:
        found["language"] = (_("Choose English, Polish or Arabic."), False)
    problems = {name: message for name, (message, missing) in found.items() if strict or not missing}
    if problems:
        raise LetterProblems(problems)
    return {k: (v if k not in found else "") for k, v in parts.items()}


def _check_complete(rules: KindRules, facts: LetterFacts, letter: ComposedLetter) -> None:
    """The sections the rules require must be there: never a letter that leaves out someone's rights."""
    needed = rules.needs | (rules.needs_for_child if facts.for_child else frozenset())
    missing = sorted(needed - letter.keys)
    if missing:
        raise LetterError(
            _(
                "This letter leaves out something it must say (%(missing)s), so it cannot be sent.",
                missing=", ".join(missing),
            )
        )


def compose(facts: LetterFacts, draft: LetterDraft, rules: KindRules, *, strict: bool = True) -> ComposedLetter:
    """The letter in ``draft.language``. Refuses (``LetterProblems``) when a part is missing or too long."""
    language = draft.language if draft.language in LANGUAGES else "en"
    parts = _cleaned(rules, draft, strict)  # in the officer's language: the messages are for them
    with force_locale(babel_locale(language)):
        name = officer_words(draft.name)[:NAME_LIMIT]
        address = officer_words(draft.address)[:ADDRESS_LIMIT]
        words = Wording(facts, parts, rules)
        letter = ComposedLetter(
            kind=rules.kind.value,
            language=language,
            reference=facts.reference,
            title=words.title(),
            date=long_date(facts.today),
            reference_line=_("Reference: %(reference)s", reference=facts.reference),
            greeting=_("Dear %(name)s,", name=name) if name else _("Hello,"),
            sections=tuple(words.sections()),
            sign_off=_("Best wishes,") if facts.for_child else _("Yours sincerely,"),
            signer=officer_words(draft.signer)[:NAME_LIMIT],
            signer_role=_("Complaints team, %(council)s", council=facts.council.name),
            sender_lines=(facts.council.name, *facts.council.address),
            recipient_lines=tuple(line for line in (name, *address.split("\n")) if line),
            page_label=_("Page %(page)s of %(pages)s", page="{page}", pages="{pages}"),
        )
    _check_complete(rules, facts, letter)
    return letter
