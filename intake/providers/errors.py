"""The one set of errors every provider raises, saying what the worker should do next.

``message`` is our own words ("the mail server refused the recipient (550)"): safe to log, because it never
quotes the provider. ``detail`` is what the provider answered, which can echo the address or number
("550 <sam@example.org>: no such user"): it is kept for staff on the notification (with the recipient taken
out), and never written to a log.
"""

from __future__ import annotations


class ProviderError(Exception):
    """A message could not be handed to the provider this time.

    - ``transient``: trying again later may work (network trouble, SMTP 4xx, HTTP 5xx and 429);
    - otherwise it is permanent and the notification fails at once, visibly, instead of being retried forever;
    - ``opted_out``: the person told the provider to stop (Twilio 21610): never send to them again;
    - ``provider_down``: the provider itself is unreachable or refuses us, so the rest of a batch on the same
      channel is put back untried rather than each waiting for its own timeout.
    """

    transient = False
    opted_out = False

    def __init__(self, message: str, *, code: int | str | None = None, detail: str = "", provider_down: bool = False):
        super().__init__(message)
        self.message = message
        self.code = code
        self.detail = detail
        self.provider_down = provider_down

    def for_staff(self, recipient: str | None = None) -> str:
        """What the staff area shows: our words and the provider's answer, without the recipient in it."""
        text = f"{self.message}: {self.detail}" if self.detail else self.message
        return redact(text, recipient)


class TransientError(ProviderError):
    transient = True


class PermanentError(ProviderError):
    pass


class OptedOutError(PermanentError):
    opted_out = True


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every one of ``secrets`` (an address, a number, in any letter case) replaced."""
    for secret in secrets:
        if not secret:
            continue
        lowered, needle, start = text.lower(), secret.lower(), 0
        parts = []
        while (found := lowered.find(needle, start)) >= 0:
            parts.append(text[start:found] + "[recipient]")
            start = found + len(needle)
        text = "".join(parts) + text[start:]
    return text
