"""The stack's floor for the SMS webhook (issue 14 item 11): a bare Flask app, none of our code.

    gunicorn <the Procfile's worker settings> 'bench.stack_floor:app()'   (bench/sms_webhook.py starts it)

It does only what no webhook answer on this stack can skip: Flask routes the request and parses the form,
``twilio.request_validator.RequestValidator`` checks the signature, and one SQLAlchemy Core INSERT of the
text is committed before the fixed TwiML answer goes back. No extensions, no hooks, no session, no
templates. On SQLite the file is in WAL mode with the same pragmas as ours (``intake/data/sqlite_pragmas``:
a busy timeout and ``synchronous=NORMAL``), so both pay the same price for a commit; on PostgreSQL the row
goes to the same server as ours.

Settings come from the environment the benchmark gives it: ``DATABASE_URL``, ``TWILIO_AUTH_TOKEN`` and
``PUBLIC_BASE_URL`` (the URL that was signed). The benchmark creates the table (``create_table``) before
gunicorn starts. Used only by the benchmark; never served.
"""

from __future__ import annotations

import os

from flask import Flask, Response, abort, request
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, event, insert
from twilio.request_validator import RequestValidator

FIXED_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks</Message></Response>'

metadata = MetaData()
floor_message = Table(
    "floor_message",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("provider_sid", String(64), unique=True),  # idempotent on MessageSid, as ours is
    Column("sender", String(64)),
    Column("body", Text),
)


def _engine(url: str):
    engine = create_engine(url)
    if url.startswith("sqlite"):
        from intake.data.sqlite_pragmas import set_pragmas  # the same WAL settings, not our app

        event.listen(engine, "connect", lambda connection, _record: set_pragmas(connection))
    return engine


def create_table(url: str) -> None:
    engine = _engine(url)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    engine.dispose()


def app() -> Flask:
    engine = _engine(os.environ["DATABASE_URL"])
    validator = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
    base_url = os.environ["PUBLIC_BASE_URL"]
    flask_app = Flask("stack_floor")

    @flask_app.post("/sms/inbound")
    def inbound():
        if not validator.validate(base_url + request.path, request.form, request.headers.get("X-Twilio-Signature", "")):
            abort(403)
        row = {"provider_sid": request.form["MessageSid"], "sender": request.form["From"], "body": request.form["Body"]}
        with engine.begin() as connection:  # one INSERT, one COMMIT
            connection.execute(insert(floor_message), row)
        return Response(FIXED_TWIML, mimetype="application/xml")

    return flask_app
