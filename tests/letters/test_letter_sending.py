"""Sending a letter: stored on the case, queued for the worker, audited by kind, and what it changes recorded."""

from __future__ import annotations

from datetime import date

import pytest

from intake.data.letters import letter_for_notification, letters_for_case
from intake.domain import casework
from intake.domain.retention import purge_expired
from intake.letters.compose import LetterDraft, LetterError, LetterProblems
from intake.letters.kinds import LetterKind
from intake.letters.sending import How, send_letter
from intake.models import (
    AuditEvent,
    ChildAgreement,
    ContactMethod,
    Letter,
    LetterMethod,
    LetterRecipient,
    Notification,
    Outcome,
    Procedure,
    Status,
)
from tests.factories import create_staff
from tests.letters.conftest import TODAY

pytestmark = pytest.mark.usefixtures("staff_request")

RESPONSE = {"outcome": "partly_upheld", "resolved": "no", "findings": "Your social worker did not call you back."}


def _send(session, settings, rep, officer, kind, how=How.EMAIL, today=TODAY, **draft):
    letters = send_letter(session, rep, officer, settings, LetterDraft(kind, **draft), how, today)
    session.commit()
    return letters


def _audit(session, rep):
    return [
        (e.action, e.detail)
        for e in session.query(AuditEvent).filter_by(representation_id=rep.id).order_by(AuditEvent.id)
    ]


def test_an_emailed_acknowledgement_is_stored_queued_for_the_worker_and_records_the_acknowledgement(
    session, settings, make_case, officer
):
    rep = make_case(contact_name="Sam")
    [letter] = _send(session, settings, rep, officer, LetterKind.ACKNOWLEDGEMENT, name="Sam")
    assert letter.method is LetterMethod.EMAIL and letter.recipient is LetterRecipient.PERSON
    assert "Dear Sam," in letter.body_text and "Monday, 16 November 2026" in letter.body_text
    row = session.get(Notification, letter.notification_id)
    assert (row.template, row.recipient, row.audience) == ("letter", "sam@example.org", "the person who got in touch")
    assert letter_for_notification(session, row.id) == letter
    assert rep.acknowledged_on == TODAY and rep.status is Status.OPEN
    actions = _audit(session, rep)
    assert ("letter_sent", "acknowledgement by email to the person who got in touch (en)") in actions
    assert any(a == "acknowledged" for a, _d in actions)
    assert all("social worker" not in d for _a, d in actions)


def test_a_stage_1_response_records_the_response_date_and_outcome_once(session, settings, make_case, officer):
    rep = make_case()
    _send(session, settings, rep, officer, LetterKind.STAGE1_RESPONSE, parts=RESPONSE)
    stage = rep.stages[0]
    assert (stage.responded_on, stage.outcome) == (TODAY, Outcome.PARTLY_UPHELD)
    later = date(2026, 11, 6)
    _send(session, settings, rep, officer, LetterKind.STAGE1_RESPONSE, today=later, parts=RESPONSE)
    assert stage.responded_on == TODAY  # a second letter is a copy: the response was already recorded
    assert len(letters_for_case(session, rep.id)) == 2


def test_the_advocate_gets_a_copy_only_where_the_child_agreed(session, settings, make_case, officer):
    advocate = create_staff(email="ada@advocacy.example", role="advocate", name="Ada Advocate", organisation="Voice")
    agreed = make_case(advocate_id=advocate.id, child_agreement=ChildAgreement.YES)
    not_asked = make_case(advocate_id=advocate.id, child_agreement=ChildAgreement.NOT_ASKED)
    letters = _send(session, settings, agreed, officer, LetterKind.ACKNOWLEDGEMENT)
    assert [(x.recipient, session.get(Notification, x.notification_id).recipient) for x in letters] == [
        (LetterRecipient.PERSON, "sam@example.org"),
        (LetterRecipient.ADVOCATE, "ada@advocacy.example"),
    ]
    assert "Your advocate is Ada Advocate, Voice." in letters[0].body_text
    assert [x.recipient for x in _send(session, settings, not_asked, officer, LetterKind.ACKNOWLEDGEMENT)] == [
        LetterRecipient.PERSON
    ]
    with pytest.raises(LetterError, match="has not agreed"):
        _send(session, settings, not_asked, officer, LetterKind.ACKNOWLEDGEMENT, how=How.ADVOCATE)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"safe_to_contact": False}, "told us it is not safe"),
        ({"safe_to_contact": None}, "have not told us it is safe"),
        ({"contact_email": None, "contact_phone": "07700 900123"}, "no email address"),
        ({"contact_via_advocate": True}, "only through their advocate"),
        ({"preferred_contact": ContactMethod.ADVOCATE}, "only through their advocate"),
    ],
)
def test_a_letter_to_someone_with_no_safe_email_is_refused_with_the_reason_and_nothing_is_written(
    session, settings, make_case, officer, overrides, reason
):
    rep = make_case(**overrides)
    with pytest.raises(LetterError, match=reason):
        send_letter(session, rep, officer, settings, LetterDraft(LetterKind.ACKNOWLEDGEMENT), How.EMAIL, TODAY)
    session.rollback()
    assert session.query(Letter).count() == 0 and rep.acknowledged_on is None


