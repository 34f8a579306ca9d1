"""What the case page shows of the procedure, and the choices its forms offer on this case.

``procedure_for(rep)`` is a template global: the case page's procedure sections call it, so the page's own
view (``cases.render_case``) needs nothing new. It reads the case's records through the data layer and works
out the running step of each clock; nothing here changes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from intake.data import procedure as records
from intake.data import staff as staff_data
from intake.data.teams import active_teams
from intake.domain import casework
from intake.domain.casework import late
from intake.domain.casework.labels import (
    ACTION_STATUS_LABELS,
    LGO_OUTCOME_LABELS,
    OUTCOME_LABELS,
    PAUSE_REASON_LABELS,
    PAYMENT_REASON_LABELS,
    REFUSAL_LABELS,
    RESOLUTION_LABELS,
    label,
)
from intake.extensions import db
from intake.models import (
    CasePause,
    CaseRefusal,
    CompensationPayment,
    ComplaintPoint,
    Kind,
    LateComplaintDecision,
    LearningAction,
    LearningPoint,
    OmbudsmanReferral,
    Procedure,
    Representation,
    Role,
    Stage,
)
from intake.settings import current_settings
from intake.staff import bp


@dataclass(frozen=True)
class Clock:
    """One of a stage's clocks: what is due, by when, and when it was done (if it was)."""

    what: str
    due: date | None
    done: date | None

    @property
    def on_time(self) -> bool | None:
        if self.done is None or self.due is None:
            return None
        return self.done <= self.due


@dataclass
class CaseProcedure:
    is_complaint: bool
    statutory: bool
    corporate: bool
    stage: Stage | None  # the current (highest) stage
    points: Sequence[ComplaintPoint] = ()
    pauses: Sequence[CasePause] = ()
    running_pause: CasePause | None = None
    refusals: Sequence[CaseRefusal] = ()
    late: bool = False
    late_since: date | None = None
    late_decision: LateComplaintDecision | None = None
    referrals: Sequence[OmbudsmanReferral] = ()
    payments: Sequence[CompensationPayment] = ()
    resolutions: list[str] = field(default_factory=list)
    learning: Sequence[LearningPoint] = ()
    actions: Sequence[LearningAction] = ()
    clocks: list[Clock] = field(default_factory=list)
    handler_names: dict[int, str] = field(default_factory=dict)

    @property
    def total_paid_pence(self) -> int:
        return sum(p.amount_pence for p in self.payments)

    @property
    def stage_number(self) -> int | None:
        return self.stage.number if self.stage is not None else None

    @property
    def stage_running(self) -> bool:
        return self.stage is not None and self.stage.is_open and self.stage.due_on is not None


def _clocks(stage: Stage | None) -> list[Clock]:
    """Stage 3's three clocks in turn (reg 19-21); any other stage has its one."""
    if stage is None:
        return []
    if stage.number == 3 and stage.panel_due_on is not None:
        return [
            Clock(str(_l("The panel meets")), stage.panel_due_on, stage.panel_meeting_on),
            Clock(str(_l("The panel's report")), stage.panel_report_due_on, stage.panel_report_on),
            Clock(str(_l("The council's response")), stage.council_response_due_on, stage.responded_on),
        ]
    return [Clock(str(_l("Stage %(n)d response", n=stage.number)), stage.effective_due_on, stage.responded_on)]


@bp.app_template_global()
def procedure_for(rep: Representation) -> CaseProcedure:
    session = db.session
    stage = rep.current_stage
    handlers = staff_data.staff_by_ids(session, [s.handled_by_id for s in rep.stages])
    return CaseProcedure(
        is_complaint=rep.kind is Kind.COMPLAINT,
        statutory=rep.procedure is not Procedure.CORPORATE,
        corporate=rep.procedure is Procedure.CORPORATE,
        stage=stage,
        points=records.points_for(session, rep.id),
        pauses=records.pauses_for(session, rep.id),
        running_pause=records.running_pause(session, rep.id),
        refusals=records.refusals_for(session, rep.id),
        late=late.is_late(rep),
        late_since=late.late_since(rep),
        late_decision=records.late_decision_for(session, rep.id),
        referrals=records.referrals_for(session, rep.id),
        payments=records.payments_for(session, rep.id),
        resolutions=[r.code for r in records.resolutions_for(session, rep.id)],
        learning=records.learning_points_for(session, rep.id),
        actions=records.actions_for(session, rep.id),
        clocks=_clocks(stage),
        handler_names={i: u.name or u.email for i, u in handlers.items()},
    )


LABELS = {
    "outcome": OUTCOME_LABELS,
    "pause": PAUSE_REASON_LABELS,
    "refusal": REFUSAL_LABELS,
    "payment": PAYMENT_REASON_LABELS,
    "resolution": RESOLUTION_LABELS,
    "action": ACTION_STATUS_LABELS,
    "lgo": LGO_OUTCOME_LABELS,
}


@bp.app_template_global()
def procedure_label(table: str, key: object) -> str:
    """A coded value in words: ``procedure_label("pause", case_pause.reason)``."""
    return label(LABELS[table], key)


def configure_procedure_choices(made: dict, rep: Representation) -> None:
    """The choices that depend on this case: its points, recommendations, referrals, actions, staff, teams, and
    the council's refusal codes. Called for the whole page and for a posted form alone."""
    session = db.session
    choices = {
        "point_outcome": (
            "point",
            lambda: [(p.id, f"{p.position}. {p.summary}") for p in records.points_for(session, rep.id)],
        ),
        "recommendation": ("recommendation", lambda: _recommendation_choices(rep)),
        "stage_handler": ("handler", lambda: _handler_choices(session)),
        "refuse": ("code", lambda: _refusal_choices()),
        "action": ("team", lambda: [(None, str(_l("No team")))] + [(t.id, t.name) for t in active_teams(session)]),
        "action_update": ("action", lambda: [(a.id, a.description[:80]) for a in records.actions_for(session, rep.id)]),
    }
    for name in ("ombudsman_enquiry", "ombudsman_decision", "ombudsman_compliance"):
        choices[name] = ("referral", lambda: _referral_choices(session, rep))
    for name, (field_name, make) in choices.items():
        if name in made:
            made[name][field_name].choices = make()
    resolutions = made.get("resolutions")
    if resolutions is not None and resolutions.codes.data is None:  # a blank form shows what is recorded
        resolutions.codes.data = [r.code for r in records.resolutions_for(session, rep.id)]


def _recommendation_choices(rep: Representation) -> list[tuple[int, str]]:
    stage = rep.current_stage
    if stage is None or stage.number != 3:
        return []
    return [(r.id, f"{r.position}. {r.text[:80]}") for r in stage.recommendations]


def _handler_choices(session) -> list[tuple[int, str]]:
    return [
        (u.id, f"{u.name} ({u.email})")
        for u in staff_data.assignable_staff(session)
        if u.role not in (Role.ADVOCATE, Role.ADMIN)
    ]


def _refusal_choices() -> list[tuple[str, str]]:
    return [(code, label(REFUSAL_LABELS, code)) for code in casework.refusal_reasons(current_settings())]


def _referral_choices(session, rep: Representation) -> list[tuple[int, str]]:
    return [
        (
            r.id,
            f"{r.lgo_reference or _l('No reference yet')} ({r.referred_on:%-d %B %Y})" if r.referred_on else str(r.id),
        )
        for r in records.referrals_for(session, rep.id)
    ]
