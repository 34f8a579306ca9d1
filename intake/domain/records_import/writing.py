"""Writing checked rows: new records created, changed ones updated, unchanged ones left alone.

Rows are written in chunks through ``intake.data.bulk``: existing references, stages and categories are read
in one query per chunk and table, and new rows go in one bulk insert per table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from intake.data import bulk
from intake.data.teams import team_ids_by_name
from intake.domain.records_import.rows import ImportRow
from intake.models import (
    AuditEvent,
    CompensationPayment,
    OmbudsmanReferral,
    Representation,
    RepresentationCategory,
    Stage,
    Team,
)

CHUNK = 5000
ACTOR = "records import"

# The Representation columns an import sets; anything else (a live case's own words) is never touched.
REP_FIELDS = (
    "kind",
    "procedure",
    "channel",
    "submitted_by",
    "status",
    "received_at",
    "received_on",
    "advocate_supported",
    "closed_on",
    "retention_until",
    "team_id",
)
STAGE_FIELDS = ("number", "requested_on", "started_on", "due_on", "responded_on", "outcome")
REFERRAL_FIELDS = ("referred_on", "lgo_reference", "decided_on", "outcome", "remedy")
PAYMENT_FIELDS = ("amount_pence", "paid_on", "reason", "detail")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    teams_created: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def write_rows(session: Session, rows: list[ImportRow], source: str) -> ImportResult:
    result = ImportResult()
    team_ids = _ensure_teams(session, rows, result)
    for row in rows:
        row.values["team_id"] = team_ids[row.team.casefold()] if row.team else None
    for i in range(0, len(rows), CHUNK):
        _write_chunk(session, rows[i : i + CHUNK], source, result)
    return result


def _ensure_teams(session: Session, rows: list[ImportRow], result: ImportResult) -> dict[str, int]:
    """Team ids by case-folded name, creating missing teams ("Leaving Care" matches "Leaving care")."""
    ids = {name.casefold(): id_ for name, id_ in team_ids_by_name(session).items()}
    wanted: dict[str, str] = {}
    for row in rows:
        if row.team and row.team.casefold() not in ids:
            wanted.setdefault(row.team.casefold(), row.team)
    for key, name in wanted.items():
        team = Team(name=name, forward_compliments=True)
        session.add(team)
        session.flush()
        ids[key] = team.id
        result.teams_created.append(name)
    return ids


def _write_chunk(session: Session, rows: list[ImportRow], source: str, result: ImportResult) -> None:
    existing = bulk.ids_by_reference(session, [r.reference for r in rows])
    new = [r for r in rows if r.reference not in existing]
    old = [r for r in rows if r.reference in existing]
    now = datetime.now(UTC)
    events: list[dict[str, Any]] = []
    if new:
        events += _create(session, new, source, now)
        result.created += len(new)
    if old:
        changed = _changed(session, old, existing)
        events += _update(session, changed, existing, source, now)
        result.updated += len(changed)
        result.unchanged += len(old) - len(changed)
    bulk.insert_rows(session, AuditEvent, events)


def _create(session: Session, rows: list[ImportRow], source: str, now: datetime) -> list[dict[str, Any]]:
    # A plain executemany, then one read of the new ids: faster than RETURNING through the ORM.
    bulk.insert_rows(session, Representation, [{**r.values, "created_at": now, "updated_at": now} for r in rows])
    ids = bulk.ids_by_reference(session, [r.reference for r in rows])
    _insert_children(session, rows, ids)
    return [_event(ids[row.reference], row, "imported", source, now) for row in rows]


def _update(
    session: Session, rows: list[ImportRow], ids: dict[str, int], source: str, now: datetime
) -> list[dict[str, Any]]:
    if not rows:
        return []
    bulk.update_cases(
        session,
        [{"id": ids[r.reference], **{k: r.values[k] for k in REP_FIELDS}, "updated_at": now} for r in rows],
    )
    # The file is the record of an imported case: its stages, categories, referral and payments are replaced.
    bulk.delete_stages_and_categories(session, [ids[r.reference] for r in rows])
    bulk.delete_referrals_and_payments(session, [ids[r.reference] for r in rows])
    _insert_children(session, rows, ids)
    return [_event(ids[row.reference], row, "import_updated", source, now) for row in rows]


def _insert_children(session: Session, rows: list[ImportRow], ids: dict[str, int]) -> None:
    bulk.insert_rows(session, Stage, [{**s, "representation_id": ids[r.reference]} for r in rows for s in r.stages])
    bulk.insert_rows(
        session,
        RepresentationCategory,
        [{"representation_id": ids[r.reference], "code": c} for r in rows for c in r.categories],
    )
    now = datetime.now(UTC)
    bulk.insert_rows(
        session,
        OmbudsmanReferral,
        [{**f, "representation_id": ids[r.reference], "created_at": now} for r in rows for f in r.referrals],
    )
    bulk.insert_rows(
        session,
        CompensationPayment,
        [
            {**p, "representation_id": ids[r.reference], "recorded_by": ACTOR, "created_at": now}
            for r in rows
            for p in r.payments
        ],
    )


def _event(rep_id: int, row: ImportRow, action: str, source: str, now: datetime) -> dict[str, Any]:
    return {
        "representation_id": rep_id,
        "reference": row.reference,
        "actor": ACTOR,
        "action": action,
        "at": now,
        "detail": f"historic record from {source}, line {row.line}",
    }


def _changed(session: Session, rows: list[ImportRow], existing: dict[str, int]) -> list[ImportRow]:
    """The rows whose stored data differs from the file: three queries for the whole chunk."""
    ids = [existing[r.reference] for r in rows]
    stored = bulk.case_columns(session, ids, REP_FIELDS)
    stages = bulk.stage_columns(session, ids, STAGE_FIELDS)
    codes = bulk.category_codes(session, ids)
    referrals = bulk.referral_columns(session, ids, REFERRAL_FIELDS)
    payments = bulk.payment_columns(session, ids, PAYMENT_FIELDS)
    changed = []
    for row in rows:
        rep_id = existing[row.reference]
        if (
            _differ([stored[rep_id]], [tuple(row.values[k] for k in REP_FIELDS)])
            or _differ(stages.get(rep_id, []), [tuple(s[k] for k in STAGE_FIELDS) for s in row.stages])
            or tuple(codes.get(rep_id, [])) != row.categories
            or _differ(referrals.get(rep_id, []), [tuple(f[k] for k in REFERRAL_FIELDS) for f in row.referrals])
            or _differ(payments.get(rep_id, []), [tuple(p[k] for k in PAYMENT_FIELDS) for p in row.payments])
        ):
            changed.append(row)
    return changed


def _differ(stored: list[tuple], mine: list[tuple]) -> bool:
    # Text enums equal their values, so the plain comparison settles almost every row; only a mismatch
    # is looked at again with timestamps normalised.
    if stored == mine:
        return False
    return [tuple(map(_plain, t)) for t in stored] != [tuple(map(_plain, t)) for t in mine]


def _plain(value: Any) -> Any:
    """Compare enums by value and timestamps in UTC, so stored and parsed values match."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(microsecond=0)
    if hasattr(value, "value"):
        return value.value
    return value
