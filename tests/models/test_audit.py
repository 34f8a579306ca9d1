import pytest

from intake.domain.audit import record_event
from intake.models.audit import AppendOnlyError
from tests.factories import create_representation


def test_audit_events_cannot_be_changed(session):
    rep = create_representation()
    event = record_event(session, "viewed", representation=rep, actor="officer@council.example")
    session.commit()
    event.detail = "rewritten"
    with pytest.raises(AppendOnlyError):
        session.commit()
    session.rollback()


def test_audit_events_cannot_be_deleted(session):
    rep = create_representation()
    event = record_event(session, "viewed", representation=rep, actor="officer@council.example")
    session.commit()
    session.delete(event)
    with pytest.raises(AppendOnlyError):
        session.commit()
    session.rollback()
