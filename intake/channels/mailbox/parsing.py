"""One email, from its raw bytes to what the service needs, with the standard ``email`` package.

Nothing here raises on bad mail. A malformed MIME tree, a header that will not decode, a charset nobody knows:
each falls back to the plainest reading that still keeps the words, and the problem is noted in ``defects``
for the log. The words are kept exactly as written: the text part as it is (``<...>`` in it is words), or the
HTML part turned into text with its scripts and styles dropped (never run) and its links kept as text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import cast

from intake.channels.mailbox.html_text import html_to_text

# Headers that say what kind of message this is (intake.channels.mailbox.classify reads them).
SIGNAL_HEADERS = (
    "auto-submitted",
    "precedence",
    "x-autoreply",
    "x-autorespond",
    "x-auto-response-suppress",
    "list-id",
    "list-unsubscribe",
    "return-path",
    "x-failed-recipients",
    "x-hys-notification",
    "authentication-results",
)
MAX_ATTACHMENTS = 20


@dataclass(frozen=True)
class Part:
    """A file that came with the message: its name as the sender gave it, and its bytes."""

    filename: str
    data: bytes


@dataclass
class ParsedEmail:
    key: str  # what makes this message count once (see ``message_key``)
    message_id: str | None
    sender: str | None  # the From address, as written
    sender_name: str | None
    subject: str
    sent_at: datetime | None  # the Date header, if it could be read
    content_type: str  # of the whole message, e.g. "multipart/report" for a bounce
    text: str  # their words: the text part, or the HTML part as text
    from_html: bool = False
    attachments: list[Part] = field(default_factory=list)
    too_many_attachments: int = 0  # beyond MAX_ATTACHMENTS: listed on the case, not kept
    headers: dict[str, str] = field(default_factory=dict)  # SIGNAL_HEADERS present, lower-case names
    defects: list[str] = field(default_factory=list)
    headers_only: bool = False  # too big to download: only its headers were read


def parse(raw: bytes, *, headers_only: bool = False) -> ParsedEmail:
    """Read a whole message (or only its header block, for one too big to download)."""
    defects: list[str] = []
    try:
        msg = cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(raw))  # so policy.default makes it
    except Exception as e:  # the parser is lenient; this is a last resort, so the message is still read
        defects.append(f"unparseable: {type(e).__name__}")
        msg = EmailMessage()
        msg.set_content(raw.decode("utf-8", "replace"))
    sender_name, sender = _from(msg)
    message_id = _header(msg, "message-id").strip() or None
    date_raw = _header(msg, "date")
    parsed = ParsedEmail(
        key=message_key(message_id, sender, date_raw, raw),
        message_id=message_id,
        sender=sender,
        sender_name=sender_name,
        subject=_header(msg, "subject").strip(),
        sent_at=_date(date_raw),
        content_type=_content_type(msg),
        text="",
        headers={name: value for name in SIGNAL_HEADERS if (value := _header(msg, name))},
        defects=defects,
        headers_only=headers_only,
    )
    if not headers_only:
        _read_body(msg, parsed)
    parsed.defects += [type(d).__name__ for d in _all_defects(msg)]
    return parsed


def message_key(message_id: str | None, sender: str | None, date_raw: str, raw: bytes) -> str:
    """SHA-256 of the Message-ID with its sender, or, for a message without one, of its sender, Date and body.

    The sender is part of the key so a stranger cannot swallow someone's message by reusing its Message-ID.
    """
    if message_id:
        basis = f"mid\n{message_id}\n{(sender or '').lower()}".encode()
    else:
        _, _, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
        basis = b"hash\n" + (sender or "").lower().encode() + b"\n" + date_raw.encode() + b"\n" + body
    return hashlib.sha256(basis).hexdigest()


def _header(msg: Message, name: str) -> str:
    """A header's decoded value, or "" when absent. A header the modern parser chokes on is decoded by hand."""
    try:
        value = msg.get(name)
        return "" if value is None else _one_line(str(value))
    except Exception:
        raw = next((v for k, v in msg.raw_items() if k.lower() == name), None) if hasattr(msg, "raw_items") else None
        if raw is None:
            return ""
        try:
            return _one_line(str(make_header(decode_header(str(raw)))))
        except Exception:
            return _one_line(str(raw))


def _one_line(value: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", value)


def _from(msg: Message) -> tuple[str | None, str | None]:
    value = _header(msg, "from")
    pairs = [(name, addr) for name, addr in getaddresses([value]) if addr and "@" in addr]
    if not pairs:
        return None, None
    name, addr = pairs[0]
    return (name.strip() or None), addr.strip()


def _date(raw: str) -> datetime | None:
    if not raw:
        return None
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _content_type(msg: Message) -> str:
    try:
        return msg.get_content_type()
    except Exception:
        return "text/plain"


def _all_defects(msg: Message) -> list:
    try:
        return [d for part in msg.walk() for d in getattr(part, "defects", [])]
    except Exception:
        return []


def _read_body(msg: EmailMessage, parsed: ParsedEmail) -> None:
    """The words and the files. The modern API first; a tree it cannot make sense of is walked leaf by leaf."""
    body: EmailMessage | None
    files: list[EmailMessage] | None
    try:
        body = cast(EmailMessage | None, msg.get_body(preferencelist=("plain", "html")))
        files = [cast(EmailMessage, part) for part in msg.iter_attachments()]
    except Exception as e:
        parsed.defects.append(f"mime tree: {type(e).__name__}")
        body, files = None, None
    if files is None or (body is None and not files):
        body, files = _walk_leaves(msg)
    if body is not None:
        parsed.text, parsed.from_html = _words(body, parsed)
    _keep_files(files, parsed)


def _walk_leaves(msg: EmailMessage) -> tuple[EmailMessage | None, list[EmailMessage]]:
    body: EmailMessage | None = None
    files: list[EmailMessage] = []
    try:
        leaves = [p for p in msg.walk() if not p.is_multipart()]
    except Exception:
        leaves = []
    for leaf in leaves:
        kind = _content_type(leaf)
        if body is None and kind in ("text/plain", "text/html") and not _filename(leaf):
            body = leaf
        else:
            files.append(leaf)
    return body, files


def _words(part: EmailMessage, parsed: ParsedEmail) -> tuple[str, bool]:
    text = _decoded_text(part, parsed)
    if _content_type(part) == "text/html":
        return html_to_text(text), True
    return text.replace("\r\n", "\n"), False


def _decoded_text(part: EmailMessage, parsed: ParsedEmail) -> str:
    try:
        return str(part.get_content())
    except Exception as e:  # an unknown charset, a broken transfer encoding
        parsed.defects.append(f"text part: {type(e).__name__}")
    payload = _payload(part) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


def _filename(part: Message) -> str:
    try:
        return part.get_filename() or ""
    except Exception:
        return ""


def _payload(part: Message) -> bytes | None:
    """The part's bytes with its transfer encoding undone, or None (a multipart, or one that will not decode)."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return None
    return payload if isinstance(payload, bytes) else None


def _keep_files(files: list[EmailMessage], parsed: ParsedEmail) -> None:
    for part in files:
        if len(parsed.attachments) >= MAX_ATTACHMENTS:
            parsed.too_many_attachments += 1
            continue
        data = _payload(part)
        if data is None:  # a message/rfc822 or a multipart inside: keep its bytes as they are
            try:
                data = part.as_bytes()
            except Exception:
                data = b""
        parsed.attachments.append(Part(_filename(part) or _default_name(part), data))


def _default_name(part: Message) -> str:
    kind = _content_type(part)
    return {"message/rfc822": "forwarded-email.eml"}.get(kind, "attachment")