def test_contact_only_through_the_advocate_offers_the_advocates_copy(session, settings, make_case, officer):
    advocate = create_staff(email="ada@advocacy.example", role="advocate", name="Ada Advocate")
    rep = make_case(contact_via_advocate=True, advocate_id=advocate.id)
    with pytest.raises(LetterError, match="Send the copy to their advocate"):
        _send(session, settings, rep, officer, LetterKind.ACKNOWLEDGEMENT)
    session.rollback()
    [copy] = _send(session, settings, rep, officer, LetterKind.ACKNOWLEDGEMENT, how=How.ADVOCATE)
    assert copy.recipient is LetterRecipient.ADVOCATE


def test_a_letter_for_post_needs_an_address_and_is_audited_as_printed(session, settings, make_case, officer):
    rep = make_case(contact_email=None)
    with pytest.raises(LetterProblems) as refused:
        _send(session, settings, rep, officer, LetterKind.ACKNOWLEDGEMENT, how=How.POST)
    assert refused.value.problems == {"address": "Enter their postal address to print the letter for post."}
    session.rollback()
    [letter] = _send(
        session,
        settings,
        rep,
        officer,
        LetterKind.ACKNOWLEDGEMENT,
        how=How.POST,
        name="Sam Jones",
        address="12 Long Road\nDemo Town DT1 2AB",
    )
    assert letter.method is LetterMethod.POST and letter.notification_id is None
    assert "Sam Jones\n12 Long Road\nDemo Town DT1 2AB" in letter.body_text
    assert ("letter_printed", "acknowledgement for post to the person who got in touch (en)") in _audit(session, rep)


def test_a_closed_case_can_be_sent_a_correction_and_the_audit_says_so(session, settings, make_case, officer):
    rep = make_case()
    casework.record_response(session, rep, officer, Outcome.UPHELD, TODAY, TODAY)
    casework.close(session, rep, officer, settings, TODAY)
    session.commit()
    [letter] = _send(session, settings, rep, officer, LetterKind.STAGE1_RESPONSE, parts=RESPONSE)
    assert letter.after_closing and rep.status is Status.CLOSED
    assert rep.stages[0].outcome is Outcome.UPHELD  # a correction changes no recorded response
    assert (
        "letter_sent",
        "stage1_response by email to the person who got in touch (en); the case is closed: sent as a correction",
    ) in _audit(session, rep)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        (LetterKind.EXTENSION, "Record the extension on the case first"),
        (LetterKind.WITHDRAWAL, "Record the withdrawal on the case first"),
        (LetterKind.STAGE2_ADJUDICATION, "This case has no stage 2"),
    ],
)
def test_a_letter_about_something_not_recorded_yet_is_refused_saying_what_to_record(
    session, settings, make_case, officer, kind, reason
):
    with pytest.raises(LetterError, match=reason):
        _send(session, settings, make_case(), officer, kind)


def test_an_acknowledgement_before_triage_is_refused(session, settings, make_case, officer):
    with pytest.raises(LetterError, match="Choose the procedure at triage"):
        _send(session, settings, make_case(procedure=Procedure.UNDECIDED), officer, LetterKind.ACKNOWLEDGEMENT)


def test_a_corporate_acknowledgement_gives_the_stage_1_date_counted_from_the_acknowledgement(
    session, settings, make_case, officer
):
    rep = make_case(procedure=Procedure.CORPORATE)
    [letter] = _send(session, settings, rep, officer, LetterKind.ACKNOWLEDGEMENT)
    assert rep.stages[0].due_on == date(2026, 11, 18)  # acknowledged Wednesday 4 November + 10 working days
    assert "Wednesday, 18 November 2026" in letter.body_text


def test_letters_are_purged_with_their_case(session, settings, make_case, officer):
    rep = make_case()
    _send(session, settings, rep, officer, LetterKind.STAGE1_RESPONSE, parts=RESPONSE)
    casework.close(session, rep, officer, settings, TODAY)
    session.commit()
    purge_expired(session, date(2040, 1, 1))
    session.expire_all()
    assert session.query(Letter).count() == 0
