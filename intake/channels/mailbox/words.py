"""The words of an email as a case keeps them: the subject as the first line, then the text, within the limit.

Nothing is lost. A text longer than ``MAX_FREE_TEXT`` keeps its beginning on the case and the whole text as a
file attached to it, and the part beyond the limit is still screened for risk by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.channels.mailbox.parsing import ParsedEmail, Part

NO_TEXT_SEE_ATTACHMENT = "[No text in the email: see attachment.]"
NO_TEXT_AT_ALL = "[The email had no text.]"
TOO_BIG_TO_READ = "[The email was too big to read here: open it in the complaints mailbox.]"
WHOLE_TEXT_NAME = "email-text.txt"


@dataclass(frozen=True)
class Words:
    kept: str  # what goes on the case, at most the limit
    overflow: str  # what did not fit ("" when it all did)
    whole_text: Part | None  # the whole text as a file, when it did not all fit


def words_of(mail: ParsedEmail, limit: int) -> Words:
    body = mail.text.strip()
    if not body:
        if mail.headers_only:
            body = TOO_BIG_TO_READ
        elif mail.attachments or mail.too_many_attachments:
            body = NO_TEXT_SEE_ATTACHMENT
        elif not mail.subject:
            body = NO_TEXT_AT_ALL
    whole = f"{mail.subject}\n\n{body}".strip() if mail.subject else body
    if len(whole) <= limit:
        return Words(whole, "", None)
    kept = _cut(whole, limit)
    return Words(kept, whole[len(kept) :], Part(WHOLE_TEXT_NAME, whole.encode("utf-8")))


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending at a space or line break near the limit where there is one."""
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    return head[:space] if space > limit - 200 else head


# How mail programs introduce the quote of the message being answered. A "wrote:" line (Gmail, Apple Mail,
# Thunderbird; and their Polish, German, French, Spanish and Arabic versions) must name an address, so a child's
# "On Monday I wrote: ..." is never taken for one; those programs mark the quote itself with "> ".
_WROTE = re.compile(
    r"(?im)^[ \t]*(on|w dniu|am|le|el|في)\b[^\n]{0,300}?(\n[^\n]{0,200}?)?@[^\n]{0,200}?"
    r"\b(wrote|napisał\(a\)|napisał|napisała|schrieb|a écrit|escribió|كتب)\s*:[ \t]*$"
)
# Outlook puts the whole earlier message below a rule or a header block, without "> ": everything after it goes.
_ORIGINAL_BELOW = re.compile(
    r"(?im)^[ \t]*(-{2,}\s*(original message|wiadomość oryginalna|الرسالة الأصلية)\s*-{2,}|_{10,})[ \t]*$"
    r"|^[ \t]*(from|od|من):[^\n]*\n([^\n]*\n){0,3}?[ \t]*(sent|date|wysłano|data|أرسل):"
)
_REPLY_SUBJECT = re.compile(r"(?i)^\s*(re|aw|odp|sv|vs|رد)\s*:")


def new_words_of_reply(mail: ParsedEmail) -> str:
    """What a reply adds: its own subject (not "Re: <the subject we sent>") and its own lines, without the quote
    of the message it answers. This is what is screened for risk on a reply: screening our acknowledgement
    again ("If you are in danger now, call 999") would raise a false alarm on every reply. The whole email is
    still kept on the case."""
    text = _WROTE.sub("", mail.text)
    below = _ORIGINAL_BELOW.search(text)
    if below:
        text = text[: below.start()]
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    body = "\n".join(lines).strip()
    subject = "" if _REPLY_SUBJECT.match(mail.subject) else mail.subject
    return f"{subject}\n\n{body}".strip() if subject else body
