"""Stage 2: the Investigating Officer and the Independent Person (reg 17(2)), who must be different people."""

from __future__ import annotations

from sqlalchemy.orm import Session

from intake.domain.audit import record_event
from intake.domain.casework.rules import CaseworkError, person_name, require_open, same_person, started_stage
from intake.models import Representation, StaffUser, Stage


def record_investigation(
    session: Session, rep: Representation, staff: StaffUser, investigating_officer: str, independent_person: str
) -> Stage:
    require_open(rep)
    stage = started_stage(rep, 2, "Investigators are appointed")
    io, ip = person_name(investigating_officer), person_name(independent_person)
    if not io or not ip:
        raise CaseworkError("Enter both the Investigating Officer and the Independent Person.")
    if same_person(io, ip):
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
