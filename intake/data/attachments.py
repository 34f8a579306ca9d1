"""Attachments: their rows, and their files under ``ATTACHMENT_DIR/<case id>/``, kept in step with the transaction.

A file is written before the transaction commits (the row needs its name), so it is removed again if that
transaction rolls back; a purged case's files are removed only once the purge has committed. Both follow the
session's own commit and rollback (SQLAlchemy session events), so no caller has to remember. Nothing here
commits.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import cast

from sqlalchemy import CursorResult, delete, event, select
from sqlalchemy.orm import Session

from intake.config import PROJECT_ROOT, Settings
from intake.models import Attachment

DEFAULT_ROOT = PROJECT_ROOT / "instance" / "attachments"
_WRITTEN = "hys_attachment_files_written"  # files this transaction wrote: removed if it rolls back
_PURGED = "hys_attachment_dirs_purged"  # case folders this transaction purged: removed once it commits


def root(settings: Settings | None = None) -> Path:
    """Where attachment files live: ``ATTACHMENT_DIR`` from the settings given, or the running app's."""
    if settings is None:
        from flask import has_app_context

        from intake.settings import current_settings

        if not has_app_context():
            return DEFAULT_ROOT
        settings = current_settings()
    return Path(settings.mailbox.attachment_dir)


def write_file(session: Session, representation_id: int, data: bytes, settings: Settings | None) -> str:
    """Write ``data`` under a new random name in the case's folder (readable by this service's user only)."""
    folder = root(settings) / str(int(representation_id))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    session.info.setdefault(_WRITTEN, []).append(path)
    return name


def file_path(attachment: Attachment, settings: Settings | None = None) -> Path | None:
    """The stored file of an attachment, or None for one we listed but did not keep."""
    if attachment.stored_name is None:
        return None
    return root(settings) / str(attachment.representation_id) / attachment.stored_name


def add_attachment(session: Session, attachment: Attachment) -> Attachment:
    session.add(attachment)
    session.flush()
    return attachment


def attachments_for(session: Session, representation_id: int) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment).where(Attachment.representation_id == representation_id).order_by(Attachment.id)
        )
    )


def delete_for_cases(session: Session, representation_ids: list[int], settings: Settings | None) -> int:
    """Delete the cases' attachment rows now and their folders after the commit. Returns the rows deleted."""
    if not representation_ids:
        return 0
    result = cast(
        CursorResult,
        session.execute(
            delete(Attachment).where(Attachment.representation_id.in_(representation_ids)),
            execution_options={"synchronize_session": "fetch"},
        ),
    )
    base = root(settings)
    session.info.setdefault(_PURGED, []).extend(base / str(int(i)) for i in representation_ids)
    return result.rowcount or 0


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
    for folder in session.info.pop(_PURGED, []):
        shutil.rmtree(folder, ignore_errors=True)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is not None:
        return  # a savepoint: the outer transaction may still commit what it wrote
    session.info.pop(_PURGED, None)
    for path in session.info.pop(_WRITTEN, []):
        path.unlink(missing_ok=True)
