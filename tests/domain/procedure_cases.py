"""A complaint walked through the statutory procedure, step by step, for the procedure tests.

Received on Monday 2 November 2026 (day 0); stage 1 answered on 12 November; stage 2 asked for on Friday
20 November (due 29 December: 25 working days over Christmas); stage 2 answered on 4 December; stage 3 asked for
on Monday 7 December, so the panel must meet by Thursday 21 January 2027 (day 30).
"""

from __future__ import annotations

from datetime import date

from intake.domain import casework
from intake.models import Kind, Outcome, Procedure, Representation
from tests.factories import create_representation

TODAY = date(2027, 12, 1)  # later than every date used, so nothing is "in the future"
STAGE2_REQUEST = date(2026, 11, 20)
STAGE3_REQUEST = date(2026, 12, 7)

INVESTIGATING_OFFICER = casework.Appointee(
    "Pat Jones", "Jones Investigations", "pat@jones-investigations.example", not_involved=True, not_line_manager=True
)
INDEPENDENT_PERSON = casework.Appointee(
    "Alex Smith",
    "Independent Reviews",
    "alex@independent-reviews.example",
    not_involved=True,
    not_line_manager=True,
    not_council=True,
    not_council_partner=True,
)
PANEL = ["Ann Lee", "Bo Chen", "Cy Dunn"]


def through_stage_1(session, officer, settings, **kwargs) -> Representation:
    rep = create_representation(**kwargs)
    casework.triage(session, rep, officer, settings, kind=Kind.COMPLAINT, procedure=Procedure.STATUTORY, team_id=None)
    casework.acknowledge(session, rep, officer, settings, date(2026, 11, 3))
    casework.record_response(session, rep, officer, Outcome.NOT_UPHELD, date(2026, 11, 12), TODAY)
    return rep


def at_stage_2(session, officer, settings, **kwargs) -> Representation:
    rep = through_stage_1(session, officer, settings, **kwargs)
    casework.request_escalation(session, rep, officer, settings, STAGE2_REQUEST, TODAY)
    return rep


def appointed(session, officer, settings, **kwargs) -> Representation:
    rep = at_stage_2(session, officer, settings, **kwargs)
    casework.record_investigation(
        session, rep, officer, settings, INVESTIGATING_OFFICER, INDEPENDENT_PERSON, date(2026, 11, 23), TODAY
    )
    return rep


def decide_points(session, officer, rep, outcomes: list[Outcome], today=TODAY) -> None:
    """Give the complaint a point per outcome (if it has none yet) and decide each at the running stage."""
    from intake.data.procedure import points_for

    points = list(points_for(session, rep.id))
    while len(points) < len(outcomes):
        points.append(casework.add_point(session, rep, officer, f"Point {len(points) + 1}"))
    for point, outcome in zip(points, outcomes, strict=False):
        casework.record_point_outcome(session, rep, officer, point.id, outcome, "An apology", today)


def adjudicated(session, officer, settings, outcomes=(Outcome.NOT_UPHELD,), **kwargs) -> Representation:
    rep = appointed(session, officer, settings, **kwargs)
    casework.record_report(session, rep, officer, date(2026, 12, 1), TODAY)
    decide_points(session, officer, rep, list(outcomes))
    casework.adjudicate(
        session,
        rep,
        officer,
        adjudicator="Sam Okafor, Head of Service",
        senior_manager=True,
        adjudicated_on=date(2026, 12, 3),
        actions="Review the team's call-back rota",
        today=TODAY,
    )
    return rep


def through_stage_2(session, officer, settings, **kwargs) -> Representation:
    rep = adjudicated(session, officer, settings, **kwargs)
    casework.record_response(session, rep, officer, None, date(2026, 12, 4), TODAY)
    return rep


def at_stage_3(session, officer, settings, **kwargs) -> Representation:
    rep = through_stage_2(session, officer, settings, **kwargs)
    casework.request_escalation(session, rep, officer, settings, STAGE3_REQUEST, TODAY)
    return rep
