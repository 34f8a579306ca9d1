"""The local outbox: where email goes in development when no SMTP server is configured.

"With nothing configured, notifications go to a local outbox that staff can
see. They are never dropped." Each message is written whole as an ``.eml`` file
(open it in any mail client) under ``instance/outbox``; the notification is
recorded as sent with ``provider_id = "local-outbox:<file>"``, so the staff area
shows where it went. Texts from the fake SMS client land in the same folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intake.delivery.email import RenderedEmail


class LocalOutboxMailer:
    """Same interface as ``SmtpMailer``: ``send`` returns the provider id."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def __enter__(self) -> LocalOutboxMailer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, message: RenderedEmail) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"email-{message.notification_id}.eml"
        path = self.directory / name
        # Write then rename, so a reader never sees half a message.
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(message.raw)
        os.replace(tmp, path)
        return f"local-outbox:{name}"

    def close(self) -> None:
        pass


def outbox_files(directory: Path) -> list[Path]:
    """What is in the local outbox, oldest first (for the staff area and for people trying the service)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted((p for p in directory.iterdir() if p.suffix in {".eml", ".json"}), key=lambda p: p.stat().st_mtime)
