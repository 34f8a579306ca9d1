"""The complaints mailbox as a channel: ``poll-mailbox`` (and the worker) read it over IMAP.

- ``connection``: connecting safely (TLS), listing what is waiting, fetching, flagging or moving.
- ``parsing``: one email's bytes to its sender, subject, words and files (the standard ``email`` package).
- ``classify``: a person, an automated sender, a bounce, an auto-reply, or our own mail come back.
- ``taking_in``: what a message becomes: a new case (``new_case``), a reply on a case (``replies``), or nothing.
- ``poller``: one poll, each message exactly once; outages logged once and retried with backoff.
"""

from intake.channels.mailbox.connection import MailboxSettings
from intake.channels.mailbox.poller import MailboxPoller, PollStats, poll_mailbox_once

__all__ = ["MailboxPoller", "MailboxSettings", "PollStats", "poll_mailbox_once"]
