"""The engine: the stored state and one message's ``Reading`` in, the replies and the next state out.

Pure: no request, no database, no clock of its own (``EngineContext.now``). Replies are made under
``intake.i18n.speaking`` (``flask_babel.force_locale`` underneath), so an app context is enough (a request, a CLI
command or a worker).

Safety first: a message the screen flags gets the safety reply before anything else, whatever step it
arrives at, and its words are never lost: kept in the answer they were given as, else added to the story,
else (past the cap) marked to be kept beside the case in full.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from intake.domain import clock
from intake.domain.conversation import after_sending, words
from intake.domain.conversation.context import EngineContext, EngineResult, State
from intake.domain.conversation.opening import open_with, switch_language
from intake.domain.conversation.reading import Reading, read
from intake.domain.conversation.steps import STEPS, Step, next_step, story_with
from intake.i18n import speaking

# Kept when a finished conversation starts again: the cases this address has made (for status look-ups) and
# their language.
CARRIED = ("cases", "lang", "lang_known", "lang_chosen")
# Kept on "start again" part-way: the same sitting, so they are not given the full safety reply twice.
CARRIED_ON_RESTART = (*CARRIED, "told", "noted")


def begin(
    ctx: EngineContext, carried: Mapping[str, Any] | None = None, *, keep: tuple[str, ...] = CARRIED
) -> EngineResult:
    """A fresh conversation: the greeting, then the language (SMS, unless we know it) or what they want."""
    state: State = {k: v for k, v in (carried or {}).items() if k in keep}
    if ctx.language and not state.get("lang_chosen"):
        state["lang"] = ctx.language
    state.setdefault("lang", "en")
    state["step"] = "kind" if ctx.language or state.get("lang_known") else "language"
    state.update(story=[], unclear=0, updated_at=ctx.now.isoformat())
    with speaking(state["lang"]):
        replies = [words.greeting(ctx.settings), *STEPS[state["step"]].ask(state, ctx)]
    return EngineResult(replies, state)


def handle(state: Mapping[str, Any] | None, message: Reading | str | None, ctx: EngineContext) -> EngineResult:
    """One incoming message: the replies and the next state. ``state`` itself is never changed."""
    reading = message if isinstance(message, Reading) else read(message, teams=ctx.teams)
    old = dict(state or {})
    step = old.get("step") or "start"
    if old.pop("confirm_restart", None):  # they were asked "start again and lose it?"
        if reading.yes is True or reading.keyword == "restart":
            return _finish(_start_over(old, step, reading, ctx, restart=True))
        if reading.yes is False:
            return _finish(_carry_on(old, step, reading, ctx, kept=True))
    if reading.keyword == "restart" and step in STEPS and old.get("story"):
        return _finish(_ask_before_restart(old, reading, ctx))
    if step == "done" and reading.keyword != "restart":
        after = after_sending.handle(old, reading, ctx, _safety)
        if after is not None:
            return _finish(after)
    if step not in STEPS or reading.keyword == "restart":
        return _finish(_start_over(old, step, reading, ctx, restart=reading.keyword == "restart"))
    return _finish(_carry_on(old, step, reading, ctx))


def _carry_on(old: State, step: str, reading: Reading, ctx: EngineContext, *, kept: bool = False) -> EngineResult:
    """The message answers the step they are at (``kept``: they said NO to starting again, so ask it again)."""
    new = dict(old, story=list(old.get("story") or []), updated_at=ctx.now.isoformat())
    if ctx.language and not new.get("lang_chosen"):
        new["lang"] = ctx.language
    switched = switch_language(reading, new, step, ctx)
    with speaking(new.get("lang") or "en"):
        safety = _safety(reading, new, ctx)
        if kept or switched.only:
            said = [words.kept_it()] if kept else switched.replies
            result = EngineResult([*said, *STEPS[step].ask(new, ctx)], new, reading)
        else:
            result = _turn(STEPS[step], reading, old, new, ctx)
            result.replies[:0] = switched.replies
    result.replies[:0] = safety
    return result


def _ask_before_restart(old: State, reading: Reading, ctx: EngineContext) -> EngineResult:
    """ "start again" with a story written: ask first, so a slip never loses it."""
    new = dict(old, confirm_restart=True, updated_at=ctx.now.isoformat())
    with speaking(new.get("lang") or "en"):
        return EngineResult([words.sure_to_start_again()], new, reading)


def _start_over(old: State, step: str, reading: Reading, ctx: EngineContext, *, restart: bool) -> EngineResult:
    if not restart:  # a new message after the last one was sent (or the very first): read what it says
        return open_with(old, reading, ctx, keep=CARRIED, safety=_safety, keep_in_story=_keep_in_story)
    restarting = step in STEPS  # "start again" part-way, rather than after the last one was sent
    result = begin(ctx, carried=old, keep=CARRIED_ON_RESTART if restarting else CARRIED)
    result.reading = reading
    with speaking(result.state["lang"]):
        safety = _safety(reading, result.state, ctx)
        if restarting:
            result.replies.insert(0, words.starting_again())
    result.replies[:0] = safety
    return result


def _turn(step: Step, reading: Reading, old: State, new: State, ctx: EngineContext) -> EngineResult:
    if _is_idle(old, ctx):
        aside = False
        if reading.is_risk or step.name == "story" and reading.words:
            aside = not _keep_in_story(new, reading, ctx)
        return EngineResult([words.welcome_back(), *step.ask(new, ctx)], new, reading, aside=aside)
    if reading.keyword == "help":
        return EngineResult([words.help_text(ctx.settings), *step.ask(new, ctx)], new, reading)
    if not reading.has_words:
        return EngineResult([words.no_words(), *step.ask(new, ctx)], new, reading)
    return _answer(step, reading, new, ctx)


def _answer(step: Step, reading: Reading, state: State, ctx: EngineContext) -> EngineResult:
    outcome = step.parse(reading, state, ctx)
    if outcome is None:
        return _unclear(step, reading, state, ctx)
    state["unclear"] = 0
    state.update(outcome.updates)
    aside = outcome.aside
    if reading.is_risk and not outcome.kept:  # a disclosure in answer to a menu: it belongs with the story
        aside = not _keep_in_story(state, reading, ctx) or aside
    if outcome.stay is not None:
        stay = [outcome.stay] if isinstance(outcome.stay, str) else list(outcome.stay)
        return EngineResult(stay, state, reading, aside=aside)
    if outcome.complete:
        state["step"] = "done"
        return EngineResult([], state, reading, complete=True, aside=aside)
    state["step"] = next_step(step.name, state, ctx)
    with speaking(state.get("lang") or "en"):
        replies = STEPS[state["step"]].ask(state, ctx)
    return EngineResult(replies, state, reading, aside=aside)


def _unclear(step: Step, reading: Reading, state: State, ctx: EngineContext) -> EngineResult:
    aside = reading.is_risk and not _keep_in_story(state, reading, ctx)  # never lose a disclosure
    if reading.is_risk:
        # They told us something serious, not a wrong answer: the safety reply has gone first, and "Sorry, I
        # didn't get that" would read as if we had not heard it. The question comes again, without the apology.
        with speaking(state.get("lang") or "en"):
            return EngineResult(step.ask(state, ctx), state, reading, aside=aside)
    state["unclear"] = int(state.get("unclear") or 0) + 1
    if state["unclear"] >= 2:
        state["unclear"] = 0
        return EngineResult([words.stuck(ctx.settings), *step.ask(state, ctx)], state, reading, aside=aside)
    return EngineResult([step.reask(state, ctx)], state, reading, aside=aside)


def _keep_in_story(state: State, reading: Reading, ctx: EngineContext) -> bool:
    """Add the message to the story if it fits under the cap. False means it must be kept aside instead."""
    story = story_with(state, reading.words, ctx.limit)
    if story is None:
        return False
    state["story"] = story
    return True


def _safety(reading: Reading, state: State, ctx: EngineContext) -> list[str]:
    """The safety reply in full the first time; after that a short one that still names Childline and 999.

    The full reply comes again only when it has something new to say: immediate danger out of hours, which
    gives the out-of-hours team's number.
    """
    if not reading.is_risk:
        return []
    if not reading.risk.calls_for_safety_reply:
        return _noted_for_reading(state)
    level = reading.level or "concern"
    told = state.get("told") or ("concern" if state.get("risk") else None)
    state["told"] = "immediate" if "immediate" in (told, level) else "concern"
    out_of_hours_news = (
        level == "immediate" and told != "immediate" and not clock.in_office_hours(ctx.settings, ctx.now)
    )
    if told is None or out_of_hours_news:
        return words.safety_replies(ctx.settings, ctx.now, level)
    return [words.safety_again()]


def _noted_for_reading(state: State) -> list[str]:
    """Only the model thought it might be a disclosure: a person will read it (the alert is raised all the same).
    Said once, in words that also suit the ordinary complaint it usually turns out to be."""
    if state.get("noted") or state.get("told"):
        return []
    state["noted"] = True
    return [words.noted_for_reading()]


def _finish(result: EngineResult) -> EngineResult:
    reading = result.reading
    if reading is not None and reading.is_risk:
        rules = "; ".join(h.rule for h in reading.risk.hits)
        if reading.risk.calls_for_safety_reply:
            result.state["risk"] = True
            result.events.append(("risk_reply_sent", rules))
        else:
            result.events.append(("risk_noted_for_reading", rules))
    return result


def _is_idle(state: State, ctx: EngineContext) -> bool:
    stamp = state.get("updated_at")
    if not stamp or state.get("step") in (None, "start", "done"):
        return False
    try:
        last = datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return ctx.now - last > timedelta(days=ctx.settings.conversation_idle_days)
