"""Recording what arrived some other way (/staff/cases/new): every method, the clock from the day it arrived,
the same submit() as every channel (risk screen, routing, alerts), and every kind of bad input."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from intake.domain.report import annual_report
from intake.models import (
    AuditEvent,
    Channel,
    ChildAgreement,
    Kind,
    Notification,
    Representation,
    SafeguardingAlert,
    SubmittedBy,
    Team,
)
from tests.factories import create_staff, create_teams
from tests.staff.officer_forms import (
    FRIDAY,
    checked,
    date_parts,
    recording,
)

URL = "/staff/cases/new"


def only_case(session) -> Representation:
    [rep] = session.scalars(select(Representation)).all()
    return rep


def test_the_form_has_a_visible_label_for_every_answer_and_passes_the_page_checks(client, officer):
    response = client.get(URL)
    assert response.status_code == 200
    checked(response, errors=False)
    html = response.get_data(as_text=True)
    for label in (
        "How did it reach us?",
        "When did it reach us?",
        "What is it?",
        "Who is it from?",
        "What they told us",
        "Is it safe to contact them?",
        "Team",
        "Which language should we reply in?",
    ):
        assert label in html
    for method in ("Email", "Letter", "Telephone", "In person"):
        assert f">{method}<" in html or f"> {method}" in html or method in html


def test_a_letter_that_arrived_on_friday_counts_from_friday_and_lands_on_its_case_page(
    client, officer, post_form, session
):
    response = post_form(client, URL, recording())
    rep = only_case(session)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{rep.reference}")
    assert rep.channel is Channel.LETTER and rep.submitted_by is SubmittedBy.PARENT and rep.kind is Kind.COMPLAINT
    assert rep.received_on == FRIDAY  # not Monday, when it was opened, nor today
    assert rep.acknowledge_by == date(2026, 11, 11)  # 3 working days
    assert rep.stages[0].due_on == date(2026, 11, 20)  # 10 working days
    assert rep.about_someone_else and rep.child_name == "Sam" and rep.child_agreement is ChildAgreement.YES
    events = {e.action: e for e in session.scalars(select(AuditEvent).where(AuditEvent.representation_id == rep.id))}
    assert events["submitted"].actor == officer.email
    assert events["recorded_by_staff"].detail == "letter that reached us on 2026-11-06"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Recorded as {rep.reference}." in page and "Nobody has visited Sam since September." in page
    templates = {n.template for n in session.scalars(select(Notification))}
    assert {"new_case", "acknowledgement"} <= templates  # the same routing as every channel


@pytest.mark.parametrize("method", ["email", "letter", "telephone", "in_person", "sms", "not_known"])
def test_each_method_is_stored_as_the_channel_the_report_counts(client, officer, post_form, session, method):
    assert post_form(client, URL, recording(method=method)).status_code == 302
    assert only_case(session).channel is Channel(method)


def test_a_compliment_from_a_professional_is_recorded_and_runs_no_clock(client, officer, post_form, session):
    answers = recording(
        kind="compliment",
        submitted_by="professional",
        for_child="no",
        child_agreement=None,
        what_happened="The leaving care team found Jo a flat in a week. Thank you.",
    )
    assert post_form(client, URL, answers).status_code == 302
    rep = only_case(session)
    assert rep.kind is Kind.COMPLIMENT and rep.submitted_by is SubmittedBy.PROFESSIONAL
    assert rep.stages == [] and not rep.about_someone_else and rep.child_agreement is None


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (date_parts(date(2026, 12, 25)), "The date it reached us must be today or in the past"),
        (date_parts(date(1999, 12, 31)), "The date it reached us must be 1 January 2000 or later"),
        (["31", "2", "2026"], "Enter a real date, for example 27 3 2026"),
        (["", "", ""], "Enter the date it reached us"),
    ],
)
def test_a_received_date_in_the_future_before_2000_or_not_a_date_is_refused_kindly(
    client, officer, post_form, session, received, message
):
    response = post_form(client, URL, recording(received=received))
    assert response.status_code == 400
    page = checked(response, errors=True)
    assert message in response.get_data(as_text=True) and "#received" in [f"#{link}" for link in page.error_links]
    assert session.scalars(select(Representation)).all() == []


def test_a_missing_method_is_refused_with_the_reason_and_nothing_is_stored(client, officer, post_form, session):
    response = post_form(client, URL, recording(method=None))
    assert response.status_code == 400
    checked(response, errors=True)
    html = response.get_data(as_text=True)
    assert "Select how it reached us" in html and "<title>Error: Record a case" in html
    assert session.scalars(select(Representation)).all() == []


def test_a_made_up_method_gets_the_same_message_not_a_stack_trace(client, officer, post_form, session):
    response = post_form(client, URL, recording(method="carrier_pigeon"))
    assert response.status_code == 400 and "Select how it reached us" in response.get_data(as_text=True)


def test_an_unknown_or_closed_team_is_refused(client, officer, post_form, session):
    [leaving, fostering, *_] = create_teams()
    fostering.active = False
    session.commit()
    for team in ("999999", str(fostering.id), "not-a-number"):
        response = post_form(client, URL, recording(team=team))
        assert response.status_code == 400 and "Select a team from the list" in response.get_data(as_text=True)
    assert session.scalars(select(Representation)).all() == []
    assert post_form(client, URL, recording(team=str(leaving.id))).status_code == 302
    assert only_case(session).team_id == leaving.id


def test_someone_acting_for_a_child_must_say_whether_the_child_agreed(client, officer, post_form, session):
    response = post_form(client, URL, recording(child_agreement=None))
    assert response.status_code == 400 and "Select whether the child agreed" in response.get_data(as_text=True)
    response = post_form(client, URL, recording(for_child=None))
    assert response.status_code == 400 and "Select yes if they are acting for a child" in response.get_data(
        as_text=True
    )
    response = post_form(client, URL, recording(submitted_by="advocate", for_child="no"))
    assert response.status_code == 400 and "An advocate acts for a child" in response.get_data(as_text=True)


def test_a_child_phoning_needs_no_agreement_and_their_words_are_theirs(client, officer, post_form, session):
    answers = recording(
        method="telephone",
        submitted_by="child",
        for_child=None,
        child_agreement=None,
        child_name="ignored",
        what_happened="My PA never rings me back.",
    )
    assert post_form(client, URL, answers).status_code == 302
    rep = only_case(session)
    assert rep.submitted_by is SubmittedBy.CHILD and not rep.about_someone_else
    assert rep.child_name is None and rep.child_agreement is None


def test_a_disclosure_in_an_officers_note_of_a_call_raises_the_alert_and_the_case_opens_on_the_banner(
    client, officer, post_form, session
):
    note = "She told me her stepdad hit her with a belt last night and she is scared to go home."
    response = post_form(
        client,
        URL,
        recording(method="telephone", submitted_by="child", for_child=None, child_agreement=None, what_happened=note),
    )
    rep = only_case(session)
    assert (
        rep.safeguarding
        and session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.representation_id == rep.id)) is not None
    )
    urgent = session.scalars(select(Notification).where(Notification.template == "safeguarding_alert")).all()
    assert urgent and all(n.urgent for n in urgent)
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "a safeguarding alert has been raised" in html and 'id="open-alerts"' in html
    assert html.index("alert-banner-title") < html.index("what-happened")
    assert note in html  # their words kept, with the alert


def test_a_child_asking_for_an_advocate_on_the_phone_is_an_advocacy_referral(client, officer, post_form, session):
    answers = recording(
        method="telephone", submitted_by="child", for_child=None, child_agreement=None, advocate_requested="yes"
    )
    assert post_form(client, URL, answers).status_code == 302
    assert only_case(session).advocate_requested
    referral = session.scalar(select(Notification).where(Notification.template == "advocacy_referral"))
    assert referral is not None and referral.recipient == "advocacy@advocacy.example"


def test_when_texts_are_safe_and_what_to_avoid_reach_the_case_and_its_page(client, officer, post_form, session):
    answers = recording(
        submitted_by="child",
        for_child=None,
        child_agreement=None,
        contact_phone="07700 900123",
        preferred_contact="sms",
        text_from="9:00",
        text_until="18.00",
        contact_avoid="Mum reads my texts after 6",
    )
    assert post_form(client, URL, answers).status_code == 302
    rep = only_case(session)
    assert rep.contact_phone == "+447700900123"
    assert (f"{rep.contact_text_from:%H:%M}", f"{rep.contact_text_until:%H:%M}") == ("09:00", "18:00")
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "between 09:00 and 18:00" in html and "Mum reads my texts after 6" in html


def test_a_phone_number_email_or_time_that_cannot_be_one_is_refused(client, officer, post_form, session):
    response = post_form(
        client, URL, recording(contact_phone="call me", contact_email="pat at home", text_from="teatime")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a phone number" in html and "Enter an email address" in html and "Enter a time like" in html


def test_emoji_are_kept_as_written(client, officer, post_form, session):
    words = "Thank you for the new bike 🚲🙏 my carer is the best 💛"
    assert post_form(client, URL, recording(kind="compliment", what_happened=words)).status_code == 302
    assert only_case(session).what_happened == words


def test_markup_like_words_are_stored_and_shown_exactly(client, officer, post_form, session):
    words = "He said <you will never see your mum again> & left <b>laughing</b>"
    response = post_form(client, URL, recording(what_happened=words))
    rep = only_case(session)
    assert rep.what_happened == words
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "&lt;you will never see your mum again&gt; &amp; left &lt;b&gt;laughing&lt;/b&gt;" in html


def test_zero_width_characters_do_not_hide_a_disclosure(client, officer, post_form, session):
    words = "She said: I want to k\u200bill mys\u200belf"
    post_form(client, URL, recording(submitted_by="child", for_child=None, child_agreement=None, what_happened=words))
    rep = only_case(session)
    assert rep.safeguarding and rep.what_happened == words


def test_a_right_to_left_override_is_neutralised_and_the_rest_kept(client, officer, post_form, session):
    post_form(client, URL, recording(what_happened="My worker said \u202eenod lla\u202c it is all done"))
    assert only_case(session).what_happened == "My worker said enod lla it is all done"


def test_a_disclosure_past_the_length_limit_raises_the_alert_and_every_word_is_kept(
    client, officer, post_form, session, settings
):
    words = "x " * (settings["MAX_FREE_TEXT"] // 2) + "and then he hit me with a belt"
    response = post_form(
        client, URL, recording(submitted_by="child", for_child=None, child_agreement=None, what_happened=words)
    )
    assert response.status_code == 302
    rep = only_case(session)
    assert rep.safeguarding and rep.what_happened == words.strip()


def test_ordinary_words_past_the_length_limit_are_refused_kindly_and_nothing_is_stored(
    client, officer, post_form, session, settings
):
    words = "The visits keep being cancelled. " * (settings["MAX_FREE_TEXT"] // 30)
    response = post_form(client, URL, recording(what_happened=words))
    assert response.status_code == 400
    checked(response, errors=True)
    assert "What they told us must be 5000 characters or fewer" in response.get_data(as_text=True)
    assert session.scalars(select(Representation)).all() == []


def test_a_manager_recording_another_teams_case_is_told_where_it_went(client, sign_in, post_form, session):
    [mine, other, *_] = create_teams()
    manager = create_staff("manager@council.example", role="manager", team_name=mine.name)
    sign_in(client, manager)
    response = post_form(client, URL, recording(team=str(other.id)), follow_redirects=True)
    assert response.request.path == "/staff/cases"
    assert "not one of the cases you can see" in response.get_data(as_text=True)
    assert only_case(session).team_id == other.id


def test_the_annual_report_counts_staff_keyed_complaints_under_their_method(client, officer, post_form, session):
    for method in ("email", "email", "letter", "telephone", "in_person"):
        assert post_form(client, URL, recording(method=method)).status_code == 302
    report = annual_report(session, 2026)  # 1 April 2026 to 31 March 2027
    assert report["by_method"] == {"email": 2, "in_person": 1, "letter": 1, "telephone": 1}
    assert report["complaints"]["total"] == 5


def test_advocates_and_admins_cannot_record_a_case(client, sign_in):
    for role in ("advocate", "admin"):
        sign_in(client, create_staff(f"{role}@council.example", role=role))
        assert client.get(URL).status_code == 403


def test_every_team_is_offered_and_a_team_record_is_never_made_up(client, officer, session):
    create_teams()
    html = client.get(URL).get_data(as_text=True)
    for team in session.scalars(select(Team)):
        assert team.name in html
    assert "Not known yet" in html
