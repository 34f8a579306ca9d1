"""The web form screens each answer as it is given: a disclosure raises the alert at once, even if the form is
never sent, shows where to get help on the next page, and the final Send updates that same case."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from intake.data.drafts import words_kept_for_case
from intake.domain import risk
from intake.models import AuditEvent, FormDraft, Notification, Representation, SafeguardingAlert
from tests.html_checks import assert_page_ok, post_page
from tests.public.test_web_form import CHILD_ANSWERS, answer, answer_all, send

DISCLOSURE = "he hits me when mum is at work"
PANEL = "We are worried about your safety"
# Each page with words of their own, the answers that come before it, and the field to disclose in.
PAGES = {
    "what-happened": ("what_happened", CHILD_ANSWERS[:2]),
    "put-right": ("what_would_help", CHILD_ANSWERS[:3]),
    "service": ("service_mentioned", CHILD_ANSWERS[:4]),
    "reply": ("contact_name", CHILD_ANSWERS[:6]),
    "safe": ("contact_avoid", CHILD_ANSWERS[:7]),
}
NEXT = {"what-happened": "put-right", "put-right": "service", "service": "advocate", "reply": "safe", "safe": "check"}


def page_data(step: str, words: str) -> dict:
    """The page's usual answers, with ``words`` in the field that takes them."""
    field, _before = PAGES[step]
    usual = dict(dict(CHILD_ANSWERS)[step])
    return {**usual, field: words}


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def the_case(session) -> Representation:
    return session.scalars(select(Representation)).one()


def the_draft(session) -> FormDraft:
    session.expire_all()
    return session.scalars(select(FormDraft)).one()


def actions(session, rep) -> list[tuple[str, str]]:
    events = session.scalars(select(AuditEvent).where(AuditEvent.reference == rep.reference).order_by(AuditEvent.id))
    return [(e.action, e.detail) for e in events]


@pytest.mark.parametrize("step", list(PAGES))
def test_a_disclosure_on_any_page_raises_the_alert_at_once_and_the_next_page_shows_where_to_get_help(
    client, session, step
):
    field, before = PAGES[step]
    answer_all(client, before)
    assert answer(client, step, page_data(step, DISCLOSURE)) == f"/tell-us/{NEXT[step]}"

    rep = the_case(session)
    assert rep.safeguarding and getattr(rep, field) == DISCLOSURE
    assert count(session, SafeguardingAlert) == 1
    assert ("submitted_early", "the risk screen found a disclosure on a form page; more may follow") in actions(
        session, rep
    )
    urgent = session.scalars(select(Notification).where(Notification.urgent.is_(True))).all()
    assert {n.template for n in urgent} >= {"safeguarding_alert"}
    assert the_draft(session).reference == rep.reference

    next_page = client.get(f"/tell-us/{NEXT[step]}")
    assert_page_ok(next_page)
    html = next_page.get_data(as_text=True)
    assert PANEL in html and "999" in html and "0800 1111" in html
    assert PANEL not in client.get(f"/tell-us/{NEXT[step]}").get_data(as_text=True), "shown once, not on every page"


def test_closing_the_tab_after_a_disclosure_still_leaves_an_alert_with_the_drafts_words(client, session):
    answer_all(client, CHILD_ANSWERS[:2])
    words = "My carer locks me in my room. " + DISCLOSURE
    answer(client, "what-happened", {"what_happened": words})
    # Nothing more: the tab is closed.
    rep = the_case(session)
    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.representation_id == rep.id and alert.is_open
    assert rep.what_happened == words
    draft = the_draft(session)
    assert draft.reference == rep.reference and draft.state == "open"
    assert [kept["words"] for kept in draft.answers["disclosed"]] == [{"what_happened": words}]
    sent_to = {n.recipient for n in session.scalars(select(Notification).where(Notification.urgent.is_(True)))}
    assert "mash@council.example" in sent_to
    # No words in any alert or audit line.
    assert not [n for n in session.scalars(select(Notification)) if DISCLOSURE in (n.last_error or "")]
    assert all(DISCLOSURE not in detail for _action, detail in actions(session, rep))


