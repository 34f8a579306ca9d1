"""A checked line as the rows to write: the case's columns, its stages and its categories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

from intake.config import Settings
from intake.domain import clock
from intake.domain.records_import.checking import Facts
from intake.models import Kind, Procedure, Status


@dataclass
class ImportRow:
    """One checked line, ready to write."""

    line: int
    reference: str
    team: str | None
    values: dict[str, Any]  # Representation columns (team_id filled in later)
    stages: list[dict[str, Any]]  # Stage columns without representation_id
    categories: tuple[str, ...]
    referrals: list[dict[str, Any]] = field(default_factory=list)  # OmbudsmanReferral columns, the same
    payments: list[dict[str, Any]] = field(default_factory=list)  # CompensationPayment columns, the same


class RowBuilder:
    """Dates and timescales worked out once per file, not per line (most lines share a few hundred dates)."""

    def __init__(self, settings: Settings):
        calendar = clock.WorkingCalendar.from_settings(settings)
        self.retention_years = settings.procedure.retention_years
        self.add_days = lru_cache(maxsize=None)(calendar.add_working_days)
        self.on_or_after = lru_cache(maxsize=None)(calendar.on_or_after)
        self.timescales = lru_cache(maxsize=None)(lambda proc: clock.timescales_for(proc.value, settings))

    def build(self, line: int, facts: Facts) -> ImportRow:
        # Receipt is midnight in London on the day given; the clock's day 0 is that day or the next working day.
        assert facts.kind is not None and facts.received is not None  # a checked line has both
        kind = Kind(facts.kind)
        received_on = self.on_or_after(facts.received)
        if kind is Kind.COMPLAINT:
            proc = Procedure(facts.procedure) if facts.procedure else Procedure.UNDECIDED
            stages = self._stages(facts, proc, received_on)
            status, closed_on = _complaint_status(facts)
        else:
            proc, stages, status, closed_on = Procedure.UNDECIDED, [], Status.CLOSED, received_on
        # Enum columns hold their values as text: what the database stores, with nothing to convert per row.
        values = {
            "reference": facts.reference,
            "kind": kind.value,
            "procedure": proc.value,
            "channel": facts.method,
            "submitted_by": facts.submitted_by,
            "status": status.value,
            "received_at": _london_midnight(facts.received),
            "received_on": received_on,
            "advocate_supported": facts.advocate,
            "closed_on": closed_on,
            "retention_until": None
            if status is Status.OPEN
            else _add_years(closed_on or received_on, self.retention_years),
        }
        referrals = [facts.referral] if facts.referral else []
        return ImportRow(
            line, facts.reference, facts.team, values, stages, tuple(sorted(facts.codes)), referrals, facts.payments
        )

    def _stages(self, facts: Facts, proc: Procedure, received_on: date) -> list[dict[str, Any]]:
        scales = self.timescales(proc)
        starts = {1: received_on, 2: facts.requested.get(2), 3: facts.requested.get(3)}
        stages = []
        for n in range(1, facts.reached + 1):
            start = starts[n]
            stages.append(
                {
                    "number": n,
                    "requested_on": facts.requested.get(n),
                    "late_request": False,
                    "started_on": start,
                    "due_on": self.add_days(start, scales.stages[n].respond) if start else None,
                    "responded_on": facts.responded[n],
                    "outcome": facts.outcome if n == facts.reached and facts.outcome not in (None, "open") else None,
                }
            )
        return stages


def _complaint_status(facts: Facts) -> tuple[Status, date | None]:
    if facts.outcome == "open":
        return Status.OPEN, None
    status = Status.WITHDRAWN if facts.outcome == "withdrawn" else Status.CLOSED
    return status, facts.responded[facts.reached] or None


@lru_cache(maxsize=8192)
def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=clock.LONDON).astimezone(UTC)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
