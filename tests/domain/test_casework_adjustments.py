"""Reasonable adjustments (rules-reference §10 item 26; LGSCO Code 5.6): recorded with their kind, agreed with a
review date or refused with a reason, kept under review, every change audited without the person's words, and
purged with the case."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from intake.data import adjustments as adjustment_data
from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.domain.report import annual_report
from intake.domain.retention import purge_expired
from intake.models import AdjustmentKind, AuditEvent, Outcome, ReasonableAdjustment
from tests.factories import create_representation, create_staff

TODAY = date(2026, 12, 7)
WORDS = "Please ring me, I can't read long letters <b>at all</b>"


@pytest.fixture
def officer():
    return create_staff()


def agreed(session, rep, officer, review_on=date(2027, 3, 1), kind=AdjustmentKind.PHONE_NOT_WRITING):
    return casework.record_adjustment(
        session,
        rep,
        officer,
        kind=kind,
        requested=WORDS,
        agreed=True,
        refusal_reason=None,
        review_on=review_on,
        today=TODAY,
    )


def reviewed(session, rep, officer, adjustment_id, *, note, end, next_review_on=None, reviewed_on=TODAY):
    return casework.review_adjustment(
        session,
        rep,
        officer,
        adjustment_id,
        reviewed_on=reviewed_on,
        note=note,
        next_review_on=next_review_on,
        end=end,
        today=TODAY,
    )


def audit_details(session, rep) -> list[str]:
    return [
        e.detail
        for e in session.scalars(select(AuditEvent).where(AuditEvent.representation_id == rep.id))
        if e.action.startswith("adjustment_")
    ]


def test_an_agreed_adjustment_is_kept_in_their_words_with_its_kind_and_review_date(session, officer):
    rep = create_representation()
    agreed(session, rep, officer)
    session.commit()
    [kept] = adjustment_data.adjustments_for(session, rep.id)
    assert kept.requested == WORDS  # as written: nothing that looks like markup is stripped
    assert (kept.kind, kept.agreed, kept.review_on, kept.recorded_by) == (
        AdjustmentKind.PHONE_NOT_WRITING,
        True,
        date(2027, 3, 1),
        officer.email,
    )
    assert kept.in_force and not kept.review_overdue(TODAY)


def test_the_audit_trail_names_the_kind_but_never_the_persons_words(session, officer):
    rep = create_representation()
    adjustment = agreed(session, rep, officer)
    reviewed(session, rep, officer, adjustment.id, note="Still helps", end=True)
    session.commit()
    details = audit_details(session, rep)
    assert len(details) == 2
    assert all("phone_not_writing" in d for d in details)
    assert not any("ring me" in d or "Still helps" in d for d in details)


def test_an_agreed_adjustment_without_a_review_date_is_refused_and_says_to_enter_one(session, officer):
    rep = create_representation()
    with pytest.raises(CaseworkError, match="Enter a review date"):
        agreed(session, rep, officer, review_on=None)


def test_a_review_date_in_the_past_is_refused(session, officer):
    rep = create_representation()
    with pytest.raises(CaseworkError, match="in the past"):
        agreed(session, rep, officer, review_on=date(2026, 12, 6))


def test_a_refusal_needs_its_reason_and_then_has_no_review_date(session, officer):
    rep = create_representation()
    refuse = dict(kind=AdjustmentKind.OTHER, requested="Only talk to my cat", agreed=False, today=TODAY)
    with pytest.raises(CaseworkError, match="Enter why the adjustment was not agreed"):
        casework.record_adjustment(session, rep, officer, refusal_reason="  ", review_on=None, **refuse)
    kept = casework.record_adjustment(
        session, rep, officer, refusal_reason="Not something we can do", review_on=date(2027, 1, 1), **refuse
    )
    assert (kept.agreed, kept.review_on, kept.refusal_reason) == (False, None, "Not something we can do")
    assert not kept.in_force
    with pytest.raises(CaseworkError, match="Only an agreed adjustment"):
        reviewed(session, rep, officer, kept.id, note="x", end=False, next_review_on=date(2027, 1, 1))


def test_a_review_moves_the_review_date_on_or_ends_the_adjustment(session, officer):
    rep = create_representation()
    adjustment = agreed(session, rep, officer)
    reviewed(session, rep, officer, adjustment.id, note="Still needed", end=False, next_review_on=date(2027, 6, 1))
    assert (adjustment.review_on, adjustment.reviewed_on, adjustment.review_note) == (
        date(2027, 6, 1),
        TODAY,
        "Still needed",
    )
    reviewed(session, rep, officer, adjustment.id, note="Moved to a new school", end=True)
    assert (adjustment.ended_on, adjustment.review_on, adjustment.in_force) == (TODAY, None, False)


def test_a_review_that_keeps_it_needs_a_next_review_date_and_cannot_be_dated_in_the_future(session, officer):
    rep = create_representation()
    adjustment = agreed(session, rep, officer)
    with pytest.raises(CaseworkError, match="Enter a review date"):
        reviewed(session, rep, officer, adjustment.id, note="Still needed", end=False)
    with pytest.raises(CaseworkError, match="cannot be in the future"):
        reviewed(
            session,
            rep,
            officer,
            adjustment.id,
            note="Still needed",
            end=False,
            next_review_on=date(2027, 1, 1),
            reviewed_on=date(2026, 12, 8),
        )


def test_another_cases_adjustment_cannot_be_reviewed_from_this_case(session, officer):
    rep, other = create_representation(), create_representation()
    adjustment = agreed(session, other, officer)
    with pytest.raises(CaseworkError, match="Select one of this case's adjustments"):
        reviewed(session, rep, officer, adjustment.id, note="x", end=True)


def test_a_closed_cases_adjustment_may_be_reviewed_and_the_audit_says_the_case_was_closed(session, settings, officer):
    rep = create_representation()
    adjustment = agreed(session, rep, officer)
    casework.record_response(session, rep, officer, Outcome.UPHELD, TODAY, TODAY)
    casework.close(session, rep, officer, settings, TODAY)
    reviewed(session, rep, officer, adjustment.id, note="Still needed", end=False, next_review_on=date(2027, 6, 1))
    session.commit()
    assert "(the case is closed)" in audit_details(session, rep)[-1]
    with pytest.raises(CaseworkError, match="This case is closed"):
        agreed(session, rep, officer)


def test_only_agreed_adjustments_in_force_past_their_review_date_are_overdue(session, officer):
    overdue, on_time, ended = create_representation(), create_representation(), create_representation()
    agreed(session, overdue, officer, review_on=TODAY)
    agreed(session, on_time, officer, review_on=date(2027, 1, 4))
    gone = agreed(session, ended, officer, review_on=TODAY)
    reviewed(session, ended, officer, gone.id, note="Done", end=True)
    session.commit()
    ids = [overdue.id, on_time.id, ended.id]
    assert adjustment_data.cases_with_review_overdue(session, ids, TODAY) == set()  # due today is not yet late
    assert adjustment_data.cases_with_review_overdue(session, ids, date(2026, 12, 8)) == {overdue.id}


def test_a_purged_case_takes_its_adjustments_with_it(session, settings, officer):
    rep = create_representation()
    agreed(session, rep, officer)
    casework.record_response(session, rep, officer, Outcome.UPHELD, TODAY, TODAY)
    casework.close(session, rep, officer, settings, TODAY)
    session.commit()
    rep_id = rep.id
    purge_expired(session, date(2040, 1, 1))
    session.commit()
    assert (
        session.scalars(select(ReasonableAdjustment).where(ReasonableAdjustment.representation_id == rep_id)).all()
        == []
    )


def test_the_annual_report_counts_the_adjustments_agreed_in_its_year_only(session, officer):
    rep = create_representation()
    for when, was_agreed in (
        (datetime(2026, 4, 1, 9, tzinfo=UTC), True),  # 1 April: in the 2026/27 year
        (datetime(2027, 3, 31, 22, tzinfo=UTC), True),  # 31 March 23:00 in London: still in it
        (datetime(2026, 6, 1, 9, tzinfo=UTC), False),  # refused: not counted
        (datetime(2027, 3, 31, 23, tzinfo=UTC), True),  # 1 April 2027 00:00 in London: the next year
    ):
        session.add(
            ReasonableAdjustment(
                representation_id=rep.id,
                kind=AdjustmentKind.MORE_TIME,
                requested="More time to reply",
                agreed=was_agreed,
                refusal_reason=None if was_agreed else "No",
                recorded_by=officer.email,
                recorded_at=when,
                review_on=date(2027, 6, 1) if was_agreed else None,
            )
        )
    session.commit()
    assert annual_report(session, 2026)["adjustments_agreed"] == 2
    assert annual_report(session, 2027)["adjustments_agreed"] == 1
