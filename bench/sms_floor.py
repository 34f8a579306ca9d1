"""The floor for issue 3's benchmark: our app with a webhook that does only what no answer can skip.

    .venv/bin/python bench/sms_webhook.py --floor

It is the real app (every extension, hook and header) with ``/sms/inbound`` replaced by a view that checks
Twilio's signature, stores the text as a message row and commits, then answers fixed TwiML: no
conversation, no risk screen, no reply stored. Whatever a real conversation step costs, it costs at least
this much, so ``--floor``'s ratio against bare Flask is the best ratio the webhook could ever reach on this
stack and machine. Used only by the benchmark; never served.
"""

from __future__ import annotations

from flask import Response, request

from intake import create_app
from intake.channels.twilio_auth import twilio_signed
from intake.data import conversations
from intake.extensions import csrf, db

FIXED_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks</Message></Response>'


def store_only():
    sid = request.form.get("MessageSid") or ""
    if not sid or not request.form.get("From"):
        return Response("Bad Request", 400, mimetype="text/plain")
    conversations.store_inbound_message(
        db.session, {"body": request.form.get("Body", ""), "provider_sid": sid, "reply": FIXED_TWIML}
    )
    db.session.commit()
    return Response(FIXED_TWIML, mimetype="application/xml")


app = create_app()
# Same endpoint, same blueprint (so the same limiter filter and CSRF exemption), lighter view.
app.view_functions["sms.inbound"] = csrf.exempt(twilio_signed(store_only))
