"""After it is sent: HELP says what they can do now, and "add: ..." adds to the case within a day.

The words they add go onto the case as their own message (the service links it and raises or escalates an alert
if it holds a disclosure; the officer is told the reference, never the words). After a day, adding by text is
closed: they are given the number to call, or start a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from intake.domain.conversation import words
from intake.domain.conversation.context import EngineContext, EngineResult, State
from intake.domain.conversation.reading import Reading
from intake.i18n import speaking

ADD_WITHIN = timedelta(days=1)
Safety = Callable[[Reading, State, EngineContext], list[str]]


def handle(old: State, reading: Reading, ctx: EngineContext, safety: Safety) -> EngineResult | None:
    """HELP or an addition after sending; None for anything else (a new conversation starts)."""
    cases = old.get("cases") or []
    if not cases:
        return None
    reference = cases[-1]
    state = dict(old, updated_at=ctx.now.isoformat())
    adding = old.get("adding") and reading.has_words and reading.keyword is None
    state.pop("adding", None)
    with speaking(state.get("lang") or "en"):
        if reading.keyword == "help":
            return EngineResult([words.what_now(reference)], state, reading)
        if reading.adds is None and not adding:
            return None
        if not _in_time(old, ctx):
            return None if reading.is_risk else EngineResult([words.too_late_to_add(ctx.settings)], state, reading)
        if reading.adds == "":  # "add" on its own: the words come next
            state["adding"] = True
            return EngineResult([words.what_to_add()], state, reading)
        said = safety(reading, state, ctx)
        return EngineResult([*said, words.added_to(reference)], state, reading, addition=reference)


def _in_time(state: State, ctx: EngineContext) -> bool:
    try:
        sent = datetime.fromisoformat(state.get("sent_at") or "")
    except ValueError:
        return False
    return ctx.now - sent <= ADD_WITHIN
