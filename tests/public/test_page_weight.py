"""Light on a slow connection: each page ≤ 100 KB on the wire in total.

Weight: the HTML plus every stylesheet and script it loads (and what those
import), measured as the bytes the app itself sends to a browser that accepts
gzip: static files come gzipped from ``intake.public.static_gzip`` (production
runs the same code under gunicorn); HTML is sent uncompressed (see that module on
BREACH). No fonts are loaded: site.css sets the system font stack everywhere, and
the browser tests check that no font is requested.

Run ``pytest -s tests/public/test_page_weight.py`` to see the figures. The server-time goal (≤ 50 ms)
is a benchmark, not a test: ``bench/pages.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.public.test_web_form import CHILD_ANSWERS, answer_all

BUDGET_BYTES = 100 * 1024
FORM_PAGES = ["/tell-us/" + step for step, _ in CHILD_ANSWERS] + ["/tell-us/check"]


def _assets(client, html: str) -> dict[str, int]:
    sizes: dict[str, int] = {}
    queue = re.findall(r'<(?:link rel="stylesheet"|script[^>]*) (?:href|src)="(/static/[^"]+)"', html)
    while queue:
        url = queue.pop()
        if url in sizes:
            continue
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, url
        sizes[url] = len(response.data)
        if url.endswith(".js"):
            body = client.get(url).get_data(as_text=True)
            base = url.rsplit("/", 1)[0]
            for imported in re.findall(r'import [^"]*"(\.\.?/[^"]+)"', body):
                parts = (base + "/" + imported).split("/")
                resolved: list[str] = []
                for part in parts:
                    if part == "..":
                        resolved.pop()
                    elif part != ".":
                        resolved.append(part)
                queue.append("/".join(resolved))
    return sizes


def _weigh(client, url: str) -> tuple[int, dict[str, int]]:
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assets = _assets(client, response.get_data(as_text=True))
    return len(response.data) + sum(assets.values()), assets


@pytest.fixture
def filled_in(client):
    answer_all(client, CHILD_ANSWERS)
    return client


@pytest.mark.parametrize("url", ["/"] + FORM_PAGES)
def test_each_page_is_at_most_100_kb_on_the_wire(filled_in, url):
    total, assets = _weigh(filled_in, url)
    print(f"\n{url}: {total / 1024:.1f} KB in total; assets {assets}")
    assert "/static/js/site.js" in assets and any("govuk-frontend.min.js" in a for a in assets)
    assert total <= BUDGET_BYTES, f"{url} is {total / 1024:.1f} KB"
