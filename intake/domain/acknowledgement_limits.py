"""No more than a few acknowledgements to one phone number or email address an hour.

Anyone can type someone else's number into a public form; without this, one address could make the service
text or email a stranger over and over. Past RATELIMIT_ACKNOWLEDGEMENTS_PER_HOUR to one destination, an
acknowledgement is not queued and the case's audit trail says so (by channel, never the number or address).
The count is one atomic upsert in the case's own transaction, so it holds across every web process and is
undone with a case that is never made.
"""

from __future__ import annotations

from collections.abc import Sequence
from time import time

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data.ratelimits import add_hits, hashed_key
from intake.domain.audit import record_event
from intake.domain.routing import Recipient
from intake.models import Representation

ACKNOWLEDGEMENTS = frozenset({"acknowledgement", "acknowledgement_sms"})
HOUR = 3600


def within_limits(
    session: Session, rep: Representation, recipients: Sequence[Recipient], settings: Settings
) -> list[Recipient]:
    """``recipients`` less any acknowledgement over its destination's hourly limit (recorded in the audit)."""
    limit = settings.security.acknowledgements_per_hour
    kept = []
    for r in recipients:
        if r.template in ACKNOWLEDGEMENTS:
            key = hashed_key(settings.secret_key, f"acknowledgement:{r.channel}:{r.address.strip().lower()}")
            if add_hits(session.connection(), key, 1, HOUR, time()) > limit:
                detail = f"{r.channel}: over {limit} an hour to one destination; not queued"
                record_event(session, "acknowledgement_not_sent", representation=rep, actor="system", detail=detail)
                continue
        kept.append(r)
    return kept
