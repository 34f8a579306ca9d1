"""The shape of every staff action: one transaction, then Post/Redirect/Get, or the page again with the reason.

Routes never commit by hand: the step runs inside ``intake.transaction.committed()``, so everything it wrote
(the change, its audit event, any notification) is stored together, or, when a rule refuses it, nothing is.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect
from flask.typing import ResponseReturnValue

from intake.domain.casework import CaseworkError
from intake.domain.sanitise import TextTooLong
from intake.transaction import committed

REFUSALS = (CaseworkError, TextTooLong)


def run_step(
    step: Callable[[], str], done_url: str, show_error: Callable[[str], ResponseReturnValue]
) -> ResponseReturnValue:
    """Run ``step`` (which returns the message to flash) and commit; on a refusal, ``show_error(reason)``."""
    try:
        with committed():
            message = step()
    except REFUSALS as exc:
        return show_error(str(exc))
    flash(message)
    return redirect(done_url)
