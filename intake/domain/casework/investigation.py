"""Stage 2: appointing the Investigating Officer and the Independent Person (reg 17(2); rules-reference §10
item 16), each with a declaration of independence.

Both declare that they are not involved in the case and do not line-manage the service complained about. The
Independent Person must also be "neither a member nor an officer of the local authority ... nor the spouse or
civil partner of such a person" (reg 2): they declare it, and an email address on one of the council's domains
(``COUNCIL_EMAIL_DOMAINS``) or of a staff account here is refused as the council's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import staff as staff_data
from intake.domain.audit import record_event
from intake.domain.casework.rules import (
    CaseworkError,
    person_name,
    require_not_before,
    require_not_future,
    require_open,
    same_person,
    started_stage,
)
from intake.domain.sanitise import clean_text
from intake.models import InvestigatorRole, Procedure, Representation, StaffUser, Stage, StageInvestigator

ROLE_NAMES = {
    InvestigatorRole.INVESTIGATING_OFFICER: "Investigating Officer",
    InvestigatorRole.INDEPENDENT_PERSON: "Independent Person",
}


@dataclass(frozen=True)
class Appointee:
    """Who is appointed, and what they declared."""

    name: str
    organisation: str = ""
    email: str = ""
    not_involved: bool = False
    not_line_manager: bool = False
    not_council: bool = False  # the Independent Person: not a member or officer of the council
    not_council_partner: bool = False  # the Independent Person: nor the spouse or civil partner of one


def _email(text: str) -> str:
    address = clean_text(text).strip().lower()[:320]
    if address and ("@" not in address or " " in address or address.startswith("@") or address.endswith("@")):
        raise CaseworkError("Enter an email address in the right format, like name@example.org.")
    return address


def _check_declarations(role: InvestigatorRole, who: Appointee) -> None:
    title = ROLE_NAMES[role]
    if not (who.not_involved and who.not_line_manager):
        raise CaseworkError(
            f"The {title} must not be involved in the case nor line-manage the service complained about. "
            "Appoint someone who can declare both."
        )
    if role is InvestigatorRole.INDEPENDENT_PERSON and not (who.not_council and who.not_council_partner):
        raise CaseworkError(
            "The Independent Person cannot be a member or officer (employee) of the council, nor the spouse or "
            "civil partner of one (reg 2). Appoint someone from outside the council."
        )


def _check_independent_email(session: Session, settings: Settings, email: str) -> None:
    domain = email.rpartition("@")[2]
    own = set(settings.council.email_domains)  # lower case already
    if domain in own or staff_data.staff_by_email(session, email) is not None:
        raise CaseworkError(
            "The Independent Person's email address is the council's own, so they look like an employee. "
            "An Independent Person cannot be an officer of the council: appoint someone from outside it."
        )


def _check_other(stage: Stage, role: InvestigatorRole, name: str, email: str) -> None:
    other = next((i for i in stage.investigators if i.role is not role), None)
    if other is not None and (same_person(other.name, name) or (email and email == other.email)):
        raise CaseworkError("The Independent Person must be someone other than the Investigating Officer.")


def appoint(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    role: InvestigatorRole,
    who: Appointee,
    appointed_on: date,
    today: date | None = None,
) -> StageInvestigator:
    """Appoint (or replace) stage 2's Investigating Officer or Independent Person."""
    require_open(rep)
    stage = started_stage(rep, 2, "Investigators are appointed")
    if rep.procedure is Procedure.CORPORATE:
        raise CaseworkError("A corporate stage 2 has a handler, not an Investigating Officer: choose its handler.")
    name = person_name(who.name)
    if not name:
        raise CaseworkError(f"Enter the {ROLE_NAMES[role]}'s name.")
    email = _email(who.email)
    _check_declarations(role, who)
    if role is InvestigatorRole.INDEPENDENT_PERSON and email:
        _check_independent_email(session, settings, email)
    _check_other(stage, role, name, email)
    require_not_before(
        appointed_on, stage.requested_on or stage.started_on, "The appointment cannot be before stage 2 was asked for"
    )
    require_not_future(appointed_on, today, "appointment date")
    record = next((i for i in stage.investigators if i.role is role), None)
    if record is None:
        record = StageInvestigator(role=role, appointed_on=appointed_on, appointed_by=staff.email, name=name)
        stage.investigators.append(record)
    record.name, record.organisation, record.email = name, person_name(who.organisation), email
    record.not_involved, record.not_line_manager = who.not_involved, who.not_line_manager
    record.not_council, record.not_council_partner = who.not_council, who.not_council_partner
    record.appointed_on, record.appointed_by = appointed_on, staff.email
    if role is InvestigatorRole.INVESTIGATING_OFFICER:
        stage.investigating_officer = name
    else:
        stage.independent_person = name
    record_event(
        session,
        "investigator_appointed",
        representation=rep,
        staff=staff,
        detail=f"stage 2 {ROLE_NAMES[role]} appointed on {appointed_on.isoformat()}",
    )
    return record


def record_investigation(
    session: Session,
    rep: Representation,
    staff: StaffUser,
    settings: Settings,
    investigating_officer: Appointee,
    independent_person: Appointee,
    appointed_on: date,
    today: date | None = None,
) -> Stage:
    """Both at once, as the stage 2 form has them: the Investigating Officer first."""
    appoint(
        session,
        rep,
        staff,
        settings,
        InvestigatorRole.INVESTIGATING_OFFICER,
        investigating_officer,
        appointed_on,
        today,
    )
    appoint(session, rep, staff, settings, InvestigatorRole.INDEPENDENT_PERSON, independent_person, appointed_on, today)
    return started_stage(rep, 2, "Investigators are appointed")
