"""The annual report's figures from the procedure's own records, made through the casework rules: stage 3's clocks,
pauses, refusals, the Ombudsman by year of referral and of decision, payments, resolutions, learning and actions
with last year's progress, corporate complaints, and the LGSCO Code 8.1 sections (rules-reference §10 item 28).

The year is 2026/27 (1 April 2026 to 31 March 2027); the complaint comes in on Monday 2 November 2026 and is walked
through all three stages (see tests/domain/procedure_cases.py), the panel meeting on day 30 and the council
answering on day 50.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from intake.domain import casework
from intake.domain.report import annual_report, report_rows, suppress_small
from intake.extensions import db
from intake.reports.rendering import report_csv
from tests.domain.procedure_cases import TODAY
from tests.factories import create_representation

DAY_30, DAY_35, DAY_50 = date(2027, 1, 21), date(2027, 1, 28), date(2027, 2, 18)


@pytest.fixture
def year(walked_year, session, settings):
    return annual_report(session, 2026, settings)


def test_item_28_stage_3s_three_clocks_are_each_on_time_and_the_day_50_response_counts_as_within(year):
    t = year["timeliness"]
    assert t["stage3_panel"] == {"within": 1, "over": 0, "average_working_days": 28.0, "timescale": 30}  # 30 - 2 paused
    assert t["stage3_report"] == {"within": 1, "over": 0, "average_working_days": 5.0, "timescale": 5}
    assert t["stage3_response"] == {"within": 1, "over": 0, "average_working_days": 15.0, "timescale": 15}
    assert t["stage3"]["within"] == 1 and t["stage3"]["over"] == 0 and t["stage3"]["average_working_days"] == 48.0


def test_item_20_pauses_are_counted_with_their_reasons_and_working_days(year):
    assert year["pauses"] == {"started": 1, "still_paused": 0, "working_days_paused": 2, "by_reason": {"court": 1}}


def test_item_25_refusals_are_counted_by_reason_and_stage_and_their_outcome_is_refused(year):
    assert year["refusals"] == {
        "total": 1,
        "by_reason": {"already_considered": 1},
        "by_stage": {"stage1": 1, "stage2": 0, "stage3": 0},
    }
    assert year["outcomes"]["refused"] == 1 and year["outcomes"]["upheld"] == 1
    stage1 = year["timeliness"]["stage1"]
    assert (stage1["within"], stage1["over"]) == (1, 0)  # the walked complaint's; the refused one is not timed


def test_the_ombudsman_is_counted_by_the_year_of_referral_and_of_decision_decided_or_not(year, settings):
    assert year["lgo"] == {"referred": 1, "investigated": 1, "upheld": 1}
    referred = year["ombudsman"]["by_referral_year"]
    assert (referred["referred"], referred["decided"], referred["upheld"]) == (1, 1, 1)
    assert year["ombudsman"]["by_decision_year"]["decided"] == 0  # decided in May 2027: the next year
    following = annual_report(db.session, 2027, settings)["ombudsman"]["by_decision_year"]
    assert (following["decided"], following["upheld"], following["remedies"], following["remedies_done"]) == (
        1,
        1,
        1,
        0,
    )


def test_an_undecided_referral_is_still_counted_as_referred(officer, settings):
    rep = create_representation()
    casework.refer(db.session, rep, officer, date(2026, 12, 1), None, TODAY)
    db.session.commit()
    report = annual_report(db.session, 2026, settings)
    assert report["lgo"]["referred"] == 1
    assert report["ombudsman"]["by_referral_year"]["awaiting_decision"] == 1


def test_payments_are_itemised_and_resolutions_counted(year):
    assert year["compensation"] == {
        "payments": 1,
        "total_pence": 30000,
        "items": [
            {
                "amount_pence": 30000,
                "detail": "The Ombudsman's remedy",
                "paid_on": "2027-03-10",
                "reason": "ombudsman_remedy",
            }
        ],
    }
    assert year["resolutions"] == {"apology": 1, "payment": 1}


def test_item_28_learning_and_actions_are_listed_with_progress_on_last_years(year):
    learning = year["learning"]
    assert learning["points"] == [{"text": "Panels need a date in the first week", "recorded_on": "2027-02-19"}]
    [action] = learning["actions"]
    assert (action["description"], action["owner"], action["due_on"], action["status"]) == (
        "Book panel members a term ahead",
        "Complaints manager",
        "2027-06-30",
        "open",
    )
    assert learning["progress"]["open"] == 1
    [earlier] = learning["last_year"]["actions"]
    assert (earlier["status"], earlier["evidence"], earlier["completed_on"]) == ("done", "Training given", "2025-08-01")


def test_corporate_complaints_have_their_own_counts_outcomes_and_timeliness(year):
    corporate = year["corporate"]
    assert corporate["complaints"] == 1 and corporate["outcomes"] == {"not_upheld": 1}
    # Answered 15 working days after the acknowledgement: over the council's 10, within the 20 an extension allows.
    assert corporate["timeliness"]["stage1"] == {
        "within": 0,
        "over": 1,
        "average_working_days": 15.0,
        "timescale": 10,
        "within_limit": 1,
    }


def test_item_28_the_code_8_1_sections_are_in_the_report_as_written(year):
    assert year["written"]["ombudsman_letter"] == "Our annual letter."
    assert set(year["written"]) >= {"self_assessment", "refused_summary", "non_compliance", "service_improvements"}


def test_the_quarters_and_the_year_before_carry_the_headline_figures(year):
    assert [q["complaints"] for q in year["quarterly"]] == [0, 0, 3, 0]  # all three came in October-December
    assert year["previous_year"]["year"] == "2025/26" and year["previous_year"]["complaints"]["total"] == 1


def test_the_csv_and_json_carry_every_new_section_and_publishing_hides_small_counts(year):
    rows = report_rows(year)
    assert ("refusals", "by_reason already_considered", 1) in rows
    assert ("ombudsman", "by_referral_year referred", 1) in rows
    assert ("learning", "actions 1 owner", "Complaints manager") in rows
    assert "written,ombudsman_letter,Our annual letter." in report_csv(year)
    published = suppress_small(year)
    assert published["refusals"]["total"] == "<5" and published["compensation"]["total_pence"] == 30000
    assert json.loads(json.dumps(published))["timeliness"]["stage3_panel"]["timescale"] == 30
