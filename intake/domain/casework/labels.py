"""The procedure's coded lists in words, for the staff pages and the annual report (translated on display).

A council's own refusal codes (``REFUSAL_REASONS``) that are not listed here show as their code in words.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from intake.models import ActionStatus, LgoResult, Outcome, PauseReason

OUTCOME_LABELS = {
    Outcome.UPHELD.value: _l("Upheld"),
    Outcome.PARTLY_UPHELD.value: _l("Partly upheld"),
    Outcome.NOT_UPHELD.value: _l("Not upheld"),
    Outcome.RESOLVED.value: _l("Resolved"),
    Outcome.WITHDRAWN.value: _l("Withdrawn"),
}

PAUSE_REASON_LABELS = {
    PauseReason.COURT.value: _l("Court proceedings"),
    PauseReason.TRIBUNAL.value: _l("A tribunal"),
    PauseReason.POLICE.value: _l("A police investigation"),
    PauseReason.DISCIPLINARY.value: _l("A disciplinary investigation"),
    PauseReason.COMPLAINANT_WISH.value: _l("The complainant asked us to wait"),
    PauseReason.OTHER.value: _l("Other proceedings"),
}

REFUSAL_LABELS = {
    "out_of_time": _l("Out of time: made more than 12 months after what happened"),
    "not_a_complaint": _l("Not a complaint (a request for a service, for example)"),
    "already_considered": _l("Already considered through the procedure"),
    "legal_proceedings": _l("The subject of legal proceedings"),
    "vexatious": _l("Unreasonably persistent or vexatious"),
    "outside_scope": _l("Outside the procedure's scope"),
}

PAYMENT_REASON_LABELS = {
    "time_and_trouble": _l("Time and trouble"),
    "distress": _l("Distress"),
    "financial_loss": _l("Money lost"),
    "delay": _l("Delay"),
    "ombudsman_remedy": _l("The Ombudsman's remedy"),
    "other": _l("Other"),
}

RESOLUTION_LABELS = {
    "apology": _l("An apology"),
    "explanation": _l("An explanation"),
    "information": _l("Information given"),
    "meeting": _l("A meeting"),
    "decision_changed": _l("A decision changed"),
    "service_change": _l("A change to the service"),
    "policy_change": _l("A change to a policy or procedure"),
    "training": _l("Training for staff"),
    "payment": _l("A payment"),
    "other": _l("Other"),
}

ACTION_STATUS_LABELS = {
    ActionStatus.OPEN.value: _l("Open"),
    ActionStatus.IN_PROGRESS.value: _l("In progress"),
    ActionStatus.DONE.value: _l("Done"),
    ActionStatus.DROPPED.value: _l("Dropped"),
}

LGO_OUTCOME_LABELS = {
    LgoResult.NOT_INVESTIGATED.value: _l("Not investigated"),
    LgoResult.INVESTIGATED_UPHELD.value: _l("Upheld"),
    LgoResult.INVESTIGATED_NOT_UPHELD.value: _l("Not upheld"),
}


def label(table: Mapping[str, object], key: object) -> str:
    """The words for ``key`` (an enum member or its value); a code nobody has words for, in words itself."""
    value = getattr(key, "value", key)
    found = table.get(str(value))
    return str(found) if found is not None else str(value).replace("_", " ").capitalize()
