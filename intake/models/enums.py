"""The fixed vocabularies of a representation. Values are stored as text."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Kind(StrEnum):
    COMPLAINT = "complaint"
    COMPLIMENT = "compliment"
    COMMENT = "comment"


class Procedure(StrEnum):
    """Which procedure a complaint follows. Undecided until staff triage it."""

    UNDECIDED = "undecided"
    STATUTORY = "statutory"  # Children Act 1989 representations procedure
    CORPORATE = "corporate"  # council's two-stage procedure (LGSCO Code)
    INFORMAL = "informal"  # resolved on the spot and logged


class Channel(StrEnum):
    SMS = "sms"
    WEBCHAT = "webchat"
    WEB_FORM = "web_form"
    EMAIL = "email"
    IN_PERSON = "in_person"
    LETTER = "letter"
    TELEPHONE = "telephone"
    NOT_KNOWN = "not_known"


class SubmittedBy(StrEnum):
    CHILD = "child"
    ADVOCATE = "advocate"
    PARENT = "parent"
    CARER = "carer"
    FOSTER_CARER = "foster_carer"
    RELATIVE = "relative"
    PROFESSIONAL = "professional"
    OTHER = "other"
    UNKNOWN = "unknown"


# Those whose submissions alert the children's rights officer.
CHILD_VOICES = frozenset({SubmittedBy.CHILD, SubmittedBy.ADVOCATE})


class Status(StrEnum):
    NEW = "new"  # received, nobody has acknowledged it yet
    OPEN = "open"  # acknowledged and being handled
    PAUSED = "paused"  # reg 8 pause: proceedings that consideration might prejudice
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Outcome(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"
    RESOLVED = "resolved"  # put right by agreement (a stage 1 local resolution)
    WITHDRAWN = "withdrawn"


class LgoResult(StrEnum):
    NOT_INVESTIGATED = "not_investigated"
    INVESTIGATED_UPHELD = "investigated_upheld"
    INVESTIGATED_NOT_UPHELD = "investigated_not_upheld"


class AlertLevel(StrEnum):
    """How soon a safeguarding alert must be acted on (Working Together 2023: same day where a child is in danger)."""

    IMMEDIATE = "immediate"  # harm now or tonight, suicide intent, not safe to go home: act the same day, or at once
    CONCERN = "concern"  # a worry a person must read: act by the next working day


class ContactMethod(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    PHONE = "phone"
    ADVOCATE = "advocate"
    NONE = "none"


class ChildAgreement(StrEnum):
    """For submissions made on a child's behalf."""

    YES = "yes"
    NOT_POSSIBLE = "not_possible"
    NOT_ASKED = "not_asked"


COMPLAINT_CATEGORIES: tuple[str, ...] = (
    "standards_of_service",
    "poor_communication",
    "breach_of_confidentiality",
    "finance",
    "staff_conduct",
    "child_protection",
    "standard_of_environment",
    "other",
)

COMPLIMENT_CATEGORIES: tuple[str, ...] = (
    "standard_of_practice",
    "standard_of_service",
    "partnership_working",
    "child_focus",
    "communication",
    "other",
)


# What staff read for each category: the codes are stored (and published in the report's JSON), never shown.
CATEGORY_LABELS = {
    "standards_of_service": _l("Standards of service"),
    "poor_communication": _l("Poor communication"),
    "breach_of_confidentiality": _l("Breach of confidentiality"),
    "finance": _l("Finance"),
    "staff_conduct": _l("Staff conduct"),
    "child_protection": _l("Child protection"),
    "standard_of_environment": _l("Standard of environment"),
    "standard_of_practice": _l("Standard of practice"),
    "standard_of_service": _l("Standard of service"),
    "partnership_working": _l("Partnership working"),
    "child_focus": _l("Child focus"),
    "communication": _l("Communication"),
    "other": _l("Other"),
}


def category_label(code: str) -> str:
    """The translated label of a category code (the code itself if it is not one of ours: an imported record)."""
    label = CATEGORY_LABELS.get(code)
    return str(label) if label is not None else code


def categories_for(kind: Kind) -> tuple[str, ...]:
    if kind is Kind.COMPLAINT:
        return COMPLAINT_CATEGORIES
    if kind is Kind.COMPLIMENT:
        return COMPLIMENT_CATEGORIES
    return ("other",)
