"""The rules of casework: what staff may do to a case, and what each step does to its clocks.

Every function takes the session, the case, the staff member and the settings,
changes the case, writes an audit event and leaves the commit to the caller.
A step that breaks a rule raises ``CaseworkError`` with a message staff can act
on; nothing is written in that case. No Flask request in here.

Sources are in docs/rules-reference.md: §1.11-1.13 (stages), §10 items 3, 12,
14-18 (what is tested), §4.3 (retention).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.domain import clock, routing
from intake.domain.audit import record_event
from intake.domain.routing import Recipient, safeguarding_recipients
from intake.domain.sanitise import clean_text, normalise_phone
from intake.domain.submit import queue_notifications
from intake.models import (
    CaseNote,
    Kind,
    LgoResult,
    Message,
    Notification,
    Outcome,
    Procedure,
    Representation,
    RepresentationCategory,
    Role,
    SafeguardingAlert,
    SmsContact,
    StaffUser,
    Stage,
    Status,
    SubmittedBy,
    Team,
)
from intake.models.base import utcnow
from intake.models.conversation import Conversation
from intake.models.enums import categories_for

# The late-request decision is stored as text beginning with one of these.
ACCEPTED = "Accepted: "
REFUSED = "Refused: "
SMS_REPLY_LIMIT = 320  # two SMS segments at most (rules-reference §10 item 45)
NOTE_LIMIT = 5000
REASON_LIMIT = 2000


class CaseworkError(ValueError):
    """A step that the rules do not allow, with a message that says what to do instead."""


def today_in_london() -> date:
    return datetime.now(clock.LONDON).date()


def calendar_for(settings: Mapping[str, Any]) -> clock.WorkingCalendar:
    return clock.WorkingCalendar.from_settings(settings)


def _timescales(rep: Representation, settings: Mapping[str, Any]) -> clock.ProcedureTimescales:
    return clock.timescales_for(rep.procedure.value, settings)


def _reason(text: str | None, what: str = "a reason") -> str:
    cleaned = clean_text(text)
    if not cleaned:
        raise CaseworkError(f"Enter {what}.")
    if len(cleaned) > REASON_LIMIT:
        raise CaseworkError(f"The text must be {REASON_LIMIT} characters or fewer.")
    return cleaned


def _require_open(rep: Representation) -> None:
    if not rep.is_open:
        raise CaseworkError("This case is closed. Nothing more can be recorded on its stages.")


def _require_complaint(rep: Representation) -> None:
    if rep.kind is not Kind.COMPLAINT:
        raise CaseworkError(
            "Only complaints have stages and deadlines. Change the kind at triage if this is a complaint."
        )


def require_can_progress(rep: Representation) -> None:
    """Someone not listed in the Act needs a sufficient-interest decision first (s26(3)(e))."""
    if rep.submitted_by is SubmittedBy.OTHER:
        if rep.sufficient_interest is None:
            raise CaseworkError(
                "Record the sufficient-interest decision at triage first: this person is not the child or someone "
                "who can speak for them by right."
            )
        if rep.sufficient_interest is False:
            raise CaseworkError("The person was found not to have sufficient interest, so the case cannot move on.")


def open_stage(rep: Representation) -> Stage | None:
    stage = rep.current_stage
    return stage if stage is not None and stage.is_open else None


def awaiting_decision(stage: Stage | None) -> bool:
    """A late escalation request nobody has decided on yet: the stage has not started."""
    return stage is not None and stage.late_request and not stage.late_request_decision


def is_refused(stage: Stage) -> bool:
    return bool(stage.late_request_decision and stage.late_request_decision.startswith(REFUSED))


def running_stage(rep: Representation) -> Stage | None:
    """The stage whose clock is running now, if any."""
    stage = open_stage(rep)
    if stage is None or awaiting_decision(stage) or stage.due_on is None:
        return None
    return stage


@dataclass(frozen=True)
class Deadline:
    stage: Stage
    due: date
    rag: str  # "red", "amber" or "green"
    working_days_left: int  # negative when overdue


def deadline(rep: Representation, settings: Mapping[str, Any], today: date) -> Deadline | None:
    stage = running_stage(rep)
    if stage is None or not rep.is_open or rep.status is Status.PAUSED:
        return None
    cal = calendar_for(settings)
    due = stage.effective_due_on
    return Deadline(stage, due, clock.rag(cal, due, today), cal.working_days_between(today, due))


def retention_date(closed_on: date, years: int) -> date:
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:  # 29 February in a year that has none
        return closed_on.replace(year=closed_on.year + years, day=28)


# ---------------------------------------------------------------- triage


def triage(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    *,
    kind: Kind,
    procedure: Procedure,
    team_id: int | None,
    categories: Sequence[str] = (),
    sufficient_interest: bool | None = None,
    sufficient_interest_note: str | None = None,
) -> None:
    """Decide what this is and who handles it. A compliment or comment never runs a clock."""
    _require_open(rep)
    if team_id is not None and session.get(Team, team_id) is None:
        raise CaseworkError("Select a team from the list.")
    allowed = categories_for(kind)
    unknown = [c for c in categories if c not in allowed]
    if unknown:
        raise CaseworkError("Select categories from the list for this kind.")
    if rep.submitted_by is SubmittedBy.OTHER and sufficient_interest is None and rep.sufficient_interest is None:
        raise CaseworkError("Record whether this person has sufficient interest in the child's welfare.")
    if sufficient_interest is not None and rep.submitted_by is not SubmittedBy.OTHER:
        raise CaseworkError("A sufficient-interest decision is only needed when the person is not listed in the Act.")

    changes = []
    if kind is not rep.kind:
        changes.append(f"kind {rep.kind.value} to {kind.value}")
        rep.kind = kind
    procedure = procedure if kind is Kind.COMPLAINT else Procedure.UNDECIDED
    if procedure is not rep.procedure:
        changes.append(f"procedure {rep.procedure.value} to {procedure.value}")
        rep.procedure = procedure
    if team_id != rep.team_id:
        changes.append("team changed")
        rep.team_id = team_id
    codes = list(dict.fromkeys(categories))
    if codes != rep.category_codes:
        rep.categories = [RepresentationCategory(code=c) for c in codes]
        changes.append("categories " + (", ".join(codes) or "none"))
    if sufficient_interest is not None:
        rep.sufficient_interest = sufficient_interest
        rep.sufficient_interest_note = clean_text(sufficient_interest_note)[:REASON_LIMIT] or None
        changes.append("sufficient interest " + ("accepted" if sufficient_interest else "not accepted"))
    _reset_clocks(rep, settings)
    session.flush()
    record_event(session, "triaged", representation=rep, staff=staff, detail="; ".join(changes) or "no change")
    if sufficient_interest is False:
        # rules-reference §10 item 3: a "no" means telling the person no further action will be taken.
        record_event(
            session, "no_further_action", representation=rep, staff=staff, detail="sufficient interest not accepted"
        )


def _reset_clocks(rep: Representation, settings: Mapping[str, Any]) -> None:
    """Recompute the acknowledgement and stage 1 clocks after triage; never touch a stage that has moved on."""
    cal = calendar_for(settings)
    ts = _timescales(rep, settings)
    rep.acknowledge_by = cal.add_working_days(rep.received_on, ts.acknowledge)
    if rep.kind is not Kind.COMPLAINT:
        # A compliment or comment never starts a clock: drop a stage 1 nobody has answered.
        rep.stages = [s for s in rep.stages if not (s.number == 1 and s.is_open)]
        return
    if not rep.stages:
        rep.stages = [Stage(number=1, started_on=rep.received_on, due_on=None)]
    stage1 = rep.stages[0]
    if stage1.number == 1 and stage1.is_open:
        # Corporate stage 1 runs from the acknowledgement once there is one (LGSCO Code); statutory from receipt.
        start = rep.acknowledged_on if rep.procedure is Procedure.CORPORATE and rep.acknowledged_on else rep.received_on
        stage1.started_on = start
        stage1.due_on = cal.add_working_days(start, ts.stages[1].respond)
        limit = cal.add_working_days(start, ts.stages[1].extend_to or ts.stages[1].respond)
        if stage1.extended_due_on and stage1.extended_due_on > limit:
            stage1.extended_due_on = limit


# ---------------------------------------------------------------- acknowledge, assign


def acknowledge(
    session: Session, rep: Representation, staff: StaffUser, settings: Mapping[str, Any], today: date
) -> None:
    _require_open(rep)
    require_can_progress(rep)
    if rep.acknowledged_on is not None:
        raise CaseworkError("This case was already acknowledged.")
    if today < rep.received_at.astimezone(clock.LONDON).date():
        raise CaseworkError("The acknowledgement cannot be before the case was received.")
    rep.acknowledged_on = today
    if rep.status is Status.NEW:
        rep.status = Status.OPEN
    _reset_clocks(rep, settings)
    late = rep.acknowledge_by is not None and today > rep.acknowledge_by
    record_event(
        session,
        "acknowledged",
        representation=rep,
        staff=staff,
        detail=f"on {today.isoformat()}" + (" (late)" if late else ""),
    )


def assignable_staff(session: Session) -> Sequence[StaffUser]:
    return session.scalars(
        select(StaffUser)
        .where(StaffUser.active.is_(True), StaffUser.role != Role.ADMIN)
        .order_by(StaffUser.name, StaffUser.id)
    ).all()


def assign(session: Session, rep: Representation, staff: StaffUser, assignee_id: int) -> StaffUser:
    _require_open(rep)
    assignee = session.get(StaffUser, assignee_id)
    if assignee is None or not assignee.active or assignee.role is Role.ADMIN:
        raise CaseworkError("Select someone from the list who can handle cases.")
    rep.assigned_to_id = assignee.id
    record_event(
        session, "assigned", representation=rep, staff=staff, detail=f"to {assignee.email} ({assignee.role.value})"
    )
    return assignee


# ---------------------------------------------------------------- stages


def extend(
    session: Session, rep: Representation, staff: StaffUser, settings: Mapping[str, Any], new_due: date, reason: str
) -> tuple[Stage, list[Notification]]:
    """Move the current stage's deadline, never past the procedure's limit, and always with a reason.

    Returns the stage and the notice queued to tell the complainant (empty when there is no safe direct contact).
    """
    _require_open(rep)
    _require_complaint(rep)
    stage = running_stage(rep)
    if stage is None:
        raise CaseworkError("There is no stage with a running deadline to extend.")
    why = _reason(reason, "the reason for the extension")
    ts = _timescales(rep, settings).stages.get(stage.number)
    if ts is None or ts.extend_to is None:
        raise CaseworkError(f"Stage {stage.number} deadlines cannot be extended: the panel must meet in time.")
    cal = calendar_for(settings)
    # Stage 1 counts from its start; stages 2 and 3 from the request (rules-reference §1.12).
    start = stage.requested_on if stage.number > 1 and stage.requested_on else stage.started_on
    limit = cal.add_working_days(start, ts.extend_to)
    if new_due <= stage.due_on:
        raise CaseworkError(f"The new date must be after the current due date, {stage.due_on:%d %B %Y}.")
    if new_due > limit:
        raise CaseworkError(
            f"Stage {stage.number} can be extended to {ts.extend_to} working days at most: "
            f"the latest date is {limit:%d %B %Y}."
        )
    if not cal.is_working_day(new_due):
        raise CaseworkError("The new date must be a working day.")
    old = stage.effective_due_on
    stage.extended_due_on = new_due
    stage.extension_reason = why
    # The complainant is told the new date, with the Ombudsman's details (rules-reference §10 items 12, 15
    # and 22), on a contact they said is safe. Contact only through an advocate: staff tell the advocate.
    recipients = routing.person_recipients(routing.RoutingFacts.of(rep), "extension_notice", "extension_notice_sms")
    told = queue_notifications(
        session, rep, recipients, settings, dedupe_prefix=f"extension:{stage.id}:{new_due.isoformat()}"
    )
    record_event(
        session,
        "stage_extended",
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number} from {old.isoformat()} to {new_due.isoformat()}; "
        + (f"the person is told by {told[0].channel.value}" if told else "no safe direct contact: tell them yourself"),
    )
    return stage, told


def record_investigation(
    session: Session, rep: Representation, staff: StaffUser, investigating_officer: str, independent_person: str
) -> Stage:
    """Stage 2 needs an Investigating Officer and an Independent Person (reg 17(2)), and they must differ."""
    _require_open(rep)
    stage = open_stage(rep)
    if stage is None or stage.number != 2 or awaiting_decision(stage):
        raise CaseworkError("Investigators are appointed once stage 2 has started.")
    io = clean_text(investigating_officer)[:200]
    ip = clean_text(independent_person)[:200]
    if not io or not ip:
        raise CaseworkError("Enter both the Investigating Officer and the Independent Person.")
    if _same_person(io, ip):
        raise CaseworkError("The Independent Person must be someone other than the Investigating Officer.")
    stage.investigating_officer, stage.independent_person = io, ip
    record_event(
        session,
        "investigation_appointed",
        representation=rep,
        staff=staff,
        detail="stage 2 officer and independent person recorded",
    )
    return stage


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def record_response(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    outcome: Outcome,
    responded_on: date,
    today: date | None = None,
) -> Stage:
    _require_open(rep)
    _require_complaint(rep)
    require_can_progress(rep)
    stage = open_stage(rep)
    if stage is None:
        raise CaseworkError("There is no open stage to respond to.")
    if awaiting_decision(stage):
        raise CaseworkError("Decide on the late request first: the stage has not started.")
    if stage.number == 2 and not (stage.investigating_officer and stage.independent_person):
        raise CaseworkError("Record the Investigating Officer and the Independent Person before the stage 2 response.")
    if stage.number == 3 and not stage.panel_members:
        raise CaseworkError("Record the panel before the stage 3 response.")
    if responded_on < stage.started_on:
        raise CaseworkError(f"The response date cannot be before the stage started ({stage.started_on:%d %B %Y}).")
    if responded_on > (today or today_in_london()):
        raise CaseworkError("The response date cannot be in the future.")
    stage.responded_on = responded_on
    stage.outcome = outcome
    on_time = responded_on <= stage.effective_due_on if stage.effective_due_on else True
    record_event(
        session,
        "stage_responded",
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number} {outcome.value} on {responded_on.isoformat()}" + ("" if on_time else " (late)"),
    )
    return stage


def request_escalation(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    requested_on: date,
    today: date | None = None,
) -> Stage:
    """Record that the person asked for the next stage.

    A request after the window (20 working days from the last response) is
    flagged and waits for a decision: never refused automatically (LGSCO,
    Surrey 20 003 273). An in-time request starts the stage and its clock now.
    """
    _require_open(rep)
    _require_complaint(rep)
    require_can_progress(rep)
    ts = _timescales(rep, settings)
    previous = rep.current_stage
    if previous is None or previous.is_open:
        raise CaseworkError("Record the response to the current stage before an escalation request.")
    if is_refused(previous):
        raise CaseworkError("The last escalation request was refused. Close the case, or record a new decision.")
    number = previous.number + 1
    if number not in ts.stages:
        raise CaseworkError(
            f"The {rep.procedure.value} procedure has no stage {number}. The next step is the Ombudsman."
        )
    if requested_on < previous.responded_on:
        raise CaseworkError("The request cannot be before the previous stage's response.")
    if requested_on > (today or today_in_london()):
        raise CaseworkError("The request date cannot be in the future.")
    cal = calendar_for(settings)
    window_ends = cal.add_working_days(previous.responded_on, ts.escalation_window or 20)
    late = requested_on > window_ends
    stage = Stage(number=number, requested_on=requested_on, late_request=late, started_on=requested_on)
    if not late:
        stage.due_on = cal.add_working_days(requested_on, ts.stages[number].respond)
    rep.stages.append(stage)
    session.flush()
    record_event(
        session,
        "escalation_requested",
        representation=rep,
        staff=staff,
        detail=f"stage {number} requested on {requested_on.isoformat()}"
        + (f"; late (window ended {window_ends.isoformat()}), needs a decision" if late else ""),
    )
    return stage


def decide_late_request(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    accept: bool,
    reason: str,
    today: date,
) -> Stage:
    """Accept or refuse a late escalation request, always with reasons.

    An accepted request's clock runs from the date of the request, as the Ombudsman
    counts it and as the annual report measures it, so a slow decision uses up the
    stage's time rather than hiding a delay.
    """
    _require_open(rep)
    stage = open_stage(rep)
    if not awaiting_decision(stage):
        raise CaseworkError("There is no late request waiting for a decision.")
    why = _reason(reason, "the reasons for the decision")
    if accept:
        ts = _timescales(rep, settings).stages[stage.number]
        stage.started_on = stage.requested_on or today
        stage.due_on = calendar_for(settings).add_working_days(stage.started_on, ts.respond)
        stage.late_request_decision = ACCEPTED + why
    else:
        stage.late_request_decision = REFUSED + why
        stage.responded_on = today  # the request is answered; no clock runs
    record_event(
        session,
        "late_request_" + ("accepted" if accept else "refused"),
        representation=rep,
        staff=staff,
        detail=f"stage {stage.number}",
    )
    return stage


def record_panel(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    members: Sequence[str],
    chair: str,
    meeting_on: date,
) -> Stage:
    """Stage 3: three independent people, one the chair, none the stage 2 Independent Person (reg 19)."""
    _require_open(rep)
    stage = open_stage(rep)
    if stage is None or stage.number != 3 or awaiting_decision(stage):
        raise CaseworkError("A panel is recorded once stage 3 has started.")
    names = [clean_text(m)[:200] for m in members if clean_text(m)]
    if len(names) != 3:
        raise CaseworkError("A review panel has exactly 3 members.")
    if len({" ".join(n.casefold().split()) for n in names}) != 3:
        raise CaseworkError("The 3 panel members must be different people.")
    chair_name = next((n for n in names if _same_person(n, chair or "")), None)
    if chair_name is None:
        raise CaseworkError("Choose the chair from the 3 panel members.")
    stage2 = next((s for s in rep.stages if s.number == 2), None)
    if (
        stage2 is not None
        and stage2.independent_person
        and any(_same_person(n, stage2.independent_person) for n in names)
    ):
        raise CaseworkError("The stage 2 Independent Person cannot sit on the review panel.")
    start = stage.requested_on or stage.started_on
    latest = stage.due_on or calendar_for(settings).add_working_days(stage.started_on, 30)
    if meeting_on < start:
        raise CaseworkError("The panel cannot meet before the request.")
    if meeting_on > latest:
        raise CaseworkError(f"The panel must meet within 30 working days of the request: by {latest:%d %B %Y}.")
    stage.panel_members = "\n".join([chair_name] + [n for n in names if n is not chair_name])
    stage.panel_meeting_on = meeting_on
    record_event(
        session, "panel_recorded", representation=rep, staff=staff, detail=f"meeting on {meeting_on.isoformat()}"
    )
    return stage


# ---------------------------------------------------------------- Ombudsman, compensation, closing


def record_lgo(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    referred_on: date,
    result: LgoResult | None,
    today: date | None = None,
) -> None:
    if referred_on < rep.received_on:
        raise CaseworkError("The referral date cannot be before the case was received.")
    if referred_on > (today or today_in_london()):
        raise CaseworkError("The referral date cannot be in the future.")
    rep.lgo_referred_on = referred_on
    rep.lgo_result = result
    record_event(
        session,
        "lgo_recorded",
        representation=rep,
        staff=staff,
        detail=f"referred {referred_on.isoformat()}" + (f"; {result.value}" if result else ""),
    )


def record_compensation(session: Session, rep: Representation, staff: StaffUser, pence: int, detail: str) -> None:
    if pence < 0:
        raise CaseworkError("Enter an amount of £0 or more.")
    if pence > 100_000_00:
        raise CaseworkError("Enter an amount under £100,000.")
    rep.compensation_pence = pence
    rep.compensation_detail = _reason(detail, "what the payment is for")
    record_event(session, "compensation_recorded", representation=rep, staff=staff, detail=f"{pence} pence")


def withdraw(
    session: Session, rep: Representation, staff: StaffUser, settings: Mapping[str, Any], today: date, reason: str
) -> None:
    _require_open(rep)
    why = _reason(reason, "why the case is withdrawn")
    stage = open_stage(rep)
    if stage is not None:
        stage.responded_on = today
        stage.outcome = Outcome.WITHDRAWN
    rep.status = Status.WITHDRAWN
    _closed(rep, settings, today)
    session.add(CaseNote(representation_id=rep.id, author_id=staff.id, author=staff.email, body=f"Withdrawn: {why}"))
    record_event(session, "withdrawn", representation=rep, staff=staff, detail=f"on {today.isoformat()}")


def close(session: Session, rep: Representation, staff: StaffUser, settings: Mapping[str, Any], today: date) -> None:
    _require_open(rep)
    stage = open_stage(rep)
    if stage is not None:
        raise CaseworkError(f"Record the stage {stage.number} response (or withdraw the case) before closing it.")
    if rep.submitted_by is SubmittedBy.OTHER and rep.sufficient_interest is None:
        raise CaseworkError("Record the sufficient-interest decision at triage before closing the case.")
    open_alerts = [a for a in _alerts(session, rep) if a.is_open]
    if open_alerts:
        raise CaseworkError("A safeguarding alert on this case is still open. Record what was done about it first.")
    rep.status = Status.CLOSED
    _closed(rep, settings, today)
    record_event(
        session,
        "closed",
        representation=rep,
        staff=staff,
        detail=f"on {today.isoformat()}; keep until {rep.retention_until.isoformat()}",
    )


def _closed(rep: Representation, settings: Mapping[str, Any], today: date) -> None:
    rep.closed_on = today
    rep.retention_until = retention_date(today, int(settings.get("RETENTION_YEARS", 6)))


def set_legal_hold(session: Session, rep: Representation, staff: StaffUser, hold: bool, reason: str) -> None:
    why = _reason(reason, "the reason")
    rep.legal_hold = hold
    session.add(
        CaseNote(
            representation_id=rep.id,
            author_id=staff.id,
            author=staff.email,
            body=("Legal hold placed: " if hold else "Legal hold lifted: ") + why,
        )
    )
    record_event(session, "legal_hold_" + ("placed" if hold else "lifted"), representation=rep, staff=staff)


def add_note(session: Session, rep: Representation, staff: StaffUser, text: str) -> CaseNote:
    body = clean_text(text)
    if not body:
        raise CaseworkError("Enter a note.")
    if len(body) > NOTE_LIMIT:
        raise CaseworkError(f"A note must be {NOTE_LIMIT} characters or fewer.")
    note = CaseNote(representation_id=rep.id, author_id=staff.id, author=staff.email, body=body)
    session.add(note)
    record_event(session, "note_added", representation=rep, staff=staff)
    return note


# ---------------------------------------------------------------- compliments and replies


def forward_compliment(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Mapping[str, Any],
    *,
    team_id: int | None = None,
    worker_id: int | None = None,
) -> list[Notification]:
    """Share a compliment with a team's manager or a named worker, by email through the outbox."""
    if rep.kind is not Kind.COMPLIMENT:
        raise CaseworkError("Only compliments are forwarded.")
    recipients: list[Recipient] = []
    if team_id is not None:
        team = session.get(Team, team_id)
        if team is None:
            raise CaseworkError("Select a team from the list.")
        if not team.manager_email:
            raise CaseworkError(f"{team.name} has no manager email set up. Forward it to a worker instead.")
        recipients.append(Recipient("email", team.manager_email, "compliment_for_team", "team manager"))
    if worker_id is not None:
        worker = session.get(StaffUser, worker_id)
        if worker is None or not worker.active:
            raise CaseworkError("Select a worker from the list.")
        recipients.append(Recipient("email", worker.email, "compliment_for_team", "worker"))
    if not recipients:
        raise CaseworkError("Select a team or a worker to forward the compliment to.")
    rows = queue_notifications(session, rep, recipients, settings)
    record_event(
        session,
        "compliment_forwarded",
        representation=rep,
        staff=staff,
        detail="to " + ", ".join(r.address for r in recipients),
    )
    return rows


