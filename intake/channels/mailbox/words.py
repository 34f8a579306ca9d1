"""The words of an email as a case keeps them: the subject as the first line, then the text, within the limit.

Nothing is lost. A text longer than ``MAX_FREE_TEXT`` keeps its beginning on the case and the whole text as a
file attached to it, and the part beyond the limit is still screened for risk by the caller.
"""

from __future__ import annotations

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
