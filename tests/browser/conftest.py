"""Real-browser tests: Debian's Chromium, headless, driven by Playwright, with axe-core.

The app is served by werkzeug on 127.0.0.1 (a free port) against the test
database. Without /usr/bin/chromium every test here is skipped, loudly.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google, which this machine refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MISSING = (
    "\n\n*** BROWSER TESTS SKIPPED: /usr/bin/chromium is missing. Install Debian's chromium package "
    "(scripts/ensure-test-packages.sh does it as root) to run the axe and journey tests. ***\n"
)


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.skip(reason=MISSING))


@pytest.fixture(scope="module")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
