"""The complaints procedure's calendar and timescales: office hours, closure days, the statutory timescales (law,
rules-reference.md §9) and the corporate procedure's (the council's own, LGSCO Code defaults), refusal reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from intake.config.reader import ConfigError, EnvReader, setting

# Reasons a council may refuse to consider a complaint or take it to the next stage (LGSCO Code 2.2-2.5).
DEFAULT_REFUSAL_REASONS: tuple[str, ...] = (
    "out_of_time",
    "not_a_complaint",
    "already_considered",
    "legal_proceedings",
    "vexatious",
    "outside_scope",
)


@dataclass(frozen=True, slots=True)
class Procedure:
    office_opens: time = setting("OFFICE_OPENS")
    office_closes: time = setting("OFFICE_CLOSES")
    # Council closure days that are not bank holidays (e.g. a Christmas shutdown).
    closure_days: tuple[date, ...] = setting("CLOSURE_DAYS")
    # Items received after this time (Europe/London) count as received the next working day.
    receipt_cut_off: time = setting("RECEIPT_CUT_OFF")
    # Timescales in working days.
    statutory_ack_days: int = setting("STATUTORY_ACK_DAYS")
    corporate_ack_days: int = setting("CORPORATE_ACK_DAYS")
    corporate_stage1_days: int = setting("CORPORATE_STAGE1_DAYS")
    corporate_stage1_extension_days: int = setting("CORPORATE_STAGE1_EXTENSION_DAYS")
    corporate_stage2_ack_days: int = setting("CORPORATE_STAGE2_ACK_DAYS")
    corporate_stage2_days: int = setting("CORPORATE_STAGE2_DAYS")
    corporate_stage2_extension_days: int = setting("CORPORATE_STAGE2_EXTENSION_DAYS")
    corporate_escalation_days: int = setting("CORPORATE_ESCALATION_DAYS")
    refusal_reasons: tuple[str, ...] = setting("REFUSAL_REASONS")
    # Closed cases are kept this long after closure.
    retention_years: int = setting("RETENTION_YEARS")


def _codes(env: EnvReader, name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    raw = env.optional(name)
    if raw is None:
        return default
    codes = tuple(dict.fromkeys(c.strip() for c in raw.split(";") if c.strip()))
    if not codes or any(not (c.isascii() and c.replace("_", "").isalnum() and len(c) <= 40) for c in codes):
        raise ConfigError(f"{name} must be ;-separated codes of letters, digits and underscores, got {raw!r}")
    return codes


def read_procedure(env: EnvReader) -> Procedure:
    return Procedure(
        office_opens=env.time_of_day("OFFICE_OPENS", "09:00"),
        office_closes=env.time_of_day("OFFICE_CLOSES", "17:00"),
        closure_days=env.dates("CLOSURE_DAYS"),
        receipt_cut_off=env.time_of_day("RECEIPT_CUT_OFF", "23:59:59"),
        statutory_ack_days=env.number("STATUTORY_ACK_DAYS", 3, 2, 5),
        corporate_ack_days=env.number("CORPORATE_ACK_DAYS", 5, 1, 10),
        corporate_stage1_days=env.number("CORPORATE_STAGE1_DAYS", 10, 1, 20),
        corporate_stage1_extension_days=env.number("CORPORATE_STAGE1_EXTENSION_DAYS", 10, 0, 10),
        corporate_stage2_ack_days=env.number("CORPORATE_STAGE2_ACK_DAYS", 5, 1, 10),
        corporate_stage2_days=env.number("CORPORATE_STAGE2_DAYS", 20, 1, 40),
        corporate_stage2_extension_days=env.number("CORPORATE_STAGE2_EXTENSION_DAYS", 20, 0, 20),
        corporate_escalation_days=env.number("CORPORATE_ESCALATION_DAYS", 20, 5, 60),
        refusal_reasons=_codes(env, "REFUSAL_REASONS", DEFAULT_REFUSAL_REASONS),
        retention_years=env.number("RETENTION_YEARS", 6, 1, 100),
    )
