"""The annual report's sections about what came of complaints: payments, resolutions, refusals, pauses, the
Ombudsman, learning and actions, and the written sections (the LGSCO Code 8.1 items among them).

Each reads its own record's dates within the reporting year (1 April to 31 March): a payment by the day it was
paid (one carried over with no date, by its complaint's receipt), a refusal by its day, a pause by the day it
started, a referral by the day it was made and, separately, the day it was decided (whether or not it has been
decided yet), learning and actions by the day they were recorded or agreed. Resolutions are counted with the
complaints received in the year. Last year's actions are listed with how they stand now.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from intake.data import report_procedure as data
from intake.data.reports import narratives_for_year
from intake.models.report_text import NARRATIVE_SECTIONS

ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
LGO_KEYS = {
    "not_investigated": "not_investigated",
    "investigated_upheld": "upheld",
    "investigated_not_upheld": "not_upheld",
}


def days_of_year(year: int) -> tuple[date, date]:
    """The reporting year's first and last days: 1 April ``year`` and 31 March ``year + 1``."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(((k, v) for k, v in counts.items() if v), key=lambda kv: (-kv[1], kv[0])))


def compensation(session: Session, year: int, start: datetime, end: datetime) -> dict[str, Any]:
    """Every payment made in the year (and any with no date, on a complaint received in it)."""
    first, last = days_of_year(year)
    rows = data.payment_rows(session, first, last, start, end)
    items = [
        {"amount_pence": pence, "detail": detail, "paid_on": _iso(paid_on), "reason": reason}
        for pence, detail, paid_on, reason in rows
    ]
    return {"payments": len(items), "total_pence": sum(i["amount_pence"] for i in items), "items": items}


def resolutions(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    return _sorted(dict(data.resolution_rows(session, start, end)))


def refusals(session: Session, year: int) -> dict[str, Any]:
    by_reason: dict[str, int] = {}
    by_stage = {"stage1": 0, "stage2": 0, "stage3": 0}
    for code, stage, n in data.refusal_rows(session, *days_of_year(year)):
        by_reason[code] = by_reason.get(code, 0) + n
        by_stage[f"stage{stage}"] = by_stage.get(f"stage{stage}", 0) + n
    return {"total": sum(by_reason.values()), "by_reason": _sorted(by_reason), "by_stage": by_stage}


def pauses(session: Session, year: int) -> dict[str, Any]:
    by_reason: dict[str, int] = {}
    still = days = 0
    for reason, running, paused_days, n in data.pause_rows(session, *days_of_year(year)):
        by_reason[reason] = by_reason.get(reason, 0) + n
        still += n if running else 0
        days += int(paused_days or 0)
    return {
        "started": sum(by_reason.values()),
        "still_paused": still,
        "working_days_paused": days,
        "by_reason": _sorted(by_reason),
    }


def _decisions(rows) -> dict[str, int]:
    counts = {"not_investigated": 0, "upheld": 0, "not_upheld": 0}
    for outcome, n, *_rest in rows:
        if outcome in LGO_KEYS:
            counts[LGO_KEYS[outcome]] += n
    return counts


def ombudsman(session: Session, year: int) -> dict[str, Any]:
    first, last = days_of_year(year)
    referred = data.referral_rows(session, "referred", first, last)
    decided = data.referral_rows(session, "decided", first, last)
    made = sum(n for _o, n, *_r in referred)
    answered = sum(n for o, n, *_r in referred if o is not None)
    return {
        "by_referral_year": {
            "referred": made,
            "decided": answered,
            "awaiting_decision": made - answered,
            **_decisions(referred),
        },
        "by_decision_year": {
            "decided": sum(n for o, n, *_r in decided if o is not None),
            **_decisions(decided),
            "remedies": sum(int(r or 0) for _o, _n, r, _d, _t in decided),
            "remedies_done": sum(int(d or 0) for _o, _n, _r, d, _t in decided),
            "remedies_done_on_time": sum(int(t or 0) for _o, _n, _r, _d, t in decided),
        },
    }


def _actions(session: Session, year: int) -> dict[str, Any]:
    listed = [
        {
            "description": description,
            "owner": owner,
            "team": team,
            "agreed_on": _iso(agreed),
            "due_on": _iso(due),
            "status": status,
            "evidence": evidence or "",
            "completed_on": _iso(completed),
        }
        for description, owner, team, agreed, due, status, evidence, completed in data.action_rows(
            session, *days_of_year(year)
        )
    ]
    progress = dict.fromkeys(ACTION_STATUSES, 0)
    for action in listed:
        progress[action["status"]] = progress.get(action["status"], 0) + 1
    return {"actions": listed, "progress": progress}


def learning(session: Session, year: int) -> dict[str, Any]:
    this_year = _actions(session, year)
    return {
        "points": [
            {"text": text, "recorded_on": _iso(day)}
            for text, day in data.learning_point_rows(session, *days_of_year(year))
        ],
        "actions": this_year["actions"],
        "progress": this_year["progress"],
        "last_year": _actions(session, year - 1),
    }


def written(session: Session, year: int) -> dict[str, str]:
    """The sections the complaints officer writes, in order, empty when not written yet."""
    stored = narratives_for_year(session, year)
    return {section: stored[section].text if section in stored else "" for section in NARRATIVE_SECTIONS}
