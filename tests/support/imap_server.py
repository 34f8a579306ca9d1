"""A real IMAP server for the tests: Debian's Dovecot on loopback, with a throw-away configuration.

Like ``scripts/with-postgres.sh`` for PostgreSQL: everything lives in a temporary directory (configuration,
sockets, logs, a self-signed certificate made here with ``openssl``, and a maildir), listening on 127.0.0.1 on
two free ports: one plain (offering STARTTLS) and one implicit TLS, so both ``IMAP_SSL`` paths are exercised.
One user, from a passwd-file. As root, mail is owned by ``nobody`` (Dovecot will not run mail as root); as
anyone else, everything runs as that user.

``scripts/ensure-test-packages.sh`` installs ``dovecot-imapd`` when it is missing and we are root; without it every
test that needs the server is skipped, loudly (``MISSING``).
"""

from __future__ import annotations

import getpass
import grp
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from imap_tools import BaseMailBox, MailBox, MailBoxUnencrypted

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
MISSING = (
    "\n\n*** MAILBOX TESTS SKIPPED: Dovecot is not installed. Install Debian's dovecot-imapd "
    "(scripts/ensure-test-packages.sh does it as root) to run the IMAP tests. ***\n"
)
USER = "complaints"
PASSWORD = "mailbox-test-password"


def available() -> bool:
    return os.path.exists(DOVECOT) and shutil.which("openssl") is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dovecot:
    """``tls=False`` makes a server with no TLS at all (no STARTTLS, no implicit-TLS port), as some old ones are."""

    def __init__(self, *, tls: bool = True) -> None:
        self.tls = tls
        # Not pytest's tmp_path: its parents are private to root, and Dovecot's unprivileged processes must enter.
        self.root = Path(tempfile.mkdtemp(prefix="hys-dovecot."))
        self.root.chmod(0o755)
        self.imap_port = free_port()
        self.imaps_port = free_port()
        self.ca_file = str(self.root / "cert.pem")
        self.process_id: int | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Dovecot:
        if self.tls:
            self._certificate()
        self._configure()
        # Dovecot goes into the background, and its children keep whatever output they were given: a file, not a
        # pipe (a pipe would never close, and run() would wait for ever).
        with open(self.root / "start.log", "wb") as output:
            started = subprocess.run(
                [DOVECOT, "-c", str(self.root / "dovecot.conf")], stdout=output, stderr=output, timeout=30
            )
        if started.returncode != 0:
            raise RuntimeError(f"Dovecot would not start: {(self.root / 'start.log').read_text(errors='replace')}")
        self._wait_until_listening()
        self.process_id = int((self.root / "run" / "master.pid").read_text().strip())
        return self

    def stop(self) -> None:
        """Stop the master (it takes its children with it) and remove everything."""
        if self.process_id is not None:
            with suppress(ProcessLookupError):
                os.kill(self.process_id, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and _alive(self.process_id):
                time.sleep(0.05)
            self.process_id = None
        shutil.rmtree(self.root, ignore_errors=True)

    def _certificate(self) -> None:
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", str(self.root / "key.pem"), "-out", self.ca_file, "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )  # fmt: skip
        (self.root / "key.pem").chmod(0o600)

    def _configure(self) -> None:
        root = self.root
        (root / "run").mkdir()
        mail = root / "mail"
        mail.mkdir()
        if os.geteuid() == 0:
            uid, gid = pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid
            os.chown(mail, uid, gid)
            run_as = ""
        else:
            uid, gid = os.getuid(), os.getgid()
            me, group = getpass.getuser(), grp.getgrgid(gid).gr_name
            run_as = (
                f"default_login_user = {me}\ndefault_internal_user = {me}\ndefault_internal_group = {group}\n"
                "service imap-login {\n  chroot =\n}\nservice anvil {\n  chroot =\n}\n"
            )
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{mail / USER}\n")
        tls = f"ssl = yes\nssl_cert = <{root}/cert.pem\nssl_key = <{root}/key.pem" if self.tls else "ssl = no"
        (root / "dovecot.conf").write_text(
            f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{tls}
disable_plaintext_auth = no
auth_mechanisms = plain login
# Refused passwords answer at once, with no growing penalty (the anvil listener switched off, as Dovecot's
# documentation says): the tests give wrong ones on purpose.
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = {root}/users
}}
userdb {{
  driver = passwd-file
  args = {root}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = {"127.0.0.1" if self.tls else ""}
    port = {self.imaps_port if self.tls else 0}
    ssl = yes
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{run_as}"""
        )

    def _wait_until_listening(self) -> None:
        """Until the TLS port answers and the master has written its process id (it does so after forking)."""
        deadline = time.monotonic() + 15
        while not (self._answers() and (self.root / "run" / "master.pid").exists()):
            if time.monotonic() > deadline:
                raise RuntimeError(f"Dovecot did not start: {self.log()}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.imaps_port if self.tls else self.imap_port), timeout=1):
                return True
        except OSError:
            return False

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else "(no log)"

    # ------------------------------------------------------------------ for tests

    def settings(self, *, use_ssl: bool = True, **overrides) -> dict:
        """The IMAP_* settings that reach this server."""
        return {
            "IMAP_HOST": "127.0.0.1",
            "IMAP_PORT": self.imaps_port if use_ssl else self.imap_port,
            "IMAP_SSL": use_ssl,
            "IMAP_USERNAME": USER,
            "IMAP_PASSWORD": PASSWORD,
            "IMAP_FOLDER": "INBOX",
            "IMAP_DONE_FOLDER": None,
            "IMAP_CA_FILE": self.ca_file,
            "IMAP_TIMEOUT_SECONDS": 10,
            "MAILBOX_POLL_SECONDS": 60,
            **overrides,
        }

    def open(self) -> BaseMailBox:
        """A logged-in imap-tools connection, for tests to append and look."""
        if not self.tls:
            return MailBoxUnencrypted("127.0.0.1", self.imap_port, timeout=10).login(USER, PASSWORD)
        context = ssl.create_default_context(cafile=self.ca_file)
        return MailBox("127.0.0.1", self.imaps_port, ssl_context=context, timeout=10).login(USER, PASSWORD)

    def append(self, raw: bytes, folder: str = "INBOX", flags: tuple[str, ...] = ()) -> None:
        with self.open() as box:
            box.append(raw, folder, flag_set=flags)

    def messages(self, folder: str = "INBOX") -> list[tuple[str, set[str]]]:
        """(UID, flags) of every message in ``folder``."""
        with self.open() as box:
            box.folder.set(folder)
            return [(m.uid, set(m.flags)) for m in box.fetch("ALL", mark_seen=False, headers_only=True)]

    def empty(self) -> None:
        """Every folder emptied and every folder but INBOX deleted: a fresh mailbox for the next test."""
        with self.open() as box:
            for info in box.folder.list():
                if info.name != "INBOX":
                    box.folder.delete(info.name)
            box.folder.set("INBOX")
            if box.uids("ALL"):
                box.client.uid("STORE", "1:*", "+FLAGS.SILENT", "(\\Deleted)")
                box.client.expunge()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
