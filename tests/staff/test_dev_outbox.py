"""/staff/outbox outside production: every notification as its recipient would read it; a 404 in production."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from tests.factories import create_representation, create_staff
from tests.staff.officer_forms import checked


def test_the_outbox_shows_each_message_rendered_in_its_language_with_a_link_to_its_case(
    app, client, officer, session, settings
):
    rep = create_representation(
        contact_email="pat@example.com", safe_to_contact=True, language="pl", what_happened="SECRET-WORDS here"
    )
    session.commit()
    response = client.get("/staff/outbox")
    assert response.status_code == 200
    checked(response, errors=False)
    html = response.get_data(as_text=True)
    assert f"New complaint: {rep.reference}" in html  # the complaints officer's email, in English
    with app.test_request_context(), force_locale("pl"):
        polish = gettext("We got your message. Your reference is %(reference)s", reference=rep.reference)
    assert polish != f"We got your message. Your reference is {rep.reference}"
    assert "pat@example.com" in html and polish in html  # the acknowledgement, in Polish as they wrote
    assert f'href="/staff/cases/{rep.reference}"' in html
    assert "SECRET-WORDS" not in html  # notifications never carry the words, so neither does their outbox


def test_a_text_message_is_shown_as_the_text_itself(client, officer, session, settings, monkeypatch):
    monkeypatch.setitem(settings, "RIGHTS_OFFICER_MOBILE", "+447700900999")
    rep = create_representation()
    session.commit()
    html = client.get("/staff/outbox").get_data(as_text=True)
    assert "SMS to +447700900999" in html and rep.reference in html


def test_the_outbox_is_a_404_in_production(client, officer, settings, monkeypatch):
    monkeypatch.setitem(settings, "ENVIRONMENT", "production")
    assert client.get("/staff/outbox").status_code == 404
    assert "/staff/outbox" not in client.get("/staff/cases").get_data(as_text=True)


def test_only_the_complaints_officer_and_an_admin_see_the_outbox(client, sign_in):
    sign_in(client, create_staff("advocate@advocacy.example", role="advocate"))
    assert client.get("/staff/outbox").status_code == 403
    sign_in(client, create_staff("admin@council.example", role="admin"))
    assert client.get("/staff/outbox").status_code == 200
