"""An email's attachments on a case: each kept (``store_attachment``) or listed with the reason it was not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from intake.channels.mailbox.parsing import ParsedEmail, Part
from intake.config import Settings
from intake.domain.attachments import Refusal, list_refused, store_attachment
from intake.models import Representation

SOURCE = "email"


@dataclass(frozen=True)
class FilesKept:
    kept: int
    refused: int

    def describe(self) -> str:
        return f"{self.kept} attachment(s) kept, {self.refused} listed but not kept"


def keep_files(
    session: Session,
    rep: Representation,
    mail: ParsedEmail,
    settings: Settings,
    extra: Iterable[Part] = (),
) -> FilesKept:
    kept = refused = 0
    for part in [*mail.attachments, *extra]:
        result = store_attachment(session, rep, part.filename, part.data, SOURCE, settings=settings)
        if isinstance(result, Refusal):
            list_refused(session, rep, part.filename, len(part.data), result, SOURCE)
            refused += 1
        else:
            kept += 1
    if mail.too_many_attachments:  # one line for them all: a message with thousands of parts is no reason for more
        name = f"{mail.too_many_attachments} more attachment(s)"
        list_refused(session, rep, name, 0, Refusal("too_many"), SOURCE)
        refused += mail.too_many_attachments
    return FilesKept(kept, refused)
