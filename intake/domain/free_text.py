"""The free text of a submission, normalised once: the same words go to the risk screen and to storage."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Protocol

from intake.config import Settings
from intake.domain.risk import RiskResult
from intake.domain.sanitise import TextTooLong, clean_text

# The most a short answer (a team, a worry about contact, a reason) may hold; a story gets MAX_FREE_TEXT.
SHORT_LIMIT = 1000


class HasFreeText(Protocol):
    what_happened: str
    what_would_help: str
    service_mentioned: str
    contact_avoid: str | None
    contact_times: str | None
    contact_name: str | None
    child_name: str | None
    child_agreement_note: str | None


@dataclass(frozen=True)
class FreeText:
    what_happened: str
    what_would_help: str
    service_mentioned: str
    contact_avoid: str
    contact_times: str
    contact_name: str
    child_name: str
    child_agreement_note: str

    @classmethod
    def of(cls, sub: HasFreeText) -> FreeText:
        return cls(
            what_happened=clean_text(sub.what_happened),
            what_would_help=clean_text(sub.what_would_help),
            service_mentioned=clean_text(sub.service_mentioned),
            contact_avoid=clean_text(sub.contact_avoid),
            contact_times=clean_text(sub.contact_times),
            contact_name=clean_text(sub.contact_name),
            child_name=clean_text(sub.child_name),
            child_agreement_note=clean_text(sub.child_agreement_note),
        )

    @property
    def joined(self) -> str:
        """Every piece of free text, one per line, for the risk screen."""
        return "\n".join(text for text in astuple(self) if text)

    def check_length(self, settings: Settings, screened: RiskResult) -> None:
        """Refuse (never truncate) text over its limit, unless it holds a disclosure: that is kept in full."""
        if screened.is_risk:
            return
        limit = settings.max_free_text
        for text, most in (
            (self.what_happened, limit),
            (self.what_would_help, limit),
            (self.service_mentioned, SHORT_LIMIT),
            (self.contact_avoid, SHORT_LIMIT),
            (self.child_agreement_note, SHORT_LIMIT),
        ):
            if len(text) > most:
                raise TextTooLong(len(text), most)
