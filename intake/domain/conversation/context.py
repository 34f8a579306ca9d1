"""What the engine is told about the world, and what it gives back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from intake.config import Settings

if TYPE_CHECKING:
    from intake.domain.conversation.reading import Reading
    from intake.domain.risk import RiskResult

# The conversation's state is plain JSON (``Conversation.state``), so any worker can take the next message.
State = dict[str, Any]


class ConversationRecord(Protocol):
    """The conversation the service works on: the ORM's ``Conversation`` (web chat, attached to the session) or
    the data layer's ``SmsConversation`` (an SMS turn, plain values it writes back itself)."""

    channel: str
    address: str
    language: str
    state: State
    representation_id: int | None

    @property
    def id(self) -> int | None: ...  # None until first stored

    @property
    def updated_at(self) -> datetime | None: ...

    @updated_at.setter
    def updated_at(self, value: datetime) -> None: ...


@dataclass(frozen=True)
class EngineContext:
    """What the engine may know about the world: the channel, the time and the settings."""

    channel: str  # "sms" or "webchat"
    now: datetime
    settings: Settings
    # Web chat follows the page's language; SMS asks.
    language: str | None = None

    @property
    def languages(self) -> Sequence[str]:
        return self.settings.languages

    @property
    def is_sms(self) -> bool:
        return self.channel == "sms"

    @property
    def limit(self) -> int:
        """The most characters of free text one answer (or the whole story) may hold."""
        return self.settings.max_free_text

    @property
    def teams(self) -> tuple[str, ...]:
        return self.settings.council.teams

    @property
    def actor(self) -> str:
        """Who the audit trail says did it."""
        return "sms conversation" if self.is_sms else "web chat"


@dataclass
class EngineResult:
    replies: list[str]
    state: State
    reading: Reading | None = None
    complete: bool = False  # the person confirmed: submit (or finish the case already made)
    # Some of this message's words are in no field of the case (over the cap, say): keep the message itself
    # beside the case, in full, so nothing they wrote is lost.
    aside: bool = False
    events: list[tuple[str, str]] = field(default_factory=list)  # audit actions, never the person's words
    # The reference of a sent case this message adds to ("add: ..."): the service puts it on that case.
    addition: str | None = None

    @property
    def risk(self) -> RiskResult | None:
        return self.reading.risk if self.reading is not None else None
