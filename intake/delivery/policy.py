"""What the worker may send, and when: backoff after a failure, suppression, quiet hours, the texting window.

Pure rules over plain values (no database, no Flask), so each is tested at its edges.

- **Backoff**: exponential with "equal jitter" after each transient failure.
- **Suppression** (never sent, not a failure): the person did not say it is safe to contact them, asked to
  be contacted only through their advocate, or the number opted out of texts (STOP).
- **Quiet hours** (``QUIET_HOURS``, default 20:00-08:00 Europe/London) and **the person's texting window**
  (``Representation.contact_text_from`` / ``contact_text_until``, from what they said: "only mornings",
  "not after 6"): a text to the person who got in touch waits until both allow it. Waiting is not failing.
  Texts to staff are never held, and neither is an urgent text (a safety reply sent through the outbox):
  safety comes first. If the two never meet (a window that lies wholly inside quiet hours), the person's own
  word wins: they told us when a text is safe.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from itertools import product
from zoneinfo import ZoneInfo

from intake.delivery.content import to_the_person
from intake.domain.sanitise import normalise_phone
from intake.models import Notification, NotificationChannel, Representation

LONDON = ZoneInfo("Europe/London")


def backoff(attempts: int, base: float, cap: float, rng: Callable[[float, float], float] = random.uniform) -> float:
    """Seconds to wait after the ``attempts``-th failure: exponential, capped, with "equal jitter".

    Half the delay is fixed and half random, so retries spread out (no thundering
    herd when a mail server comes back) but never come back immediately.
    """
    delay = min(cap, base * (2 ** max(0, attempts - 1)))
    return delay / 2 + rng(0, delay / 2)


def suppression_reason(n: Notification, rep: Representation, opted_out: set[str]) -> str | None:
    """Why this notification must never be sent, or None. Read when it is claimed, so a late change counts."""
    if to_the_person(n):
        if rep.safe_to_contact is not True:
            return "not sent: they did not say it is safe to contact them"
        if rep.contact_via_advocate:
            return "not sent: contact only through their advocate"
    if n.channel is NotificationChannel.SMS and sms_number(n.recipient) in opted_out:
        return "not sent: the number has opted out of texts (STOP)"
    return None


def sms_number(recipient: str) -> str:
    """The number as the opt-out list keeps it (E.164), or as written if it is not one."""
    return normalise_phone(recipient) or recipient


@dataclass(frozen=True)
class Span:
    """A stretch of each day in Europe/London, ``start`` included and ``end`` not; it may cross midnight.

    ``None`` for ``start`` means from midnight; ``None`` for ``end`` means until midnight.
    """

    start: time | None
    end: time | None

    def contains(self, moment: time) -> bool:
        start = self.start or time.min
        if self.end is None:
            return moment >= start
        if start <= self.end:
            return start <= moment < self.end
        return moment >= start or moment < self.end


def texting_window(rep: Representation) -> Span | None:
    """When the person said texts are safe, or None if they said nothing about the time of day."""
    if rep.contact_text_from is None and rep.contact_text_until is None:
        return None
    return Span(rep.contact_text_from, rep.contact_text_until)


def text_held_until(
    n: Notification, rep: Representation, now: datetime, quiet_hours: tuple[time, time] | None
) -> datetime | None:
    """When a text may go, if not now: quiet hours and the person's window apply to texts to the person only."""
    if n.channel is not NotificationChannel.SMS or n.urgent or not to_the_person(n):
        return None
    quiet = Span(*quiet_hours) if quiet_hours else None
    return next_allowed(now, quiet, texting_window(rep))


def next_allowed(now: datetime, quiet: Span | None, window: Span | None) -> datetime | None:
    """The first moment (UTC) at or after ``now`` outside ``quiet`` and inside ``window``; None if it is now."""
    rules: list[Callable[[time], bool]] = []
    starts = {time.min}
    if quiet is not None:
        rules.append(lambda t: not quiet.contains(t))
        starts.add(quiet.end or time.min)
    if window is not None:
        rules.append(window.contains)
        starts.add(window.start or time.min)
    if not rules:
        return None
    allowed = _first_allowed(now, rules, starts)
    if allowed is None and window is not None:
        allowed = _first_allowed(now, [window.contains], starts)  # they never meet: the person's word wins
    return None if allowed is None or allowed <= now else allowed


def _first_allowed(now: datetime, rules: list[Callable[[time], bool]], starts: Iterable[time]) -> datetime | None:
    """``now`` if every rule allows it, else the earliest allowed start of a stretch in the next two days.

    Every allowed stretch begins at one of ``starts`` (the end of quiet hours, the start of the window, or
    midnight), so only those moments need checking, each on both sides of a clock change. Each is read back
    through the time zone: a start that does not exist on the night the clocks go forward (01:30) is read on
    the old clock (02:30 BST), and a start that happens twice when they go back counts both times.
    """
    local = now.astimezone(LONDON)
    if all(rule(local.time()) for rule in rules):
        return now
    found = []
    for days in range(3):
        day = local.date() + timedelta(days=days)
        for start, fold in product(starts, (0, 1)):  # fold 1: the second 01:30 on the night the clocks go back
            at = datetime.combine(day, start, tzinfo=LONDON).replace(fold=fold).astimezone(UTC)
            wall = at.astimezone(LONDON).time()
            if at > now and all(rule(wall) for rule in rules):
                found.append(at)
    return min(found, default=None)
