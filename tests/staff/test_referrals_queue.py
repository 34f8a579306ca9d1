"""Advocacy referrals reach the advocates: ADVOCACY_ORGANISATION's advocates see every child who asked for one,
read what the child agreed to share, accept one (then it is theirs) and follow it; anyone else gets a 404."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from intake.config import ConfigError, load_settings
from intake.delivery.email import render_email
from intake.domain import casework
from intake.domain.advocate_independence import AdvocateDisqualified, Declaration
from intake.domain.casework import CaseworkError
from intake.domain.referrals import accept_referral
from intake.models import AuditEvent, Notification, Status, SubmittedBy
from tests.factories import create_representation, create_staff, create_teams
from tests.staff.officer_forms import checked

DECLARED = {"declaration": ["not_subject", "not_subjects_manager", "not_service_manager"]}
WORDS = "My social worker keeps cancelling and I want someone on my side."


@pytest.fixture
def referral(session):
    rep = create_representation(
        submitted_by=SubmittedBy.CHILD,
        advocate_requested=True,
        what_happened=WORDS,
        contact_name="Jo Bloggs",
        contact_phone="07700 900123",
        safe_to_contact=True,
        contact_avoid="My foster carer reads my texts",
        received_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
    )
    session.commit()
    return rep


@pytest.fixture
def advocate(client, sign_in):
    """An advocate of the organisation that takes the council's referrals (create-user's default)."""
    user = create_staff("ade@advocacy.example", role="advocate", name="Ade Advocate")
    sign_in(client, user)
    return user


def test_the_referral_service_is_create_users_default_organisation_unless_set():
    assert load_settings({"APP_ENV": "test"})["ADVOCACY_ORGANISATION"] == "Advocacy service"
    assert load_settings({"APP_ENV": "test", "ADVOCACY_ORGANISATION": " Barnardo's "})["ADVOCACY_ORGANISATION"] == (
        "Barnardo's"
    )
    with pytest.raises(ConfigError, match="ADVOCACY_ORGANISATION"):
        load_settings({"APP_ENV": "test", "ADVOCACY_ORGANISATION": "x" * 201})


def test_an_advocate_created_without_an_organisation_takes_the_referrals(client, advocate, referral):
    assert advocate.organisation == "Advocacy service"
    response = client.get("/staff/referrals")
    checked(response, errors=False)
    assert referral.reference in response.get_data(as_text=True)


def test_only_waiting_referrals_are_listed(client, advocate, referral, session, settings):
    not_asked = create_representation(submitted_by=SubmittedBy.CHILD)
    officer = create_staff()
    closed = create_representation(submitted_by=SubmittedBy.CHILD, advocate_requested=True)
    casework.withdraw(session, closed, officer, settings, closed.received_on, "They changed their mind")
    taken = create_representation(submitted_by=SubmittedBy.CHILD, advocate_requested=True)
    taken.advocate_id = create_staff("other@advocacy.example", role="advocate").id
    session.commit()
    html = client.get("/staff/referrals").get_data(as_text=True)
    assert referral.reference in html
    for hidden in (not_asked, closed, taken):
        assert hidden.reference not in html


def test_a_referral_shows_what_the_child_agreed_to_share_and_the_view_is_audited(client, advocate, referral, session):
    response = client.get(f"/staff/referrals/{referral.reference}")
    assert response.status_code == 200
    checked(response, errors=False)
    html = response.get_data(as_text=True)
    assert WORDS in html and "My foster carer reads my texts" in html
    assert "Jo Bloggs" not in html and "900123" not in html  # theirs once accepted
    viewed = session.scalar(select(AuditEvent).where(AuditEvent.action == "viewed", AuditEvent.actor_id == advocate.id))
    assert viewed.detail == "as a referral" and viewed.representation_id == referral.id


def test_accepting_a_referral_makes_it_the_advocates_case_to_follow(client, advocate, referral, session, post_form):
    response = post_form(client, f"/staff/referrals/{referral.reference}/accept", DECLARED)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{referral.reference}")
    session.expire_all()
    assert referral.advocate_id == advocate.id and referral.advocate_supported
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "advocacy_referral_accepted"))
    assert event.actor == advocate.email and event.detail == "by ade@advocacy.example (Advocacy service)"

    case_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "now one of your cases" in case_page and "Jo Bloggs" in case_page
    assert referral.reference in client.get("/staff/cases").get_data(as_text=True)
    listing = client.get("/staff/referrals").get_data(as_text=True)
    accepted = listing[listing.index('id="accepted"') :]
    assert referral.reference in accepted and "Stage" in accepted
    assert referral.reference not in listing[: listing.index('id="accepted"')]  # no longer waiting


def test_a_referral_someone_else_accepted_is_a_404_for_the_next_advocate(
    client, sign_in, advocate, referral, session, post_form, settings
):
    first = create_staff("first@advocacy.example", role="advocate")
    accept_referral(session, referral, first, settings, Declaration.whole())
    session.commit()
    assert client.get(f"/staff/referrals/{referral.reference}").status_code == 404
    assert post_form(client, f"/staff/referrals/{referral.reference}/accept", DECLARED).status_code == 404
    assert client.get(f"/staff/cases/{referral.reference}").status_code == 404


def test_two_advocates_accepting_at_once_leave_it_with_one_of_them(app, session, referral, settings):
    first = create_staff("first@advocacy.example", role="advocate")
    second = create_staff("second@advocacy.example", role="advocate")
    stale = referral.id
    accept_referral(session, referral, first, settings, Declaration.whole())
    session.commit()
    referral.advocate_id = None  # the second advocate's page was drawn before the first pressed Accept
    with app.test_request_context(), pytest.raises(CaseworkError, match="Another advocate"), session.no_autoflush:
        accept_referral(session, referral, second, settings, Declaration.whole())
    session.rollback()
    assert session.get(type(referral), stale).advocate_id == first.id


def test_an_advocate_of_another_organisation_sees_no_referrals_and_gets_404s(client, sign_in, referral, post_form):
    sign_in(client, create_staff("bea@voice.example", role="advocate", organisation="Voice"))
    html = client.get("/staff/referrals").get_data(as_text=True)
    assert "The council sends its advocacy referrals to Advocacy service" in html and referral.reference not in html
    assert client.get(f"/staff/referrals/{referral.reference}").status_code == 404
    assert post_form(client, f"/staff/referrals/{referral.reference}/accept", DECLARED).status_code == 404
    assert client.get(f"/staff/cases/{referral.reference}").status_code == 404


def test_the_referral_emails_link_to_the_case_leads_the_referral_service_to_the_referral(client, advocate, referral):
    response = client.get(f"/staff/cases/{referral.reference}")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/staff/referrals/{referral.reference}"
    )


def test_a_closed_case_cannot_be_accepted(app, session, referral, settings):
    referral.status = Status.CLOSED
    with app.test_request_context(), pytest.raises(CaseworkError, match="closed"):
        accept_referral(
            session, referral, create_staff("a@advocacy.example", role="advocate"), settings, Declaration.whole()
        )


def test_the_referral_email_links_to_the_referrals_queue_and_never_carries_the_words(session, referral, settings):
    [notification] = session.scalars(select(Notification).where(Notification.template == "advocacy_referral")).all()
    email = render_email(notification, settings)
    assert "https://hys.test/staff/referrals" in email.text and 'href="https://hys.test/staff/referrals"' in email.html
    assert referral.reference in email.text
    for secret in ("social worker", "Jo Bloggs", "foster carer reads"):
        assert secret not in email.text + email.html + email.subject


def test_a_manager_or_the_complaints_officer_cannot_open_the_advocates_queue(client, sign_in, referral):
    sign_in(client, create_staff())
    assert client.get("/staff/referrals").status_code == 403
    assert client.get(f"/staff/referrals/{referral.reference}").status_code == 403


def test_the_accepted_referrals_list_shows_how_each_is_going(client, advocate, referral, session, settings):
    accept_referral(session, referral, advocate, settings, Declaration.whole())
    session.commit()
    html = client.get("/staff/referrals").get_data(as_text=True)
    accepted = html[html.index('id="accepted"') :]
    # Received Monday 2 November 2026: stage 1 was due 10 working days later, and nobody has answered it.
    assert "16 November 2026" in accepted and "Overdue" in accepted and "New" in accepted


# ---------------------------------------------------------------- who may not be the advocate (§1.8)


def _declarations(session, rep) -> list[AuditEvent]:
    return session.scalars(
        select(AuditEvent).where(
            AuditEvent.representation_id == rep.id, AuditEvent.action == "advocate_declared_independent"
        )
    ).all()


def test_the_referral_asks_for_the_three_part_declaration_under_a_visible_legend(client, advocate, referral):
    html = client.get(f"/staff/referrals/{referral.reference}").get_data(as_text=True)
    legend = html[html.index("govuk-fieldset__legend") : html.index("</legend>")]
    assert "Your declaration" in legend
    for part in ("not_subject", "not_subjects_manager", "not_service_manager"):
        assert f'name="declaration" type="checkbox" value="{part}"' in html
    assert "checked" not in html[html.index('name="declaration"') :]  # nothing ticked for them


@pytest.mark.parametrize("ticked", [[], ["not_subject", "not_subjects_manager"], ["made_up"]])
def test_accepting_without_the_whole_declaration_is_refused_with_what_to_do_and_nothing_is_written(
    client, advocate, referral, session, post_form, ticked
):
    response = post_form(client, f"/staff/referrals/{referral.reference}/accept", {"declaration": ticked})
    assert response.status_code == 400
    page = checked(response, errors=True)
    assert page.error_links == ["declaration"]
    assert "If you cannot, ask another advocate to take this referral." in response.get_data(as_text=True)
    session.expire_all()
    assert referral.advocate_id is None and _declarations(session, referral) == []
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "advocacy_referral_accepted")) is None


def test_the_advocate_who_handles_the_case_cannot_take_its_referral_even_declaring_all_three(
    app, client, advocate, referral, session, post_form, settings
):
    referral.assigned_to_id = advocate.id
    session.commit()
    # The handler can already open the case, so the queue sends them to it rather than the referral ...
    response = post_form(client, f"/staff/referrals/{referral.reference}/accept", DECLARED)
    assert response.headers["Location"].endswith(f"/staff/cases/{referral.reference}")
    # ... and the rule itself refuses them, saying what to do.
    with app.test_request_context():
        with pytest.raises(AdvocateDisqualified) as refused:
            accept_referral(session, referral, advocate, settings, Declaration.whole())
        assert str(refused.value) == (
            "You handle this case for the council, so you cannot also be the child's advocate. "
            "Ask another advocate to take this referral."
        )
    session.rollback()
    assert referral.advocate_id is None and _declarations(session, referral) == []


def test_an_advocate_whose_account_belongs_to_the_team_the_case_is_about_cannot_accept_it(
    app, session, referral, settings
):
    team = create_teams(("Leaving care",))[0]
    referral.team_id = team.id
    insider = create_staff("in@advocacy.example", role="advocate", team_name=team.name)
    with app.test_request_context(), pytest.raises(AdvocateDisqualified, match="belongs to the team"):
        accept_referral(session, referral, insider, settings, Declaration.whole())
    assert referral.advocate_id is None


def test_accepting_keeps_the_advocates_declaration_in_the_audit_trail_with_who_and_when(
    client, advocate, referral, session, post_form
):
    assert post_form(client, f"/staff/referrals/{referral.reference}/accept", DECLARED).status_code == 302
    [declared] = _declarations(session, referral)
    assert declared.actor == advocate.email and declared.actor_id == advocate.id and declared.at is not None
    assert declared.detail == (
        "ade@advocacy.example declared: not the subject of the complaint or comment, "
        "not the manager of anyone who is, not the manager of the service it is about"
    )
