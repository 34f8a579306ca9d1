"""Log lines carry references and ids, never addresses, numbers or words: a journey through SMS, web chat,
staff sign-in (right and wrong), the case page, the worker and the purge, logged at DEBUG, then searched for
every number, email address, name and sentence it used. (The worker against refusing servers that quote
the address is ``tests/delivery/test_logs.py``.)"""

from __future__ import annotations

import logging

import pyotp
from sqlalchemy import select

from intake.models import Representation
from tests.factories import PASSWORD, create_staff
from tests.staff.conftest import csrf_token
from tests.support.twilio_webhooks import text

NUMBER = "+447700900731"
STORY = "Qz my support worker keeps reading my letters out loud Qz"
HELPS = "Qz a new worker who respects my privacy Qz"
CHAT_WORDS = "Qz the heating in my flat has been broken for weeks Qz"
CHAT_EMAIL = "kid.private.qz@example.org"
WRONG_EMAIL = "somebody.else.qz@council.example"
SECRETS = [
    NUMBER,
    "7700900731",
    "900731",
    "Qz",
    "support worker",
    CHAT_EMAIL,
    "kid.private",
    WRONG_EMAIL,
    "somebody.else",
]


def _sms_case(client, settings) -> None:
    for body in ("hi", "1", "1", "1", STORY, "DONE", HELPS, "SKIP", "NO", "YES", "NO", "YES", "YES", "YES"):
        text(client, settings, body, sender=NUMBER)


def _chat(app) -> None:
    browser = app.test_client()
    for words in ("1", "1", CHAT_WORDS, "DONE", CHAT_EMAIL):
        token = csrf_token(browser, "/chat")
        browser.post("/chat", data={"csrf_token": token, "message": words})


def _staff(app, user, reference: str) -> None:
    browser = app.test_client()
    token = csrf_token(browser)
    browser.post("/staff/login", data={"csrf_token": token, "email": WRONG_EMAIL, "password": "wrong-password-1"})
    browser.post("/staff/login", data={"csrf_token": token, "email": user.email, "password": PASSWORD})
    token = csrf_token(browser, "/staff/login/code")
    browser.post("/staff/login/code", data={"csrf_token": token, "code": pyotp.TOTP(user.totp_secret).now()})
    assert browser.get(f"/staff/cases/{reference}").status_code == 200
    browser.get("/staff/cases.csv")


def test_a_whole_journey_logged_at_debug_names_no_one_and_quotes_nothing(app, client, settings, session, caplog):
    caplog.set_level(logging.DEBUG)
    _sms_case(client, settings)
    forged = {"From": NUMBER, "Body": STORY, "MessageSid": "SM" + "1" * 32}
    assert client.post("/sms/inbound", data=forged, headers={"X-Twilio-Signature": "forged"}).status_code == 403
    _chat(app)
    reference = session.scalars(select(Representation.reference).order_by(Representation.id)).first()
    _staff(app, create_staff(), reference)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    assert runner.invoke(args=["purge-expired"]).exit_code == 0
    logged = "\n".join(record.getMessage() + " " + str(record.args or "") for record in caplog.records)
    assert "Refused an unsigned or forged webhook" in logged  # the capture works: a line was written
    assert not [secret for secret in SECRETS if secret.lower() in logged.lower()]