def sms_block_reason(session: Session, rep: Representation) -> str | None:
    """Why staff may not text this person, or None when they may."""
    if not rep.contact_phone:
        return "There is no mobile number for this person."
    if rep.contact_via_advocate:
        return "Contact only through their advocate: do not text them directly."
    if rep.safe_to_contact is not True:
        return "They have not told us it is safe to text them: do not text."
    contact = session.scalar(select(SmsContact).where(SmsContact.number == normalise_phone(rep.contact_phone)))
    if contact is not None and contact.opted_out:
        return "This number has opted out of texts (STOP): do not text."
    return None


def send_sms_reply(
    session: Session, rep: Representation, staff: StaffUser, settings: Mapping[str, Any], text: str
) -> Message:
    """Store a reply and queue it in the outbox; refused when it is not safe or not allowed to text."""
    blocked = sms_block_reason(session, rep)
    if blocked:
        raise CaseworkError(blocked)
    body = clean_text(text)
    if not body:
        raise CaseworkError("Enter the message to send.")
    if len(body) > SMS_REPLY_LIMIT:
        raise CaseworkError(f"A text must be {SMS_REPLY_LIMIT} characters or fewer.")
    conversation = session.scalar(
        select(Conversation)
        .where(Conversation.channel == "sms", Conversation.address == rep.contact_phone)
        .order_by(Conversation.id.desc())
        .limit(1)
    )
    message = Message(
        representation_id=rep.id,
        conversation_id=conversation.id if conversation else None,
        direction="out",
        body=body,
        sent_by=staff.email,
        status="queued",
    )
    session.add(message)
    session.flush()
    [notification] = queue_notifications(
        session, rep, [Recipient("sms", rep.contact_phone, "staff_reply_sms", "the person who got in touch")], settings
    )
    # A one-off message: the outbox row carries its text, and the worker updates the Message's status.
    notification.message_id = message.id
    notification.body = body
    record_event(session, "sms_reply_queued", representation=rep, staff=staff, detail=f"{len(body)} characters")
    return message


