"""What a message (or the whole story) has already told us, as updates to the state, so no question asks it again.

Read from a first message ("hi i wanna complain my social worker never rings me back") and again from the story
once they say it is finished: who it is about, who is writing (when they say so), the worker or team, and what
would put it right. Each thing read this way is listed in ``state["heard"]`` so the summary confirms it ("You said
it's about your social worker") and they can correct it before anything is sent.
"""

from __future__ import annotations

from typing import Any

from intake.domain import understanding as u
from intake.domain.conversation.context import EngineContext, State
from intake.domain.conversation.reading import Reading
from intake.domain.conversation.story import SHORT_ANSWER, story_with


def in_opening(r: Reading, state: State, ctx: EngineContext) -> dict[str, Any]:
    """What a message that arrives before the story (a first message, a menu answer) says beyond its answer."""
    updates: dict[str, Any] = {}
    if r.tells_story:
        story = story_with(state, r.words, ctx.limit)
        if story is not None:
            updates["story"] = story
    updates.update(_facts(r.simple, r.words if r.tells_story else "", state, ctx, story=r.tells_story))
    return updates


def in_story(story: list[str], state: State, ctx: EngineContext) -> dict[str, Any]:
    """What the finished story says that has not been asked yet."""
    words = "\n".join(story)
    return _facts(u.simplify(words), words, state, ctx, story=True)


def _facts(simple: str, words: str, state: State, ctx: EngineContext, *, story: bool) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    heard = list(state.get("heard") or [])
    if "about" not in state:
        about = u.about_of(simple)
        # "my son", "on behalf of" say it outright; "I" and "me" only count in a story (a parent says "I" too).
        if about == "other" or (about == "me" and story):
            updates["about"] = about
            heard.append("about")
            role = u.role_of(simple) if about == "other" else None
            if role and "role" not in state:
                updates["role"] = role
    if "service" not in state:
        worker, team = u.worker_of(simple), u.team_of(simple, ctx.teams)
        if worker or team:
            updates.update(service=(worker or "")[:SHORT_ANSWER], team=team, worker=worker)
            heard.append("service")
    if story and words and "remedy" not in state:
        remedy = u.remedy_of(words)
        if remedy:
            updates["remedy"] = remedy[: ctx.limit]
            heard.append("remedy")
    if len(heard) > len(state.get("heard") or []):
        updates["heard"] = heard
    return updates
