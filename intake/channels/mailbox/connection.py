"""The complaints mailbox over IMAP (imap-tools): connecting safely, listing what is new, fetching, marking.

Connections are encrypted: implicit TLS (``IMAP_SSL``, port 993), or STARTTLS when the server offers it. A
password is sent in the clear only to a server on this machine (loopback), never across a network.

A message is new until it carries our keyword (``$HaveYourSay``) or has been moved to ``IMAP_DONE_FOLDER``,
not merely until someone has read it: the complaints team may open the shared mailbox before the poller
does. On a server that allows no keywords (PERMANENTFLAGS without ``\\*``) "new" falls back to unread, so
such a mailbox should use ``IMAP_DONE_FOLDER``.
"""

from __future__ import annotations

import imaplib
import ipaddress
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime

from imap_tools import BaseMailBox, MailBox
from imap_tools.errors import ImapToolsError, MailboxLoginError

from intake.config import Settings

KEYWORD = "$HaveYourSay"
UNREADABLE_KEYWORD = "$HaveYourSayUnreadable"
ENVELOPE_BATCH = 200
# Everything that means "the mailbox is not there, or not talking to us properly" (one outage, not a bug).
IMAP_ERRORS = (OSError, imaplib.IMAP4.error, ImapToolsError, ssl.SSLError, EOFError)


class MailboxUnavailable(Exception):
    """The mailbox cannot be reached, or refused us. ``str()`` is one clear line for the log."""


@dataclass(frozen=True)
class MailboxSettings:
    host: str | None
    port: int
    username: str | None
    password: str | None
    # Defaults live in the settings (intake/config/mailbox.py): this is only ever made from them.
    folder: str
    use_ssl: bool
    done_folder: str | None
    ca_file: str | None
    timeout: float
    poll_seconds: int
    max_message_bytes: int
    since: date | None

    @classmethod
    def from_config(cls, config: Settings) -> MailboxSettings:
        m = config.mailbox
        return cls(
            host=m.imap_host,
            port=m.imap_port,
            username=m.imap_username,
            password=m.imap_password,
            folder=m.imap_folder,
            use_ssl=m.imap_ssl,
            done_folder=m.imap_done_folder or None,
            ca_file=m.imap_ca_file or None,
            timeout=float(m.imap_timeout_seconds),
            poll_seconds=m.poll_seconds,
            max_message_bytes=m.max_message_bytes,
            since=m.since,
        )

    @property
    def configured(self) -> bool:
        return bool(self.host and self.username and self.password)

    @property
    def where(self) -> str:
        return f"{self.username}@{self.host}:{self.port}/{self.folder}"


@dataclass(frozen=True)
class Waiting:
    """A message waiting in the folder: its UID, size, and when the mailbox received it (INTERNALDATE)."""

    uid: str
    size: int
    arrived_at: datetime | None


class _MailBoxStartTlsIfOffered(BaseMailBox):
    """Port 143: upgrade with STARTTLS when the server offers it; stay plain only if the server is on loopback."""

    def __init__(self, host: str, port: int, timeout: float, ssl_context: ssl.SSLContext) -> None:
        self._host, self._port, self._timeout, self._ssl_context = host, port, timeout, ssl_context
        super().__init__()

    def _get_mailbox_client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self._host, self._port, timeout=self._timeout)
        if "STARTTLS" in client.capabilities:
            client.starttls(self._ssl_context)
        elif not is_loopback(self._host):
            with suppress(*IMAP_ERRORS):
                client.shutdown()
            raise MailboxUnavailable(
                f"{self._host} does not offer STARTTLS; set IMAP_SSL=true (port 993) so the password is not sent "
                "in the clear"
            )
        return client


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _ssl_context(settings: MailboxSettings) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=settings.ca_file)


def _connect(settings: MailboxSettings) -> BaseMailBox:
    context = _ssl_context(settings)
    host = settings.host or ""
    if settings.use_ssl:
        return MailBox(host, settings.port, timeout=settings.timeout, ssl_context=context)
    return _MailBoxStartTlsIfOffered(host, settings.port, settings.timeout, context)


@contextmanager
def open_folder(settings: MailboxSettings) -> Iterator[MailboxFolder]:
    """Log in and select ``IMAP_FOLDER``. Any failure is a ``MailboxUnavailable`` with a one-line reason."""
    try:
        mailbox = _connect(settings)
    except MailboxUnavailable:
        raise
    except IMAP_ERRORS as e:
        raise MailboxUnavailable(f"cannot reach the mailbox at {settings.host}:{settings.port}: {_reason(e)}") from e
    try:
        mailbox.login(settings.username or "", settings.password or "", initial_folder=settings.folder)
        folder = MailboxFolder(mailbox, settings)
    except MailboxLoginError as e:
        _close(mailbox)
        raise MailboxUnavailable(f"the mailbox {settings.where} refused the username or password") from e
    except IMAP_ERRORS as e:
        _close(mailbox)
        raise MailboxUnavailable(f"cannot open the mailbox {settings.where}: {_reason(e)}") from e
    try:
        yield folder
    finally:
        _close(mailbox)


