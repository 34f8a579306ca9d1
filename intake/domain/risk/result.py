"""What the screen found: each hit names its rule, a description for staff and the words that fired it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from intake.domain.risk.levels import is_immediate

MODEL_RULE = "concern"  # the rule id of the statistical model's hit


@dataclass(frozen=True)
class RiskHit:
    rule: str  # stable rule id, see the module docstring
    description: str  # short plain-English explanation for staff
    matched: str  # the fragment of the normalised text that matched


@dataclass(frozen=True)
class RiskResult:
    hits: tuple[RiskHit, ...]
    # Danger now or tonight (``levels.py``). None: work it out from ``screened`` when ``level`` is first read,
    # as most callers never ask (``check_lines``) and most messages have no hit.
    immediate: bool | None = None
    screened: str = field(default="", repr=False, compare=False)  # the normalised text the hits were found in

    @property
    def is_risk(self) -> bool:
        return bool(self.hits)

    @property
    def calls_for_safety_reply(self) -> bool:
        """Whether the person should be given the safety reply (999, Childline) now, before anything else.

        A rule names what it found, and danger now is danger now. A hit by the model alone ("reads like a
        disclosure the rules did not recognise; please read it") is a person's job to read: it raises the alert
        but does not interrupt them with 999, because most of what only the model flags in a conversation is an
        ordinary complaint, told in pieces (issue 13's conversation-level evaluation).
        """
        if not self.hits:
            return False
        return any(hit.rule != MODEL_RULE for hit in self.hits) or self.level == "immediate"

    @property
    def level(self) -> str | None:
        """How soon a person must act, as ``intake.models.AlertLevel`` values: ``"immediate"`` (harm now or
        tonight, suicide with intent or a plan, not safe to go home) or ``"concern"``; ``None`` when nothing
        was found. (A plain string: the screen imports no models, so it starts fast.)"""
        if not self.hits:
            return None
        return "immediate" if self._is_immediate else "concern"

    @cached_property
    def _is_immediate(self) -> bool:
        if self.immediate is not None:
            return self.immediate
        return is_immediate(self.screened, self.hits)

    @property
    def reason(self) -> str:
        return "; ".join(f"{h.rule}: {h.description}" for h in self.hits)
