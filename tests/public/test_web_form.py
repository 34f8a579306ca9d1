"""The web form journey: one question per page, check answers, confirmation, and every error state."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from intake.models import ContactMethod, FormDraft, Kind, Representation, SubmittedBy
from tests.html_checks import assert_page_ok, csrf_token, parse, post_page

CHILD_ANSWERS = [
    ("what", {"kind": "wrong"}),
    ("who", {"who": "me"}),
    ("what-happened", {"what_happened": "My social worker never calls me back."}),
    ("put-right", {"what_would_help": "I want a call every week."}),
    ("service", {"service_mentioned": "my leaving care worker"}),
    ("advocate", {"advocate": "yes"}),
    ("reply", {"contact_name": "Sam", "contact_phone": "07700 900123", "contact_email": ""}),
    ("safe", {"safe": "yes", "contact_avoid": "Do not call after 6pm"}),
]


def answer(client, step, data):
    response = post_page(client, f"/tell-us/{step}", data)
    assert response.status_code == 302, f"{step} did not move on: {response.get_data(as_text=True)[:2000]}"
    return response.headers["Location"]


def answer_all(client, answers=CHILD_ANSWERS):
    for step, data in answers:
        answer(client, step, data)


def send(client):
    return post_page(client, "/tell-us/check", {}, follow_redirects=True)


def count_cases(session) -> int:
    return session.scalar(select(func.count(Representation.id)))


def test_a_child_completes_the_form_one_question_at_a_time_and_gets_a_reference(client, session):
    next_url = "/tell-us/what"
    for step, data in CHILD_ANSWERS:
        assert next_url == f"/tell-us/{step}"
        page = client.get(next_url)
        assert_page_ok(page, errors=False)
        assert 'class="govuk-back-link"' in page.get_data(as_text=True)
        next_url = answer(client, step, data)
    assert next_url == "/tell-us/check"
    check = client.get("/tell-us/check")
    assert_page_ok(check, errors=False)
    assert "My social worker never calls me back." in check.get_data(as_text=True)

    confirmation = send(client)
    assert_page_ok(confirmation)
    rep = session.scalars(select(Representation)).one()
    html = confirmation.get_data(as_text=True)
    assert rep.reference in html and "govuk-panel" in html and "What happens next" in html
    assert (rep.kind, rep.submitted_by, rep.preferred_contact) == (Kind.COMPLAINT, SubmittedBy.CHILD, ContactMethod.SMS)
    assert rep.what_happened == "My social worker never calls me back."
    assert rep.what_would_help == "I want a call every week."
    assert rep.service_mentioned == "my leaving care worker"
    assert rep.advocate_requested is True and rep.safe_to_contact is True
    assert rep.contact_phone == "+447700900123" and rep.contact_name == "Sam"
    assert rep.contact_avoid == "Do not call after 6pm"
    # The date is in plain words, e.g. "Thursday, 5 November 2026".
    assert rep.acknowledge_by.strftime("%B") in html and str(rep.acknowledge_by.year) in html
    # Once sent, the draft keeps the reference but not the words.
    draft = session.scalars(select(FormDraft)).one()
    assert draft.answers == {} and draft.reference == rep.reference


@pytest.mark.parametrize(
    "step, data, field, message",
    [
        ("what", {}, "kind", "Select what you want to do"),
        ("what", {"kind": "made-up"}, "kind", "Select what you want to do"),
        ("who", {}, "who", "Select who this is about"),
        ("what-happened", {"what_happened": "   "}, "what_happened", "Enter what happened"),
        ("advocate", {}, "advocate", "Select yes if you would like an advocate"),
        ("reply", {"contact_phone": "call me"}, "contact_phone", "Enter a phone number, like 07700 900 982"),
        ("reply", {"contact_email": "sam@"}, "contact_email", "Enter an email address in the correct format"),
        ("safe", {}, "safe", "Select yes if it is safe for us to contact you"),
    ],
)
def test_a_missing_or_wrong_answer_gets_a_gov_uk_error(client, step, data, field, message):
    answers = {
        "who": CHILD_ANSWERS[:1],
        "what-happened": CHILD_ANSWERS[:2],
        "advocate": CHILD_ANSWERS[:5],
        "reply": CHILD_ANSWERS[:6],
        "safe": CHILD_ANSWERS[:7],
    }.get(step, [])
    answer_all(client, answers)
    response = post_page(client, f"/tell-us/{step}", data)
    assert response.status_code == 200
    page = assert_page_ok(response, errors=True)
    assert page.title.startswith("Error: ")
    assert page.error_links == [field]
    html = response.get_data(as_text=True)
    assert "There is a problem" in html
    assert html.count(message) == 2, "the summary and the field must use the same words"


def test_nothing_is_pre_ticked_or_pre_filled(client):
    for step in ("what", "who"):
        assert "checked" not in client.get("/tell-us/" + step).get_data(as_text=True)
    answer_all(client, CHILD_ANSWERS[:2])
    answer_all(client, CHILD_ANSWERS[2:5])
    assert "checked" not in client.get("/tell-us/advocate").get_data(as_text=True)
    answer_all(client, CHILD_ANSWERS[5:6])
    reply = client.get("/tell-us/reply").get_data(as_text=True)
    assert re.findall(r'<input class="govuk-input[^>]*value=""', reply) and not re.findall(
        r'<input class="govuk-input[^>]*value="[^"]', reply
    )


def test_going_back_or_reloading_keeps_every_answer(client):
    answer_all(client, CHILD_ANSWERS[:3])
    html = client.get("/tell-us/what-happened").get_data(as_text=True)
    assert "My social worker never calls me back." in html
    assert 'value="wrong" checked' in client.get("/tell-us/what").get_data(as_text=True)
    assert 'href="/tell-us/who"' in html, "the back link goes to the question before"


def test_a_long_answer_gets_a_kind_message_and_the_words_are_kept(client, settings):
    answer_all(client, CHILD_ANSWERS[:2])
    words = "a" * (settings["MAX_FREE_TEXT"] + 1)
    response = post_page(client, "/tell-us/what-happened", {"what_happened": words})
    assert_page_ok(response, errors=True)
    html = response.get_data(as_text=True)
    assert "That is too long. Please use 5,000 characters or fewer." in html
    assert words in html


def test_five_thousand_characters_in_arabic_fit_because_answers_are_kept_on_the_server(client, session, settings):
    answer_all(client, CHILD_ANSWERS[:2])
    words = "ب" * settings["MAX_FREE_TEXT"]
    assert answer(client, "what-happened", {"what_happened": words}) == "/tell-us/put-right"
    cookie = client.get_cookie("session")
    assert len(cookie.value) < 1000, "the session cookie must carry only the draft id"
    assert session.scalars(select(FormDraft)).one().answers["what_happened"] == words


def test_questions_cannot_be_skipped_by_typing_the_address(client):
    response = client.get("/tell-us/reply")
    assert response.status_code == 302 and response.headers["Location"] == "/tell-us"
    assert client.get("/tell-us/check").status_code == 302
    assert client.get("/tell-us/not-a-question").status_code == 404


def test_sending_twice_makes_one_case(client, session):
    answer_all(client)
    page = client.get("/tell-us/check")
    token = csrf_token(page)
    first = client.post("/tell-us/check", data={"csrf_token": token})
    second = client.post("/tell-us/check", data={"csrf_token": token})
    assert first.headers["Location"] == second.headers["Location"] == "/tell-us/sent"
    assert count_cases(session) == 1
    # Going back to a question after sending shows the confirmation, not a half-empty new form.
    assert client.get("/tell-us/what").headers["Location"] == "/tell-us/sent"


def test_a_change_link_comes_back_to_check_your_answers(client, session):
    answer_all(client)
    check = client.get("/tell-us/check").get_data(as_text=True)
    assert 'href="/tell-us/service?change=1#service_mentioned"' in check
    assert answer(client, "service?change=1", {"service_mentioned": "Fostering team"}) == "/tell-us/check"
    # Changing "who" to someone else asks the one new question, then comes back.
    assert answer(client, "who?change=1", {"who": "someone_else"}) == "/tell-us/relationship?change=1"
    assert answer(client, "relationship?change=1", {"relationship": "foster_carer"}) == "/tell-us/check"
    send(client)
    rep = session.scalars(select(Representation)).one()
    assert rep.service_mentioned == "Fostering team"
    assert rep.submitted_by is SubmittedBy.FOSTER_CARER and rep.about_someone_else
    assert rep.advocate_requested is False, "the advocate question is for children, so its answer is not sent"


@pytest.mark.parametrize(
    "relationship, submitted_by",
    [
        ("advocate", SubmittedBy.ADVOCATE),
        ("parent", SubmittedBy.PARENT),
        ("carer", SubmittedBy.CARER),
        ("foster_carer", SubmittedBy.FOSTER_CARER),
        ("professional", SubmittedBy.PROFESSIONAL),
        ("relative", SubmittedBy.RELATIVE),
        ("other", SubmittedBy.OTHER),
    ],
)
def test_someone_else_says_who_they_are(client, session, relationship, submitted_by):
    answer_all(
        client,
        [
            ("what", {"kind": "thanks"}),
            ("who", {"who": "someone_else"}),
            ("relationship", {"relationship": relationship}),
            ("what-happened", {"what_happened": "Thank you to Jo."}),
            ("service", {"service_mentioned": ""}),
            ("reply", {"contact_email": "Parent@Example.org"}),
            ("safe", {"safe": "yes"}),
        ],
    )
    send(client)
    rep = session.scalars(select(Representation)).one()
    assert (rep.kind, rep.submitted_by, rep.preferred_contact) == (Kind.COMPLIMENT, submitted_by, ContactMethod.EMAIL)


def test_without_a_way_to_reply_the_form_still_sends_and_says_we_cannot_reply(client, session):
    answer_all(
        client,
        [
            ("what", {"kind": "idea"}),
            ("who", {"who": "me"}),
            ("what-happened", {"what_happened": "More youth clubs."}),
            ("service", {}),
            ("advocate", {"advocate": "no"}),
            ("reply", {}),
        ],
    )
    html = send(client).get_data(as_text=True)
    rep = session.scalars(select(Representation)).one()
    assert rep.contact_phone is None and rep.contact_email is None and rep.preferred_contact is ContactMethod.NONE
    assert "we cannot tell you what happens" in html


def test_an_unsafe_number_is_kept_but_never_used_to_reply(client, session):
    answer_all(client, CHILD_ANSWERS[:7] + [("safe", {"safe": "no", "contact_avoid": "My carer reads my texts"})])
    send(client)
    rep = session.scalars(select(Representation)).one()
    assert rep.safe_to_contact is False and rep.preferred_contact is ContactMethod.NONE


def test_wanting_someone_to_get_in_touch_is_recorded(client, session):
    answer_all(
        client,
        [
            ("what", {"kind": "contact"}),
            ("who", {"who": "me"}),
            ("what-happened", {"what_happened": "I want to talk about my plan."}),
            ("service", {}),
            ("advocate", {"advocate": "no"}),
            ("reply", {"contact_phone": "07700900123"}),
            ("safe", {"safe": "yes"}),
        ],
    )
    send(client)
    rep = session.scalars(select(Representation)).one()
    assert rep.wants_contact and rep.kind is Kind.COMMENT


def test_markup_is_stored_exactly_as_typed_and_shown_escaped(client, session):
    words = 'Jo said <b>no</b> & <script>alert("x")</script> <3'
    answer_all(
        client, [("what", {"kind": "wrong"}), ("who", {"who": "me"}), ("what-happened", {"what_happened": words})]
    )
    html = client.get("/tell-us/what-happened").get_data(as_text=True)
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html
    answer_all(client, [("put-right", {}), ("service", {}), ("advocate", {"advocate": "no"}), ("reply", {})])
    check = client.get("/tell-us/check").get_data(as_text=True)
    assert "&lt;3" in check and "<script>" not in check and "&lt;b&gt;no&lt;/b&gt;" in check
    send(client)
    assert session.scalars(select(Representation)).one().what_happened == words


def test_a_worrying_message_shows_where_to_get_help_straight_away(client, session):
    answer_all(
        client,
        [
            ("what", {"kind": "wrong"}),
            ("who", {"who": "me"}),
            ("what-happened", {"what_happened": "he hits me when mum is at work"}),
            ("put-right", {}),
            ("service", {}),
            ("advocate", {"advocate": "no"}),
            ("reply", {}),
        ],
    )
    html = send(client).get_data(as_text=True)
    assert session.scalars(select(Representation)).one().safeguarding
    assert "0800 1111" in html and "999" in html and "worried about your safety" in html


def test_an_expired_or_forged_form_gets_the_start_again_page(client):
    response = client.post("/tell-us/what", data={"kind": "wrong"})
    assert response.status_code == 400
    assert "Please start again" in response.get_data(as_text=True)
    assert_page_ok(response)


def test_the_form_is_sent_in_the_language_it_was_filled_in(client, session):
    client.get("/?lang=pl")
    answer_all(client, CHILD_ANSWERS)
    send(client)
    assert session.scalars(select(Representation)).one().language == "pl"


def test_every_question_page_has_exit_this_page_and_no_browser_validation(client):
    answer_all(client, CHILD_ANSWERS)
    for step, _data in CHILD_ANSWERS:
        html = client.get(f"/tell-us/{step}").get_data(as_text=True)
        assert 'data-module="govuk-exit-this-page"' in html
        assert parse(html).forms[0]["novalidate"]
