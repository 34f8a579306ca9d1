"""The story so far, and the cap on how much free text the case's fields hold."""

from __future__ import annotations

from intake.domain.conversation.context import State

# Short free-text answers fit smaller fields than the story: the service or worker and what to avoid
# (``submit`` keeps 1,000 characters of each), and when they can be contacted (500).
SHORT_ANSWER = 1000
TIMES_ANSWER = 500


def story_length(story: list[str]) -> int:
    return sum(len(part) + 1 for part in story)


def story_with(state: State, text: str, limit: int) -> list[str] | None:
    """The story with ``text`` added, or None if it would go past the cap (the words are then kept aside)."""
    story = list(state.get("story") or [])
    if story_length(story) + len(text) > limit:
        return None
    return [*story, text]
