"""The import never touches a case made in this service: only records it imported itself may be updated.

A historic file's reference can match a live case's (by accident, or a council's own numbering that looks
like ours). Updating it would overwrite what the child said and close the case in the past, due for purge.
So every row whose reference names a case not created by an import is a problem on its line, and, as with
any problem, nothing in the file is imported.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from intake.data import bulk
from intake.data.cases import imported_case_ids
from intake.domain.records_import.reading import Problem, _
from intake.domain.records_import.rows import ImportRow

CHUNK = 1000


def live_case_problems(session: Session, rows: list[ImportRow]) -> list[Problem]:
    problems: list[Problem] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        existing = bulk.ids_by_reference(session, [row.reference for row in chunk])
        if not existing:
            continue
        imported = imported_case_ids(session, list(existing.values()))
        for row in chunk:
            if row.reference in existing and existing[row.reference] not in imported:
                message = _("This reference belongs to a case made in this service, which an import never changes.")
                problems.append(Problem(row.line, "reference", message))
    return problems
