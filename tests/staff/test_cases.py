"""The queue, the case page and its actions over HTTP: escaping and links, contact safety, audit of views, PRG,
kind errors."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser

import pytest

from intake.domain import casework
from intake.domain.clock import LONDON
from intake.models import AlertLevel, AuditEvent, Kind, Message, Notification, SafeguardingAlert, Status
from tests.factories import create_representation, create_staff


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.h1 = [], 0

    def handle_starttag(self, tag, attrs):
        self.h1 += tag == "h1"
        self.ids += [v for k, v in attrs if k == "id"]


def check_page(html: str):
    parser = _Ids()
    parser.feed(html)
    assert parser.h1 == 1
    duplicates = {i for i in parser.ids if parser.ids.count(i) > 1}
    assert not duplicates, duplicates


@pytest.fixture
def officer(client, sign_in):
    user = create_staff()
    sign_in(client, user)
    return user


def test_the_childs_words_are_shown_escaped_with_line_breaks_kept(client, officer):
    rep = create_representation(what_happened="<script>alert('hi')</script>\nMy carer shouts at me")
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    check_page(html)
    assert "<script>alert" not in html
    assert "hys-own-words" in html and "My carer shouts at me" in html


def test_a_script_in_a_note_is_escaped_on_the_page(client, officer, post_form):
    rep = create_representation()
    post_form(client, f"/staff/cases/{rep.reference}/note", {"note-text": "<img src=x onerror=alert(1)> called"})
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "<img src=x" not in html and "called" in html


def test_every_view_is_audited_and_the_timeline_folds_views(client, officer, session):
    rep = create_representation()
    for _ in range(3):
        html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert session.query(AuditEvent).filter_by(representation_id=rep.id, action="viewed").count() == 3
    assert "Viewed 3 times" in html  # one folded line, not three


def test_the_case_page_shows_the_due_date_in_words_and_working_days_left(client, officer):
    rep = create_representation()
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "due 16 November 2026" in html
    assert "Overdue" in html  # the case is from 2 November 2026; the tag has words, not only colour


def test_do_not_text_is_prominent_when_it_is_not_safe(client, officer):
    rep = create_representation(
        contact_phone="07700900123", safe_to_contact=False, contact_avoid="It's my foster carer's phone"
    )
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "Do not text" in html and "foster carer&#39;s phone" in html
    assert "sms-text" not in html  # no reply box at all


def test_acknowledge_extend_and_respond_over_http(client, officer, post_form, session):
    rep = create_representation()
    ref = rep.reference
    response = post_form(client, f"/staff/cases/{ref}/acknowledge", prefix="acknowledge")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{ref}")
    assert "Acknowledged today." in client.get(f"/staff/cases/{ref}").get_data(as_text=True)

    too_late = {"extend-new_due": ["1", "12", "2026"], "extend-reason": "Complex"}
    response = post_form(client, f"/staff/cases/{ref}/extend", too_late)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "latest date is 30 November 2026" in html
    assert "<title>Error: Case" in html and "There is a problem" in html

    no_reason = {"extend-new_due": ["30", "11", "2026"], "extend-reason": ""}
    response = post_form(client, f"/staff/cases/{ref}/extend", no_reason)
    assert response.status_code == 400 and "Enter the reason for the extension" in response.get_data(as_text=True)

    ok = {"extend-new_due": ["30", "11", "2026"], "extend-reason": "An advocate is being appointed"}
    assert post_form(client, f"/staff/cases/{ref}/extend", ok).status_code == 302
    html = client.get(f"/staff/cases/{ref}").get_data(as_text=True)
    assert "due 30 November 2026" in html
    assert "We could not tell them directly: tell them yourself, or their advocate." in html  # no safe contact

    response = post_form(
        client,
        f"/staff/cases/{ref}/respond",
        {"respond-outcome": "upheld", "respond-responded_on": ["27", "11", "2026"]},
    )
    assert response.status_code == 302
    session.expire_all()
    assert rep.stages[0].outcome.value == "upheld"


def test_a_bad_date_gets_a_kind_message_not_an_error_page(client, officer, post_form):
    rep = create_representation()
    response = post_form(
        client, f"/staff/cases/{rep.reference}/extend", {"extend-new_due": ["31", "2", "2026"], "extend-reason": "x"}
    )
    assert response.status_code == 400 and "Enter a real date" in response.get_data(as_text=True)


def test_a_staff_text_is_stored_in_the_timeline_and_queued(client, officer, post_form, session):
    rep = create_representation(contact_phone="07700900123", safe_to_contact=True)
    response = post_form(
        client, f"/staff/cases/{rep.reference}/sms", {"sms-text": "Hi, it's Jo. Can we talk on Friday?"}
    )
    assert response.status_code == 302
    assert session.query(Message).filter_by(representation_id=rep.id, direction="out").count() == 1
    assert session.query(Notification).filter_by(template="staff_reply_sms").count() == 1
    assert "Can we talk on Friday?" in client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)


def test_a_text_to_an_unsafe_number_is_refused_with_the_reason(client, officer, post_form, session):
    rep = create_representation(contact_phone="07700900123", safe_to_contact=False)
    response = post_form(client, f"/staff/cases/{rep.reference}/sms", {"sms-text": "Hello"})
    assert response.status_code == 400 and "safe to text" in response.get_data(as_text=True)
    assert session.query(Message).count() == 0


def test_raising_an_alert_by_hand_pins_the_case_to_the_top_of_the_queue(client, officer, post_form, session):
    older = create_representation()
    rep = create_representation(what_happened="My placement is fine really")
    assert (
        post_form(
            client,
            f"/staff/cases/{rep.reference}/alert",
            {"alert-reason": "Bruises seen on visit", "alert-level": "concern"},
        ).status_code
        == 302
    )
    html = client.get("/staff/cases").get_data(as_text=True)
    assert html.index(rep.reference) < html.index(older.reference)
    assert "1 open safeguarding alert" in html
    session.expire_all()
    assert session.query(SafeguardingAlert).filter_by(representation_id=rep.id).one().reason == "Bruises seen on visit"
    assert rep.status is Status.NEW  # raising an alert never closes the complaint


def test_the_queue_filters_and_counts(client, officer):
    complaint = create_representation()
    compliment = create_representation(kind=Kind.COMPLIMENT, what_happened="Thanks")
    html = client.get("/staff/cases?kind=compliment").get_data(as_text=True)
    check_page(html)
    assert compliment.reference in html and complaint.reference not in html
    html = client.get("/staff/cases?overdue=yes").get_data(as_text=True)
    assert complaint.reference in html and compliment.reference not in html
    assert "New: 2" in client.get("/staff/cases").get_data(as_text=True)
    assert client.get("/staff/cases?stage=banana&page=-4").status_code == 200  # nonsense filters are ignored


def test_closing_over_http_sets_the_retention_date(client, officer, post_form, session):
    rep = create_representation(kind=Kind.COMMENT, what_happened="The website is slow")
    assert post_form(client, f"/staff/cases/{rep.reference}/close", prefix="close").status_code == 302
    session.expire_all()
    assert rep.status is Status.CLOSED and rep.retention_until == date(
        rep.closed_on.year + 6, rep.closed_on.month, rep.closed_on.day
    )


def test_a_case_with_an_immediate_danger_alert_comes_before_one_with_a_concern(client, officer, session, settings):
    concern = create_representation()
    danger = create_representation()
    casework.raise_alert(session, concern, officer, settings, "Worried", now=datetime(2026, 11, 3, 10, tzinfo=UTC))
    casework.raise_alert(
        session,
        danger,
        officer,
        settings,
        "Not safe tonight",
        AlertLevel.IMMEDIATE,
        now=datetime(2026, 11, 4, tzinfo=UTC),
    )
    session.commit()
    html = client.get("/staff/cases").get_data(as_text=True)
    assert html.index(danger.reference) < html.index(concern.reference)
    assert "Safeguarding alert: immediate danger" in html


def test_markup_like_words_show_literally_and_web_addresses_become_safe_links(client, officer, session):
    rep = create_representation()
    # Stored as written (the intake keeps markup-like words: issue 13); the page must show them as typed.
    rep.what_happened = "I want to <kill myself>\nhe sent me https://example.org/a?b=1&c=2 and said.no more"
    session.commit()
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    words = html.split('id="what-happened">', 1)[1].split("</p>", 1)[0]
    assert "I want to &lt;kill myself&gt;\nhe sent me " in words
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">'
        "https://example.org/a?b=1&amp;c=2</a>" in words
    )
    assert "said.no more" in words and words.count("<a ") == 1


def _summary(html: str, key: str) -> str:
    match = re.search(
        rf'<dt class="govuk-summary-list__key">{key}</dt><dd class="govuk-summary-list__value[^"]*">(.*?)</dd>', html
    )
    assert match, key
    return match.group(1)


def _window_around_now(start_hours: int, end_hours: int) -> tuple[time, time]:
    now = datetime.now(LONDON)
    return (
        (now + timedelta(hours=start_hours)).time().replace(second=0, microsecond=0),
        (now + timedelta(hours=end_hours)).time().replace(second=0, microsecond=0),
    )


def test_the_case_page_shows_their_texting_hours_and_words_and_offers_no_text_outside_them(client, officer, session):
    rep = create_representation(
        contact_phone="07700900123", safe_to_contact=True, contact_avoid="dont text after 6 he checks my phone"
    )
    rep.contact_text_from, rep.contact_text_until = _window_around_now(1, 2)
    session.commit()
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert _summary(html, "Safe to contact") == "Yes, with limits: see texting and their words below"
    start, end = f"{rep.contact_text_from:%H:%M}", f"{rep.contact_text_until:%H:%M}"
    assert _summary(html, "Texting") == f"Only between {start} and {end} (UK time)"
    assert "dont text after 6 he checks my phone" in _summary(html, "What they said about contact")
    assert "Do not text now" in html and f"you can text them from {start}." in html
    assert "Reply by text" not in html


def test_the_case_page_offers_a_text_inside_their_hours(client, officer, session):
    rep = create_representation(contact_phone="07700900123", safe_to_contact=True)
    rep.contact_text_from, rep.contact_text_until = _window_around_now(-1, 1)
    session.commit()
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "Reply by text" in html and "Do not text" not in html


def test_someone_who_said_dont_text_is_never_shown_as_safe_to_contact(client, officer):
    rep = create_representation(contact_phone="07700900123", safe_to_contact=False, contact_avoid="he reads my texts")
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert _summary(html, "Safe to contact") == "No – do not contact directly"
    assert _summary(html, "Texting").startswith("No: They told us it is not safe to text them")
    assert "Reply by text" not in html and "he reads my texts" in html


def test_a_text_outside_their_hours_is_refused_over_http_with_when_it_is_allowed(client, officer, post_form, session):
    rep = create_representation(contact_phone="07700900123", safe_to_contact=True)
    rep.contact_text_from, rep.contact_text_until = _window_around_now(1, 2)
    session.commit()
    response = post_form(client, f"/staff/cases/{rep.reference}/sms", {"sms-text": "Hello"})
    assert response.status_code == 400
    assert f"you can text them from {rep.contact_text_from:%H:%M}." in response.get_data(as_text=True)
    assert session.query(Message).count() == 0
