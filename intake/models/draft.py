"""A web form answer set kept on the server while someone fills in the form.

The person's words can be 5,000 characters (10 KB or more in Polish or Arabic),
too big for a signed session cookie (about 4 KB), and a cookie would also carry
them back and forth on every request. So the answers live here and the session
holds only the draft's random id. Once the form is sent, the answers are wiped
and only the case reference is kept, so a reload shows the same confirmation and
a second click cannot make a second case.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, UtcDateTime, utcnow


class FormDraft(Base):
    __tablename__ = "form_draft"

    # secrets.token_urlsafe(32): unguessable, so knowing one id never reveals another's answers.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20), default="web_form")  # "web_form" or "advocate"
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # "open" while filling in; "sent" once submit() has made the case.
    state: Mapped[str] = mapped_column(String(10), default="open")
    reference: Mapped[str | None] = mapped_column(String(9))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
