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

from intake.domain.conversation import words
from intake.domain.conversation.context import EngineContext, State
from intake.domain.conversation.reading import Reading

# Short free-text answers fit smaller fields than the story: the service or worker and what to avoid
# (``submit`` keeps 1,000 characters of each), and when they can be contacted (500).
SHORT_ANSWER = 1000
TIMES_ANSWER = 500


@dataclass(frozen=True)
class Outcome:
    updates: Mapping[str, Any] = field(default_factory=dict)
    stay: str | None = None  # reply with this and keep the same question open
    complete: bool = False  # they confirmed: send it
    kept: bool = False  # the words were stored as a free-text answer (so a disclosure in them is kept already)
    aside: bool = False  # some of the words fit no field: keep the message itself beside the case


@dataclass(frozen=True)
class Step:
    name: str
    ask: Callable[[State, EngineContext], list[str]]
    parse: Callable[[Reading, State, EngineContext], Outcome | None]
    next: Callable[[State, EngineContext], str]
    reask: Callable[[State, EngineContext], str]


def story_length(story: list[str]) -> int:
    return sum(len(part) + 1 for part in story)


def story_with(state: State, text: str, limit: int) -> list[str] | None:
    """The story with ``text`` added, or None if it would go past the cap (the words are then kept aside)."""
    story = list(state.get("story") or [])
    if story_length(story) + len(text) > limit:
        return None
    return [*story, text]


# --------------------------------------------------------------------------------------
# Parsing each answer
# --------------------------------------------------------------------------------------


def _language(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    choice = r.language_choice
    if choice is not None:
        return Outcome({"lang": choice if choice in ctx.languages else "en"})
    if int(state.get("unclear") or 0) < 1:
        return None
    # Second try still unclear: carry on in English rather than block them, and keep what they wrote.
    story = story_with(state, r.words, ctx.limit) if r.word_count >= 4 else None
    return Outcome({"lang": "en", **({"story": story} if story else {})}, kept=story is not None)


def _menu(attribute: str, key: str) -> Callable[[Reading, State, EngineContext], Outcome | None]:
    def parse(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
        choice = getattr(r, attribute)
        return Outcome({key: choice}) if choice is not None else None

    return parse


def _about(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    choice = r.about or ("me" if r.yes is True else None)  # "yes" to "is this about you?"
    return Outcome({"about": choice}) if choice else None


def _story(r: Reading, state: State, ctx: EngineContext) -> Outcome | None:
    if r.done == "only":
        return Outcome() if state.get("story") else Outcome(stay=words.tell_us_first())
    story = story_with(state, r.words, ctx.limit)
    if story is None:
        return Outcome(stay=words.too_long(ctx.limit), kept=True, aside=True)
    if r.done == "end":
        return Outcome({"story": story}, kept=True)
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
    if r.yes is True:
        return Outcome(complete=True)
    if r.yes is False:
        return Outcome(stay=words.not_sent_yet())
    return None


# --------------------------------------------------------------------------------------
# Where each answer leads
# --------------------------------------------------------------------------------------


def _after_about(state: State, ctx: EngineContext) -> str:
    return "role" if state.get("about") == "other" else "story"


def _after_story(state: State, ctx: EngineContext) -> str:
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


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "language",
            _say(lambda: words.LANGUAGE_QUESTION),
            _language,
            _to("kind"),
            _reask(lambda: words.LANGUAGE_REASK),
        ),
        Step("kind", _say(words.ask_kind), _menu("kind", "kind"), _to("about"), _reask(words.reask_kind)),
        Step("about", _say(words.ask_about), _about, _after_about, _reask(words.reask_about)),
        Step("role", _say(words.ask_role), _menu("role", "role"), _to("story"), _reask(words.reask_role)),
        Step(
            "story",
            lambda state, ctx: [words.ask_story(state.get("kind"))],
            _story,
            _after_story,
            _reask(words.reask_any),
        ),
        Step("remedy", _say(words.ask_remedy), _remedy, _to("service"), _reask(words.reask_any)),
        Step("service", _say(words.ask_service), _service, _after_service, _reask(words.reask_any)),
        Step(
            "advocate",
            lambda state, ctx: words.ask_advocate(),
            _yes_no("advocate"),
            _how_to_reach,
            _reask(words.reask_yes_no),
        ),
        Step("safe", _say(words.ask_safe), _safe, _after_safe, _reask(words.reask_yes_no)),
        Step(
            "contact",
            lambda state, ctx: [words.ask_contact(ctx)],
            _contact,
            _after_contact,
            _reask(words.reask_contact),
        ),
        Step("avoid", lambda state, ctx: [words.ask_avoid(ctx)], _avoid, _after_avoid, _reask(words.reask_any)),
        Step("confirm", words.ask_confirm, _confirm, _to("done"), _reask(words.reask_yes_no)),
    )
}
# Every step name, in the order a conversation can meet them; "start" and "done" ask nothing.
STEP_NAMES = ("start", *STEPS, "done")
