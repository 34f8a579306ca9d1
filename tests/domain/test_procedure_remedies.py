"""The Ombudsman's referral through its lifecycle, payments (several, each dated and explained), common
resolutions, and learning with actions (rules-reference §1.15, §10 items 27, 28)."""

from __future__ import annotations

from datetime import date

import pytest

from intake.data.procedure import actions_for, payments_for, referrals_for, resolutions_for
from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.models import ActionStatus, LgoResult
from tests.domain.procedure_cases import TODAY
from tests.factories import create_representation, create_staff, create_teams


@pytest.fixture
def officer():
    return create_staff()


def test_an_ombudsman_referral_goes_through_its_lifecycle_with_dates_in_order(session, officer):
    rep = create_representation()
    referral = casework.refer(session, rep, officer, date(2027, 3, 1), None, TODAY)
    assert referral.outcome is None  # referred, not yet decided: still a referral
    with pytest.raises(CaseworkError, match="before the referral"):
        casework.record_enquiry(session, rep, officer, referral.id, date(2027, 2, 27), "25 001 534", TODAY)
    casework.record_enquiry(session, rep, officer, referral.id, date(2027, 3, 15), "25 001 534", TODAY)
    with pytest.raises(CaseworkError, match="carry out the remedy by"):
        casework.record_decision(
            session,
            rep,
            officer,
            referral.id,
            decided_on=date(2027, 6, 1),
            outcome=LgoResult.INVESTIGATED_UPHELD,
            remedy="Pay £250 and apologise",
            compliance_due_on=None,
            today=TODAY,
        )
    casework.record_decision(
        session,
        rep,
        officer,
        referral.id,
        decided_on=date(2027, 6, 1),
        outcome=LgoResult.INVESTIGATED_UPHELD,
        remedy="Pay £250 and apologise",
        compliance_due_on=date(2027, 7, 1),
        today=TODAY,
    )
    with pytest.raises(CaseworkError, match="before the decision"):
        casework.record_compliance(session, rep, officer, referral.id, date(2027, 5, 31), TODAY)
    casework.record_compliance(session, rep, officer, referral.id, date(2027, 6, 20), TODAY)
    session.commit()
    [kept] = referrals_for(session, rep.id)
    assert (kept.lgo_reference, kept.outcome, kept.compliance_done_on) == (
        "25 001 534",
        LgoResult.INVESTIGATED_UPHELD,
        date(2027, 6, 20),
    )


def test_a_referral_before_the_complaint_was_received_is_refused(session, officer):
    rep = create_representation()
    with pytest.raises(CaseworkError, match="before the complaint was received"):
        casework.refer(session, rep, officer, date(2026, 10, 1), "X", TODAY)


def test_a_second_payment_is_added_not_written_over_the_first(session, officer):
    rep = create_representation()
    casework.record_payment(
        session,
        rep,
        officer,
        pence=25000,
        paid_on=date(2026, 12, 1),
        reason="time_and_trouble",
        detail="For the time and trouble of complaining",
        today=TODAY,
    )
    casework.record_payment(
        session,
        rep,
        officer,
        pence=15000,
        paid_on=date(2027, 1, 5),
        reason="financial_loss",
        detail="Missed allowance for May",
        today=TODAY,
    )
    session.commit()
    assert [(p.amount_pence, p.paid_on, p.reason) for p in payments_for(session, rep.id)] == [
        (25000, date(2026, 12, 1), "time_and_trouble"),
        (15000, date(2027, 1, 5), "financial_loss"),
    ]


@pytest.mark.parametrize(
    ("pence", "reason", "paid_on", "message"),
    [
        (0, "distress", date(2026, 12, 1), "more than £0"),
        (-500, "distress", date(2026, 12, 1), "more than £0"),
        (100_000_01, "distress", date(2026, 12, 1), "under £100,000"),
        (500, "bribe", date(2026, 12, 1), "why the payment was made"),
        (500, "distress", date(2026, 10, 1), "before the complaint was received"),
    ],
)
def test_a_payment_of_nothing_or_less_or_out_of_order_is_refused(session, officer, pence, reason, paid_on, message):
    rep = create_representation()
    with pytest.raises(CaseworkError, match=message):
        casework.record_payment(
            session, rep, officer, pence=pence, paid_on=paid_on, reason=reason, detail="Detail", today=TODAY
        )
    assert payments_for(session, rep.id) == []


def test_resolutions_are_a_coded_list_set_as_a_whole(session, officer):
    rep = create_representation()
    casework.set_resolutions(session, rep, officer, ["apology", "meeting", "apology"])
    session.commit()
    casework.set_resolutions(session, rep, officer, ["apology", "service_change"])
    session.commit()
    assert [r.code for r in resolutions_for(session, rep.id)] == ["apology", "service_change"]
    with pytest.raises(CaseworkError, match="from the list"):
        casework.set_resolutions(session, rep, officer, ["a_cake"])


def test_item_28_learning_and_actions_with_an_owner_team_due_date_status_and_evidence(session, officer):
    [team, *_] = create_teams(("Leaving care",))
    rep = create_representation()
    casework.add_learning_point(session, rep, officer, "Care leavers were not told when allowances change", TODAY)
    action = casework.add_action(
        session,
        rep,
        officer,
        description="Write to every care leaver before a change",
        owner="Team manager",
        team_id=team.id,
        due_on=date(2028, 3, 1),
        today=TODAY,
    )
    with pytest.raises(CaseworkError, match="evidence"):
        casework.update_action(session, rep, officer, action.id, ActionStatus.DONE, "", TODAY)
    casework.update_action(session, rep, officer, action.id, ActionStatus.IN_PROGRESS, None, TODAY)
    casework.update_action(
        session, rep, officer, action.id, ActionStatus.DONE, "Letter template in use", date(2028, 1, 4)
    )
    session.commit()
    [kept] = actions_for(session, rep.id)
    assert (kept.status, kept.evidence, kept.completed_on, kept.team_id) == (
        ActionStatus.DONE,
        "Letter template in use",
        date(2028, 1, 4),
        team.id,
    )
    with pytest.raises(CaseworkError, match="before it is agreed"):
        casework.add_action(
            session, rep, officer, description="x", owner="y", team_id=None, due_on=date(2027, 1, 1), today=TODAY
        )
    with pytest.raises(CaseworkError, match="why the action was dropped"):
        casework.update_action(session, rep, officer, kept.id, ActionStatus.DROPPED, None, TODAY)
