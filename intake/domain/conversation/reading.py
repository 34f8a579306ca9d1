"""A message read once, at the door.

Every incoming text (an SMS, a web chat message) becomes one ``Reading`` before anything else looks at it:
the words as we store them, a simplified form for matching, a guess at the language, the keywords and
answers it could be, references in it, and the risk screen's result. The engine and the service consult
this one value; nothing simplifies or screens the text again.

The risk screen reads the words exactly as they arrived (it normalises for itself and sees through
zero-width and bidi characters); storage gets ``sanitise.clean_text`` of the same words. Answers that only
some questions need (which menu option, which team, what it says about texting) are worked out the first
time a step asks, from the same simplified form, and kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from intake.domain import risk
from intake.domain import understanding as u
from intake.domain.conversation.contact_instructions import ContactInstruction, read_instruction
from intake.domain.sanitise import clean_text, normalise_email, normalise_phone

# A message that is only one of these asks where a case is (or, at "status <something>", for a reference).
STATUS_WORDS = frozenset({"status", "track", "ref", "reference"})
_EMAIL_IN_TEXT = re.compile(r"[^@\s<>()\[\],;:]+@[^@\s<>()\[\],;:]+\.[^@\s<>()\[\],;:]+")
_PHONE_IN_TEXT = re.compile(r"(?<![\d+])(?:\+|00)?\d[\d ()-]{8,16}\d(?!\d)")
# Words that mean something else inside a story, so they never say what a longer message wants.
STORY_SENSE_WORDS = frozenset({"contact", "kontakt", "kontakty", "touch", "talk", "speak", "bad", "zle", "report"})
# "add: he was late again" adds to a case they sent (simplified first words).
ADD_WORDS = ("add", "dodaj", "اضف", "ضيف", "زيد")


@dataclass(frozen=True)
class Reading:
    raw: str  # exactly as it arrived
    words: str  # as we store it: sanitise.clean_text(raw)
    simple: str  # lower case, no accents or punctuation, for matching (understanding.simplify)
    risk: risk.RiskResult
    language: str | None  # "en", "pl" or "ar" when the words give it away
    keyword: str | None  # "opt_out", "opt_in", "help", "restart" or "status"
    done: str  # "only" (just "done"), "end" (ends with "thats it") or ""
    skip: bool
    yes: bool | None
    number: int | None  # a menu number ("2", "two", "٢")
    reference: str | None  # the first valid case reference anywhere in it
    status_request: str | None  # a reference asked about on its own: "STATUS K7QM-3XPD", or just the reference
    teams: tuple[str, ...] = ()  # the council's teams, to recognise which one they mean

    @property
    def has_words(self) -> bool:
        """At least one letter or digit (emoji-only and blank messages have none)."""
        return bool(self.simple)

    @property
    def word_count(self) -> int:
        return len(self.simple.split())

    @property
    def is_risk(self) -> bool:
        return self.risk.is_risk

    @property
    def level(self) -> str | None:
        """How soon a person must act: "immediate", "concern", or None."""
        return self.risk.level if self.risk.is_risk else None

    @cached_property
    def language_choice(self) -> str | None:
        return u.menu_for(u.LANGUAGE_OPTIONS).choose(self.simple)

    @cached_property
    def language_switch(self) -> str | None:
        """A language named on its own ("POLSKI", "english", "العربية"): they want to change to it. Never a number."""
        if self.number is not None or self.word_count > 2:  # asked first: they are cheaper than the menu
            return None
        return self.language_choice

    @cached_property
    def kind(self) -> str | None:
        return u.menu_for(u.KIND_OPTIONS).choose(self.simple)

    @cached_property
    def opening_kind(self) -> str | None:
        """What a longer message says they want ("i wanna complain ..."): never a bare number, and never from words
        a story uses for other things ("I missed contact with my mum" is family time, not "get in touch")."""
        simple = " ".join(word for word in self.simple.split() if word not in STORY_SENSE_WORDS)
        wanted = u.menu_for(u.KIND_OPTIONS).mentioned(simple)
        return next(iter(wanted)) if len(wanted) == 1 else None

    @cached_property
    def tells_story(self) -> bool:
        return u.has_story(self.simple)

    @cached_property
    def adds(self) -> str | None:
        """The words after "add" ("add: he was late again"), "" for "add" alone, or None if it does not start so."""
        first, _, rest = self.simple.partition(" ")
        if first not in ADD_WORDS:
            return None
        return rest

    @cached_property
    def about(self) -> str | None:
        return u.menu_for(u.ABOUT_OPTIONS).choose(self.simple)

    @cached_property
    def role(self) -> str | None:
        return u.menu_for(u.ROLE_OPTIONS).choose(self.simple)

    @cached_property
    def intents(self) -> frozenset[str]:
        """Every kind of thing they say they want, anywhere in the message ("complaint", "compliment", ...)."""
        return frozenset(u.menu_for(u.KIND_OPTIONS).mentioned(self.simple))

    @cached_property
    def team(self) -> str | None:
        return u.team_of(self.simple, self.teams)

    @cached_property
    def email(self) -> str | None:
        """An email address anywhere in it ("email me on sam@example.org please")."""
        found = _EMAIL_IN_TEXT.search(self.words)
        return normalise_email(found.group(0).rstrip(".,;:!?)")) if found else None

    @cached_property
    def phone(self) -> str | None:
        """A phone number anywhere in it ("my number is 07700 900123")."""
        if whole := normalise_phone(self.words):
            return whole
        found = _PHONE_IN_TEXT.search(self.words)
        return normalise_phone(found.group(0)) if found else None

    @cached_property
    def contact(self) -> ContactInstruction:
        """What it says about texting them: never, or only at some times."""
        return read_instruction(self.simple)


def read(raw: str | None, *, teams: tuple[str, ...] = ()) -> Reading:
    """Read one incoming message, once."""
    raw = raw or ""
    words = clean_text(raw)
    simple = u.simplify(words)
    found = u.find_reference(words)
    reference = found[0] if found else None
    return Reading(
        raw=raw,
        words=words,
        simple=simple,
        risk=risk.screen(raw) if raw.strip() else _nothing_found(),
        language=u.guess_language(words, simple),
        keyword=_keyword(raw, simple),
        done=u.done_signal_of(simple),
        skip=simple in u.SKIP_SET,
        yes=u.yes_no_of(simple),
        number=u.number_of(simple),
        reference=reference,
        status_request=reference if found and u.only_status_words(u.simplify(found[1])) else None,
        teams=teams,
    )


def _keyword(raw: str, simple: str) -> str | None:
    """A whole-message command. Only the exact (simplified) message counts, so "help me he hits me" reaches the
    flow and the safety reply instead of being swallowed as a keyword."""
    if sms := u.sms_keyword(raw):
        return sms
    if simple in u.HELP_WORDS:
        return "help"
    if simple in u.RESTART_WORDS:
        return "restart"
    if simple in STATUS_WORDS or simple.startswith("status "):
        return "status"
    return None


@lru_cache(maxsize=1)
def _nothing_found() -> risk.RiskResult:
    return risk.screen("")
