"""The rules of casework: what staff may do to a case, and what each step does to its clocks.

Every step takes the session, the case, the staff member (and the settings where clocks or messages need
them), changes the case, writes an audit event and leaves the commit to the caller: casework never commits.
A step that breaks a rule raises ``CaseworkError`` with a message staff can act on; the caller's transaction
then writes nothing. No Flask request in here.

One module per part of the procedure; callers use this package's names (``casework.triage(...)``):

- ``rules``: the shared checks, the error, and where a case stands (open stage, awaiting a decision);
- ``clocks``: deadlines, recomputing them after triage, and extensions;
- ``triaging`` and ``acknowledgement``: the first steps;
- ``stages``: responses, escalation requests and late requests; ``investigation`` (stage 2) and
  ``panel`` (stage 3) for who does the work at those stages;
- ``outcomes``: the Ombudsman and compensation; ``closing``: withdrawing, closing, retention and legal holds;
- ``contacting``: texting the person as they asked, and forwarding compliments; ``notes``;
- ``safeguarding``: alerts, their levels and act-by times.

Sources are in docs/rules-reference.md: §1.11-1.13 (stages), §10 items 3, 12, 14-18 (what is tested),
§4.3 (retention), §8 (safeguarding).
"""

from intake.domain.casework.acknowledgement import acknowledge
from intake.domain.casework.clocks import Deadline, deadline, extend
from intake.domain.casework.closing import close, retention_date, set_legal_hold, withdraw
from intake.domain.casework.contacting import (
    SMS_REPLY_LIMIT,
    ContactSafety,
    TextingWindow,
    contact_safety,
    forward_compliment,
    send_sms_reply,
    sms_block_reason,
)
from intake.domain.casework.investigation import record_investigation
from intake.domain.casework.notes import NOTE_LIMIT, add_note
from intake.domain.casework.outcomes import record_compensation, record_lgo
from intake.domain.casework.panel import record_panel
from intake.domain.casework.rules import (
    ACCEPTED,
    REASON_LIMIT,
    REFUSED,
    CaseworkError,
    awaiting_decision,
    calendar_for,
    is_refused,
    open_stage,
    require_can_progress,
    running_stage,
    today_in_london,
)
from intake.domain.casework.safeguarding import (
    ActBy,
    act_by,
    alert_act_by,
    alert_is_overdue,
    alerts_for,
    mark_false_alarm,
    raise_alert,
    record_alert_action,
    record_alert_view,
)
from intake.domain.casework.stages import decide_late_request, record_response, request_escalation
from intake.domain.casework.triaging import assign, triage

__all__ = [
    "ACCEPTED",
    "NOTE_LIMIT",
    "REASON_LIMIT",
    "REFUSED",
    "SMS_REPLY_LIMIT",
    "ActBy",
    "CaseworkError",
    "ContactSafety",
    "Deadline",
    "TextingWindow",
    "acknowledge",
    "act_by",
    "add_note",
    "alert_act_by",
    "alert_is_overdue",
    "alerts_for",
    "assign",
    "awaiting_decision",
    "calendar_for",
    "close",
    "contact_safety",
    "deadline",
    "decide_late_request",
    "extend",
    "forward_compliment",
    "is_refused",
    "mark_false_alarm",
    "open_stage",
    "raise_alert",
    "record_alert_action",
    "record_alert_view",
    "record_compensation",
    "record_investigation",
    "record_lgo",
    "record_panel",
    "record_response",
    "request_escalation",
    "require_can_progress",
    "retention_date",
    "running_stage",
    "send_sms_reply",
    "set_legal_hold",
    "sms_block_reason",
    "today_in_london",
    "triage",
    "withdraw",
]
