"""What someone told us about whether, and when, we may text them, read from their own words.

"only mornings", "not after 6", "after school", "dont text me", "he checks my phone": in English, Polish
and Arabic. Their words are always kept as they wrote them (``contact_avoid`` or ``contact_times``); this
only turns the clear ones into fields the worker and staff act on: ``no_text`` (never text this number) and
a daily window, as Europe/London times. "weekends only" is not a time of day: it is kept as words and no
window is set. Read from simplified text (``understanding.simplify``): lower case, no accents or
punctuation, Arabic letter forms unified, digits in ASCII.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

# A clock time as people text it: "6", "6pm", "6 pm", "18", "18 30" (from "18:30"), "6 30pm".
_HOUR = r"(\d{1,2})(?: ([0-5]\d))?(?: ?(am|pm))?(?!\d)"
_AT = r"(?:the |o |(?:o )?godz\w* |الساعه )?"  # "after the 6", "o godz. 18", "بعد الساعه 6"

# Parts of the day, each a window: (pattern, from hour, until hour).
_PARTS = (
    (re.compile(r"\b(?:mornings?|in the morning|rano|rankiem|przed poludniem)\b|صباح|الصبح"), 8, 12),
    (re.compile(r"\b(?:afternoons?|po poludniu)\b|بعد الظهر|العصر"), 12, 17),
    (re.compile(r"\b(?:evenings?|wieczor\w*)\b|مساء|المسا\b"), 17, 21),
)
_AFTER_SCHOOL = re.compile(r"\bafter (?:school|college)\b|\bpo szkole\b|بعد المدرسه")
SCHOOL_ENDS = 16

_NEGATION = r"(?:\b(?:not|dont|do not|never|no|nie)\b|(?:^|\s)(?:لا|ما|مش)(?=\s))"
# Each bound, most specific first; a span one pattern has read is not read again by a later one.
_BOUNDS = (
    ("between", re.compile(rf"\b(?:between|from|miedzy|od) {_AT}{_HOUR} (?:and|to|till|until|a|do) {_AT}{_HOUR}")),
    ("between", re.compile(rf"(?:بين|من) {_AT}{_HOUR} (?:و|الى|ل) ?{_AT}{_HOUR}")),
    ("from", re.compile(rf"{_NEGATION}(?: \w+){{0,3}}? (?:before|przed|قبل) {_AT}{_HOUR}")),
    ("until", re.compile(rf"{_NEGATION}(?: \w+){{0,4}}? (?:after|past|po|بعد) {_AT}{_HOUR}")),
    ("until", re.compile(rf"\b(?:before|until|till|til|przed|do)\b {_AT}{_HOUR}|قبل {_AT}{_HOUR}")),
    ("from", re.compile(rf"\b(?:after|from|past|po|od)\b {_AT}{_HOUR}|(?:بعد|من) {_AT}{_HOUR}")),
)

_NO_TEXT = re.compile(
    r"\b(?:dont|do not|never|no|not|stop)\b(?: \w+){0,2}? (?:text|txt|texts|texting|message|messages|msg|sms)\b"
    r"|\bnot (?:by|on) (?:text|this number|this phone)\b|\bonly (?:by )?e ?mail\b"
    r"|\bnie (?:pisz|pisac|wysyl|smsuj|kontaktuj)\w*|\b(?:bez|zadnych) (?:smsow|sms|wiadomosci)\b"
    r"|(?:لا|ما|مش) ?(?:ترسل|تراسل|تبعت|تكتب|تبعث)\w*|بدون رسائل"
)
# Someone else reads their texts: texting them may tell that person what they told us.
_MONITORED = re.compile(
    r"\b(?:checks?|reads?|looks? at|goes through|go through|sees?|watches|takes?|has) (?:my|me) "
    r"(?:phone|texts|messages|mobile|fone|sms)\b|\b(?:share|shared|sharing) (?:a |my |the )?phone\b"
    r"|\bnot my (?:own )?phone\b|\b(?:mums|dads|carers|nans|brothers|sisters|foster carers) phone\b"
    r"|\b(?:sprawdza|czyta|przeglada|zabiera)\w* (?:mi |moj |moje )?(?:telefon|smsy|wiadomosci|komorke)\b"
    r"|(?:يفتش|يفتح|يقرا|يشوف|يراقب|تفتش|تقرا|تشوف|تراقب)\w* (?:تلفوني|جوالي|موبايلي|رسائلي|هاتفي)"
)
# Days and other times we cannot turn into a daily window: kept as words.
_WHEN_WORDS = re.compile(
    r"\b(?:weekends?|weekdays?|saturdays?|sundays?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?"
    r"|school days?|holidays?|weekend\w*|sobot\w*|niedziel\w*|poniedzialk\w*|wtork\w*|srod\w*|czwartk\w*"
    r"|piatk\w*)\b|نهايه الاسبوع|الويكند|السبت|الجمعه|الاحد"
)


@dataclass(frozen=True)
class ContactInstruction:
    """What a message says about texting: never, or only inside a daily window (Europe/London)."""

    no_text: bool = False
    text_from: time | None = None
    text_until: time | None = None
    monitored: bool = False  # someone else reads their texts
    mentions_when: bool = False  # a day or time we keep only as words ("weekends only")

    @property
    def has_window(self) -> bool:
        return self.text_from is not None or self.text_until is not None

    @property
    def says_anything(self) -> bool:
        return self.no_text or self.has_window or self.monitored or self.mentions_when


NOTHING = ContactInstruction()


def read_instruction(simple: str) -> ContactInstruction:
    """The instruction in a simplified message about contact (the answer to "anything we should avoid?")."""
    if not simple:
        return NOTHING
    froms, untils = _bounds(simple)
    monitored = _MONITORED.search(simple) is not None
    text_from = max(froms, default=None)
    text_until = min(untils, default=None)
    if text_from is not None and text_until is not None and text_from >= text_until:
        text_from = text_until = None  # "after 6 and before 4": unclear, so keep only their words
    has_window = text_from is not None or text_until is not None
    # A window says when texting is fine, so "dont text after 6 he checks my phone" is a window, not "never".
    no_text = not has_window and (monitored or _NO_TEXT.search(simple) is not None)
    return ContactInstruction(
        no_text=no_text,
        text_from=text_from,
        text_until=text_until,
        monitored=monitored,
        mentions_when=_WHEN_WORDS.search(simple) is not None,
    )


def _bounds(simple: str) -> tuple[list[time], list[time]]:
    froms: list[time] = []
    untils: list[time] = []
    for pattern, start, end in _PARTS:
        if pattern.search(simple):
            froms.append(time(start))
            untils.append(time(end))
    if _AFTER_SCHOOL.search(simple):
        froms.append(time(SCHOOL_ENDS))
    taken: list[tuple[int, int]] = []
    for kind, pattern in _BOUNDS:
        for match in pattern.finditer(simple):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            _add_bound(kind, _times_in(match.groups()), froms, untils)
    return froms, untils


def _times_in(groups: tuple[str | None, ...]) -> list[tuple[str | None, ...]]:
    """The (hour, minute, am/pm) groups a match filled in; a pattern with alternatives leaves the rest empty."""
    return [groups[i : i + 3] for i in range(0, len(groups), 3) if groups[i] is not None]


def _add_bound(kind: str, times: list[tuple[str | None, ...]], froms: list[time], untils: list[time]) -> None:
    """Record the bound a matched pattern gives: one time, or two for "between"."""
    first = _clock(*times[0], lower=kind != "until")
    if kind == "between":
        second = _clock(*times[1], lower=False, after=first) if first is not None else None
        if first is not None and second is not None:
            froms.append(first)
            untils.append(second)
    elif first is not None:
        (froms if kind == "from" else untils).append(first)


def _clock(
    hour_text: str | None, minute_text: str | None, half: str | None, *, lower: bool, after: time | None = None
) -> time | None:
    """The time someone meant. A bare hour is read the way texting times are usually meant: "after 6" is
    18:00 and "not after 9" is 21:00, but "not before 9" is 09:00 (see ``_bare_hour``)."""
    if hour_text is None:
        return None
    hour, minute = int(hour_text), int(minute_text or 0)
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    elif half is None and hour <= 12:
        hour = _bare_hour(hour, lower=lower, after=after)
    return time(hour, minute) if hour <= 23 else None


def _bare_hour(hour: int, *, lower: bool, after: time | None) -> int:
    if after is not None:  # the end of "between 4 and 7": the first time after the start
        return hour if hour > after.hour or hour == 12 else hour + 12
    if lower:  # "after 6" (18:00), "not before 9" (09:00)
        return hour + 12 if 1 <= hour <= 7 else hour
    return hour + 12 if 1 <= hour <= 11 else hour  # "not after 9", "before 6": evenings
