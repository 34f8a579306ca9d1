"""Claiming: take a batch of due rows (atomically, see ``intake.data.outbox.claim_due``), then decide each.

A claimed row is either sent now (rendered into an ``Item``), or settled without sending: suppressed (it
must never be sent), held (a text to the person during quiet hours or outside their window: due again when
allowed, and the claim does not count as an attempt), or failed (it cannot be written). Those decisions are
committed before anything is sent. The claim itself commits first, on its own, so the write lock (on
SQLite, the whole database) is held for one statement and not while messages are rendered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from intake.data import letters
from intake.data import outbox as outbox_rows
from intake.data.sms_contacts import opted_out_among
from intake.delivery.content import CannotRender
from intake.delivery.email import render_email, render_letter
from intake.delivery.policy import backoff, sms_number, suppression_reason, text_held_until
from intake.delivery.settings import RunStats, WorkerSettings
from intake.delivery.sms import render_sms
from intake.models import AuditEvent, Notification, NotificationChannel, NotificationStatus
from intake.settings import settings_of

log = logging.getLogger(__name__)

ACTOR = "delivery worker"


@dataclass
class Item:
    """A claimed notification, rendered and ready to send: plain values, no ORM object."""

    id: int
    channel: NotificationChannel
    recipient: str
    representation_id: int | None  # None: a reply in a text conversation with no case yet
    reference: str | None
    template: str
    audience: str
    urgent: bool
    attempts: int
    give_up_at: datetime
    lease_until: datetime
    message_id: int | None
    payload: Any = None

    @classmethod
    def of(cls, n: Notification) -> Item:
        return cls(
            n.id,
            n.channel,
            n.recipient,
            n.representation_id,
            n.representation.reference if n.representation is not None else None,
            n.template,
            n.audience,
            bool(n.urgent),
            n.attempts,
            n.give_up_at,
            n.lease_until or n.next_attempt_at,  # both the lease's end, once claimed
            n.message_id,
        )


def audit(session: Session, item: Item, action: str, detail: str) -> None:
    """An entry in the case's audit trail. Never the error text: a mail server's reply can echo the address."""
    if item.representation_id is None:  # a reply in a conversation with no case: no trail to add to
        return
    session.add(
        AuditEvent(
            representation_id=item.representation_id,
            reference=item.reference,
            actor=ACTOR,
            action=action,
            detail=detail,
        )
    )


def settle(session: Session, item: Item, status: NotificationStatus, error: str, now: datetime) -> bool:
    """Settle a claimed row unsent (``failed``, ``suppressed``), and its staff reply with it, if still ours."""
    if not outbox_rows.settle(session, item.id, item.lease_until, status, error):
        log.warning("notification %s (ref %s): its claim ran out before it was settled", item.id, item.reference)
        return False
    if item.message_id is not None:
        outbox_rows.mark_reply_failed(session, item.message_id, now)
    return True


class Claimer:
    def __init__(self, app: Flask, engine: Engine, settings: WorkerSettings):
        self.app = app
        self.engine = engine
        self.settings = settings
        delivery = settings_of(app).delivery
        self.quiet_hours: tuple[time, time] | None = delivery.quiet_hours
        self.give_up = timedelta(hours=delivery.give_up_hours)

    def claim(self, now: datetime, stats: RunStats) -> list[Item]:
        """Claim a batch and decide each row; returns those to send now, urgent first."""
        s = self.settings
        session = Session(self.engine, expire_on_commit=False)
        try:
            claimed = outbox_rows.claim_due(
                session,
                now,
                limit=s.batch_size,
                lease_until=now + timedelta(seconds=s.lease_seconds),
                urgent_lease_until=now + timedelta(seconds=min(s.urgent_lease_seconds, s.lease_seconds)),
            )
            session.commit()  # the rows are ours: hold the write lock no longer
            if not claimed:
                return []
            stats.claimed += len(claimed)
            items = self._prepare(session, claimed, now, stats)
            session.commit()
            return items
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _prepare(self, session: Session, claimed: list[Notification], now: datetime, stats: RunStats) -> list[Item]:
        cases = outbox_rows.cases_by_id(session, {n.representation_id for n in claimed if n.representation_id})
        opted_out = opted_out_among(
            session, {sms_number(n.recipient) for n in claimed if n.channel is NotificationChannel.SMS}
        )
        replies = outbox_rows.reply_bodies(session, {n.message_id for n in claimed if n.message_id and not n.body})
        items = []
        with self.app.app_context():
            for n in claimed:
                set_committed_value(
                    n, "representation", cases.get(n.representation_id) if n.representation_id else None
                )
                item = self._decide(session, n, opted_out, replies, now, stats)
                if item is not None:
                    items.append(item)
        return items

    def _decide(
        self,
        session: Session,
        n: Notification,
        opted_out: set[str],
        replies: dict[int, str],
        now: datetime,
        stats: RunStats,
    ) -> Item | None:
        item = Item.of(n)
        rep = n.representation
        reason = suppression_reason(n, rep, opted_out)
        if reason:
            settle(session, item, NotificationStatus.SUPPRESSED, reason, now)
            audit(session, item, "notification_suppressed", f"{n.template} to {n.audience}: {reason}")
            stats.suppressed += 1
            return None
        held_until = text_held_until(n, rep, now, self.quiet_hours)
        if held_until is not None:
            # Waiting is not failing: the claim does not count, and the retry window starts when it may go.
            outbox_rows.hand_back(session, [(n.id, item.lease_until)], held_until, give_up_at=held_until + self.give_up)
            log.info(
                "notification %s (ref %s) held until %s: quiet hours or their window", n.id, item.reference, held_until
            )
            stats.held += 1
            return None
        try:
            item.payload = self._render(session, n, replies)
        except CannotRender as e:  # a missing template or an empty reply: retrying cannot help
            settle(session, item, NotificationStatus.FAILED, str(e), now)
            audit(session, item, "notification_failed", f"{n.template} to {n.audience}: could not be written")
            stats.failed += 1
            return None
        except Exception as e:  # a bug in a template: keep it pending so a fixed release delivers it
            log.exception("could not render notification %s (ref %s)", n.id, item.reference)
            self._render_bug(session, item, f"could not be written: {type(e).__name__}", now, stats)
            return None
        return item

    def _render(self, session: Session, n: Notification, replies: dict[int, str]) -> Any:
        if n.channel is NotificationChannel.EMAIL and n.template == "letter":
            return render_letter(n, letters.letter_for_notification(session, n.id), settings_of(self.app))
        if n.channel is NotificationChannel.EMAIL:
            return render_email(n, settings_of(self.app))
        return render_sms(n, settings_of(self.app), reply=replies.get(n.message_id) if n.message_id else None)

    def _render_bug(self, session: Session, item: Item, error: str, now: datetime, stats: RunStats) -> None:
        if now >= item.give_up_at:
            settle(session, item, NotificationStatus.FAILED, error, now)
            stats.failed += 1
            return
        delay = backoff(item.attempts, self.settings.backoff_base_seconds, self.settings.backoff_cap_seconds)
        outbox_rows.retry_at(session, item.id, item.lease_until, now + timedelta(seconds=delay), error)
        stats.retrying += 1
