"""The complaints mailbox (IMAP) and the files that come with cases. With no IMAP host, nothing is polled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intake.config.paths import PROJECT_ROOT
from intake.config.reader import ConfigError, EnvReader, setting


@dataclass(frozen=True, slots=True)
class Mailbox:
    imap_host: str | None = setting("IMAP_HOST")
    # Implicit TLS on 993; otherwise 143 with STARTTLS when the server offers it (plain only on loopback).
    imap_ssl: bool = setting("IMAP_SSL")
    imap_port: int = setting("IMAP_PORT")
    imap_username: str | None = setting("IMAP_USERNAME")
    imap_password: str | None = setting("IMAP_PASSWORD")
    imap_folder: str = setting("IMAP_FOLDER")
    # Where taken-in messages go; with none they stay in the folder, flagged as read and with our keyword.
    imap_done_folder: str | None = setting("IMAP_DONE_FOLDER")
    # A CA bundle to trust for the mail server's certificate (a council's own CA); default: the system's.
    imap_ca_file: str | None = setting("IMAP_CA_FILE")
    imap_timeout_seconds: int = setting("IMAP_TIMEOUT_SECONDS")
    poll_seconds: int = setting("MAILBOX_POLL_SECONDS")
    # Bigger messages are not downloaded: a case is made from their headers, and staff read them in the mailbox.
    max_message_bytes: int = setting("MAILBOX_MAX_MESSAGE_BYTES")
    # A mailbox with years of old mail: leave alone what it received before this day.
    since: date | None = setting("MAILBOX_SINCE")
    attachment_max_bytes: int = setting("ATTACHMENT_MAX_BYTES")
    # Outside the web root: nothing under it is ever served as a static file.
    attachment_dir: str = setting("ATTACHMENT_DIR")

    @property
    def configured(self) -> bool:
        return bool(self.imap_host)


def read_mailbox(env: EnvReader) -> Mailbox:
    use_ssl = env.flag("IMAP_SSL", True)
    since = env.dates("MAILBOX_SINCE")
    if len(since) > 1:
        raise ConfigError("MAILBOX_SINCE must be one YYYY-MM-DD date")
    return Mailbox(
        imap_host=env.optional("IMAP_HOST"),
        imap_ssl=use_ssl,
        imap_port=env.number("IMAP_PORT", 993 if use_ssl else 143, 1, 65535),
        imap_username=env.optional("IMAP_USERNAME"),
        imap_password=env.optional("IMAP_PASSWORD"),
        imap_folder=env.text("IMAP_FOLDER", "INBOX"),
        imap_done_folder=env.optional("IMAP_DONE_FOLDER"),
        imap_ca_file=env.optional("IMAP_CA_FILE"),
        imap_timeout_seconds=env.number("IMAP_TIMEOUT_SECONDS", 30, 1, 600),
        poll_seconds=env.number("MAILBOX_POLL_SECONDS", 60, 5, 24 * 3600),
        max_message_bytes=env.number("MAILBOX_MAX_MESSAGE_BYTES", 50 * 1024 * 1024, 1024, 1024**3),
        since=next(iter(since), None),
        attachment_max_bytes=env.number("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, 1024, 1024**3),
        attachment_dir=env.text("ATTACHMENT_DIR", str(PROJECT_ROOT / "instance" / "attachments")),
    )


def check_mailbox(s: Mailbox) -> None:
    if s.imap_host and not (s.imap_username and s.imap_password):
        raise ConfigError("IMAP_USERNAME and IMAP_PASSWORD must be set when IMAP_HOST is set")
