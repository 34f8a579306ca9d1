"""``check-bank-holidays`` against a GOV.UK-shaped list served over HTTP on loopback, a file, and failures."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent.parent / "fixtures" / "govuk_bank_holidays.json"


@pytest.fixture
def govuk():
    """A loopback server answering /bank-holidays.json with whatever the test puts in ``body``."""
    state = {"body": FIXTURE.read_bytes(), "status": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(state["status"])
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(state["body"])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_port}/bank-holidays.json"
    yield state
    server.shutdown()
    server.server_close()


def test_the_clock_agreeing_with_govuk_says_so_and_exits_0(app, govuk):
    result = app.test_cli_runner().invoke(args=["check-bank-holidays", "--url", govuk["url"]])
    assert result.exit_code == 0, result.output
    assert result.output == "The clock agrees with GOV.UK for 2026-2027 (16 bank holidays).\n"


def test_a_new_bank_holiday_on_govuk_is_named_with_what_to_do_and_exits_1(app, govuk):
    payload = json.loads(govuk["body"])
    payload["england-and-wales"]["events"].append({"title": "Extra bank holiday", "date": "2027-06-07"})
    govuk["body"] = json.dumps(payload).encode()
    result = app.test_cli_runner().invoke(args=["check-bank-holidays", "--url", govuk["url"]])
    assert result.exit_code == 1
    assert "2027-06-07 (Extra bank holiday)" in result.output and "Add it to CLOSURE_DAYS" in result.output


def test_a_downloaded_file_can_be_checked_instead(app, tmp_path):
    path = tmp_path / "bank-holidays.json"
    path.write_bytes(FIXTURE.read_bytes())
    result = app.test_cli_runner().invoke(args=["check-bank-holidays", "--file", str(path)])
    assert result.exit_code == 0 and "agrees" in result.output


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (b"<html>Service unavailable</html>", 503, "Could not fetch"),
        (b"<html>not json</html>", 200, "did not answer with JSON"),
        (b'{"scotland": {"events": []}}', 200, "not GOV.UK's bank holidays list"),
    ],
)
def test_a_list_that_cannot_be_had_gets_a_clear_message_and_no_traceback(app, govuk, body, status, says):
    govuk["body"], govuk["status"] = body, status
    result = app.test_cli_runner().invoke(args=["check-bank-holidays", "--url", govuk["url"]])
    assert result.exit_code != 0 and says in result.output and "Traceback" not in result.output


def test_a_server_nobody_answers_on_gets_a_clear_message(app):
    result = app.test_cli_runner().invoke(args=["check-bank-holidays", "--url", "http://127.0.0.1:9/x.json"])
    assert result.exit_code != 0 and "Could not fetch" in result.output and "--file" in result.output