def _close(mailbox: BaseMailBox) -> None:
    with suppress(*IMAP_ERRORS):
        mailbox.logout()


def _reason(error: BaseException) -> str:
    return (str(error) or type(error).__name__).splitlines()[0][:200]


class MailboxFolder:
    """The selected folder of an open connection."""

    def __init__(self, mailbox: BaseMailBox, settings: MailboxSettings) -> None:
        self.mailbox = mailbox
        self.client = mailbox.client
        self.settings = settings
        answers = self.client.untagged_responses.get("PERMANENTFLAGS", [])
        flags = b" ".join(a for a in answers if isinstance(a, bytes))
        self.keywords = b"\\*" in flags
        if settings.done_folder and not mailbox.folder.exists(settings.done_folder):
            mailbox.folder.create(settings.done_folder)

    def waiting(self) -> list[Waiting]:
        """Every message not yet taken in, oldest first, with its size and receipt time (no bodies yet)."""
        criteria = []
        if self.keywords:
            criteria.append(f"UNKEYWORD {KEYWORD}")
        elif not self.settings.done_folder:
            criteria.append("UNSEEN")
        if self.settings.since:
            criteria.append("SINCE " + self.settings.since.strftime("%d-%b-%Y"))
        uids = self.mailbox.uids(" ".join(criteria) or "ALL")
        found: list[Waiting] = []
        for start in range(0, len(uids), ENVELOPE_BATCH):
            found += self._envelopes(uids[start : start + ENVELOPE_BATCH])
        return sorted(found, key=lambda w: int(w.uid))

    def _envelopes(self, uids: list[str]) -> list[Waiting]:
        typ, data = self.client.uid("FETCH", ",".join(uids), "(UID RFC822.SIZE INTERNALDATE)")
        if typ != "OK":
            raise MailboxUnavailable(f"the mailbox would not list its messages: {typ}")
        out = []
        for line in data:
            text = (line[0] if isinstance(line, tuple) else line or b"").decode("ascii", "replace")
            uid, size = re.search(r"UID (\d+)", text), re.search(r"RFC822\.SIZE (\d+)", text)
            if uid:
                out.append(Waiting(uid.group(1), int(size.group(1)) if size else 0, _internaldate(text)))
        return out

    def fetch(self, item: Waiting) -> tuple[bytes, bool] | None:
        """The message's bytes, and whether they are only its headers (when it is over the size limit); None if
        it has gone since it was listed."""
        headers_only = item.size > self.settings.max_message_bytes
        part = "BODY.PEEK[HEADER]" if headers_only else "BODY.PEEK[]"
        typ, data = self.client.uid("FETCH", item.uid, f"({part})")
        if typ != "OK":
            raise MailboxUnavailable(f"the mailbox would not give message {item.uid}: {typ}")
        raw = next((d[1] for d in data if isinstance(d, tuple) and len(d) == 2), None)
        return None if raw is None else (raw, headers_only)

    def mark_done(self, uid: str) -> None:
        """Taken in: moved to IMAP_DONE_FOLDER, or flagged read with our keyword."""
        if self.settings.done_folder:
            self.mailbox.move(uid, self.settings.done_folder)
            return
        self._store(uid, "\\Seen", KEYWORD)

    def mark_unreadable(self, uid: str) -> None:
        """We could not take it in: flagged (and left unread) for a person to read in the mailbox."""
        self._store(uid, "\\Flagged", KEYWORD, UNREADABLE_KEYWORD)

    def _store(self, uid: str, *flags: str) -> None:
        # A plain UID STORE: imap-tools' flag() also EXPUNGEs, which is not ours to do in a shared mailbox.
        usable = [f for f in flags if f.startswith("\\") or self.keywords]
        typ, data = self.client.uid("STORE", uid, "+FLAGS.SILENT", f"({' '.join(usable)})")
        if typ != "OK":
            raise MailboxUnavailable(f"the mailbox would not flag message {uid}: {data!r}"[:200])


def _internaldate(fetch_line: str) -> datetime | None:
    """When the mailbox received the message: ``INTERNALDATE " 5-Dec-2026 07:39:12 +0000"``, as UTC."""
    match = re.search(r'INTERNALDATE "([^"]+)"', fetch_line)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1).strip(), "%d-%b-%Y %H:%M:%S %z").astimezone(UTC)
    except ValueError:
        return None
