"""Checking each line: one small checker per group of columns, collecting every problem rather than the first.

A line's text becomes a ``Facts`` value when nothing is wrong with it; ``rows.build`` turns that into what
is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from intake.domain.records_import.reading import Problem, RawRow, _
from intake.domain.sanitise import clean_text
from intake.models import Channel, Kind, LgoResult, SubmittedBy
from intake.models.enums import categories_for

OUTCOMES: tuple[str, ...] = ("upheld", "partly_upheld", "not_upheld", "withdrawn", "open")
IMPORT_PROCEDURES: tuple[str, ...] = ("statutory", "corporate", "informal")
KINDS = tuple(k.value for k in Kind)
CHANNELS = tuple(c.value for c in Channel)
SUBMITTERS = tuple(s.value for s in SubmittedBy)
LGO_RESULTS = tuple(r.value for r in LgoResult)
STAGE_COLUMNS = (
    "stage",
    "stage1_responded_on",
    "stage2_requested_on",
    "stage2_responded_on",
    "stage3_requested_on",
    "stage3_responded_on",
)
# Enum values read once, not per row (an enum member's .value is a property lookup).
COMPLAINT, NOT_KNOWN, UNKNOWN = Kind.COMPLAINT.value, Channel.NOT_KNOWN.value, SubmittedBy.UNKNOWN.value
MAX_REFERENCE = 40
MAX_TEAM = 200
# The most stages each procedure has ("" is a complaint whose procedure the file does not give).
STAGE_LIMITS = {"corporate": 2, "informal": 1}


@dataclass
class Facts:
    """What one line says, checked."""

    reference: str = ""
    kind: str | None = None
    received: date | None = None
    procedure: str | None = None
    method: str | None = NOT_KNOWN
    submitted_by: str | None = UNKNOWN
    advocate: bool = False
    team: str | None = None
    outcome: str | None = None
    referral: dict[str, Any] | None = None  # OmbudsmanReferral columns, when the line has a referral
    payments: list[dict[str, Any]] = field(default_factory=list)  # CompensationPayment columns, in order
    codes: tuple[str, ...] = ()
    top_stage: int | None = None
    requested: dict[int, date | None] = field(default_factory=dict)
    responded: dict[int, date | None] = field(default_factory=dict)
    reached: int = 1


@dataclass
class Cells:
    """One line's text and the problems found in it so far."""

    line: int
    raw: RawRow
    today: date
    found: list[Problem] = field(default_factory=list)

    def bad(self, column: str, message: str) -> None:
        self.found.append(Problem(self.line, column, message))

    def choice(self, column: str, allowed: tuple[str, ...], default: str | None = None) -> str | None:
        value = self.raw.get(column, "").lower()
        if not value:
            return default
        if value not in allowed:
            self.bad(
                column,
                _(
                    '"%(value)s" is not allowed here. Use one of: %(allowed)s',
                    value=self.raw[column],
                    allowed=", ".join(allowed),
                ),
            )
            return default
        return value

    def day(self, column: str) -> date | None:
        value = self.raw.get(column, "")
        if not value:
            return None
        try:
            parsed = _parse_date(value)
        except ValueError:
            self.bad(column, _('"%(value)s" is not a date. Write dates as YYYY-MM-DD, like 2016-04-01.', value=value))
            return None
        if parsed > self.today:
            self.bad(column, _("%(value)s is in the future.", value=value))
            return None
        return parsed


def _parse_date(raw: str) -> date:
    if len(raw) != 10:
        raise ValueError(raw)
    return date.fromisoformat(raw)


def check_line(cells: Cells) -> Facts | None:
    """The line's facts, or None with its problems in ``cells.found``."""
    facts = Facts()
    _identity(cells, facts)
    _about(cells, facts)
    _result(cells, facts)
    _categories(cells, facts)
    _stage_dates(cells, facts)
    if facts.kind and facts.kind != COMPLAINT:
        _only_complaints_have_stages(cells)
    facts.reached = _reached(facts)
    if facts.kind == COMPLAINT:
        _stages_agree(cells, facts)
    return None if cells.found else facts


