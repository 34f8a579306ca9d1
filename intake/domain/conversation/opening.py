"""The first message, read for everything it says, and changing language at any point.

A first message in Polish is answered in Polish at once, with one line on how to switch; only a message that gives
nothing to go on ("hi", "?") gets the language menu. Whatever else it says (what they want, the story, who it is
about, the worker, what would help) is kept, and the conversation starts at the first question it leaves open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from intake.domain.conversation import heard, words
from intake.domain.conversation.context import EngineContext, EngineResult, State
from intake.domain.conversation.reading import Reading
from intake.domain.conversation.steps import STEPS, first_open
from intake.i18n import speaking

Safety = Callable[[Reading, State, EngineContext], list[str]]
KeepInStory = Callable[[State, Reading, EngineContext], bool]


@dataclass(frozen=True)
class Switched:
    replies: list[str] = field(default_factory=list)
    only: bool = False  # the message was only the change of language: ask the same question again


def open_with(
    old: State,
    reading: Reading,
    ctx: EngineContext,
    *,
    keep: tuple[str, ...],
    safety: Safety,
    keep_in_story: KeepInStory,
) -> EngineResult:
    """A new conversation from its first message."""
    state: State = {k: v for k, v in old.items() if k in keep}
    state.update(story=[], unclear=0, updated_at=ctx.now.isoformat())
    lang = reading.language_switch or reading.language or _known_language(state, ctx)
    if lang is None:
        return _menu(state, reading, ctx, safety, keep_in_story)
    state.update(lang=lang, lang_known=True, step="kind")
    if ctx.language and lang != ctx.language:
        state["lang_chosen"] = True
    with speaking(lang):
        said = safety(reading, state, ctx)
        found = heard.in_opening(reading, state, ctx)
        if reading.opening_kind:
            found["kind"] = reading.opening_kind
        state.update(found)
        aside = reading.is_risk and "story" not in found and not keep_in_story(state, reading, ctx)
        state["step"] = first_open("kind", state, ctx)
        replies = [words.greeting(ctx.settings), words.SWITCH_LINES[lang], *STEPS[state["step"]].ask(state, ctx)]
    return EngineResult([*said, *replies], state, reading, aside=aside)


def _known_language(state: State, ctx: EngineContext) -> str | None:
    """The page's language (web chat), or the one they used last time (a returning texter)."""
    if state.get("lang_known") and (state.get("lang_chosen") or not ctx.language):
        return state.get("lang")
    return ctx.language


def _menu(
    state: State, reading: Reading, ctx: EngineContext, safety: Safety, keep_in_story: KeepInStory
) -> EngineResult:
    """Nothing to go on ("hi", "?"): the greeting and the language menu."""
    state.update(lang="en", step="language")
    with speaking("en"):
        said = safety(reading, state, ctx)
        replies = [words.greeting(ctx.settings), *STEPS["language"].ask(state, ctx)]
    aside = False
    if reading.is_risk or reading.word_count >= 4:  # their first message may already say what happened: keep it
        aside = not keep_in_story(state, reading, ctx)
    return EngineResult([*said, *replies], state, reading, aside=aside)


def switch_language(reading: Reading, state: State, step: str, ctx: EngineContext) -> Switched:
    """ "POLSKI" at any question changes the language; so does writing in another one before anything is told.

    Changes ``state`` in place (the engine's own new copy)."""
    choice = reading.language_switch
    if choice is not None and choice in ctx.languages and step != "language":
        state.update(lang=choice, lang_known=True, lang_chosen=True)
        with speaking(choice):
            return Switched([words.language_changed()], only=True)
    other = reading.language
    untold = step == "kind" and not state.get("story") and reading.number is None
    if other and untold and other in ctx.languages and other != state.get("lang") and not state.get("lang_chosen"):
        state.update(lang=other, lang_known=True, lang_chosen=bool(ctx.language))
        return Switched([words.SWITCH_LINES[other]])
    return Switched()
