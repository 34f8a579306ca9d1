"""The rules of casework: what staff may do to a case, and what each step does to its clocks.

Every step takes the session, the case, the staff member (and the settings where clocks or messages need
them), changes the case, writes an audit event and leaves the commit to the caller: casework never commits.
A step that breaks a rule raises ``CaseworkError`` with a message staff can act on; the caller's transaction
then writes nothing. No Flask request in here.

One module per part of the procedure; callers use this package's names (``casework.triage(...)``):

- ``rules``: the shared checks, the error, and where a case stands (open stage, awaiting a decision);
- ``clocks``: deadlines, recomputing them after triage, and extensions;
- ``triaging`` and ``acknowledgement``: the first steps;
- ``stages``: responses, escalation requests and late requests; ``points``: a complaint's points, each with
  an outcome per stage, from which the stage's outcome follows;
- ``investigation`` and ``stage2``: stage 2's investigators (with their independence), the agreed statement,
  the report and the adjudication; ``panel`` and ``stage3``: the review panel, its report and
  recommendations, and the council's response, each on its own clock; ``corporate``: the corporate stage 2
  (acknowledged on its own, handled by someone other than stage 1's handler);
- ``pausing``: reg 8 pauses; ``late``: late complaints; ``refusals``: refusing with a coded reason;
- ``ombudsman``: a referral's lifecycle; ``remedies``: payments and common resolutions; ``learning``: what
  was learnt and the actions agreed; ``closing``: withdrawing, closing, retention and legal holds;
- ``contacting``: texting the person as they asked, and forwarding compliments; ``notes``;
- ``safeguarding``: alerts, their levels and act-by times; ``adjustments``: reasonable adjustments and
  their reviews.

Sources are in docs/rules-reference.md: §1.5-1.6 and §1.11-1.15 (the procedure), §2 (the LGSCO Code), §10
items 3, 5, 12, 14-20, 22-25, 27-28 (what is tested), §4.3 (retention), §8 (safeguarding).
"""

from intake.domain.casework.acknowledgement import acknowledge
from intake.domain.casework.adjustments import record as record_adjustment
from intake.domain.casework.adjustments import review as review_adjustment
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
from intake.domain.casework.corporate import acknowledge_stage_2, choose_handler
from intake.domain.casework.investigation import Appointee, appoint, record_investigation
from intake.domain.casework.late import decide as decide_late_complaint
from intake.domain.casework.late import is_late as is_late_complaint
from intake.domain.casework.late import record_grounds
from intake.domain.casework.learning import add_action, add_learning_point, update_action
from intake.domain.casework.notes import NOTE_LIMIT, add_note
from intake.domain.casework.ombudsman import record_compliance, record_decision, record_enquiry, refer
from intake.domain.casework.panel import record_panel
from intake.domain.casework.pausing import pause, resume
from intake.domain.casework.points import POINT_OUTCOMES, add_point, derive, record_point_outcome
from intake.domain.casework.refusals import reason_codes as refusal_reasons
from intake.domain.casework.refusals import refuse
from intake.domain.casework.remedies import PAYMENT_REASONS, RESOLUTIONS, record_payment, set_resolutions
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
from intake.domain.casework.stage2 import adjudicate, record_report, record_statement
from intake.domain.casework.stage3 import decide_recommendation, record_council_response, record_panel_report
from intake.domain.casework.stages import decide_late_request, record_response, request_escalation
from intake.domain.casework.triaging import assign, triage

__all__ = [
    "record_adjustment",
    "review_adjustment",
    "ACCEPTED",
    "NOTE_LIMIT",
    "PAYMENT_REASONS",
    "POINT_OUTCOMES",
    "REASON_LIMIT",
    "REFUSED",
    "RESOLUTIONS",
    "SMS_REPLY_LIMIT",
    "ActBy",
    "Appointee",
    "acknowledge_stage_2",
    "add_action",
    "add_learning_point",
    "add_point",
    "adjudicate",
    "appoint",
    "choose_handler",
    "decide_late_complaint",
    "decide_recommendation",
    "derive",
    "is_late_complaint",
    "pause",
    "record_compliance",
    "record_council_response",
    "record_decision",
    "record_enquiry",
    "record_grounds",
    "record_panel_report",
    "record_payment",
    "record_point_outcome",
    "record_report",
    "record_statement",
    "refer",
    "refusal_reasons",
    "refuse",
    "resume",
    "set_resolutions",
    "update_action",
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
    "record_investigation",
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
