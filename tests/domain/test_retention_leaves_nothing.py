"""A purged case leaves no row behind in any table that belongs to it, whichever table a new feature adds.

The check reads the schema, not a list: every table with a foreign key to the case (or to a row of the case,
such as a stage or a complaint point) must hold nothing of the purged case afterwards.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from intake.domain import casework
from intake.domain.retention import purge_expired
from intake.models import Representation
from intake.models.base import Base
from tests.domain.procedure_cases import through_stage_2
from tests.factories import create_staff


def _tables_pointing_at(table_names: set[str]):
    """(table, column) for every foreign key from any table to one of ``table_names``."""
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name in table_names:
                yield table, fk.parent, fk.column


def test_a_case_through_stage_2_purged_leaves_no_row_of_it_in_any_table(session, settings):
    officer = create_staff()
    rep = through_stage_2(session, officer, settings, contact_phone="07700 900123", safe_to_contact=True)
    casework.close(session, rep, officer, settings, date(2026, 12, 10))
    session.commit()
    rep_id = rep.id
    owned = {"representation": {rep_id}}
    # Every row that belongs to the case, two levels down (stages, points, their investigators and panels).
    for _level in range(2):
        for table, column, target in list(_tables_pointing_at(set(owned))):
            ids = owned[target.table.name]
            if "id" in table.c:
                rows = session.execute(select(table.c.id).where(column.in_(ids))).scalars().all()
                owned.setdefault(table.name, set()).update(rows)
    assert len(owned) > 5, owned.keys()  # the case really has stages, points, notes, notifications and more

    assert [p.reference for p in purge_expired(session, date(2040, 1, 1))] == [rep.reference]
    session.commit()

    assert session.get(Representation, rep_id) is None
    left = {}
    for table, column, target in _tables_pointing_at(set(owned)):
        count = session.scalar(select(func.count()).select_from(table).where(column.in_(owned[target.table.name])))
        if count and table.name != "audit_event":  # the audit trail keeps one line that it was purged
            left[f"{table.name}.{column.name}"] = count
    assert not left, f"rows of the purged case left behind: {left}"
