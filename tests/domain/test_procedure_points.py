"""A complaint's points, each with its outcome and remedy per stage; the stage's outcome follows from them
(rules-reference §10 item 27)."""

from __future__ import annotations

from datetime import date

import pytest

from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.models import Kind, Outcome
from tests.domain.procedure_cases import TODAY
from tests.factories import create_representation, create_staff

U, P, N, R, W = Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD, Outcome.RESOLVED, Outcome.WITHDRAWN


@pytest.fixture
def officer():
    return create_staff()


@pytest.mark.parametrize(
    ("points", "stage"),
    [
        ([U, U], U),
        ([N, N], N),
        ([U, N], P),
        ([P], P),
        ([N, P], P),
        ([U, W], U),
        ([W, W], W),
        ([R, R], R),
        ([R, N], N),
        ([R, U], U),
    ],
)
def test_item_27_the_stage_outcome_follows_from_its_points(points, stage):
    assert casework.derive(points) is stage


def test_item_27_each_point_has_an_outcome_and_remedy_per_stage(session, officer):
    rep = create_representation()
    late_calls = casework.add_point(session, rep, officer, "No reply to calls since March")
    money = casework.add_point(session, rep, officer, "Allowance stopped without notice")
    casework.record_point_outcome(session, rep, officer, late_calls.id, U, "An apology and a named worker", TODAY)
    casework.record_point_outcome(session, rep, officer, money.id, N, None, TODAY)
    casework.record_point_outcome(session, rep, officer, money.id, P, "Back pay for May", TODAY)  # replaced
    session.commit()
    assert [(p.position, p.outcome_at(1).outcome, p.outcome_at(1).remedy) for p in (late_calls, money)] == [
        (1, U, "An apology and a named worker"),
        (2, P, "Back pay for May"),
    ]
    stage = casework.record_response(session, rep, officer, None, date(2026, 11, 10), TODAY)
    assert stage.outcome is P


def test_item_27_a_response_is_refused_while_a_point_has_no_outcome_or_when_it_contradicts_them(session, officer):
    rep = create_representation()
    point = casework.add_point(session, rep, officer, "No reply to calls")
    with pytest.raises(CaseworkError, match="“No reply to calls” has none"):
        casework.record_response(session, rep, officer, U, date(2026, 11, 10), TODAY)
    casework.record_point_outcome(session, rep, officer, point.id, N, None, TODAY)
    with pytest.raises(CaseworkError, match="make stage 1 not upheld"):
        casework.record_response(session, rep, officer, U, date(2026, 11, 10), TODAY)


def test_a_point_needs_a_summary_on_a_complaint_and_an_outcome_needs_a_running_stage(session, officer, settings):
    rep = create_representation()
    with pytest.raises(CaseworkError, match="Enter what the point is about"):
        casework.add_point(session, rep, officer, "  ")
    with pytest.raises(CaseworkError, match="300 characters"):
        casework.add_point(session, rep, officer, "x" * 301)
    compliment = create_representation(kind=Kind.COMPLIMENT)
    with pytest.raises(CaseworkError, match="Only complaints"):
        casework.add_point(session, compliment, officer, "Great worker")
    point = casework.add_point(session, rep, officer, "Calls")
    casework.record_point_outcome(session, rep, officer, point.id, U, None, TODAY)
    casework.record_response(session, rep, officer, None, date(2026, 11, 10), TODAY)
    with pytest.raises(CaseworkError, match="no stage is running"):
        casework.record_point_outcome(session, rep, officer, point.id, N, None, TODAY)
    other = create_representation()
    with pytest.raises(CaseworkError, match="Select a point of this complaint"):
        casework.record_point_outcome(session, other, officer, point.id, N, None, TODAY)