def test_sending_after_a_disclosure_makes_one_case_and_updates_it_with_the_later_answers(client, session):
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": DISCLOSURE})
    reference = the_case(session).reference
    answer_all(client, CHILD_ANSWERS[3:])
    confirmation = send(client)
    assert_page_ok(confirmation)
    html = confirmation.get_data(as_text=True)
    assert reference in html and "worried about your safety" in html

    session.expire_all()
    rep = the_case(session)
    assert rep.reference == reference and count(session, SafeguardingAlert) == 1
    assert rep.what_would_help == "I want a call every week." and rep.advocate_requested
    assert rep.contact_phone == "+447700900123" and rep.safe_to_contact is True
    done = actions(session, rep)
    assert done[0][0] == "submitted" and ("form_completed", "finished") in done
    updates = [detail for action, detail in done if action == "updated_from_form"]
    assert updates and all(detail.startswith("fields: ") for detail in updates)
    assert "contact_phone" in " ".join(updates) and "+447700900123" not in " ".join(updates), "names, never content"
    templates = {n.template for n in session.scalars(select(Notification))}
    assert {"acknowledgement_sms", "advocacy_referral", "safeguarding_alert"} <= templates
    draft = the_draft(session)
    assert draft.state == "sent" and set(draft.answers) == {"disclosed"}, "only the words that raised the alert stay"


def test_an_ordinary_page_after_a_disclosure_raises_nothing_more_and_a_second_disclosure_no_second_alert(
    client, session
):
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": DISCLOSURE})
    answer(client, "put-right", {"what_would_help": "I want to move"})
    assert count(session, SafeguardingAlert) == 1
    answer(client, "service", {"service_mentioned": "he said he will hurt me if I tell"})
    rep = the_case(session)
    assert count(session, SafeguardingAlert) == 1, "one open alert at a time; staff see the further disclosure"
    assert [a for a, _d in actions(session, rep)].count("further_risk_disclosure") == 1
    assert PANEL in client.get("/tell-us/advocate").get_data(as_text=True)


def test_a_disclosure_in_an_answer_over_the_limit_raises_the_alert_and_keeps_every_word(client, session, settings):
    answer_all(client, CHILD_ANSWERS[:2])
    words = "x" * settings["MAX_FREE_TEXT"] + " and I want to kill myself"
    response = post_page(client, "/tell-us/what-happened", {"what_happened": words})
    assert response.status_code == 200
    assert_page_ok(response, errors=True)
    html = response.get_data(as_text=True)
    assert "That is too long" in html and PANEL in html, "asked to shorten it, and told where to get help at once"

    rep = the_case(session)
    assert rep.safeguarding and rep.what_happened == words
    assert the_draft(session).answers["disclosed"][0]["words"] == {"what_happened": words}
    assert [kept["words"] for kept in words_kept_for_case(session, rep.reference)] == [{"what_happened": words}]

    assert answer(client, "what-happened", {"what_happened": "I want to kill myself"}) == "/tell-us/put-right"
    rep = the_case(session)
    assert rep.what_happened == "I want to kill myself" and count(session, Representation) == 1
    assert the_draft(session).answers["disclosed"][0]["words"] == {"what_happened": words}, "still kept in full"


@pytest.mark.parametrize(
    "words",
    ["😢😢 he hits me 😢", "Mój ojczym mnie bije 😢", "زوج أمي يضربني 😢"],
    ids=["emoji", "polish", "arabic"],
)
def test_a_disclosure_among_emoji_or_in_another_language_is_kept_with_its_alert(client, session, words):
    assert risk.screen(words).is_risk, "the screen's own tests cover which words; this one is one it knows"
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": words})
    assert the_case(session).what_happened == words and count(session, SafeguardingAlert) == 1


@pytest.mark.parametrize(
    "words",
    ["It started in May but I want to <kill myself>", "He told me <you will never see your mum again> and laughed"],
)
def test_markup_like_words_are_kept_as_written_screened_and_shown_escaped(client, session, words):
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": words})
    answer_all(client, CHILD_ANSWERS[3:])
    check = client.get("/tell-us/check").get_data(as_text=True)
    assert "&lt;" in check and "<kill" not in check and "<you will" not in check
    send(client)
    rep = the_case(session)
    assert rep.what_happened == words
    assert rep.safeguarding is risk.screen(words).is_risk
    if "kill myself" in words:
        assert rep.safeguarding


