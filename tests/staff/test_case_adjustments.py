"""Reasonable adjustments on the case page and in the queue: recorded and reviewed through GOV.UK forms, bad input
refused with an error summary that says what to do (writing nothing), an overdue review said in words, the
queue's "adjustment review overdue" filter and count, and advocates seeing them on their own cases only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from intake.domain.casework import today_in_london
from intake.models import AdjustmentKind, ReasonableAdjustment, Role, SubmittedBy
from tests.factories import create_representation, create_staff
from tests.staff.officer_forms import checked, date_parts

WORDS = "Ring me please, <i>not</i> letters"


@pytest.fixture
def case(officer):
    return create_representation()


def page(client, rep):
    response = client.get(f"/staff/cases/{rep.reference}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def record(client, post_form, rep, **changes):
    data = {
        "adjustment-kind": "phone_not_writing",
        "adjustment-requested": WORDS,
        "adjustment-agreed": "yes",
        "adjustment-review_on": date_parts(today_in_london() + timedelta(days=90)),
        **changes,
    }
    return post_form(client, f"/staff/cases/{rep.reference}/adjustments", {k: v for k, v in data.items() if v})


def stored(session, rep) -> list[ReasonableAdjustment]:
    session.expire_all()
    return list(session.scalars(select(ReasonableAdjustment).where(ReasonableAdjustment.representation_id == rep.id)))


def overdue_adjustment(session, rep, days_late=3) -> ReasonableAdjustment:
    adjustment = ReasonableAdjustment(
        representation_id=rep.id,
        kind=AdjustmentKind.EASY_READ,
        requested="Easy read letters",
        agreed=True,
        recorded_by="officer@council.example",
        review_on=today_in_london() - timedelta(days=days_late),
    )
    session.add(adjustment)
    session.commit()
    return adjustment


def test_an_officer_records_an_agreed_adjustment_and_sees_it_with_its_review_date(client, post_form, case, session):
    assert record(client, post_form, case).status_code == 302
    [kept] = stored(session, case)
    assert kept.requested == WORDS and kept.agreed
    html = page(client, case)
    assert "Phone instead of writing" in html and 'id="adjustment-form"' in html
    assert "Ring me please, &lt;i&gt;not&lt;/i&gt; letters" in html  # escaped, never stripped
    assert (today_in_london() + timedelta(days=90)).strftime("%-d %B %Y") in html
    assert "Review overdue" not in html


def test_an_agreed_adjustment_without_a_review_date_is_refused_with_an_error_summary(client, post_form, case, session):
    response = record(client, post_form, case, **{"adjustment-review_on": None})
    assert response.status_code == 400
    checked(response, errors=True)
    assert "Enter a review date" in response.get_data(as_text=True)
    assert stored(session, case) == []


def test_a_refusal_without_a_reason_is_refused_and_with_one_is_listed_as_not_agreed(client, post_form, case, session):
    refusal = {"adjustment-agreed": "no", "adjustment-review_on": None}
    response = record(client, post_form, case, **refusal)
    assert response.status_code == 400
    assert "Enter why the adjustment was not agreed" in response.get_data(as_text=True)
    assert (
        record(client, post_form, case, **refusal, **{"adjustment-refusal_reason": "We have no phone line"}).status_code
        == 302
    )
    assert "We have no phone line" in page(client, case)


def test_an_overdue_review_is_said_in_words_and_a_review_moves_it_on(client, post_form, case, session):
    adjustment = overdue_adjustment(session, case)
    html = page(client, case)
    assert "Review overdue" in html and 'id="adjustment_review-form"' in html
    review = {
        "adjustment_review-adjustment": str(adjustment.id),
        "adjustment_review-reviewed_on": date_parts(today_in_london()),
        "adjustment_review-note": "Still helps her read our letters",
        "adjustment_review-outcome": "keep",
        "adjustment_review-next_review_on": date_parts(today_in_london() + timedelta(days=180)),
    }
    response = post_form(client, f"/staff/cases/{case.reference}/adjustments/review", review)
    assert response.status_code == 302
    [kept] = stored(session, case)
    assert kept.review_on == today_in_london() + timedelta(days=180)
    html = page(client, case)
    assert "Review overdue" not in html and "Still helps her read our letters" in html


def test_the_queue_filters_cases_with_an_adjustment_review_overdue_and_counts_them(client, officer, session):
    late, on_time, without = create_representation(), create_representation(), create_representation()
    overdue_adjustment(session, late)
    overdue_adjustment(session, on_time, days_late=-30)
    response = client.get("/staff/cases", query_string={"adjustment": "overdue"})
    checked(response, errors=False)
    html = response.get_data(as_text=True)
    assert late.reference in html and on_time.reference not in html and without.reference not in html
    assert "Adjustment review overdue" in html
    everything = client.get("/staff/cases").get_data(as_text=True)
    assert "1 case with an adjustment review overdue" in everything
    assert everything.count('govuk-tag--orange">Adjustment review overdue') == 1


def test_an_advocate_sees_the_adjustments_on_their_own_case_but_cannot_record_one(client, sign_in, session, post_form):
    advocate = create_staff(email="adv@advocacy.example", role=Role.ADVOCATE.value, name="Ade Advocate")
    theirs = create_representation(submitted_by=SubmittedBy.ADVOCATE, advocate_id=advocate.id)
    other = create_representation()
    overdue_adjustment(session, theirs)
    sign_in(client, advocate)
    html = page(client, theirs)
    assert "Easy read" in html and "Review overdue" in html
    assert 'id="adjustment-form"' not in html
    assert client.get(f"/staff/cases/{other.reference}").status_code in (403, 404)
    assert record(client, post_form, theirs).status_code == 403
