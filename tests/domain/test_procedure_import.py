"""The records import carries the Ombudsman's referral and several payments (issue 17 item 11): optional
columns, and old files import as they always did (their one result and one amount become a referral and a
payment)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from intake.data.procedure import payments_for, referrals_for
from intake.domain.records_import import ImportRejected, import_records
from intake.domain.report import annual_report
from intake.extensions import db
from intake.models import Representation

TODAY = date(2026, 12, 1)
OLD = (
    "reference,kind,procedure,received_on,stage,outcome,stage1_responded_on,lgo,compensation_pence,compensation_detail\n"
    "OLD-1,complaint,statutory,2017-04-18,1,upheld,2017-04-28,investigated_upheld,25000,Apology and payment\n"
    "OLD-2,complaint,statutory,2017-05-02,1,not_upheld,2017-05-10,,0,\n"
)
NEW = (
    "reference,kind,procedure,received_on,stage,outcome,stage1_responded_on,lgo,lgo_referred_on,lgo_reference,"
    "lgo_decided_on,lgo_remedy,compensation_pence,compensation_paid_on,compensation_detail,payment2_pence,"
    "payment2_paid_on,payment2_detail\n"
    "NEW-1,complaint,statutory,2017-06-01,1,upheld,2017-06-12,investigated_upheld,2018-01-15,17 001 234,"
    "2018-05-01,Pay £300,15000,2017-06-20,Time and trouble,30000,2018-05-20,The Ombudsman's remedy\n"
)


def run(settings, text):
    result = import_records(db.session, text, settings, source="test", today=TODAY)
    db.session.commit()
    return result


def case(reference):
    return db.session.scalar(select(Representation).where(Representation.reference == reference))


def test_an_old_file_imports_as_before_its_result_and_amount_a_referral_and_a_payment(settings):
    run(settings, OLD)
    [referral] = referrals_for(db.session, case("OLD-1").id)
    assert (referral.outcome.value, referral.referred_on, referral.decided_on) == ("investigated_upheld", None, None)
    [payment] = payments_for(db.session, case("OLD-1").id)
    assert (payment.amount_pence, payment.paid_on, payment.detail) == (25000, None, "Apology and payment")
    assert payments_for(db.session, case("OLD-2").id) == []  # 0 pence is no payment
    report = annual_report(db.session, 2017, settings)
    assert report["lgo"] == {"referred": 1, "investigated": 1, "upheld": 1}
    assert report["compensation"]["payments"] == 1 and report["compensation"]["total_pence"] == 25000


def test_the_new_columns_give_the_referrals_lifecycle_and_several_dated_payments(settings):
    run(settings, NEW)
    rep = case("NEW-1")
    [referral] = referrals_for(db.session, rep.id)
    assert (referral.referred_on, referral.lgo_reference, referral.decided_on, referral.remedy) == (
        date(2018, 1, 15),
        "17 001 234",
        date(2018, 5, 1),
        "Pay £300",
    )
    assert [(p.amount_pence, p.paid_on) for p in payments_for(db.session, rep.id)] == [
        (15000, date(2017, 6, 20)),
        (30000, date(2018, 5, 20)),
    ]
    report = annual_report(db.session, 2017, settings)
    assert report["ombudsman"]["by_referral_year"]["referred"] == 1  # January 2018 is in 2017/18
    assert report["compensation"]["total_pence"] == 15000  # the second payment is in 2018/19
    assert annual_report(db.session, 2018, settings)["ombudsman"]["by_decision_year"]["upheld"] == 1


def test_importing_again_changes_nothing_and_a_changed_payment_replaces_the_old(settings):
    run(settings, NEW)
    assert run(settings, NEW).unchanged == 1
    changed = run(settings, NEW.replace("30000,2018-05-20", "35000,2018-05-20"))
    assert changed.updated == 1
    assert [p.amount_pence for p in payments_for(db.session, case("NEW-1").id)] == [15000, 35000]
    assert len(referrals_for(db.session, case("NEW-1").id)) == 1


@pytest.mark.parametrize(
    ("columns", "values", "problem"),
    [
        ("payment2_pence", "0", ("payment2_pence", "more than 0 pence")),
        ("payment2_paid_on", "2017-06-05", ("payment2_pence", "Give the amount")),
        ("lgo,lgo_referred_on,lgo_decided_on", "upheld_typo,2017-07-01,2017-08-01", ("lgo", "is not allowed")),
        ("lgo_decided_on", "2017-08-01", ("lgo", "Give the Ombudsman's decision")),
        ("lgo,lgo_referred_on,lgo_decided_on", "not_investigated,2017-08-01,2017-07-01", ("lgo_decided_on", "before")),
        ("lgo_referred_on", "2017-05-01", ("lgo_referred_on", "before the complaint was received")),
        ("compensation_pence,compensation_paid_on", "500,2017-05-01", ("compensation_paid_on", "before the complaint")),
    ],
)
def test_a_payment_of_nothing_or_dates_out_of_order_are_refused_with_the_line_and_column(
    settings, columns, values, problem
):
    text = f"reference,kind,received_on,{columns}\nA,complaint,2017-06-01,{values}\n"
    with pytest.raises(ImportRejected) as rejected:
        run(settings, text)
    column, message = problem
    assert any(p.line == 2 and p.column == column and message in p.message for p in rejected.value.problems), (
        rejected.value.problems
    )