# ---------------------------------------------------------------- safeguarding alerts


def _alerts(session: Session, rep: Representation) -> Sequence[SafeguardingAlert]:
    return session.scalars(
        select(SafeguardingAlert)
        .where(SafeguardingAlert.representation_id == rep.id)
        .order_by(SafeguardingAlert.raised_at, SafeguardingAlert.id)
    ).all()


def alerts_for(session: Session, rep: Representation) -> Sequence[SafeguardingAlert]:
    return _alerts(session, rep)


def raise_alert(
    session: Session, rep: Representation, staff: StaffUser, settings: Mapping[str, Any], reason: str
) -> SafeguardingAlert:
    """A member of staff raises an alert by hand. It is urgent, and it never closes the complaint."""
    why = _reason(reason, "why you are worried")
    alert = SafeguardingAlert(representation_id=rep.id, raised_by=staff.email, rules="raised by staff", reason=why)
    session.add(alert)
    rep.safeguarding = True
    rep.urgent = True
    session.flush()
    queue_notifications(session, rep, safeguarding_recipients(settings, alert.raised_at or utcnow()), settings)
    record_event(
        session, "safeguarding_alert_raised", representation=rep, staff=staff, detail=f"alert {alert.id} raised by hand"
    )
    return alert


def record_alert_action(session: Session, alert: SafeguardingAlert, staff: StaffUser, action_taken: str) -> None:
    """A named person records what they did; the alert then leaves the top of the queue."""
    if not alert.is_open:
        raise CaseworkError("Someone has already recorded what was done about this alert.")
    alert.action_taken = _reason(action_taken, "what you did")
    alert.actioned_by = staff.name or staff.email
    alert.actioned_at = utcnow()
    record_event(
        session,
        "safeguarding_alert_actioned",
        representation=alert.representation,
        staff=staff,
        detail=f"alert {alert.id}",
    )


