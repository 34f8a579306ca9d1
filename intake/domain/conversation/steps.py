"""The questions, as a table: ``Step(name, ask, parse, next, reask)``. A new question is one entry.

``parse`` reads the answer from the message's ``Reading`` and returns an ``Outcome`` (what to store, and
whether the same question stays open), or None when the answer is unclear, so the engine asks again kindly
rather than guessing. Parsers never change the state they are given; the engine applies ``updates``.

The step names are a contract: benchmarks and evaluations read ``Conversation.state["step"]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from intake.domain.conversation import heard, words
from intake.domain.conversation.context import EngineContext, State
from intake.domain.conversation.reading import Reading
from intake.domain.conversation.story import SHORT_ANSWER, TIMES_ANSWER, story_with

__all__ = [
    "SHORT_ANSWER",
    "STEPS",
    "STEP_NAMES",
    "TIMES_ANSWER",
    "Outcome",
    "Step",
    "first_open",
    "next_step",
    "story_with",
]


@dataclass(frozen=True)
class Outcome:
    updates: Mapping[str, Any] = field(default_factory=dict)
    stay: str | list[str] | None = None  # reply with this and keep the same question open
    complete: bool = False  # they confirmed: send it
    kept: bool = False  # the words were stored as a free-text answer (so a disclosure in them is kept already)
    aside: bool = False  # some of the words fit no field: keep the message itself beside the case


def _never(state: State, ctx: EngineContext) -> bool:
    return False


@dataclass(frozen=True)
class Step:
    name: str
    ask: Callable[[State, EngineContext], list[str]]
    parse: Callable[[Reading, State, EngineContext], Outcome | None]
    next: Callable[[State, EngineContext], str]
    reask: Callable[[State, EngineContext], str]
    # True when what this step asks is already known (they said it earlier): the conversation goes past it.
    known: Callable[[State, EngineContext], bool] = _never


# --------------------------------------------------------------------------------------
# Parsing each answer
# --------------------------------------------------------------------------------------


def _language(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    choice = r.language_choice or r.language  # "2", "polski", or a message that is plainly in Polish
    if choice is not None:
        lang = choice if choice in ctx.languages else "en"
        updates = {"lang": lang, "lang_known": True, **heard.in_opening(r, state, ctx)}
        if r.language_choice is None and r.opening_kind:
            updates["kind"] = r.opening_kind
        return Outcome(updates, kept="story" in updates)
    if int(state.get("unclear") or 0) < 1:
        return None
    # Second try still unclear: carry on in English rather than block them, and keep what they wrote.
    story = story_with(state, r.words, ctx.limit) if r.word_count >= 4 else None
    return Outcome({"lang": "en", **({"story": story} if story else {})}, kept=story is not None)


def _kind(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    """What they want, and whatever else the message already says; a story with no clear wish is kept, and
    they are asked what they want."""
    found = heard.in_opening(r, state, ctx) if r.number is None else {}
    kind = r.opening_kind if "story" in found else r.kind  # a story: only what it plainly asks for
    if kind is None:
        if "story" in found:
            return Outcome(found, stay=[words.kept_your_words(), words.ask_kind()], kept=True)
        return None
    return Outcome({"kind": kind, **found}, kept="story" in found)


def _menu(attribute: str, key: str) -> Callable[[Reading, State, EngineContext], Outcome | None]:
    def parse(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
        choice = getattr(r, attribute)
        return Outcome({key: choice}) if choice is not None else None

    return parse


def _about(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    choice = r.about or ("me" if r.yes is True else None)  # "yes" to "is this about you?"
    return Outcome({"about": choice}) if choice else None


def _story(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    told = state.get("story") or []
    if r.done == "only" or (told and r.word_count <= 2 and (r.yes is False or r.skip)):  # "done", "no", "nope"
        if not told:
            return Outcome(stay=words.tell_us_first())
        return Outcome({"story_done": True, **heard.in_story(told, state, ctx)})
    if told and r.yes is True and r.word_count <= 2:  # "yes" to "anything to add?"
        return Outcome(stay=words.go_ahead())
    story = story_with(state, r.words, ctx.limit)
    if story is None:
        return Outcome(stay=words.too_long(ctx.limit), kept=True, aside=True)
    if r.done == "end":
        return Outcome({"story": story, "story_done": True, **heard.in_story(story, state, ctx)}, kept=True)
    return Outcome({"story": story}, stay=words.got_it(), kept=True)


def _remedy(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    if r.skip:
        return Outcome({"remedy": ""})
    if len(r.words) > ctx.limit:
        return Outcome(stay=words.too_long(ctx.limit), kept=True, aside=True)
    return Outcome({"remedy": r.words}, kept=True)


def _service(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    if r.skip:
        return Outcome({"service": "", "team": None})
    long = len(r.words) > SHORT_ANSWER
    return Outcome({"service": r.words[:SHORT_ANSWER], "team": r.team}, kept=True, aside=long)


def _yes_no(key: str) -> Callable[[Reading, State, EngineContext], Outcome | None]:
    def parse(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
        return Outcome({key: r.yes}) if r.yes is not None else None

    return parse


def _safe(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    """ "Can we text you?": yes, no, or an answer about when ("only mornings", "not after 6")."""
    said = r.contact
    if said.has_window or (r.yes is True and not said.no_text) or (said.mentions_when and r.yes is not False):
        safe = True
    elif said.no_text or r.yes is False:
        safe = False
    else:
        return None
    updates: dict[str, Any] = {"safe": safe, **_window(r)}
    if said.says_anything:
        updates["times"] = r.words[:TIMES_ANSWER]
    return Outcome(updates, kept=said.says_anything, aside=said.says_anything and len(r.words) > TIMES_ANSWER)


def _contact(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    if r.skip:
        return Outcome({"contact": None})
    address = r.email or (None if ctx.is_sms else r.phone)  # by SMS they have just said not to text
    return Outcome({"contact": address}) if address else None


def _avoid(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    # "no" is nothing to avoid, but "nah its my mums phone" says something: keep it.
    if (r.skip or r.yes is False) and not r.contact.says_anything:
        return Outcome({"avoid": ""})
    updates: dict[str, Any] = {"avoid": r.words[:SHORT_ANSWER], **_window(r)}
    if r.contact.no_text:
        updates["no_text"] = True
        if ctx.is_sms:
            updates["safe"] = False
    return Outcome(updates, kept=True, aside=len(r.words) > SHORT_ANSWER)


def _window(r: Reading) -> dict[str, Any]:
    said = r.contact
    if not said.has_window:
        return {}
    return {
        "text_from": said.text_from.strftime("%H:%M") if said.text_from else None,
        "text_until": said.text_until.strftime("%H:%M") if said.text_until else None,
    }


def _confirm(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    """YES sends it; NO keeps it open; anything else they write is added before sending (a correction or more)."""
    if r.yes is not None and r.word_count <= 3:
        return Outcome(complete=True) if r.yes else Outcome(stay=words.not_sent_yet())
    if r.word_count < 2:
        return None
    story = story_with(state, r.words, ctx.limit)
    if story is None:
        return Outcome(stay=words.too_long(ctx.limit), kept=True, aside=True)
    if r.yes is True:  # "yes and he was late again": add it, then send
        return Outcome({"story": story}, complete=True, kept=True)
    return Outcome({"story": story}, stay=words.added_before_sending(), kept=True)


# --------------------------------------------------------------------------------------
# Where each answer leads
# --------------------------------------------------------------------------------------


def _after_story(state: State, ctx: EngineContext) -> str:
    return "about"


def _after_about(state: State, ctx: EngineContext) -> str:
    return "role" if state.get("about") == "other" else _after_role(state, ctx)


def _after_role(state: State, ctx: EngineContext) -> str:
    return "remedy" if state.get("kind") in ("complaint", "contact") else "service"


def _after_service(state: State, ctx: EngineContext) -> str:
    if state.get("about") == "me" and state.get("kind") in ("complaint", "contact"):
        return "advocate"
    return _how_to_reach(state, ctx)


def _how_to_reach(state: State, ctx: EngineContext) -> str:
    return "safe" if ctx.is_sms else "contact"


def _after_safe(state: State, ctx: EngineContext) -> str:
    return "avoid" if state.get("safe") else "contact"


def _after_contact(state: State, ctx: EngineContext) -> str:
    # Nothing to avoid without a way to reach them; and not asked twice.
    return "avoid" if state.get("contact") and "avoid" not in state else "confirm"


def _after_avoid(state: State, ctx: EngineContext) -> str:
    # "don't text me" here, by SMS: ask how else to reach them, once.
    if ctx.is_sms and state.get("safe") is False and "contact" not in state:
        return "contact"
    return "confirm"


def _to(name: str) -> Callable[[State, EngineContext], str]:
    return lambda state, ctx: name


def _say(*replies: Callable[[], str]) -> Callable[[State, EngineContext], list[str]]:
    return lambda state, ctx: [reply() for reply in replies]


def _reask(reply: Callable[[], str]) -> Callable[[State, EngineContext], str]:
    return lambda state, ctx: reply()


def _has(key: str) -> Callable[[State, EngineContext], bool]:
    return lambda state, ctx: key in state


def _ask_story(state: State, ctx: EngineContext) -> list[str]:
    if state.get("story"):  # they have told us some already (in their first message, say)
        return [words.ask_story_more()]
    return [words.ask_story(state.get("kind"))]


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "language",
            _say(lambda: words.LANGUAGE_QUESTION),
            _language,
            _to("kind"),
            _reask(lambda: words.LANGUAGE_REASK),
            lambda state, ctx: bool(state.get("lang_known")),
        ),
        Step("kind", _say(words.ask_kind), _kind, _to("story"), _reask(words.reask_kind), _has("kind")),
        Step("about", _say(words.ask_about), _about, _after_about, _reask(words.reask_about), _has("about")),
        Step("role", _say(words.ask_role), _menu("role", "role"), _after_role, _reask(words.reask_role), _has("role")),
        Step(
            "story",
            _ask_story,
            _story,
            _after_story,
            _reask(words.reask_any),
            lambda state, ctx: bool(state.get("story_done")),
        ),
        Step("remedy", _say(words.ask_remedy), _remedy, _to("service"), _reask(words.reask_any), _has("remedy")),
        Step("service", _say(words.ask_service), _service, _after_service, _reask(words.reask_any), _has("service")),
        Step(
            "advocate",
            lambda state, ctx: words.ask_advocate(),
            _yes_no("advocate"),
            _how_to_reach,
            _reask(words.reask_advocate),
            _has("advocate"),
        ),
        Step("safe", _say(words.ask_safe), _safe, _after_safe, _reask(words.reask_safe), _has("safe")),
        Step(
            "contact",
            lambda state, ctx: [words.ask_contact(ctx)],
            _contact,
            _after_contact,
            _reask(words.reask_contact),
            _has("contact"),
        ),
        Step(
            "avoid",
            lambda state, ctx: [words.ask_avoid(ctx)],
            _avoid,
            _after_avoid,
            _reask(words.reask_any),
            _has("avoid"),
        ),
        Step("confirm", words.ask_confirm, _confirm, _to("done"), _reask(words.reask_confirm)),
    )
}
# Every step name ("start" and "done" ask nothing). The table keeps the names' first order; the flow asks for the
# story before who it is about, and goes past any step whose answer they have already given.
STEP_NAMES = ("start", *STEPS, "done")


def next_step(name: str, state: State, ctx: EngineContext) -> str:
    """The step after ``name``, going past every step whose answer the state already holds."""
    following = STEPS[name].next(state, ctx)
    seen = {name}
    while following in STEPS and following not in seen and STEPS[following].known(state, ctx):
        seen.add(following)
        following = STEPS[following].next(state, ctx)
    return following


def first_open(name: str, state: State, ctx: EngineContext) -> str:
    """``name`` itself if it is still to be asked, else the next step that is."""
    return next_step(name, state, ctx) if STEPS[name].known(state, ctx) else name
