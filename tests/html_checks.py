"""Checks every page test runs: well-formed HTML, one h1, the title, unique ids, forms, error links.

``assert_page_ok(response)`` fails with a message naming what is wrong. Pages
with an error summary must have a title starting "Error: " followed by the h1.

``PageCheckingClient`` is the test client every app in the suite hands out (``tests/conftest.py`` sets
it): it runs ``assert_page_ok`` on every HTML page it fetches, public and staff alike. A test that
fetches a deliberately broken page opts out with ``@pytest.mark.unchecked_pages("why")``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from flask.testing import FlaskClient

# What makes a browser validate a control by itself (HTML constraint validation): a form with none of
# these is never stopped by the browser, so novalidate changes nothing there (a sign-out button, filters).
_CONSTRAINTS = {"required", "pattern", "min", "max", "minlength", "maxlength", "step"}
_TYPED_INPUTS = {"email", "url", "number", "date", "datetime-local", "month", "week", "time"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.h1s: list[str] = []
        self.title = ""
        self.forms: list[dict] = []
        self.error_links: list[str] = []
        self.has_error_summary = False
        self.html_attrs: dict = {}
        self._in_h1 = 0
        self._in_title = False
        self._in_summary = 0
        self._h1_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if "id" in a:
            self.ids.append(a["id"])
        classes = (a.get("class") or "").split()
        if tag == "form":
            self.forms.append(
                {
                    "action": a.get("action"),
                    "method": (a.get("method") or "get").lower(),
                    "novalidate": "novalidate" in a,
                    "csrf": False,
                    "fields": False,
                }
            )
        if self.forms and "form" in self.stack:
            self._form_control(self.forms[-1], tag, a)
        if "govuk-error-summary" in classes:
            self.has_error_summary = True
            self._in_summary = len(self.stack) + 1
        if tag == "a" and self._in_summary and (a.get("href") or "").startswith("#"):
            self.error_links.append(a["href"][1:])
        if tag == "h1":
            self._in_h1 += 1
            self._h1_text = []
        if tag == "title":
            self._in_title = True
        if tag not in VOID:
            self.stack.append(tag)

    @staticmethod
    def _form_control(form: dict, tag: str, a: dict) -> None:
        # Flask-WTF names the token csrf_token, or <prefix>-csrf_token for a form with a prefix.
        name = a.get("name") or ""
        if tag == "input" and (name == "csrf_token" or name.endswith("-csrf_token")):
            form["csrf"] = bool(a.get("value"))
        elif tag in {"input", "select", "textarea"} and (_CONSTRAINTS & a.keys() or a.get("type") in _TYPED_INPUTS):
            form["fields"] = True  # something the browser's own validation acts on, before our error summary

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if self._in_summary and len(self.stack) < self._in_summary:
            self._in_summary = 0
        if tag == "h1":
            self._in_h1 -= 1
            self.h1s.append(" ".join("".join(self._h1_text).split()))
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_h1:
            self._h1_text.append(data)
        if self._in_title:
            self.title += data


def parse(response_or_html) -> _Page:
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.get_data(as_text=True)
    page = _Page()
    page.feed(html)
    page.close()
    return page


def assert_page_ok(response_or_html, *, errors: bool | None = None) -> _Page:
    """Assert the page is well made. ``errors=True/False`` also asserts whether an error summary is shown."""
    page = parse(response_or_html)
    assert not page.problems, f"HTML does not nest properly: {page.problems[:5]}"
    assert not page.stack, f"unclosed elements: {page.stack}"
    assert page.html_attrs.get("lang"), "<html> has no lang"
    assert len(page.h1s) == 1, f"expected exactly one h1, found {page.h1s}"
    title = " ".join(page.title.split())
    expected = ("Error: " if page.has_error_summary else "") + page.h1s[0]
    assert title.startswith(expected), f"title {title!r} should start with {expected!r}"
    if not page.has_error_summary:
        assert not title.startswith("Error:"), f"title {title!r} says Error but the page shows no error summary"
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in page.forms:
        assert form["action"], "a form has no action"
        if form["method"] == "post":  # a GET form (the queue's filters) changes nothing and carries no token
            assert form["csrf"], f"the form posting to {form['action']} has no CSRF token"
        if form["fields"]:
            assert form["novalidate"], (
                f"the form posting to {form['action']} lets the browser validate (add novalidate)"
            )
    missing = [link for link in page.error_links if link not in page.ids]
    assert not missing, f"error summary links point at ids that do not exist: {missing}"
    if errors is not None:
        assert page.has_error_summary == errors, "error summary shown" if not errors else "no error summary shown"
        if errors:
            assert page.error_links, "the error summary has no links to fields"
    return page


def csrf_token(response_or_html) -> str:
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


def post_page(client, url: str, data: dict | None = None, **kwargs):
    """GET ``url`` as a browser would, then POST ``data`` to it with the page's own CSRF token."""
    page = client.get(url)
    assert page.status_code == 200, f"GET {url} answered {page.status_code}"
    return client.post(url, data={"csrf_token": csrf_token(page), **(data or {})}, **kwargs)


_REDIRECTS = frozenset({301, 302, 303, 305, 307, 308})


class PageCheckingClient(FlaskClient):
    """A Flask test client that checks every HTML page it receives with ``assert_page_ok``.

    Redirects, HEAD answers and empty bodies (a webhook's plain 200) carry no page of ours, so they are
    left alone; following a redirect checks the page it ends on. ``check_pages`` is switched off for a
    test marked ``unchecked_pages``.
    """

    check_pages = True
    # (path pattern, start of a problem) pairs tolerated for now: found in files their owners are fixing.
    known_problems: tuple[tuple[str, str], ...] = ()

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        if (
            self.check_pages
            and response.status_code not in _REDIRECTS
            and response.mimetype == "text/html"
            and request.method != "HEAD"
            and response.content_length != 0
        ):
            try:
                assert_page_ok(response)
            except AssertionError as problem:
                if self._known(request.path, str(problem)):
                    return response
                raise AssertionError(
                    f"{request.method} {request.path} answered a page that fails the page checks "
                    f"({response.status_code}): {problem}"
                ) from None
        return response

    def _known(self, path: str, problem: str) -> bool:
        return any(re.fullmatch(pattern, path) and problem.startswith(start) for pattern, start in self.known_problems)
