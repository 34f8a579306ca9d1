"""Correcting the record: the intake facts put right with a reason, every change audited (old and new for facts
about the case, names only for personal details, never their words), the clocks following a changed date."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from intake.domain import casework
from intake.domain.casework.record import IntakeRecord, correct_record, received_at_for
from intake.models import AuditEvent, CaseNote, Channel, ChildAgreement, Outcome, Status, SubmittedBy
from tests.factories import create_representation, create_staff, create_teams
from tests.staff.officer_forms import checked, date_parts

# Received on Wednesday 11 November 2026 (a letter keyed in as if it came that day).
WEDNESDAY = datetime(2026, 11, 11, 12, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def letter(session):
    rep = create_representation(
        channel=Channel.LETTER,
        submitted_by=SubmittedBy.PARENT,
        about_someone_else=True,
        child_agreement=ChildAgreement.NOT_ASKED,
        contact_name="Pat Parent",
        contact_email="pat@example.com",
        safe_to_contact=True,
        what_happened="Nobody has visited since September.",
        received_at=WEDNESDAY,
    )
    session.commit()
    return rep


def form_answers(rep, **changes) -> dict:
    """The correction form as it is drawn for ``rep``, with ``changes`` and a reason."""
    answers = {
        "method": rep.channel.value,
        "received": date_parts(rep.received_at.date()),
        "submitted_by": rep.submitted_by.value,
        "for_child": "yes" if rep.about_someone_else else "no",
        "child_agreement": rep.child_agreement.value if rep.child_agreement else "",
        "contact_name": rep.contact_name or "",
        "contact_email": rep.contact_email or "",
        "contact_phone": rep.contact_phone or "",
        "safe_to_contact": {True: "yes", False: "no"}.get(rep.safe_to_contact, "not_asked"),
        "preferred_contact": rep.preferred_contact.value,
        "advocate": "",
        "reason": "The postmark shows it came on the 6th.",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def corrections(session, rep) -> list[AuditEvent]:
    return session.scalars(
        select(AuditEvent).where(AuditEvent.representation_id == rep.id, AuditEvent.action == "record_corrected")
    ).all()


def test_the_form_shows_the_record_as_it_is_and_viewing_it_is_audited(client, officer, letter, session):
    response = client.get(f"/staff/cases/{letter.reference}/record")
    assert response.status_code == 200
    checked(response, errors=False)
    html = response.get_data(as_text=True)
    assert 'value="letter" checked' in html and 'value="pat@example.com"' in html
    assert 'id="received-day" name="received" type="text" value="11"' in html
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "viewed", AuditEvent.actor_id == officer.id))


def test_an_earlier_received_date_moves_the_acknowledgement_and_stage_1_and_is_audited(
    client, officer, post_form, letter, session
):
    assert (letter.acknowledge_by, letter.stages[0].due_on) == (date(2026, 11, 16), date(2026, 11, 25))
    response = post_form(
        client, f"/staff/cases/{letter.reference}/record", form_answers(letter, received=date_parts(date(2026, 11, 6)))
    )
    assert response.status_code == 302
    session.expire_all()
    assert letter.received_on == date(2026, 11, 6)
    assert (letter.acknowledge_by, letter.stages[0].due_on) == (date(2026, 11, 11), date(2026, 11, 20))
    [event] = corrections(session, letter)
    assert event.actor == officer.email
    assert event.detail == (
        "date received 2026-11-11 to 2026-11-06; clocks count from 2026-11-06; "
        "acknowledge by 2026-11-16 to 2026-11-11; stage 1 due 2026-11-25 to 2026-11-20"
    )
    note = session.scalar(select(CaseNote).where(CaseNote.representation_id == letter.id))
    assert note.body == "Record corrected (date received). Reason: The postmark shows it came on the 6th."
    assert "Record corrected: date received." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_an_extension_keeps_its_length_when_the_received_date_moves(session, letter, settings):
    officer = create_staff()
    stage = letter.stages[0]
    casework.extend(session, letter, officer, settings, date(2026, 12, 2), "Complex: three teams")  # +5 days
    session.commit()
    wanted = replace(IntakeRecord.of(letter), received_day=date(2026, 11, 6))
    correct_record(session, letter, officer, settings, wanted, "Postmark", NOW)
    assert stage.due_on == date(2026, 11, 20) and stage.extended_due_on == date(2026, 11, 27)  # still 5 more


def test_a_full_extension_stays_at_the_stage_limit_when_the_date_moves_later(session, letter, settings):
    officer = create_staff()
    stage = letter.stages[0]
    casework.extend(session, letter, officer, settings, date(2026, 12, 9), "Complex")  # the 20-day limit
    session.commit()
    wanted = replace(IntakeRecord.of(letter), received_day=date(2026, 11, 13))
    correct_record(session, letter, officer, settings, wanted, "Wrong day typed", NOW)
    assert stage.due_on == date(2026, 11, 27) and stage.extended_due_on == date(2026, 12, 11)


def test_personal_details_are_named_in_the_audit_but_never_their_values(client, officer, post_form, letter, session):
    answers = form_answers(
        letter,
        contact_name="Patricia Parent",
        contact_email="patricia@example.com",
        contact_phone="07700 900 456",
        contact_avoid="Do not ring the house",
    )
    assert post_form(client, f"/staff/cases/{letter.reference}/record", answers).status_code == 302
    [event] = corrections(session, letter)
    assert event.detail == "name changed; phone number changed; email address changed; what to avoid changed"
    for secret in ("Patricia", "patricia@", "900", "ring the house"):
        assert secret not in event.detail
    session.expire_all()
    assert (letter.contact_name, letter.contact_phone) == ("Patricia Parent", "+447700900456")


def test_method_sender_agreement_and_an_advocate_appointed_later_show_old_and_new(
    client, officer, post_form, letter, session
):
    advocate = create_staff("ade@advocacy.example", role="advocate", name="Ade Advocate", organisation="Voice")
    answers = form_answers(
        letter,
        method="email",
        submitted_by="foster_carer",
        child_agreement="yes",
        advocate=str(advocate.id),
        advocate_declaration=["not_subject", "not_subjects_manager", "not_service_manager"],
    )
    assert post_form(client, f"/staff/cases/{letter.reference}/record", answers).status_code == 302
    [event] = corrections(session, letter)
    assert event.detail == (
        "method letter to email; from parent to foster_carer; child's agreement not_asked to yes; "
        "advocate none to ade@advocacy.example"
    )
    session.expire_all()
    assert letter.advocate_id == advocate.id and letter.advocate_supported
    assert letter.channel is Channel.EMAIL and letter.child_agreement is ChildAgreement.YES


def test_a_closed_case_can_be_corrected_and_the_audit_says_it_was_closed(
    client, officer, post_form, letter, session, settings
):
    casework.record_response(session, letter, officer, Outcome.UPHELD, date(2026, 11, 20), date(2026, 11, 20))
    casework.close(session, letter, officer, settings, date(2026, 12, 1))
    session.commit()
    assert (
        post_form(client, f"/staff/cases/{letter.reference}/record", form_answers(letter, method="email")).status_code
        == 302
    )
    [event] = corrections(session, letter)
    assert event.detail == "method letter to email; the case is closed"
    session.expire_all()
    assert letter.status is Status.CLOSED and letter.channel is Channel.EMAIL


def test_a_correction_without_a_reason_or_a_change_is_refused_and_nothing_is_written(
    client, officer, post_form, letter, session
):
    url = f"/staff/cases/{letter.reference}/record"
    response = post_form(client, url, form_answers(letter, method="email", reason=""))
    assert response.status_code == 400 and "Enter why you are correcting the record" in response.get_data(as_text=True)
    checked(response, errors=True)
    response = post_form(client, url, form_answers(letter))
    assert response.status_code == 400 and "Nothing has changed" in response.get_data(as_text=True)
    checked(response, errors=True)
    assert corrections(session, letter) == []


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (date_parts(date(2027, 1, 4)), "must be today or in the past"),
        (date_parts(date(1999, 6, 1)), "must be 1 January 2000 or later"),
    ],
)
def test_a_received_date_out_of_range_is_refused(client, officer, post_form, letter, session, received, message):
    response = post_form(client, f"/staff/cases/{letter.reference}/record", form_answers(letter, received=received))
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert corrections(session, letter) == []


def test_someone_who_is_not_an_advocate_cannot_be_made_the_advocate(client, officer, post_form, letter, session):
    manager = create_staff("manager@council.example", role="manager")
    response = post_form(
        client, f"/staff/cases/{letter.reference}/record", form_answers(letter, advocate=str(manager.id))
    )
    assert response.status_code == 400 and "Select an advocate from the list" in response.get_data(as_text=True)


def test_the_childs_words_cannot_be_changed_here(client, officer, post_form, letter, session):
    answers = form_answers(letter, method="email", what_happened="Everything is fine now.")
    assert post_form(client, f"/staff/cases/{letter.reference}/record", answers).status_code == 302
    session.expire_all()
    assert letter.what_happened == "Nobody has visited since September."


def test_the_case_page_links_to_the_correction_for_those_who_may_make_it(client, sign_in, letter, session):
    sign_in(client, create_staff())
    html = client.get(f"/staff/cases/{letter.reference}").get_data(as_text=True)
    assert f'href="/staff/cases/{letter.reference}/record"' in html and "Its deadlines count from" in html
    advocate = create_staff("ade@advocacy.example", role="advocate")
    letter.advocate_id = advocate.id
    session.commit()
    sign_in(client, advocate)
    assert "correct-record-link" not in client.get(f"/staff/cases/{letter.reference}").get_data(as_text=True)
    assert client.get(f"/staff/cases/{letter.reference}/record").status_code == 403


def test_a_received_date_keyed_in_for_today_never_counts_from_later_than_now():
    now = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
    assert received_at_for(date(2026, 12, 4), now) == now
    assert received_at_for(date(2026, 12, 3), now) == datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert received_at_for(date(2026, 7, 3), now) == datetime(2026, 7, 3, 11, 0, tzinfo=UTC)  # BST: midday London


# ---------------------------------------------------------------- an advocate appointed later (§1.8)

DECLARED = ["not_subject", "not_subjects_manager", "not_service_manager"]


def _declarations(session, rep) -> list[AuditEvent]:
    return session.scalars(
        select(AuditEvent).where(
            AuditEvent.representation_id == rep.id, AuditEvent.action == "advocate_declared_independent"
        )
    ).all()


@pytest.mark.parametrize("ticked", [[], ["not_subject"], ["not_subjects_manager", "not_service_manager"]])
def test_an_advocate_appointed_later_needs_all_three_parts_of_their_declaration_and_nothing_is_written_without_it(
    client, officer, post_form, letter, session, ticked
):
    advocate = create_staff("ade@advocacy.example", role="advocate")
    answers = form_answers(letter, advocate=str(advocate.id), advocate_declaration=ticked)
    response = post_form(client, f"/staff/cases/{letter.reference}/record", answers)
    assert response.status_code == 400
    assert checked(response, errors=True).error_links == ["advocate_declaration"]
    assert "If they cannot declare all three, choose another advocate." in response.get_data(as_text=True)
    session.expire_all()
    assert letter.advocate_id is None and corrections(session, letter) == [] and _declarations(session, letter) == []


def test_the_person_handling_the_case_cannot_be_appointed_its_advocate(client, officer, post_form, letter, session):
    advocate = create_staff("ade@advocacy.example", role="advocate")
    letter.assigned_to_id = advocate.id
    session.commit()
    answers = form_answers(letter, advocate=str(advocate.id), advocate_declaration=DECLARED)
    response = post_form(client, f"/staff/cases/{letter.reference}/record", answers)
    assert response.status_code == 400
    checked(response, errors=True)
    assert (
        "That advocate handles this case for the council, so they cannot also be the child&#39;s advocate. "
        "Choose another advocate."
    ) in response.get_data(as_text=True)
    session.expire_all()
    assert letter.advocate_id is None and corrections(session, letter) == []


def test_an_advocate_whose_account_belongs_to_the_team_the_case_is_about_cannot_be_appointed(
    client, officer, post_form, letter, session
):
    team = create_teams(("Fostering",))[0]
    letter.team_id = team.id
    session.commit()
    insider = create_staff("in@advocacy.example", role="advocate", team_name=team.name)
    answers = form_answers(letter, advocate=str(insider.id), advocate_declaration=DECLARED)
    response = post_form(client, f"/staff/cases/{letter.reference}/record", answers)
    assert response.status_code == 400
    assert "belongs to the team this case is about" in response.get_data(as_text=True)
    session.expire_all()
    assert letter.advocate_id is None


def test_appointing_an_advocate_keeps_their_declaration_and_the_officer_who_recorded_it(
    client, officer, post_form, letter, session
):
    advocate = create_staff("ade@advocacy.example", role="advocate")
    answers = form_answers(letter, advocate=str(advocate.id), advocate_declaration=DECLARED)
    assert post_form(client, f"/staff/cases/{letter.reference}/record", answers).status_code == 302
    [declared] = _declarations(session, letter)
    assert declared.actor == officer.email and declared.actor_id == officer.id and declared.at is not None
    assert declared.detail.startswith("ade@advocacy.example declared: not the subject of the complaint or comment")


def test_leaving_the_advocate_as_they_are_or_removing_them_needs_no_declaration(
    client, officer, post_form, letter, session
):
    advocate = create_staff("ade@advocacy.example", role="advocate")
    letter.advocate_id = advocate.id
    session.commit()
    url = f"/staff/cases/{letter.reference}/record"
    assert post_form(client, url, form_answers(letter, method="email", advocate=str(advocate.id))).status_code == 302
    assert post_form(client, url, form_answers(letter, advocate="")).status_code == 302
    session.expire_all()
    assert letter.advocate_id is None and _declarations(session, letter) == []