def _identity(cells: Cells, facts: Facts) -> None:
    """reference, kind, received_on: without these a line means nothing."""
    raw = cells.raw
    facts.reference = raw.get("reference", "")
    if not facts.reference:
        cells.bad("reference", _("Every record needs a reference."))
    elif len(facts.reference) > MAX_REFERENCE:
        cells.bad("reference", _("A reference can be at most %(max)s characters.", max=MAX_REFERENCE))
    if not raw.get("kind", ""):
        cells.bad("kind", _("Every record needs a kind: complaint, compliment or comment."))
    else:
        facts.kind = cells.choice("kind", KINDS)
    facts.received = cells.day("received_on")
    if not raw.get("received_on"):
        cells.bad("received_on", _("Every record needs the date it was received."))


def _about(cells: Cells, facts: Facts) -> None:
    """procedure, method, submitted_by, advocate, team."""
    facts.procedure = cells.choice("procedure", IMPORT_PROCEDURES)
    facts.method = cells.choice("method", CHANNELS, NOT_KNOWN)
    facts.submitted_by = cells.choice("submitted_by", SUBMITTERS, UNKNOWN)
    facts.advocate = cells.choice("advocate", ("yes", "no"), "no") == "yes"
    facts.team = cells.raw.get("team", "") or None
    if facts.team and len(facts.team) > MAX_TEAM:
        cells.bad("team", _("A team name can be at most %(max)s characters.", max=MAX_TEAM))


def _result(cells: Cells, facts: Facts) -> None:
    """outcome; the Ombudsman (lgo and its dates) and the payments have checkers of their own."""
    facts.outcome = cells.choice("outcome", OUTCOMES)
    _ombudsman(cells, facts)
    _payments(cells, facts)


def _ombudsman(cells: Cells, facts: Facts) -> None:
    """lgo (the decision), lgo_referred_on, lgo_reference, lgo_decided_on, lgo_remedy: one referral."""
    outcome = cells.choice("lgo", LGO_RESULTS)
    referred, decided = cells.day("lgo_referred_on"), cells.day("lgo_decided_on")
    reference = cells.raw.get("lgo_reference", "")
    remedy = clean_text(cells.raw.get("lgo_remedy", "")) or None
    if not (outcome or referred or reference or decided or remedy):
        return
    if decided and not outcome:
        cells.bad("lgo", _("Give the Ombudsman's decision for the date it was decided."))
    if referred and facts.received and referred < facts.received:
        cells.bad("lgo_referred_on", _("This is before the complaint was received."))
    if referred and decided and decided < referred:
        cells.bad("lgo_decided_on", _("The decision is dated before the referral."))
    if len(reference) > MAX_REFERENCE:
        cells.bad("lgo_reference", _("A reference can be at most %(max)s characters.", max=MAX_REFERENCE))
    facts.referral = {
        "referred_on": referred,
        "lgo_reference": reference or None,
        "decided_on": decided,
        "outcome": outcome,
        "remedy": remedy,
    }


def _pence(cells: Cells, column: str) -> int | None:
    text = cells.raw.get(column, "")
    if not text:
        return None
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    cells.bad(column, _('"%(value)s" is not an amount in pence. Write whole pence, like 25000.', value=text))
    return None


def _payments(cells: Cells, facts: Facts) -> None:
    """compensation_pence (0 means none), compensation_detail, compensation_paid_on; payment2_... to payment5_..."""
    columns = [("compensation_pence", "compensation_paid_on", "compensation_detail")]
    columns += [(f"payment{n}_pence", f"payment{n}_paid_on", f"payment{n}_detail") for n in range(2, 6)]
    for number, (amount, paid, detail) in enumerate(columns, start=1):
        pence, paid_on = _pence(cells, amount), cells.day(paid)
        text = clean_text(cells.raw.get(detail, "")) or ""
        if number > 1 and pence == 0:
            cells.bad(amount, _("A payment is more than 0 pence. Leave the columns empty for no payment."))
        if not pence:
            if (paid_on or (number > 1 and text)) and pence is None:
                cells.bad(amount, _("Give the amount of this payment in pence."))
            continue
        if paid_on and facts.received and paid_on < facts.received:
            cells.bad(paid, _("This is before the complaint was received."))
        facts.payments.append({"amount_pence": pence, "paid_on": paid_on, "reason": "other", "detail": text})


