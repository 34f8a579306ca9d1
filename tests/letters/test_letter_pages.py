"""The staff letter pages: choose a kind, preview it, write the free parts, send it or print it."""

from __future__ import annotations

import pytest

from intake.models import AuditEvent, ContactMethod, Letter, Notification, Role
from tests.factories import create_staff, create_teams
from tests.html_checks import parse
from tests.letters.pdf_reading import needs_pdftotext, pdf_text

RESPONSE = {
    "letter-language": "en",
    "letter-name": "Sam",
    "letter-signer": "Olu Officer",
    "letter-outcome": "upheld",
    "letter-resolved": "no",
    "letter-findings": "<script>alert(1)</script> Nobody called you back.",
}


def assert_page_ok(response, *, errors: bool | None = None):
    """``tests.html_checks.assert_page_ok`` for staff pages, whose forms each carry a prefixed CSRF field."""
    page = parse(response)
    assert not page.problems and not page.stack, page.problems
    assert len(page.h1s) == 1, page.h1s
    title = " ".join(page.title.split())
    assert title.startswith(("Error: " if page.has_error_summary else "") + page.h1s[0]), title
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert all(f["action"] and (f["novalidate"] or f["action"] == "/staff/logout") for f in page.forms)
    assert all(link in page.ids for link in page.error_links), page.error_links
    if errors is not None:
        assert page.has_error_summary == errors and (page.error_links or not errors)


@pytest.fixture
def signed_in(client, sign_in, officer):
    sign_in(client, officer)
    return client


def _url(rep, kind=""):
    return f"/staff/cases/{rep.reference}/letters" + (f"/{kind}" if kind else "")


def test_the_case_page_links_to_the_letters_which_list_every_kind_or_why_not_now(signed_in, make_case):
    rep = make_case()
    case = signed_in.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert f'href="{_url(rep)}"' in case and "Letters: preview, send or print a letter" in case
    page = signed_in.get(_url(rep))
    assert page.status_code == 200
    assert_page_ok(page)
    html = page.get_data(as_text=True)
    assert f'href="{_url(rep, "acknowledgement")}"' in html
    assert "Not now: Record the withdrawal on the case first." in html


def test_a_preview_shows_the_fixed_parts_and_labelled_boxes_for_the_free_parts(signed_in, make_case):
    rep = make_case()
    page = signed_in.get(_url(rep, "stage1_response"))
    assert page.status_code == 200
    assert_page_ok(page, errors=False)
    html = page.get_data(as_text=True)
    assert '<label class="govuk-label" for="letter-findings">' in html and "What we found" in html
    assert "If you are not happy with our answer, you can ask for stage 2." in html
    assert "[To write: What we found]" in html


def test_markup_in_a_free_part_is_shown_literally_in_the_preview(signed_in, make_case, post_form):
    rep = make_case()
    page = post_form(signed_in, _url(rep, "stage1_response"), {**RESPONSE, "action": "preview"}, prefix="letter")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Nobody called you back." in html and "<script>alert(1)" not in html


def test_sending_by_email_stores_the_letter_queues_it_and_comes_back_to_the_letters(
    signed_in, make_case, post_form, session
):
    rep = make_case()
    done = post_form(signed_in, _url(rep, "stage1_response"), {**RESPONSE, "action": "email"}, prefix="letter")
    assert done.status_code == 302 and done.headers["Location"].endswith(_url(rep))
    letter = session.query(Letter).one()
    assert session.get(Notification, letter.notification_id).template == "letter"
    listed = signed_in.get(_url(rep)).get_data(as_text=True)
    assert "The letter is on its way by email." in listed and f"/letters/{letter.id}.pdf" in listed


def test_a_missing_free_part_is_an_error_on_its_box_and_nothing_is_sent(signed_in, make_case, post_form, session):
    rep = make_case()
    page = post_form(
        signed_in, _url(rep, "stage1_response"), {**RESPONSE, "letter-findings": "", "action": "email"}, prefix="letter"
    )
    assert page.status_code == 400
    assert_page_ok(page, errors=True)
    assert "Write this part of the letter: What we found." in page.get_data(as_text=True)
    assert session.query(Letter).count() == 0 and rep.stages[0].responded_on is None


