"""The local outbox: where email and texts go in development when no provider is configured.

"With nothing configured, notifications go to a local outbox that staff can see. They are never dropped."
Each email is written whole as an ``.eml`` file (open it in any mail client) and each text as a small JSON
file, under ``instance/outbox``; the notification is recorded as sent with ``provider_id =
"local-outbox:<file>"``, so the staff area shows where it went.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from intake.providers.base import EmailProvider, OutgoingEmail, SmsProvider


def local_outbox_dir(app) -> Path:
    """Where development mail and texts go: ``LOCAL_OUTBOX_DIR``, or ``instance/outbox``."""
    return Path(app.config.get("LOCAL_OUTBOX_DIR") or Path(app.instance_path) / "outbox")


def _write(path: Path, data: bytes) -> None:
    # Write then rename, so a reader never sees half a message.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class LocalOutboxEmail(EmailProvider):
    name = "local outbox"

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def send(self, message: OutgoingEmail) -> str:
        name = f"email-{message.notification_id}.eml"
        _write(self.directory / name, message.raw)
        return f"local-outbox:{name}"


class LocalOutboxSms(SmsProvider):
    name = "local outbox"

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _send(self, to: str, body: str, reference: str | None) -> str:
        name = f"sms-{secrets.token_hex(16)}.json"
        record = {"to": to, "body": body, "reference": reference, "sent_at": datetime.now(UTC).isoformat()}
        _write(self.directory / name, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        return f"local-outbox:{name}"


def outbox_files(directory: Path) -> list[Path]:
    """What is in the local outbox, oldest first (for the staff area and for people trying the service)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted((p for p in directory.iterdir() if p.suffix in {".eml", ".json"}), key=lambda p: p.stat().st_mtime)
