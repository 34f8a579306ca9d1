"""The floor for issue 3's benchmark: our app with a webhook that does only what no answer can skip.

    .venv/bin/python bench/sms_webhook.py --floor

It is the real app (every extension, the door ahead of Flask, the same headers) with the door's answer
replaced by one that stores the text as a message row and commits, then answers fixed TwiML: no
conversation, no risk screen, no reply stored. The door still checks Twilio's signature first. Whatever a
real conversation step costs, it costs at least this much, so ``--floor``'s ratio against the stack's floor
shows what our app costs before the conversation runs. Used only by the benchmark; never served.
"""

from __future__ import annotations

from intake import create_app
from intake.channels.sms import Answer
from intake.channels.sms_door import SmsDoor
from intake.data import conversations
from intake.transaction import committed

FIXED_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks</Message></Response>'


def store_only(form) -> Answer:
    sid = form.get("MessageSid") or ""
    if not sid or not form.get("From"):
        return Answer("Bad Request", 400, "text/plain")
    with committed() as session:
        conversations.store_inbound_message(
            session, {"body": form.get("Body", ""), "provider_sid": sid, "reply": FIXED_TWIML}
        )
    return Answer(FIXED_TWIML)


app = create_app()
assert isinstance(app.wsgi_app, SmsDoor)
app.wsgi_app.answer = store_only
