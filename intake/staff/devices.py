"""A browser that has signed in to an account before: its tries are not held up by others' guessing.

After a full sign-in (password and code) the browser gets a signed cookie naming the account and a random
device id, for 90 days, sent only to ``/staff``. Failed tries from it count against that device, not against
the account, so someone guessing at the account from elsewhere cannot keep its owner out
(``intake.domain.sign_in_throttle``). It proves nothing by itself: the password and the code are still asked.
"""

from __future__ import annotations

import secrets

from flask import Response, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from intake.settings import current_settings

COOKIE = "staff_device"
MAX_AGE_SECONDS = 90 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_settings().secret_key, salt="staff-device")


def _read() -> dict | None:
    value = request.cookies.get(COOKIE)
    if not value:
        return None
    try:
        data = _serializer().loads(value, max_age=MAX_AGE_SECONDS)
    except BadSignature:
        return None
    return data if isinstance(data, dict) else None


def device_for(user_id: int | None) -> str | None:
    """This browser's device id if its cookie is for this account, else None."""
    data = _read()
    if user_id is None or data is None or data.get("u") != user_id:
        return None
    device = data.get("d")
    return device if isinstance(device, str) else None


def remember_device(response: Response, user_id: int) -> Response:
    device = device_for(user_id) or secrets.token_urlsafe(16)
    response.set_cookie(
        COOKIE,
        _serializer().dumps({"u": user_id, "d": device}),
        max_age=MAX_AGE_SECONDS,
        path="/staff",
        secure=current_settings().security.session_cookie_secure,
        httponly=True,
        samesite="Strict",
    )
    return response
