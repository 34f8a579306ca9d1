"""Delivery: the outbox worker. Nothing here runs in a web request.

``submit`` and case actions write ``Notification`` rows; ``flask --app wsgi worker`` delivers them:

- ``loop``: the worker (``Worker.run``), signals, and the reminders cadence;
- ``outbox``: claiming a batch and deciding each row (send, suppress, hold, fail);
- ``results``: recording what became of each send, and the one window for a duplicate;
- ``policy``: backoff, suppression, quiet hours and the person's texting window;
- ``content``, ``email``, ``sms``: what a notification says;
- ``retry``: making failed notifications due again (``retry-failed``).

The statements live in ``intake/data/outbox.py``; the providers (Twilio, SMTP, the local outbox) in
``intake/providers/``.
"""

from __future__ import annotations

from intake.data.outbox import notifications_for

__all__ = ["notifications_for"]
