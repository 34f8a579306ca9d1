"""How the worker runs (batch size, leases, backoff) and what one run did."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from intake.config import Settings


@dataclass
class WorkerSettings:
    batch_size: int = 100
    # How long a claimed row is held before another worker may take it. Urgent rows (safeguarding alerts)
    # are held for less, so after a crash they are due again in seconds rather than behind ordinary mail.
    lease_seconds: float = 120.0
    urgent_lease_seconds: float = 20.0
    backoff_base_seconds: float = 30.0
    backoff_cap_seconds: float = 3600.0
    poll_seconds: float = 5.0
    # Successful sends recorded per commit, and the longest one waits to be recorded: together they bound how
    # many messages a crash can send twice (see intake/delivery/results.py).
    result_batch: int = 25
    result_flush_seconds: float = 0.1

    @classmethod
    def from_config(cls, config: Settings, **overrides: Any) -> WorkerSettings:
        # Only these two are settings (intake/config/); the rest keep their defaults above unless overridden.
        s = cls()
        s.poll_seconds = float(config.delivery.worker_poll_seconds)
        s.result_batch = config.delivery.result_batch
        for key, value in overrides.items():
            if value is not None:
                setattr(s, key, value)
        return s


@dataclass
class RunStats:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    suppressed: int = 0
    released: int = 0
    held: int = 0  # texts to the person kept for after quiet hours, or until inside their window

    def add(self, other: RunStats) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))
