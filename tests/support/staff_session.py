"""Sign a staff user in for a test without going through the sign-in pages."""

from __future__ import annotations

import time

from intake.staff.auth import SEEN_KEY, SINCE_KEY


def sign_in(client, user):
    """Leave the session a completed password + authenticator-code sign-in leaves behind."""
    with client.session_transaction() as s:
        s["_user_id"] = user.get_id()  # the id and the session version
        s["_fresh"] = True
        s["mfa_ok"] = True
        s[SEEN_KEY] = s[SINCE_KEY] = time.time()
    return client
