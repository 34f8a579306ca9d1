"""Plain helpers that make test data with sensible defaults."""

from __future__ import annotations

from datetime import UTC, date, datetime

from intake.domain.staff_accounts import create_staff_user
from intake.domain.submit import Submission, submit
from intake.domain.teams import sync_teams
from intake.extensions import db
from intake.models import Channel, Kind, Outcome, Representation, StaffUser, SubmittedBy

PASSWORD = "correct-horse-battery"


def create_teams(names=("Leaving care", "Fostering", "Other")):
    teams = sync_teams(db.session, names)
    db.session.commit()
    return teams


def create_staff(email="officer@council.example", role="complaints_officer", **kwargs) -> StaffUser:
    user = create_staff_user(db.session, email=email, role=role, password=kwargs.pop("password", PASSWORD), **kwargs)
    db.session.commit()
    return user


def create_representation(
    *,
    kind: Kind = Kind.COMPLAINT,
    channel: Channel = Channel.WEB_FORM,
    submitted_by: SubmittedBy = SubmittedBy.CHILD,
    what_happened: str = "My social worker never calls me back.",
    received_at: datetime | None = None,
    **kwargs,
) -> Representation:
    from flask import current_app

    result = submit(
        db.session,
        Submission(
            kind=kind,
            channel=channel,
            submitted_by=submitted_by,
            what_happened=what_happened,
            received_at=received_at or datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
            **kwargs,
        ),
        current_app.config,
    )
    db.session.commit()  # submit() never commits: a test's factory is the edge here
    return result.representation


def create_closed_case(session, settings, officer: StaffUser, closed_on=date(2026, 11, 20), **kwargs) -> Representation:
    """A case answered on 20 November 2026 and closed on ``closed_on``: kept six years (RETENTION_YEARS), so
    from 21 November 2032 retention says it must go."""
    from intake.domain import casework

    rep = create_representation(**kwargs)
    casework.record_response(session, rep, officer, Outcome.UPHELD, date(2026, 11, 10), date(2026, 11, 20))
    casework.add_note(session, rep, officer, "Spoke to her on the phone")
    casework.close(session, rep, officer, settings, closed_on)
    session.commit()
    return rep