def test_a_disclosure_hidden_with_zero_width_spaces_still_raises_the_alert(client, session):
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": "I want to k\u200bill mys\u200belf"})
    assert count(session, SafeguardingAlert) == 1


def test_bidi_overrides_are_neutralised_in_what_is_stored(client, session):
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": "my social worker \u202eesuoh ym ni\u202c never calls"})
    answer_all(client, CHILD_ANSWERS[3:])
    send(client)
    stored = the_case(session).what_happened
    assert "\u202e" not in stored and "\u202c" not in stored and stored.startswith("my social worker")


SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 40, tzinfo=UTC)
TUESDAY_MORNING = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("words", [DISCLOSURE, "I am going to kill myself tonight"])
@pytest.mark.parametrize("now", [SATURDAY_NIGHT, TUESDAY_MORNING], ids=["Saturday night", "Tuesday morning"])
def test_out_of_office_hours_immediate_danger_gets_the_duty_team_first_on_the_page_and_in_the_alerts(
    app, client, session, monkeypatch, words, now
):
    monkeypatch.setattr("intake.domain.submit.utcnow", lambda: now)
    monkeypatch.setattr("intake.public.ui.utcnow", lambda: now)
    monkeypatch.setitem(app.config, "OUT_OF_HOURS_EMAIL", "edt@council.example")
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": words})
    html = client.get("/tell-us/put-right").get_data(as_text=True)
    called_out = risk.screen(words).level == "immediate" and now is SATURDAY_NIGHT
    assert ("0300 123 9999" in html) is called_out, "the duty team's number only when it is needed now"
    if called_out:
        assert html.index("999") < html.index("0300 123 9999") < html.index("0800 1111"), "999 and the duty team first"
    alerts = session.scalars(
        select(Notification).where(Notification.template == "safeguarding_alert").order_by(Notification.id)
    ).all()
    assert (alerts[0].recipient == "edt@council.example") is called_out


def test_a_draft_that_made_a_case_outlives_the_clean_up_of_abandoned_drafts(app, client, session):
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": DISCLOSURE})
    draft = the_draft(session)
    draft.updated_at = datetime(2020, 1, 1, tzinfo=UTC)
    session.commit()
    other = app.test_client()
    answer(other, "what", {"kind": "idea"})  # a new visitor's first answer clears out abandoned drafts
    session.expire_all()
    assert session.get(FormDraft, draft.id) is not None


def test_a_page_too_big_to_read_gets_a_kind_page_and_never_a_stack_trace(client):
    answer_all(client, CHILD_ANSWERS[:2])
    response = post_page(client, "/tell-us/what-happened", {"what_happened": "a" * 300_000})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and 'class="govuk-heading-l"' in html


def test_emoji_and_joined_emoji_with_nothing_worrying_are_kept_and_raise_nothing(client, session):
    words = "My new foster family is kind 👨\u200d👩\u200d👧 and I like my school 👍🏽"
    answer_all(client, CHILD_ANSWERS[:2])
    assert answer(client, "what-happened", {"what_happened": words}) == "/tell-us/put-right"
    assert count(session, Representation) == 0, "no case until Send when nothing worrying was said"
    assert the_draft(session).answers["what_happened"] == words


def test_after_a_disclosure_each_later_answer_reaches_the_case_before_anything_is_sent(client, session):
    answer_all(client, CHILD_ANSWERS[:2])
    answer(client, "what-happened", {"what_happened": DISCLOSURE})
    answer_all(client, CHILD_ANSWERS[3:7])  # up to the contact details, then the tab is closed
    rep = the_case(session)
    assert rep.contact_phone == "+447700900123" and rep.contact_name == "Sam" and rep.advocate_requested
    assert rep.safe_to_contact is None, "not asked yet: staff must not assume it is safe"
    assert "acknowledgement_sms" not in {n.template for n in session.scalars(select(Notification))}
