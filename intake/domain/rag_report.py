"""The RAG report: every open case, red, amber or green against its due date, by team.

A complaint is due when its current (highest) stage is due, using the extended
date when there is one. Stage 3 runs three clocks in turn (the panel meets, it
reports, the council responds), and the stage's due date is always the running
one's, named in ``step``. Any other open case (a compliment or comment not yet
acknowledged) is due on its acknowledgement date. A paused case's clock is
stopped (reg 8), so it is listed as paused (with the due date it will move from)
rather than coloured.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data.reports import open_case_due_rows
from intake.domain import clock
from intake.models import Status

RAG_ORDER = ("red", "amber", "green", "paused")
NO_TEAM = "not_known"


# What is due next, by the running clock.
STEP_RESPONSE, STEP_ACKNOWLEDGEMENT = "response", "acknowledgement"
STEP_PANEL, STEP_PANEL_REPORT, STEP_COUNCIL_RESPONSE = "panel_meeting", "panel_report", "council_response"


@dataclass(frozen=True)
class RagCase:
    reference: str
    team: str
    kind: str
    stage: int | None
    due_on: date | None
    rag: str
    step: str = STEP_RESPONSE


def _step(stage_running: bool, number: int | None, met: date | None, reported: date | None) -> str:
    if not stage_running:
        return STEP_ACKNOWLEDGEMENT
    if number != 3:
        return STEP_RESPONSE
    return STEP_COUNCIL_RESPONSE if reported else STEP_PANEL_REPORT if met else STEP_PANEL


@dataclass
class TeamRag:
    team: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RAG_ORDER, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RagReport:
    today: date
    teams: list[TeamRag]
    cases: list[RagCase]  # red first, then amber, green and paused; soonest due first

    @property
    def totals(self) -> dict[str, int]:
        return {key: sum(t.counts[key] for t in self.teams) for key in RAG_ORDER}


def rag_report(session: Session, settings: Settings, today: date, team_id: int | None = None) -> RagReport:
    """Open cases, optionally only one team's (a manager sees their own team)."""
    calendar = clock.WorkingCalendar.from_settings(settings)
    teams: dict[str, TeamRag] = {}
    cases: list[RagCase] = []
    colour_of: dict[date | None, str] = {}  # one clock calculation per distinct due date
    for ref, team, kind, status, ack_by, acked, number, due, extended, responded, met, reported in open_case_due_rows(
        session, team_id
    ):
        stage_running = number is not None and responded is None
        due_on = (extended or due) if stage_running else (ack_by if acked is None else None)
        if status == Status.PAUSED:
            colour = "paused"
        else:
            if due_on not in colour_of:
                colour_of[due_on] = clock.rag(calendar, due_on, today)
            colour = colour_of[due_on]
        name = team or NO_TEAM
        teams.setdefault(name, TeamRag(name)).counts[colour] += 1
        step = _step(stage_running, number, met, reported)
        cases.append(RagCase(ref, name, getattr(kind, "value", kind), number, due_on, colour, step))
    cases.sort(key=lambda c: (RAG_ORDER.index(c.rag), c.due_on or date.max, c.reference))
    return RagReport(today, sorted(teams.values(), key=lambda t: (-t.counts["red"], -t.counts["amber"], t.team)), cases)


def rag_csv(report: RagReport) -> str:
    """One line per open case, for a manager's spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["team", "reference", "kind", "stage", "due_on", "rag", "step"])
    for case in report.cases:
        writer.writerow(
            [
                _safe(case.team),
                _safe(case.reference),
                case.kind,
                case.stage or "",
                case.due_on.isoformat() if case.due_on else "",
                case.rag,
                case.step,
            ]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    """Stop a spreadsheet treating a cell as a formula (CSV injection): team names can come from imports."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
