"""The annual report's figures, against a hand-built year whose every answer is worked out below.

The reporting year is 2023/24: 1 April 2023 to 31 March 2024 in London. 31 March
2024 is also the day British Summer Time began, so the end boundary is checked
either side of an hour that moved.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from intake.config import settings_for_tests
from intake.domain import clock
from intake.domain.report import (
    KEYS,
    WorkingDayIndex,
    annual_report,
    report_rows,
    suppress_small,
    trend,
    year_bounds,
    year_label,
)
from intake.extensions import db
from intake.models import (
    Channel,
    CompensationPayment,
    Kind,
    LgoResult,
    OmbudsmanReferral,
    Outcome,
    Procedure,
    Representation,
    RepresentationCategory,
    Stage,
    Status,
    SubmittedBy,
    Team,
)

CAL = clock.WorkingCalendar()
_counter = iter(range(1, 10_000))


def london(*args) -> datetime:
    return datetime(*args, tzinfo=clock.LONDON).astimezone(UTC)


def make(
    received_at: datetime,
    *,
    kind=Kind.COMPLAINT,
    procedure=Procedure.STATUTORY,
    channel=Channel.WEB_FORM,
    submitted_by=SubmittedBy.PARENT,
    advocate=False,
    team=None,
    categories=(),
    status=Status.CLOSED,
    stages=(),
    outcome=None,
    lgo=None,
    compensation=None,
) -> Representation:
    """A case as the staff area would leave it. ``stages``: [(requested_on, responded_on)], stage 1 first."""
    received_on = CAL.clock_start(received_at)
    rep = Representation(
        reference=f"T-{next(_counter):04d}",
        kind=kind,
        procedure=procedure if kind is Kind.COMPLAINT else Procedure.UNDECIDED,
        channel=channel,
        submitted_by=submitted_by,
        status=status,
        received_at=received_at,
        received_on=received_on,
        advocate_supported=advocate,
        team=team,
    )
    rep.categories = [RepresentationCategory(code=c) for c in categories]
    for number, (requested, responded) in enumerate(stages, start=1):
        start = received_on if number == 1 else requested
        rep.stages.append(
            Stage(
                number=number,
                requested_on=requested,
                started_on=start,
                due_on=CAL.add_working_days(start, clock.STATUTORY.stages[number].respond),
                responded_on=responded,
                outcome=outcome if number == len(stages) else None,
            )
        )
    db.session.add(rep)
    db.session.flush()
    if lgo is not None:  # referred a month after receipt, decided three months after that
        referred = received_on + timedelta(days=30)
        db.session.add(
            OmbudsmanReferral(
                representation_id=rep.id, referred_on=referred, decided_on=referred + timedelta(days=90), outcome=lgo
            )
        )
    if compensation:  # paid three weeks after receipt
        db.session.add(
            CompensationPayment(
                representation_id=rep.id,
                amount_pence=compensation,
                paid_on=received_on + timedelta(days=21),
                reason="time_and_trouble",
                detail="For the time and trouble",
                recorded_by="test",
            )
        )
    return rep


@pytest.fixture
def year_2023():
    leaving, fostering = Team(name="Leaving care"), Team(name="Fostering")
    db.session.add_all([leaving, fostering])
    # A: stage 1 from Mon 18 Dec 2023 to Wed 3 Jan 2024: 16 calendar days, but Christmas, Boxing Day
    # and New Year's Day fall inside, so 9 working days: within 10.
    make(
        datetime(2023, 12, 18, 10, tzinfo=UTC),
        channel=Channel.SMS,
        submitted_by=SubmittedBy.CHILD,
        advocate=True,
        team=leaving,
        categories=("poor_communication", "finance"),
        stages=[(None, date(2024, 1, 3))],
        outcome=Outcome.UPHELD,
        lgo=LgoResult.INVESTIGATED_UPHELD,
        compensation=25000,
    )
    # B: 5 June to 20 June 2023: 11 working days: over.
    make(
        datetime(2023, 6, 5, 9, tzinfo=UTC),
        team=fostering,
        categories=("poor_communication",),
        stages=[(None, date(2023, 6, 20))],
        outcome=Outcome.NOT_UPHELD,
        lgo=LgoResult.NOT_INVESTIGATED,
    )
    # C: reached stage 2, requested Mon 15 May, answered Fri 16 June: 23 working days (29 May is a bank holiday).
    make(
        datetime(2023, 5, 2, 9, tzinfo=UTC),
        channel=Channel.EMAIL,
        submitted_by=SubmittedBy.ADVOCATE,
        advocate=True,
        team=leaving,
        categories=("staff_conduct",),
        stages=[(None, date(2023, 5, 10)), (date(2023, 5, 15), date(2023, 6, 16))],
        outcome=Outcome.PARTLY_UPHELD,
        compensation=0,
    )
    # D: still open, received 23:30 on 31 March 2024 in London (22:30 UTC, BST): the year's last hour.
    make(
        london(2024, 3, 31, 23, 30),
        channel=Channel.TELEPHONE,
        submitted_by=SubmittedBy.CHILD,
        status=Status.OPEN,
        stages=[(None, None)],
    )
    # E: received the first minute of the year (a Saturday, so its clock starts Mon 3 April); reached stage 3,
    # requested Thu 1 June, answered Fri 14 July: 31 working days: over 30.
    make(
        london(2023, 4, 1, 0, 0),
        channel=Channel.LETTER,
        submitted_by=SubmittedBy.CARER,
        team=fostering,
        stages=[
            (None, date(2023, 4, 20)),
            (date(2023, 4, 24), date(2023, 5, 30)),
            (date(2023, 6, 1), date(2023, 7, 14)),
        ],
        outcome=Outcome.NOT_UPHELD,
        lgo=LgoResult.INVESTIGATED_NOT_UPHELD,
    )
    # F: informal, from a child by text: in by_method and from_children, not in outcomes, teams or categories.
    make(
        datetime(2023, 9, 1, 9, tzinfo=UTC),
        procedure=Procedure.INFORMAL,
        channel=Channel.SMS,
        submitted_by=SubmittedBy.CHILD,
        team=leaving,
        categories=("finance",),
        stages=[(None, date(2023, 9, 1))],
        outcome=Outcome.NOT_UPHELD,
    )
    # G: corporate, with a payment.
    make(
        datetime(2023, 10, 2, 9, tzinfo=UTC),
        procedure=Procedure.CORPORATE,
        channel=Channel.EMAIL,
        submitted_by=SubmittedBy.PROFESSIONAL,
        team=fostering,
        categories=("other",),
        stages=[(None, date(2023, 10, 10))],
        outcome=Outcome.UPHELD,
        compensation=5000,
    )
    make(
        datetime(2023, 7, 1, 9, tzinfo=UTC),
        kind=Kind.COMPLIMENT,
        team=fostering,
        categories=("child_focus", "communication"),
    )
    make(datetime(2023, 8, 1, 9, tzinfo=UTC), kind=Kind.COMPLIMENT, categories=("child_focus",))
    make(datetime(2023, 8, 2, 9, tzinfo=UTC), kind=Kind.COMMENT)
    # Outside the year: midday 31 March 2023 (2022/23), and 00:30 BST on 1 April 2024, which is
    # still 31 March in UTC (2024/25), and a compliment in 2021/22 that starts the trend.
    make(london(2023, 3, 31, 12, 0), stages=[(None, None)], status=Status.OPEN)
    make(
        london(2024, 4, 1, 0, 30),
        team=leaving,
        stages=[(None, None)],
        status=Status.OPEN,
        lgo=LgoResult.NOT_INVESTIGATED,
    )
    make(datetime(2021, 6, 1, 9, tzinfo=UTC), kind=Kind.COMPLIMENT)
    db.session.commit()
    return annual_report(db.session, 2023)


def entry(within, over, average, timescale, within_limit=None):
    figures = {"within": within, "over": over, "average_working_days": average, "timescale": timescale}
    return figures if within_limit is None else {**figures, "within_limit": within_limit}


NO_TIMELINESS = {
    "stage1": entry(0, 0, 0.0, 10, 0),
    "stage2": entry(0, 0, 0.0, 25, 0),
    "stage3": entry(0, 0, 0.0, 50),
    "stage3_panel": entry(0, 0, 0.0, 30),
    "stage3_report": entry(0, 0, 0.0, 5),
    "stage3_response": entry(0, 0, 0.0, 15),
}

EXPECTED = {
    "year": "2023/24",
    "complaints": {"statutory": 5, "corporate": 1, "informal": 1, "total": 7},
    "compliments": 2,
    "comments": 1,
    "from_children": 4,  # A, C (an advocate), D, F
    "with_advocate": 2,  # A and C
    "by_method": {"sms": 2, "email": 2, "web_form": 1, "telephone": 1, "letter": 1},
    "outcomes": {"not_upheld": 2, "upheld": 1, "partly_upheld": 1, "open": 1},
    "by_team": {"Leaving care": 2, "Fostering": 2, "not_known": 1},
    "complaint_categories": {"poor_communication": 2, "finance": 1, "staff_conduct": 1},
    "compliment_categories": {"child_focus": 2, "communication": 1},
    # Every answered stage: stage 1 of A (9), B (11), C (5: 8 May 2023 was the Coronation's bank holiday) and
    # E (11: Easter); stage 2 of C and E (23 each); stage 3 of E (31, within its 50). D has no response yet.
    "timeliness": {
        **NO_TIMELINESS,
        "stage1": entry(2, 2, 9.0, 10, 4),
        "stage2": entry(2, 0, 23.0, 25, 2),
        "stage3": entry(1, 0, 31.0, 50),
    },
    "lgo": {"referred": 3, "investigated": 2, "upheld": 1},
    "compensation": {
        "payments": 2,
        "total_pence": 30000,
        "items": [
            {
                "amount_pence": 5000,
                "detail": "For the time and trouble",
                "paid_on": "2023-10-23",
                "reason": "time_and_trouble",
            },
            {
                "amount_pence": 25000,
                "detail": "For the time and trouble",
                "paid_on": "2024-01-08",
                "reason": "time_and_trouble",
            },
        ],
    },
    "trend": [
        {"year": "2021/22", "compliments": 1, "statutory_complaints": 0},
        {"year": "2022/23", "compliments": 0, "statutory_complaints": 1},
        {"year": "2023/24", "compliments": 2, "statutory_complaints": 5},
    ],
    "previous_year": {
        "year": "2022/23",
        "complaints": {"statutory": 1, "corporate": 0, "informal": 0, "total": 1},
        "compliments": 0,
        "from_children": 0,
        "with_advocate": 0,
        "outcomes": {"open": 1},
        "timeliness": NO_TIMELINESS,
        "lgo": {"referred": 0, "investigated": 0, "upheld": 0},
    },
    "quarterly": [
        {
            "quarter": "Q1",
            "from": "2023-04-01",
            "to": "2023-06-30",
            "complaints": 3,  # E, C, B
            "compliments": 0,
            "stage1": {"within": 1, "over": 2, "average_working_days": 9.0},
        },
        {
            "quarter": "Q2",
            "from": "2023-07-01",
            "to": "2023-09-30",
            "complaints": 1,  # F, informal: counted as received, not in the statutory timeliness
            "compliments": 2,
            "stage1": {"within": 0, "over": 0, "average_working_days": 0.0},
        },
        {
            "quarter": "Q3",
            "from": "2023-10-01",
            "to": "2023-12-31",
            "complaints": 2,  # G, A
            "compliments": 0,
            "stage1": {"within": 1, "over": 0, "average_working_days": 9.0},
        },
        {
            "quarter": "Q4",
            "from": "2024-01-01",
            "to": "2024-03-31",
            "complaints": 1,  # D, in the year's last hour
            "compliments": 0,
            "stage1": {"within": 0, "over": 0, "average_working_days": 0.0},
        },
    ],
    "corporate": {
        "complaints": 1,
        "outcomes": {"upheld": 1},
        "timeliness": {"stage1": entry(1, 0, 6.0, 10, 1), "stage2": entry(0, 0, 0.0, 20, 0)},
    },
    "resolutions": {},
    "refusals": {"total": 0, "by_reason": {}, "by_stage": {"stage1": 0, "stage2": 0, "stage3": 0}},
    "pauses": {"started": 0, "still_paused": 0, "working_days_paused": 0, "by_reason": {}},
    "ombudsman": {
        # Referred a month after receipt: A (Jan 2024), B (Jul 2023), E (May 2023) in 2023/24.
        "by_referral_year": {
            "referred": 3,
            "decided": 3,
            "awaiting_decision": 0,
            "not_investigated": 1,
            "upheld": 1,
            "not_upheld": 1,
        },
        # Decided three months after that: B (Oct 2023) and E (Aug 2023) in 2023/24; A in 2024/25.
        "by_decision_year": {
            "decided": 2,
            "not_investigated": 1,
            "upheld": 0,
            "not_upheld": 1,
            "remedies": 0,
            "remedies_done": 0,
            "remedies_done_on_time": 0,
        },
    },
    "learning": {
        "points": [],
        "actions": [],
        "progress": {"open": 0, "in_progress": 0, "done": 0, "dropped": 0},
        "last_year": {"actions": [], "progress": {"open": 0, "in_progress": 0, "done": 0, "dropped": 0}},
    },
    "adjustments_agreed": 0,
    "written": {
        "learning": "",
        "service_improvements": "",
        "self_assessment": "",
        "refused_summary": "",
        "non_compliance": "",
        "ombudsman_letter": "",
        "ombudsman_reports": "",
    },
}


@pytest.mark.parametrize("key", KEYS)
def test_each_figure_of_the_annual_report_matches_the_hand_worked_answer(year_2023, key):
    assert year_2023[key] == EXPECTED[key]


def test_the_report_has_exactly_the_keys_of_the_published_format(year_2023):
    assert list(year_2023) == list(KEYS)
    assert all(
        {"within", "over", "average_working_days", "timescale"} <= set(v) for v in year_2023["timeliness"].values()
    )


def test_the_next_year_picks_up_the_complaint_received_after_midnight_on_1_april(year_2023):
    following = annual_report(db.session, 2024)
    assert following["complaints"] == {"statutory": 1, "corporate": 0, "informal": 0, "total": 1}
    assert following["outcomes"] == {"open": 1}
    assert following["lgo"] == {"referred": 1, "investigated": 0, "upheld": 0}
    assert following["previous_year"]["complaints"] == year_2023["complaints"]
    # A was referred in January 2024 and decided in April 2024: counted by the year of its decision too.
    assert following["ombudsman"]["by_decision_year"]["upheld"] == 1
    assert [t["year"] for t in following["trend"]] == ["2021/22", "2022/23", "2023/24", "2024/25"]


def test_an_empty_year_reports_zeros_and_an_average_of_zero():
    report = annual_report(db.session, 2019)
    assert report["complaints"]["total"] == 0
    assert report["timeliness"]["stage1"] == {
        "within": 0,
        "over": 0,
        "average_working_days": 0.0,
        "timescale": 10,
        "within_limit": 0,
    }
    assert report["trend"] == [{"year": "2019/20", "compliments": 0, "statutory_complaints": 0}]


def test_the_trend_stops_at_the_year_asked_for(year_2023):
    assert [t["year"] for t in trend(db.session, 2022)] == ["2021/22", "2022/23"]


@pytest.mark.parametrize(("year", "label"), [(2016, "2016/17"), (2099, "2099/00"), (2009, "2009/10")])
def test_reporting_years_are_labelled_like_a_council_report(year, label):
    assert year_label(year) == label


def test_a_reporting_year_starts_and_ends_at_london_midnight():
    start, end = year_bounds(2023)
    assert start == datetime(2023, 3, 31, 23, 0, tzinfo=UTC)  # 1 April 00:00 BST
    assert end == datetime(2024, 3, 31, 23, 0, tzinfo=UTC)


def test_the_prefix_sum_index_counts_exactly_like_the_foundation_clock():
    first, last = date(2023, 12, 1), date(2024, 5, 31)
    index = WorkingDayIndex(CAL, first, last)
    days = [first + timedelta(days=i) for i in range(0, (last - first).days + 1, 3)]
    for start in days[::4]:
        for end in days:
            assert index.between(start, end) == CAL.working_days_between(start, end), (start, end)
    # Outside the indexed range it falls back to the clock itself.
    assert index.between(date(2022, 12, 23), date(2023, 1, 3)) == CAL.working_days_between(
        date(2022, 12, 23), date(2023, 1, 3)
    )


def test_a_council_closure_day_inside_a_duration_is_not_counted():
    make(datetime(2023, 6, 5, 9, tzinfo=UTC), stages=[(None, date(2023, 6, 19))], outcome=Outcome.UPHELD)
    db.session.commit()
    assert annual_report(db.session, 2023)["timeliness"]["stage1"]["within"] == 1  # 10 working days
    closed = settings_for_tests({"CLOSURE_DAYS": (date(2023, 6, 12),)})
    assert annual_report(db.session, 2023, closed)["timeliness"]["stage1"] == entry(1, 0, 9.0, 10, 1)


def test_publishing_hides_counts_under_five_but_keeps_averages_money_and_zeros(year_2023):
    published = suppress_small(year_2023)
    assert published["complaints"] == {"statutory": 5, "corporate": "<5", "informal": "<5", "total": 7}
    assert published["compliments"] == "<5"
    assert published["timeliness"]["stage2"] == entry("<5", 0, 23.0, 25, "<5")
    assert published["compensation"]["payments"] == "<5" and published["compensation"]["total_pence"] == 30000
    assert published["compensation"]["items"][0]["amount_pence"] == 5000  # money, not a count
    assert published["quarterly"][0]["quarter"] == "Q1" and published["quarterly"][0]["complaints"] == "<5"
    assert published["trend"][2] == {"year": "2023/24", "compliments": "<5", "statutory_complaints": 5}
    assert year_2023["compliments"] == 2  # the original is untouched


def test_the_csv_rows_carry_every_figure(year_2023):
    rows = report_rows(year_2023)
    assert ("complaints", "statutory", 5) in rows
    assert ("by_team", "Leaving care", 2) in rows
    assert ("timeliness", "stage3 average_working_days", 31.0) in rows
    assert ("quarterly", "Q1 complaints", 3) in rows
    assert ("compensation", "items 1 amount_pence", 5000) in rows
    assert ("previous_year", "complaints statutory", 1) in rows
    assert ("trend", "2021/22 compliments", 1) in rows
    assert {section for section, _, _ in rows} == set(KEYS)