def _categories(cells: Cells, facts: Facts) -> None:
    """categories: each one of the kind's own, separated by semicolons."""
    text = cells.raw.get("categories")
    if not (text and facts.kind):
        return
    allowed = categories_for(Kind(facts.kind))
    facts.codes = tuple(dict.fromkeys(c.strip().lower() for c in text.split(";") if c.strip()))
    for code in facts.codes:
        if code not in allowed:
            cells.bad(
                "categories",
                _(
                    '"%(value)s" is not a category for a %(kind)s. Use: %(allowed)s',
                    value=code,
                    kind=facts.kind,
                    allowed=", ".join(allowed),
                ),
            )


def _stage_dates(cells: Cells, facts: Facts) -> None:
    """stage and the stage dates, each on its own."""
    stage_text = cells.raw.get("stage", "")
    if stage_text:
        facts.top_stage = int(stage_text) if stage_text in ("1", "2", "3") else None
        if facts.top_stage is None:
            cells.bad("stage", _('"%(value)s" is not a stage. Use 1, 2 or 3.', value=stage_text))
    facts.responded = {n: cells.day(f"stage{n}_responded_on") for n in (1, 2, 3)}
    facts.requested = {n: cells.day(f"stage{n}_requested_on") for n in (2, 3)}


def _only_complaints_have_stages(cells: Cells) -> None:
    used = [c for c in STAGE_COLUMNS if cells.raw.get(c)] + [c for c in ("procedure", "outcome") if cells.raw.get(c)]
    for column in used:
        cells.bad(column, _("Only complaints have a procedure, stages and an outcome."))


def _reached(facts: Facts) -> int:
    """The stage reached: the one given, or the highest with any date."""
    dated = [n for n in (2, 3) if facts.requested[n] or facts.responded[n]]
    return facts.top_stage or (max(dated) if dated else 1)


def _stages_agree(cells: Cells, facts: Facts) -> None:
    """A complaint's stages fit its procedure, and its dates come in order."""
    limit = STAGE_LIMITS.get(facts.procedure or "", 3)
    if facts.reached > limit:
        message = _("A %(procedure)s complaint has at most %(count)s stage(s).", procedure=facts.procedure, count=limit)
        cells.bad("stage", message)
    _stages_present(cells, facts, limit)
    _dates_in_order(cells, facts)
    if facts.outcome == "open" and facts.responded.get(facts.reached):
        cells.bad("outcome", _("An open complaint has no response yet at stage %(stage)s.", stage=facts.reached))


def _stages_present(cells: Cells, facts: Facts, limit: int) -> None:
    """No dates for stages after the one reached; a request date for every stage up to it."""
    requested, responded, reached = facts.requested, facts.responded, facts.reached
    for n in (2, 3):
        if n > reached and (requested[n] or responded[n]):
            cells.bad(
                f"stage{n}_requested_on" if requested[n] else f"stage{n}_responded_on",
                _("This record reached stage %(stage)s, so it has no stage %(later)s dates.", stage=reached, later=n),
            )
    for n in (2, 3):
        if n <= min(reached, limit) and requested[n] is None:
            cells.bad(f"stage{n}_requested_on", _("Give the date stage %(stage)s was asked for.", stage=n))


def _dates_in_order(cells: Cells, facts: Facts) -> None:
    requested, responded, received = facts.requested, facts.responded, facts.received
    starts = {1: received, 2: requested[2], 3: requested[3]}
    for n in (1, 2, 3):
        start, answer = starts[n], responded[n]
        if start and answer and answer < start:
            cells.bad(f"stage{n}_responded_on", _("The response is dated before the stage started."))
    for n in (2, 3):
        asked = requested[n]
        if received and asked and asked < received:
            cells.bad(f"stage{n}_requested_on", _("This is before the complaint was received."))
