"""A real SMTP server on loopback (aiosmtpd) that tests can make misbehave.

``SmtpSink`` records every message it accepts, with its Message-ID and our
``X-HYS-Notification`` header. ``mode`` decides how it answers RCPT TO:
``"accept"``, ``"451"`` (try again later) or ``"550"`` (no such recipient; the reply
quotes the address, as Postfix's does).
``delay`` slows every DATA (for killing a worker mid-batch). ``stop()`` and
``start()`` on the same port simulate the server going down and coming back.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def notification_id(self) -> int | None:
        value = self.message["X-HYS-Notification"]
        return int(value) if value else None

    @property
    def message_id(self) -> str | None:
        return self.message["Message-ID"]

    @property
    def decoded(self) -> str:
        """Every header and every text part, decoded: what a reader of the message could see."""
        parts = [f"{k}: {v}" for k, v in self.message.items()]
        parts += [p.get_content() for p in self.message.walk() if p.get_content_maintype() == "text"]
        return "\n".join(parts)


@dataclass
class _Handler:
    mode: str = "accept"
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "451":
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        if self.mode == "550":
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    message_from_bytes(envelope.original_content or envelope.content, policy=policy.default),
                )
            )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.handler = _Handler()
        self._controller: Controller | None = None

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    @property
    def mode(self) -> str:
        return self.handler.mode

    @mode.setter
    def mode(self, value: str) -> None:
        assert value in {"accept", "451", "550"}
        self.handler.mode = value

    @property
    def delay(self) -> float:
        return self.handler.delay

    @delay.setter
    def delay(self, value: float) -> None:
        self.handler.delay = value

    def start(self) -> SmtpSink:
        if self._controller is None:
            self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
            self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self) -> dict:
        """App settings that send mail here."""
        return {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": self.port,
            "SMTP_STARTTLS": False,
            "SMTP_USERNAME": None,
            "SMTP_PASSWORD": None,
            "SMTP_TIMEOUT_SECONDS": 20,  # generous: a busy machine must not turn a working sink into a retry
        }
