"""The council: its name, address, numbers and teams, and who is told of what. Demo defaults; a council sets these."""

from __future__ import annotations

from dataclasses import dataclass

from intake.config.reader import ConfigError, EnvReader, setting

# A typical council's children's social care teams. Override with COUNCIL_TEAMS="A;B;C".
DEFAULT_TEAMS: tuple[str, ...] = (
    "North neighbourhood social work team",
    "South neighbourhood social work team",
    "East neighbourhood social work team",
    "Leaving care",
    "All-ages disability",
    "Fostering",
    "Adoption",
    "Looked after children",
    "Multi-agency safeguarding hub",
    "Referral and assessment",
    "Special educational needs",
    "Youth service",
    "Other",
)
# create-user gives an advocate this organisation when none is named (intake/domain/staff_accounts.py).
DEFAULT_ADVOCACY_ORGANISATION = "Advocacy service"
DEFAULT_COMPLAINTS_EMAIL = "complaints@council.example"


@dataclass(frozen=True, slots=True)
class Council:
    name: str = setting("COUNCIL_NAME")
    # The address printed at the top of letters, ";" between lines.
    address: tuple[str, ...] = setting("COUNCIL_ADDRESS")
    rights_officer_phone: str = setting("RIGHTS_OFFICER_PHONE")
    front_door_phone: str = setting("FRONT_DOOR_PHONE")
    out_of_hours_phone: str = setting("OUT_OF_HOURS_PHONE")
    # Told to a complainant whenever a deadline is extended (LGSCO Complaint Handling Code 6.5).
    ombudsman_contact: str = setting("OMBUDSMAN_CONTACT")
    teams: tuple[str, ...] = setting("COUNCIL_TEAMS")
    # Whose advocates take the council's advocacy referrals (Children Act 1989 s26A): advocates whose account names
    # this organisation (spaces and letter case aside) see every case where a child asked for an advocate.
    advocacy_organisation: str = setting("ADVOCACY_ORGANISATION")
    # What marks an Independent Person as the council's own: an email address at one of these domains.
    email_domains: tuple[str, ...] = setting("COUNCIL_EMAIL_DOMAINS")


@dataclass(frozen=True, slots=True)
class Recipients:
    """Who is told. An address left empty is not told."""

    complaints_officer_email: str | None = setting("COMPLAINTS_OFFICER_EMAIL")
    advocacy_service_email: str | None = setting("ADVOCACY_SERVICE_EMAIL")
    rights_officer_email: str | None = setting("RIGHTS_OFFICER_EMAIL")
    rights_officer_mobile: str | None = setting("RIGHTS_OFFICER_MOBILE")
    safeguarding_email: str | None = setting("SAFEGUARDING_EMAIL")
    # The out-of-hours emergency duty team: also told of a safeguarding alert raised outside office hours.
    out_of_hours_email: str | None = setting("OUT_OF_HOURS_EMAIL")


def read_council(env: EnvReader) -> Council:
    complaints_email = env.text("COMPLAINTS_OFFICER_EMAIL", DEFAULT_COMPLAINTS_EMAIL)
    domains = env.text("COUNCIL_EMAIL_DOMAINS", complaints_email.rpartition("@")[2])
    return Council(
        name=env.text("COUNCIL_NAME", "Demo Borough Council"),
        address=env.lines("COUNCIL_ADDRESS", "Complaints Team;Town Hall;1 High Street;Demo Town DT1 1AA"),
        rights_officer_phone=env.text("RIGHTS_OFFICER_PHONE", "0800 123 4567"),
        front_door_phone=env.text("FRONT_DOOR_PHONE", "0300 123 4567"),
        out_of_hours_phone=env.text("OUT_OF_HOURS_PHONE", "0300 123 9999"),
        ombudsman_contact=env.text("OMBUDSMAN_CONTACT", "www.lgo.org.uk, 0300 061 0614"),
        teams=env.lines("COUNCIL_TEAMS", ";".join(DEFAULT_TEAMS)),
        advocacy_organisation=(env.optional("ADVOCACY_ORGANISATION") or "").strip() or DEFAULT_ADVOCACY_ORGANISATION,
        email_domains=tuple(d.strip().lower() for d in domains.split(",") if d.strip()),
    )


def read_recipients(env: EnvReader) -> Recipients:
    return Recipients(
        complaints_officer_email=env.text("COMPLAINTS_OFFICER_EMAIL", DEFAULT_COMPLAINTS_EMAIL),
        advocacy_service_email=env.text("ADVOCACY_SERVICE_EMAIL", "advocacy@advocacy.example"),
        rights_officer_email=env.text("RIGHTS_OFFICER_EMAIL", "childrens-rights@council.example"),
        rights_officer_mobile=env.optional("RIGHTS_OFFICER_MOBILE"),
        safeguarding_email=env.text("SAFEGUARDING_EMAIL", "mash@council.example"),
        out_of_hours_email=env.text("OUT_OF_HOURS_EMAIL", "emergency-duty@council.example"),
    )


def check_council(s: Council) -> None:
    if len(s.advocacy_organisation) > 200:
        raise ConfigError("ADVOCACY_ORGANISATION must be 200 characters or fewer (an advocate's organisation)")