def mark_false_alarm(session: Session, alert: SafeguardingAlert, staff: StaffUser, reason: str) -> None:
    """Kept, with the reason, so the screen can be tuned and the decision checked."""
    if not alert.is_open:
        raise CaseworkError("Someone has already recorded what was done about this alert.")
    alert.action_taken = "False alarm: " + _reason(reason, "why this is a false alarm")
    alert.false_alarm = True
    alert.actioned_by = staff.name or staff.email
    alert.actioned_at = utcnow()
    record_event(
        session,
        "safeguarding_alert_false_alarm",
        representation=alert.representation,
        staff=staff,
        detail=f"alert {alert.id}",
    )


def alert_act_by(alert: SafeguardingAlert, settings: Mapping[str, Any]) -> date:
    """The day by which a named person should have acted on an alert: one working day after it was raised.

    Working Together 2023 expects a referral to be acknowledged within one working day (rules-reference.md §8).
    An alert raised at a weekend counts from the next working day, as a referral would.
    """
    calendar = calendar_for(settings)
    return calendar.add_working_days(calendar.clock_start(alert.raised_at), 1)


def alert_is_overdue(alert: SafeguardingAlert, settings: Mapping[str, Any], today: date) -> bool:
    return alert.is_open and today > alert_act_by(alert, settings)


def record_alert_view(session: Session, alert: SafeguardingAlert, staff: StaffUser) -> None:
    record_event(
        session,
        "safeguarding_alert_viewed",
        representation=alert.representation,
        staff=staff,
        detail=f"alert {alert.id}",
    )
