"""The annual report's queries over the procedure's own records: payments, resolutions, refusals, pauses, the
Ombudsman's referrals, learning and actions. ``intake.domain.report_sections`` turns the rows into figures.

Each reads a date range of its own record (a payment by the day it was paid, a refusal by its day, a referral by
the day it was made or decided), except resolutions, counted with the complaints received in the year. The
tables are small next to the cases, and each query is one indexed range or join.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from intake.data.reports import COMPLAINT, _execute, _in_year, _text, _total
from intake.models import (
    CasePause,
    CaseRefusal,
    CaseResolution,
    CompensationPayment,
    LearningAction,
    LearningPoint,
    OmbudsmanReferral,
    Representation,
    Team,
)


def payment_rows(
    session: Session, first: date, last: date, start: datetime, end: datetime
) -> Sequence[tuple[int, str, date | None, str]]:
    """(amount in pence, detail, day paid, reason) for every payment made from ``first`` to ``last``, and every
    payment with no date on a complaint received in [start, end): by day paid, then as recorded."""
    undated_in_year = and_(CompensationPayment.paid_on.is_(None), _in_year(start, end))
    return _execute(
        session,
        select(
            CompensationPayment.amount_pence,
            CompensationPayment.detail,
            CompensationPayment.paid_on,
            CompensationPayment.reason,
        )
        .join(Representation, Representation.id == CompensationPayment.representation_id)
        .where(or_(CompensationPayment.paid_on.between(first, last), undated_in_year))
        .order_by(CompensationPayment.paid_on.is_(None), CompensationPayment.paid_on, CompensationPayment.id),
    ).all()


def resolution_rows(session: Session, start: datetime, end: datetime) -> Sequence[tuple[str, int]]:
    """(resolution code, complaints) for the complaints received in [start, end)."""
    return _execute(
        session,
        select(CaseResolution.code, func.count())
        .join(Representation, Representation.id == CaseResolution.representation_id)
        .where(_in_year(start, end, Representation.kind == COMPLAINT))
        .group_by(CaseResolution.code),
    ).all()


def refusal_rows(session: Session, first: date, last: date) -> Sequence[tuple[str, int, int]]:
    """(code, stage refused, count) of the refusals made from ``first`` to ``last``."""
    return _execute(
        session,
        select(CaseRefusal.code, CaseRefusal.stage_number, func.count())
        .where(CaseRefusal.refused_on.between(first, last))
        .group_by(CaseRefusal.code, CaseRefusal.stage_number),
    ).all()


def pause_rows(session: Session, first: date, last: date) -> Sequence[tuple[str, bool, int, int]]:
    """(reason, still paused, working days paused, count) of the pauses that started from ``first`` to ``last``."""
    running = CasePause.resumed_on.is_(None).label("running")
    return _execute(
        session,
        select(_text(CasePause.reason), running, func.sum(CasePause.paused_working_days), func.count())
        .where(CasePause.paused_on.between(first, last))
        .group_by(CasePause.reason, "running"),
    ).all()


def referral_rows(session: Session, by: str, first: date, last: date) -> Sequence[Any]:
    """Ombudsman referrals made (``by="referred"``) or decided (``by="decided"``) from ``first`` to ``last``:
    (outcome or None, count, with a remedy, remedy done, remedy done by its due date)."""
    column = OmbudsmanReferral.referred_on if by == "referred" else OmbudsmanReferral.decided_on
    remedy = OmbudsmanReferral.remedy.is_not(None)
    done = OmbudsmanReferral.compliance_done_on.is_not(None)
    on_time = and_(done, OmbudsmanReferral.compliance_done_on <= OmbudsmanReferral.compliance_due_on)
    return _execute(
        session,
        select(_text(OmbudsmanReferral.outcome), func.count(), _total(remedy), _total(done), _total(on_time))
        .where(column.between(first, last))
        .group_by(OmbudsmanReferral.outcome),
    ).all()


def learning_point_rows(session: Session, first: date, last: date) -> Sequence[tuple[str, date]]:
    """(what was learnt, day recorded) from ``first`` to ``last``, in order."""
    return _execute(
        session,
        select(LearningPoint.text, LearningPoint.recorded_on)
        .where(LearningPoint.recorded_on.between(first, last))
        .order_by(LearningPoint.recorded_on, LearningPoint.id),
    ).all()


def action_rows(session: Session, first: date, last: date) -> Sequence[Any]:
    """Actions agreed from ``first`` to ``last``: (description, owner, team name, agreed, due, status, evidence,
    completed), by due date."""
    return _execute(
        session,
        select(
            LearningAction.description,
            LearningAction.owner,
            Team.name,
            LearningAction.agreed_on,
            LearningAction.due_on,
            _text(LearningAction.status),
            LearningAction.evidence,
            LearningAction.completed_on,
        )
        .outerjoin(Team, Team.id == LearningAction.team_id)
        .where(LearningAction.agreed_on.between(first, last))
        .order_by(LearningAction.due_on, LearningAction.id),
    ).all()
