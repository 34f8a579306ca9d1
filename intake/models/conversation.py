"""Conversations (SMS and web chat), their messages, and per-number SMS preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.models.base import Base, UtcDateTime, utcnow


class Conversation(Base):
    """The engine's stored state for one person on one channel.

    ``address`` is the phone number for SMS, or a random token for a web chat.
    The state is plain JSON so any worker can take the next message and a
    restart loses nothing.
    """

    __tablename__ = "conversation"
    __table_args__ = (Index("ix_conversation_channel_address", "channel", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))  # "sms" or "webchat"
    address: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="en")
    state: Mapped[dict] = mapped_column(JSON, default=dict)
    representation_id: Mapped[int | None] = mapped_column(ForeignKey("representation.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.id", cascade="all, delete-orphan"
    )


class Message(Base):
    """One message in or out. ``provider_sid`` (Twilio's MessageSid) makes inbound delivery idempotent."""

    __tablename__ = "message"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    representation_id: Mapped[int | None] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(8))  # "in" or "out"
    body: Mapped[str] = mapped_column(Text, default="")
    provider_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    # For inbound messages: the TwiML we answered with, so a replayed delivery gets the same reply.
    reply: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(20))  # outbound delivery status from callbacks
    error_code: Mapped[str | None] = mapped_column(String(10))
    sent_by: Mapped[str | None] = mapped_column(String(320))  # staff email for replies from the case page
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    conversation: Mapped[Conversation | None] = relationship(back_populates="messages")


class SmsContact(Base):
    """What a phone number has told us about texting it. STOP sets ``opted_out``; START clears it."""

    __tablename__ = "sms_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