def test_a_very_long_free_part_is_refused_with_a_clear_message(signed_in, make_case, post_form):
    rep = make_case()
    page = post_form(
        signed_in,
        _url(rep, "stage1_response"),
        {**RESPONSE, "letter-findings": "x" * 3001, "action": "email"},
        prefix="letter",
    )
    assert page.status_code == 400
    assert "Keep this to 3,000 characters or fewer. It has 3,001." in page.get_data(as_text=True)


def test_no_safe_email_means_no_send_button_and_a_refusal_with_the_reason(signed_in, make_case, post_form, session):
    rep = make_case(safe_to_contact=False)
    page = signed_in.get(_url(rep, "stage1_response")).get_data(as_text=True)
    assert 'value="email"' not in page and "They told us it is not safe to contact them." in page
    refused = post_form(signed_in, _url(rep, "stage1_response"), {**RESPONSE, "action": "email"}, prefix="letter")
    assert refused.status_code == 400
    assert_page_ok(refused, errors=True)
    assert session.query(Letter).count() == 0


@needs_pdftotext
def test_printing_for_post_downloads_the_pdf_and_a_stored_letter_can_be_downloaded_again(
    signed_in, make_case, post_form, session
):
    rep = make_case(contact_email=None, preferred_contact=ContactMethod.NONE)
    form = {**RESPONSE, "letter-address": "12 Long Road\nDemo Town", "action": "post"}
    pdf = post_form(signed_in, _url(rep, "stage1_response"), form, prefix="letter")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert f"letter-{rep.reference}-stage1_response.pdf" in pdf.headers["Content-Disposition"]
    assert "<script>alert(1)</script> Nobody called you back." in pdf_text(pdf.data)
    letter = session.query(Letter).one()
    again = signed_in.get(f"{_url(rep)}/{letter.id}.pdf")
    assert again.status_code == 200 and again.data.startswith(b"%PDF")
    actions = [e.action for e in session.query(AuditEvent).filter_by(representation_id=rep.id)]
    assert "letter_printed" in actions and "letter_reprinted" in actions


def test_an_unknown_kind_or_letter_or_reference_is_a_404(signed_in, make_case):
    rep = make_case()
    assert signed_in.get(_url(rep, "love_letter")).status_code == 404
    assert signed_in.get(f"{_url(rep)}/999.pdf").status_code == 404
    assert signed_in.get("/staff/cases/AAAA-AAAA/letters").status_code == 404


def test_a_letter_on_another_case_is_a_404(signed_in, make_case, post_form, session):
    rep, other = make_case(), make_case()
    post_form(signed_in, _url(rep, "stage1_response"), {**RESPONSE, "action": "email"}, prefix="letter")
    letter = session.query(Letter).one()
    assert signed_in.get(f"{_url(other)}/{letter.id}.pdf").status_code == 404


def test_a_kind_the_case_cannot_have_yet_says_what_to_record_first(signed_in, make_case):
    page = signed_in.get(_url(make_case(), "withdrawal"))
    assert page.status_code == 409
    assert "Record the withdrawal on the case first." in page.get_data(as_text=True)
    assert 'id="letter-form"' not in page.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.RIGHTS_OFFICER, Role.ADVOCATE])
def test_only_the_complaints_officer_and_managers_write_letters(client, sign_in, make_case, role):
    sign_in(client, create_staff(email=f"{role.value}@council.example", role=role.value))
    assert client.get(_url(make_case())).status_code == 403


def test_a_manager_writes_letters_only_on_their_teams_cases(client, sign_in, make_case, session):
    teams = create_teams(("Leaving care", "Fostering"))
    team, other = sorted(teams, key=lambda t: t.name != "Leaving care")[:2]
    manager = create_staff(email="manager@council.example", role="manager", team_name="Leaving care")
    sign_in(client, manager)
    assert client.get(_url(make_case(team_id=team.id))).status_code == 200
    assert client.get(_url(make_case(team_id=other.id))).status_code == 404
