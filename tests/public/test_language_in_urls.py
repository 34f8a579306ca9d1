"""``?lang=`` survives every redirect and form on the public side, and the web chat follows it."""

from __future__ import annotations

import re


def test_tell_us_in_arabic_redirects_to_the_first_question_in_arabic(client):
    response = client.get("/tell-us?lang=ar")
    assert response.status_code in (302, 303)
    assert "lang=ar" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'lang="ar"' in page and 'dir="rtl"' in page


def test_every_form_on_an_arabic_page_posts_back_with_the_language(client):
    first = client.get(client.get("/tell-us?lang=ar").headers["Location"]).get_data(as_text=True)
    actions = re.findall(r'<form[^>]* action="([^"]+)"', first)
    assert actions and all("lang=ar" in action for action in actions)


def test_the_web_chat_keeps_the_language_in_its_form_and_redirect(client):
    page = client.get("/chat?lang=pl").get_data(as_text=True)
    assert 'lang="pl"' in page
    actions = re.findall(r'<form[^>]* action="([^"]+)"', page)
    assert actions and all("lang=pl" in action for action in actions)


def test_staff_pages_are_left_alone(client):
    response = client.get("/staff/login?lang=pl")
    assert all("lang=" not in action for action in re.findall(r'action="([^"]+)"', response.get_data(as_text=True)))
