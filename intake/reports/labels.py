"""The annual report's codes in words, for its page, its PDF and its CSV's readers (translated on display)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


def outcome_label(key: str) -> str:
    return {
        "upheld": _("Upheld"),
        "partly_upheld": _("Partly upheld"),
        "not_upheld": _("Not upheld"),
        "resolved": _("Resolved"),
        "withdrawn": _("Withdrawn"),
        "refused": _("Refused"),
        "open": _("Still open"),
        "not_known": _("Not recorded"),
    }.get(key, key)


def method_label(key: str) -> str:
    return {
        "sms": _("Text message"),
        "webchat": _("Web chat"),
        "web_form": _("Web form"),
        "email": _("Email"),
        "in_person": _("In person"),
        "letter": _("Letter"),
        "telephone": _("Telephone"),
        "not_known": _("Not recorded"),
    }.get(key, key)


def category_label(key: str) -> str:
    return {
        "standards_of_service": _("Standards of service"),
        "poor_communication": _("Poor communication"),
        "breach_of_confidentiality": _("Breach of confidentiality"),
        "finance": _("Finance"),
        "staff_conduct": _("Staff conduct"),
        "child_protection": _("Child protection"),
        "standard_of_environment": _("Standard of environment"),
        "standard_of_practice": _("Standard of practice"),
        "standard_of_service": _("Standard of service"),
        "partnership_working": _("Partnership working"),
        "child_focus": _("Child focus"),
        "communication": _("Communication"),
        "other": _("Other"),
        "not_known": _("Not recorded"),
    }.get(key, key)


def team_label(name: str) -> str:
    return _("Not recorded") if name == "not_known" else name


def pounds(pence) -> str:
    if not isinstance(pence, int):
        return str(pence)
    return f"£{pence / 100:,.2f}"


# The written sections' labels, in NARRATIVE_SECTIONS order: with the figures they make the LGSCO Complaint
# Handling Code 8.1 report (self-assessment, refused complaints, non-compliance, improvements, the Ombudsman's letter).
SECTION_LABELS = {
    "learning": _l("What we learnt"),
    "service_improvements": _l("How we improved services"),
    "self_assessment": _l("Our self-assessment against the Ombudsman's Complaint Handling Code"),
    "refused_summary": _l("The kinds of complaints we refused, and why"),
    "non_compliance": _l("Findings of non-compliance with the Code, and what we did"),
    "ombudsman_letter": _l("The Ombudsman's annual letter"),
    "ombudsman_reports": _l("Other Ombudsman reports about us"),
}
