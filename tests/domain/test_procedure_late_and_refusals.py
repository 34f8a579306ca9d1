"""Late complaints (rules-reference §1.5, §10 item 5), late requests (items 14, 17) and refusals from a coded list
(item 25): flagged and decided with reasons by a person, never refused automatically; each refusal counted."""

from __future__ import annotations

from datetime import date

import pytest

from intake.data.procedure import refusals_for
from intake.domain import casework
from intake.domain.casework import CaseworkError
from intake.models import Outcome, Status
from tests.domain.procedure_cases import TODAY, through_stage_1
from tests.factories import create_representation, create_staff


@pytest.fixture
def officer():
    return create_staff()


def test_item_5_grounds_13_months_old_flag_the_complaint_late_and_it_cannot_be_answered_without_a_decision(
    session, officer, settings
):
    rep = create_representation()  # received Mon 2 Nov 2026
    assert casework.record_grounds(session, rep, officer, date(2025, 10, 2)) is True
    assert casework.is_late_complaint(rep)
    with pytest.raises(CaseworkError, match="never refused without one"):
        casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 11, 10), TODAY)
    # Nothing refused it: it is still open, its stage too.
    assert rep.is_open and rep.stages[0].is_open and refusals_for(session, rep.id) == []


@pytest.mark.parametrize(("grounds", "late"), [(date(2025, 11, 2), False), (date(2025, 11, 1), True)])
def test_item_5_twelve_months_to_the_day_is_in_time_and_a_day_more_is_late(session, officer, grounds, late):
    rep = create_representation()
    assert casework.record_grounds(session, rep, officer, grounds) is late


def test_item_5_an_accepted_late_complaint_carries_on_with_both_questions_answered(session, officer, settings):
    rep = create_representation()
    casework.record_grounds(session, rep, officer, date(2024, 6, 1))
    with pytest.raises(CaseworkError, match="reasons"):
        casework.decide_late_complaint(
            session, rep, officer, settings, good_reason=True, can_consider_fairly=True, accept=True, reasons=" "
        )
    decision = casework.decide_late_complaint(
        session,
        rep,
        officer,
        settings,
        good_reason=True,
        can_consider_fairly=True,
        accept=True,
        reasons="He was in hospital for months; the records are all kept",
        today=date(2026, 11, 5),
    )
    assert decision.good_reason and decision.can_consider_fairly and decision.accepted
    casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 11, 10), TODAY)
    with pytest.raises(CaseworkError, match="already"):
        casework.decide_late_complaint(
            session, rep, officer, settings, good_reason=False, can_consider_fairly=False, accept=False, reasons="x"
        )


def test_item_5_a_refused_late_complaint_is_recorded_as_out_of_time_with_its_reasons(session, officer, settings):
    rep = create_representation()
    casework.record_grounds(session, rep, officer, date(2020, 1, 1))
    casework.decide_late_complaint(
        session,
        rep,
        officer,
        settings,
        good_reason=False,
        can_consider_fairly=False,
        accept=False,
        reasons="Six years ago; the worker and the records are gone",
        today=date(2026, 11, 5),
    )
    [refusal] = refusals_for(session, rep.id)
    assert (refusal.code, refusal.stage_number, refusal.refused_on) == ("out_of_time", 1, date(2026, 11, 5))
    assert rep.stages[0].responded_on == date(2026, 11, 5) and rep.stages[0].outcome is None
    casework.close(session, rep, officer, settings, date(2026, 11, 6))
    assert rep.status is Status.CLOSED


def test_item_5_grounds_after_receipt_are_refused(session, officer):
    rep = create_representation()
    with pytest.raises(CaseworkError, match="cannot be after the complaint was received"):
        casework.record_grounds(session, rep, officer, date(2026, 11, 3))


def test_item_25_a_refusal_needs_a_reason_from_the_configured_list_and_its_reasons(session, officer, settings):
    rep = create_representation()
    with pytest.raises(CaseworkError, match="from the list"):
        casework.refuse(session, rep, officer, settings, "too_busy", "No", date(2026, 11, 5), TODAY)
    with pytest.raises(CaseworkError, match="reasons for refusing"):
        casework.refuse(session, rep, officer, settings, "vexatious", "", date(2026, 11, 5), TODAY)
    refusal = casework.refuse(
        session,
        rep,
        officer,
        settings,
        "already_considered",
        "Answered in full in 2025 (ref AB12-CD34)",
        date(2026, 11, 5),
        TODAY,
    )
    assert refusal.code == "already_considered" and not rep.stages[0].is_open
    with pytest.raises(CaseworkError, match="was refused"):
        casework.request_escalation(session, rep, officer, settings, date(2026, 11, 9), TODAY)


def test_item_25_a_council_can_configure_its_own_refusal_reasons(session, officer, settings, monkeypatch):
    monkeypatch.setitem(settings, "REFUSAL_REASONS", ("persistent_contact",))
    rep = create_representation()
    with pytest.raises(CaseworkError, match="from the list"):
        casework.refuse(session, rep, officer, settings, "vexatious", "Too many calls", date(2026, 11, 5), TODAY)
    casework.refuse(
        session, rep, officer, settings, "persistent_contact", "Forty calls a day", date(2026, 11, 5), TODAY
    )


def test_items_14_and_25_a_refused_late_request_is_counted_as_a_refusal_with_its_code(session, officer, settings):
    rep = through_stage_1(session, officer, settings)  # answered 12 Nov; window ends 10 Dec
    stage = casework.request_escalation(session, rep, officer, settings, date(2027, 2, 1), TODAY)
    assert stage.late_request and casework.awaiting_decision(stage)
    with pytest.raises(CaseworkError, match="Decide on the late request instead"):
        casework.refuse(session, rep, officer, settings, "out_of_time", "Late", date(2027, 2, 2), TODAY)
    casework.decide_late_request(
        session, rep, officer, settings, False, "No reason given for the delay", date(2027, 2, 2)
    )
    [refusal] = refusals_for(session, rep.id)
    assert (refusal.code, refusal.stage_number) == ("out_of_time", 2)
    assert casework.is_refused(stage)
