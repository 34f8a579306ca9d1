"""A new case's reference is checked against every case: stored, or added to the session and not yet written."""

from __future__ import annotations

from intake.data.cases import reference_in_use
from intake.models import Channel, Kind, Representation, SubmittedBy
from intake.models.base import utcnow
from tests.factories import create_representation


def test_the_reference_of_a_stored_case_is_in_use(session):
    case = create_representation()

    assert reference_in_use(session, case.reference)


def test_a_reference_no_case_has_is_free(session):
    create_representation()

    assert not reference_in_use(session, "ZZZZ-ZZZZ")


def test_the_reference_of_a_case_added_but_not_yet_written_is_in_use(session):
    pending = Representation(
        reference="K7QM-3XPD",
        kind=Kind.COMPLAINT,
        channel=Channel.SMS,
        submitted_by=SubmittedBy.CHILD,
        what_happened="words",
        received_at=utcnow(),
    )
    session.add(pending)

    assert reference_in_use(session, "K7QM-3XPD")
    session.rollback()
