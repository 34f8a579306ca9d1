"""The records import never touches a case made in this service: the row is refused with its line number and
nothing in the file is imported; records the import made itself are still updated by reference."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from intake.domain.records_import import ImportRejected, import_records
from intake.extensions import db
from intake.models import AuditEvent, Representation, Status
from tests.factories import create_representation

TODAY = date(2026, 11, 2)
HEADER = "reference,kind,procedure,received_on,team,outcome,stage,stage1_responded_on,categories"
WORDS = "My social worker never calls me back."


def _run(settings, text: str):
    return import_records(db.session, text, settings, source="test.csv", today=TODAY)


def test_a_row_naming_a_live_case_is_refused_with_its_line_and_nothing_is_imported(settings):
    live = create_representation(what_happened=WORDS)
    csv = (
        f"{HEADER}\n"
        "CS-2012-0001,complaint,statutory,2012-05-03,Fostering,upheld,1,2012-05-12,finance\n"
        f"{live.reference},complaint,statutory,2012-05-03,Fostering,upheld,1,2012-05-12,finance\n"
    )
    with pytest.raises(ImportRejected) as refused:
        _run(settings, csv)
    assert [(p.line, p.column) for p in refused.value.problems] == [(3, "reference")]
    assert "made in this service" in refused.value.problems[0].message
    db.session.rollback()
    db.session.expire_all()
    case = db.session.scalar(select(Representation).where(Representation.reference == live.reference))
    assert case.what_happened == WORDS and case.status is not Status.CLOSED and case.retention_until is None
    assert db.session.scalar(select(func.count(Representation.id))) == 1
    assert not db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("import%"))).all()


def test_a_record_the_import_made_is_still_updated_by_reference(settings):
    _run(settings, f"{HEADER}\nCS-2012-0002,complaint,statutory,2012-05-03,Fostering,open,1,,finance\n")
    db.session.commit()
    result = _run(
        settings, f"{HEADER}\nCS-2012-0002,complaint,statutory,2012-05-03,Fostering,upheld,1,2012-05-12,finance\n"
    )
    assert (result.created, result.updated) == (0, 1)
