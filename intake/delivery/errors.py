"""The one exception a sender raises, saying what the worker should do next."""

from __future__ import annotations


class DeliveryError(Exception):
    """A notification could not be delivered this time.

    - ``transient``: try again later (network errors, SMTP 4xx, HTTP 5xx and 429);
      otherwise it is permanent (SMTP 5xx recipient rejected, Twilio 4xx) and the
      notification fails at once, visibly, instead of being retried forever.
    - ``suppress``: it must never be sent (the number opted out); not a failure.
    - ``channel_down``: the provider itself is unreachable, so the rest of this
      batch on the same channel is put back without trying it (no pile of timeouts).
    """

    def __init__(self, message: str, *, transient: bool, suppress: bool = False, channel_down: bool = False):
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.suppress = suppress
        self.channel_down = channel_down
