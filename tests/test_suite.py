"""The suite's own machinery (tests/conftest.py): which tests get a database, and the page checks on every page."""

from __future__ import annotations

import pytest
from flask import Flask, has_app_context, redirect

from intake.extensions import db
from tests.factories import create_teams
from tests.html_checks import PageCheckingClient

GOOD_PAGE = (
    '<!doctype html><html lang="en"><head><title>Hello - Have your say</title></head><body><h1>Hello</h1></body></html>'
)
BROKEN_PAGE = (
    '<!doctype html><html lang="en"><head><title>Hello</title></head><body><h1>Hello</h1><h1>Again</h1></body></html>'
)


def test_a_test_that_uses_no_database_fixture_gets_no_app_context_and_no_db_marker(request):
    assert not has_app_context()
    assert request.node.get_closest_marker("db") is None


def test_a_test_that_asks_for_the_session_runs_in_an_app_context_and_is_marked_db(request, session):
    assert has_app_context()
    assert request.node.get_closest_marker("db") is not None


def test_a_test_that_only_calls_a_factory_gets_the_database_too(request):
    assert request.node.get_closest_marker("db") is not None
    assert [team.name for team in create_teams(("Fostering",))] == ["Fostering"]


def _uses_db_by_name() -> int:
    return len(db.metadata.sorted_tables)


def test_a_test_that_reaches_the_database_through_a_helper_is_marked_db(request):
    assert request.node.get_closest_marker("db") is not None
    assert _uses_db_by_name() > 0


@pytest.fixture
def pages():
    site = Flask("pages")
    site.test_client_class = PageCheckingClient
    site.add_url_rule("/good", "good", lambda: GOOD_PAGE)
    site.add_url_rule("/broken", "broken", lambda: BROKEN_PAGE)
    site.add_url_rule("/elsewhere", "elsewhere", lambda: redirect("/good"))
    site.add_url_rule("/empty", "empty", lambda: "")
    site.add_url_rule("/data", "data", lambda: {"h1": "not a page"})
    return site.test_client()


def test_the_client_checks_every_html_page_it_fetches(pages):
    assert pages.get("/good").status_code == 200
    with pytest.raises(AssertionError, match=r"GET /broken answered a page that fails.*exactly one h1"):
        pages.get("/broken")


def test_redirects_empty_answers_and_json_are_not_pages_and_a_followed_redirect_is_checked(pages):
    assert pages.get("/elsewhere").status_code == 302
    assert pages.get("/elsewhere", follow_redirects=True).status_code == 200
    assert pages.get("/empty").status_code == 200
    assert pages.get("/data").json == {"h1": "not a page"}


@pytest.mark.unchecked_pages("fetches a deliberately broken page")
def test_a_test_marked_unchecked_pages_can_fetch_a_broken_page(pages):
    assert pages.get("/broken").status_code == 200


def test_a_known_problem_is_tolerated_only_on_its_pages_and_only_that_problem(pages, monkeypatch):
    monkeypatch.setattr(PageCheckingClient, "known_problems", ((r"/broken", "expected exactly one h1"),))
    assert pages.get("/broken").status_code == 200
    monkeypatch.setattr(PageCheckingClient, "known_problems", ((r"/other", "expected exactly one h1"),))
    with pytest.raises(AssertionError):
        pages.get("/broken")
    monkeypatch.setattr(PageCheckingClient, "known_problems", ((r"/broken", "duplicate ids"),))
    with pytest.raises(AssertionError):
        pages.get("/broken")
