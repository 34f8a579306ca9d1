"""Advocates submit on a child's behalf, and see the status of the cases they submitted, and only those."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from intake.models import (
    AuditEvent,
    ChildAgreement,
    ContactMethod,
    FormDraft,
    Representation,
    SafeguardingAlert,
    SubmittedBy,
)
from tests.factories import create_representation, create_staff
from tests.html_checks import assert_page_ok, csrf_token, post_page
from tests.support.staff_session import sign_in

GOOD = {
    "kind": "wrong",
    "child_name": "Child A",
    "what_happened": "I have had four social workers this year and nobody tells me why.",
    "what_would_help": "To keep the same worker.",
    "service_mentioned": "",
    "agreement": "yes",
    "agreement_note": "",
    "independent": "yes",
}


@pytest.fixture
def advocate(client):
    user = create_staff("advocate@advocacy.example", role="advocate", organisation="Barnardo's")
    sign_in(client, user)
    return user


def test_an_advocate_raises_a_complaint_for_a_child_with_the_childs_own_words(client, session, advocate):
    page = client.get("/advocate/new")
    assert_page_ok(page, errors=False)
    response = post_page(client, "/advocate/new", GOOD)
    assert response.headers["Location"] == "/advocate/cases"
    rep = session.scalars(select(Representation)).one()
    assert rep.submitted_by is SubmittedBy.ADVOCATE and rep.advocate_id == advocate.id
    assert rep.contact_via_advocate and rep.preferred_contact is ContactMethod.ADVOCATE
    assert rep.child_name == "Child A" and rep.child_agreement is ChildAgreement.YES
    assert rep.what_happened == GOOD["what_happened"] and rep.what_would_help == GOOD["what_would_help"]
    cases = client.get("/advocate/cases")
    assert_page_ok(cases)
    html = cases.get_data(as_text=True)
    assert f"Sent. The reference is {rep.reference}." in html and "We have got it" in html


def test_when_the_child_could_not_agree_the_reason_is_needed_and_kept(client, session, advocate):
    response = post_page(client, "/advocate/new", {**GOOD, "agreement": "not_possible"})
    page = assert_page_ok(response, errors=True)
    assert page.error_links == ["agreement_note"]
    assert "Enter why it was not possible to ask the child" in response.get_data(as_text=True)
    post_page(
        client, "/advocate/new", {**GOOD, "agreement": "not_possible", "agreement_note": "She is 3 and non-verbal."}
    )
    rep = session.scalars(select(Representation)).one()
    assert rep.child_agreement is ChildAgreement.NOT_POSSIBLE and rep.child_agreement_note == "She is 3 and non-verbal."


def test_an_empty_advocate_form_lists_every_problem(client, advocate):
    response = post_page(client, "/advocate/new", {})
    page = assert_page_ok(response, errors=True)
    assert page.error_links == ["kind", "child_name", "what_happened", "what_would_help", "agreement", "independent"]


def test_a_double_click_makes_one_case(client, session, advocate):
    page = client.get("/advocate/new").get_data(as_text=True)
    once = page.split('name="once" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_token(page), "once": once, **GOOD}
    client.post("/advocate/new", data=data)
    client.post("/advocate/new", data=data)
    assert session.scalar(select(func.count(Representation.id))) == 1


def test_an_advocate_sees_only_the_cases_they_submitted(client, session, advocate):
    other = create_staff("other@advocacy.example", role="advocate")
    mine = create_representation(submitted_by=SubmittedBy.ADVOCATE, advocate_id=advocate.id, child_name="Mine")
    theirs = create_representation(submitted_by=SubmittedBy.ADVOCATE, advocate_id=other.id, child_name="Theirs")
    public = create_representation()
    html = client.get("/advocate/cases").get_data(as_text=True)
    assert mine.reference in html
    assert theirs.reference not in html and public.reference not in html and "Theirs" not in html


@pytest.mark.parametrize("role", ["complaints_officer", "manager", "rights_officer", "admin"])
def test_only_advocates_use_the_advocate_pages(client, role):
    sign_in(client, create_staff(f"{role}@council.example", role=role))
    assert client.get("/advocate/new").status_code == 403
    assert client.get("/advocate/cases").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/advocate/new")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


DISCLOSURE = "She said her stepdad hits her when her mum is at work."
PANEL = "What the child said may mean they are not safe"


def _once(page_html: str) -> str:
    return page_html.split('name="once" value="')[1].split('"')[0]


def test_a_disclosure_in_a_form_sent_back_for_a_fix_raises_the_alert_at_once_and_the_fix_updates_that_case(
    client, session, advocate
):
    response = post_page(client, "/advocate/new", {**GOOD, "what_happened": DISCLOSURE, "agreement": ""})
    page = assert_page_ok(response, errors=True)
    assert page.error_links == ["agreement"]
    html = response.get_data(as_text=True)
    assert PANEL in html and "999" in html
    rep = session.scalars(select(Representation)).one()
    assert rep.safeguarding and rep.what_happened == DISCLOSURE and rep.child_agreement is None
    assert session.scalar(select(func.count(SafeguardingAlert.id))) == 1

    data = {"csrf_token": csrf_token(html), "once": _once(html), **GOOD, "what_happened": DISCLOSURE}
    assert client.post("/advocate/new", data=data).headers["Location"] == "/advocate/cases"
    session.expire_all()
    rep = session.scalars(select(Representation)).one()
    assert rep.child_agreement is ChildAgreement.YES and session.scalar(select(func.count(SafeguardingAlert.id))) == 1
    events = [
        e.action
        for e in session.scalars(
            select(AuditEvent).where(AuditEvent.reference == rep.reference).order_by(AuditEvent.id)
        )
    ]
    assert events[:2] == ["submitted", "submitted_early"] and "form_completed" in events
    cases = client.get("/advocate/cases").get_data(as_text=True)
    assert f"Sent. The reference is {rep.reference}." in cases


def test_a_whole_form_with_a_disclosure_makes_one_case_with_its_alert_and_says_so(client, session, advocate):
    response = post_page(client, "/advocate/new", {**GOOD, "what_would_help": "He hits her. She wants to move."})
    assert response.headers["Location"] == "/advocate/cases"
    rep = session.scalars(select(Representation)).one()
    assert rep.safeguarding and session.scalar(select(func.count(SafeguardingAlert.id))) == 1
    html = client.get("/advocate/cases").get_data(as_text=True)
    assert PANEL in html and rep.reference in html


def test_a_disclosure_over_the_length_limit_in_the_advocate_form_keeps_every_word(client, session, advocate, settings):
    words = "x" * settings["MAX_FREE_TEXT"] + " " + DISCLOSURE
    response = post_page(client, "/advocate/new", {**GOOD, "what_happened": words})
    assert response.status_code == 200 and "That is too long" in response.get_data(as_text=True)
    rep = session.scalars(select(Representation)).one()
    assert rep.what_happened == words and rep.safeguarding
    draft = session.scalars(select(FormDraft).where(FormDraft.reference == rep.reference)).one()
    assert draft.answers["disclosed"][0]["words"]["what_happened"] == words


def test_markup_like_words_from_an_advocate_are_stored_as_written(client, session, advocate):
    words = "He told her <you will never see your mum again> and she is scared to go home"
    post_page(client, "/advocate/new", {**GOOD, "what_happened": words})
    assert session.scalars(select(Representation)).one().what_happened == words


@pytest.mark.parametrize("field", ["child_name", "what_happened", "what_would_help", "service_mentioned"])
def test_a_disclosure_in_any_field_of_a_form_sent_back_raises_the_alert(client, session, advocate, field):
    words = "he hits me" if field == "child_name" else DISCLOSURE
    response = post_page(client, "/advocate/new", {**GOOD, field: words, "kind": ""})
    assert response.status_code == 200 and PANEL in response.get_data(as_text=True)
    rep = session.scalars(select(Representation)).one()
    assert rep.safeguarding and session.scalar(select(func.count(SafeguardingAlert.id))) == 1


def test_a_disclosure_in_the_reason_the_child_could_not_agree_raises_the_alert(client, session, advocate):
    data = {**GOOD, "agreement": "not_possible", "agreement_note": "She is scared he will hurt her if she tells."}
    post_page(client, "/advocate/new", data)
    rep = session.scalars(select(Representation)).one()
    assert rep.safeguarding and rep.child_agreement_note == data["agreement_note"]


# ---------------------------------------------------------------- who may not be an advocate (§1.8)

DECLARATION_MESSAGE = (
    "Confirm that you are not the subject of this, and do not manage anyone who is or the service it is about. "
    "If you cannot, ask another advocate to raise it for the child."
)


def _declarations(session) -> list[AuditEvent]:
    return session.scalars(select(AuditEvent).where(AuditEvent.action == "advocate_declared_independent")).all()


def test_the_form_asks_the_advocate_to_declare_they_are_independent_in_one_box_under_a_visible_legend(client, advocate):
    html = client.get("/advocate/new").get_data(as_text=True)
    legend = html[html.rindex("govuk-fieldset__legend", 0, html.index('name="independent"')) :]
    assert legend.split("</legend>")[0].strip().endswith("Your independence")
    assert html.count('name="independent"') == 1 and 'name="independent" type="checkbox" value="yes"' in html
    assert "I am not the subject of this complaint or comment" in html
    assert "checked" not in html[html.index('name="independent"') :].split(">")[0]


@pytest.mark.parametrize("answer", [None, "no"])
def test_an_advocate_cannot_raise_a_case_without_declaring_they_are_independent(client, session, advocate, answer):
    data = {**GOOD, "independent": answer} if answer else {k: v for k, v in GOOD.items() if k != "independent"}
    response = post_page(client, "/advocate/new", data)
    page = assert_page_ok(response, errors=True)
    assert page.error_links == ["independent"]
    assert DECLARATION_MESSAGE in response.get_data(as_text=True)
    assert session.scalar(select(func.count(Representation.id))) == 0 and _declarations(session) == []


def test_raising_a_case_keeps_the_advocates_declaration_in_the_audit_trail(client, session, advocate):
    post_page(client, "/advocate/new", GOOD)
    rep = session.scalars(select(Representation)).one()
    [declared] = _declarations(session)
    assert declared.representation_id == rep.id and declared.actor_id == advocate.id and declared.at is not None
    assert declared.detail == (
        "advocate@advocacy.example declared: not the subject of the complaint or comment, "
        "not the manager of anyone who is, not the manager of the service it is about"
    )


def test_a_disclosure_is_never_held_back_for_a_missing_declaration_which_is_kept_once_they_send(
    client, session, advocate
):
    without = {k: v for k, v in GOOD.items() if k != "independent"}
    response = post_page(client, "/advocate/new", {**without, "what_happened": DISCLOSURE})
    html = response.get_data(as_text=True)
    assert PANEL in html and DECLARATION_MESSAGE in html
    rep = session.scalars(select(Representation)).one()
    assert rep.safeguarding and _declarations(session) == []

    data = {"csrf_token": csrf_token(html), "once": _once(html), **GOOD, "what_happened": DISCLOSURE}
    assert client.post("/advocate/new", data=data).headers["Location"] == "/advocate/cases"
    assert [e.representation_id for e in _declarations(session)] == [rep.id]
