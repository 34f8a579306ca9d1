"""Demo data for `make run`: staff accounts and cases at every stage, so every page has something in it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import Session

from intake.data.demo import first_advocate, staff_by_email
from intake.data.teams import all_teams
from intake.domain import clock
from intake.domain.staff_accounts import create_staff_user
from intake.domain.submit import Submission, submit
from intake.models import (
    Channel,
    ContactMethod,
    Kind,
    LgoResult,
    OmbudsmanReferral,
    Outcome,
    Procedure,
    Representation,
    Role,
    Stage,
    Status,
    SubmittedBy,
)

DEMO_PASSWORD = "demo-password-1234"
# Fixed secrets so a developer can add them to an authenticator app once and keep using them.
DEMO_USERS = (
    ("officer@council.example", Role.COMPLAINTS_OFFICER, "Sam Officer", None, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    ("rights@council.example", Role.RIGHTS_OFFICER, "Ravi Rights", None, "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"),
    ("manager@council.example", Role.MANAGER, "Mo Manager", "Leaving care", "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"),
    ("advocate@advocacy.example", Role.ADVOCATE, "Alex Advocate", None, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    ("admin@council.example", Role.ADMIN, "Ada Admin", None, "ONSWG4TFORZWK4TFONSWG4TFORZWK4TF"),
)

_SAMPLES = (
    (Kind.COMPLAINT, Channel.SMS, SubmittedBy.CHILD, "My social worker never calls me back. I have left 3 messages."),
    (
        Kind.COMPLAINT,
        Channel.WEB_FORM,
        SubmittedBy.PARENT,
        "We were not told about the change of placement until the day.",
    ),
    (Kind.COMPLAINT, Channel.WEBCHAT, SubmittedBy.CHILD, "My allowance stopped and nobody told me why."),
    (
        Kind.COMPLAINT,
        Channel.TELEPHONE,
        SubmittedBy.FOSTER_CARER,
        "The review meeting was cancelled twice with no notice.",
    ),
    (
        Kind.COMPLAINT,
        Channel.EMAIL,
        SubmittedBy.ADVOCATE,
        "The young person was not asked for their views before the move.",
    ),
    (Kind.COMPLIMENT, Channel.WEB_FORM, SubmittedBy.CHILD, "My leaving care worker helped me get my flat. Thank you!"),
    (Kind.COMPLIMENT, Channel.SMS, SubmittedBy.CARER, "Thank you to the fostering team for all the support this year."),
    (Kind.COMMENT, Channel.WEB_FORM, SubmittedBy.CHILD, "Could meetings be after school, not in the day?"),
    (Kind.COMMENT, Channel.WEBCHAT, SubmittedBy.CHILD, "It would be good to have wifi in the contact centre."),
)

_CATEGORIES = {Kind.COMPLAINT: ("poor_communication",), Kind.COMPLIMENT: ("standard_of_practice",)}


def create_demo_users(session: Session) -> list[tuple[str, str, str]]:
    out = []
    for email, role, name, team, secret in DEMO_USERS:
        if staff_by_email(session, email) is None:
            create_staff_user(
                session,
                email=email,
                role=role.value,
                password=DEMO_PASSWORD,
                name=name,
                # The demo advocate gets create-user's default organisation: the one that takes referrals.
                team_name=team,
                totp_secret=secret,
            )
        out.append((email, role.value, secret))
    return out


def create_demo_cases(session: Session, settings, *, count: int = 30, seed: int = 7) -> int:
    """Cases spread over the last few months, at every stage and status. The caller commits."""
    rng = random.Random(seed)
    teams = all_teams(session)
    advocate = first_advocate(session)
    calendar = clock.WorkingCalendar.from_settings(settings)
    today = datetime.now(UTC).date()
    made = 0
    for i in range(count):
        kind, channel, who, words = _SAMPLES[i % len(_SAMPLES)]
        received = datetime.combine(today - timedelta(days=rng.randint(0, 120)), time(10, 30), tzinfo=UTC)
        result = submit(
            session,
            Submission(
                kind=kind,
                channel=channel,
                submitted_by=who,
                what_happened=words,
                team_id=rng.choice(teams).id if teams else None,
                categories=_CATEGORIES.get(kind, ()),
                received_at=received,
                advocate_requested=who is SubmittedBy.CHILD and i % 3 == 0,
                advocate_id=advocate.id if who is SubmittedBy.ADVOCATE and advocate else None,
                contact_phone="07700 900" + f"{100 + i:03d}" if channel in (Channel.SMS, Channel.WEBCHAT) else None,
                safe_to_contact=bool(i % 4),
                preferred_contact=ContactMethod.SMS if i % 2 else ContactMethod.NONE,
                actor="demo data",
            ),
            settings,
        )
        rep = result.representation
        _advance(rep, calendar, i, rng, today)
        if i % 12 == 5 and len(rep.stages) == 3:  # taken to the Ombudsman, who did not investigate
            referred = rep.stages[2].requested_on
            session.add(
                OmbudsmanReferral(representation_id=rep.id, referred_on=referred, outcome=LgoResult.NOT_INVESTIGATED)
            )
        made += 1
    return made


def _advance(rep: Representation, calendar: clock.WorkingCalendar, i: int, rng: random.Random, today) -> None:
    """Move a demo case along: some acknowledged, some answered, some escalated to stages 2 and 3."""
    if rep.kind is not Kind.COMPLAINT:
        if i % 2:
            rep.acknowledged_on = calendar.add_working_days(rep.received_on, 1)
            rep.status = Status.CLOSED
            rep.closed_on = rep.acknowledged_on
        return
    rep.procedure = Procedure.STATUTORY if i % 5 else Procedure.CORPORATE
    step = i % 6
    if step == 0:
        return  # new, not yet acknowledged
    rep.acknowledged_on = min(calendar.add_working_days(rep.received_on, 2), today)
    rep.status = Status.OPEN
    if step > 1:
        _answer_stage_1(rep, calendar, i, rng, today)


def _answer_stage_1(rep: Representation, calendar: clock.WorkingCalendar, i: int, rng: random.Random, today) -> None:
    step = i % 6
    stage1 = rep.stages[0]
    responded = calendar.add_working_days(stage1.started_on, rng.choice((6, 9, 12)))
    if responded > today:
        return
    stage1.responded_on = responded
    stage1.outcome = rng.choice(list(Outcome)[:3])
    if step in (2, 3):
        rep.status, rep.closed_on = Status.CLOSED, responded
        return
    requested = calendar.add_working_days(responded, 5)
    if requested <= today:
        _escalate(rep, calendar, requested, i, today)


def _escalate(rep: Representation, calendar: clock.WorkingCalendar, requested, i: int, today) -> None:
    """Stage 2 from ``requested``; for some, its answer and a stage 3 panel after it."""
    stage2 = Stage(
        number=2,
        requested_on=requested,
        started_on=requested,
        due_on=calendar.add_working_days(requested, 25),
        investigating_officer="Jo Investigator",
        independent_person="Pat Independent",
    )
    rep.stages.append(stage2)
    done = calendar.add_working_days(requested, 24)
    if i % 6 == 4 or done > today:
        return
    stage2.responded_on, stage2.outcome = done, Outcome.PARTLY_UPHELD
    req3 = calendar.add_working_days(done, 10)
    if req3 > today:
        return
    panel_by = calendar.add_working_days(req3, 30)
    rep.stages.append(Stage(number=3, requested_on=req3, started_on=req3, due_on=panel_by, panel_due_on=panel_by))
