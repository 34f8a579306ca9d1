"""Every public page: well made, private by default, in three languages, with a way out."""

from __future__ import annotations

import re

import pytest

from tests.html_checks import assert_page_ok, parse

PAGES = ["/", "/tell-us/what", "/track", "/accessibility", "/privacy", "/privacy/full"]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_every_public_page_is_well_made_in_every_language(client, url, lang):
    response = client.get(f"{url}?lang={lang}")
    assert response.status_code == 200
    page = assert_page_ok(response, errors=False)
    assert page.html_attrs["lang"] == lang
    assert page.html_attrs["dir"] == ("rtl" if lang == "ar" else "ltr")


@pytest.mark.parametrize("url", PAGES)
def test_every_public_page_has_exit_this_page_and_the_language_switcher(client, url):
    html = client.get(url).get_data(as_text=True)
    assert 'data-module="govuk-exit-this-page"' in html
    assert 'href="https://www.bbc.co.uk/weather"' in html, "without JavaScript it is a plain link"
    for code, name in [("en", "English"), ("pl", "Polski"), ("ar", "العربية")]:
        assert f'lang="{code}"' in html and name in html
    assert 'aria-current="true"' in html


@pytest.mark.parametrize("url", PAGES)
def test_nothing_is_loaded_from_another_site(client, url):
    response = client.get(url)
    html = response.get_data(as_text=True)
    sources = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") or s.startswith("data:") for s in sources), sources
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "https:" not in csp
    assert "geolocation" not in html.lower() and "gtag" not in html and "googletagmanager" not in html
    assert "govuk-logo" not in html and "crown" not in html.lower(), "council branding, not GOV.UK's"


def test_the_home_page_says_what_you_can_do_and_who_to_call(client, settings):
    html = client.get("/").get_data(as_text=True)
    for words in [
        "tell us something is wrong",
        "say thank you",
        "share an idea",
        "ask someone to get in touch",
        settings["RIGHTS_OFFICER_PHONE"],
        "0800 1111",
        "999",
    ]:
        assert words in html, words
    for link in ["/tell-us", "/track", "/privacy", "/accessibility"]:
        assert f'href="{link}"' in html
    if "chat.index" in client.application.view_functions:
        assert 'href="/chat"' in html


def test_a_language_chosen_with_lang_is_remembered_for_the_visit(client):
    client.get("/?lang=ar")
    assert parse(client.get("/track").get_data(as_text=True)).html_attrs == {
        "lang": "ar",
        "dir": "rtl",
        "class": "govuk-template",
    }


@pytest.mark.parametrize("header, lang", [("pl-PL,pl;q=0.9", "pl"), ("ar", "ar"), ("fr-FR", "en"), ("", "en")])
def test_without_a_choice_the_browser_language_is_used_or_english(client, header, lang):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert parse(response.get_data(as_text=True)).html_attrs["lang"] == lang


def test_the_privacy_page_for_children_links_to_the_full_notice(client, settings):
    html = client.get("/privacy").get_data(as_text=True)
    assert 'href="/privacy/full"' in html
    assert f"We keep it for {settings['RETENTION_YEARS']} years" in html
    assert "Article 6(1)(e)" in client.get("/privacy/full").get_data(as_text=True)


def test_the_just_in_time_notice_comes_before_the_contact_fields(client):
    from tests.public.test_web_form import CHILD_ANSWERS, answer_all

    answer_all(client, CHILD_ANSWERS[:6])
    html = client.get("/tell-us/reply").get_data(as_text=True)
    notice = html.index("We only use this to reply to you about this.")
    assert notice < html.index('name="contact_phone"') and notice < html.index('name="contact_email"')
    assert "If you don't give us a way to reply, we can't tell you what happens." in html


def test_static_files_are_served_gzipped(client):
    plain = client.get("/static/vendor/govuk-frontend/govuk-frontend.min.css")
    zipped = client.get("/static/vendor/govuk-frontend/govuk-frontend.min.css", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["Vary"]
    import gzip

    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data) / 4
    again = client.get(
        "/static/vendor/govuk-frontend/govuk-frontend.min.css",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304
