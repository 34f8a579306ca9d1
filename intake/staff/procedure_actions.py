"""POST actions for the procedure on a case: points, stage 2 and 3 steps, the corporate stage 2, pauses, late
complaints and refusals. Each has the shape of every case action (``actions._run``): check the form, run the
casework rule in one transaction, flash and redirect; a refusal shows the case page again with the reason in the
error summary (400) and writes nothing.
"""

from __future__ import annotations

from flask_babel import gettext as _

from intake.access import CASEWORK_ROLES, role_required
from intake.domain import casework
from intake.domain.casework.labels import OUTCOME_LABELS, label
from intake.extensions import db
from intake.models import Outcome, PauseReason
from intake.staff import bp
from intake.staff.actions import _run


def _appointee(form, who: str, declarations) -> casework.Appointee:
    declared = set(declarations or ())
    return casework.Appointee(
        name=form[f"{who}_name"].data or "",
        organisation=form[f"{who}_organisation"].data or "",
        email=form[f"{who}_email"].data or "",
        not_involved="not_involved" in declared,
        not_line_manager="not_line_manager" in declared,
        not_council="not_council" in declared,
        not_council_partner="not_council_partner" in declared,
    )


@bp.post("/cases/<reference>/points")
@role_required(*CASEWORK_ROLES)
def case_point(reference):
    def step(rep, form, user, settings, today):
        point = casework.add_point(db.session, rep, user, form.summary.data)
        return _("Point %(n)d added.", n=point.position)

    return _run(reference, "point", step)


@bp.post("/cases/<reference>/point-outcome")
@role_required(*CASEWORK_ROLES)
def case_point_outcome(reference):
    def step(rep, form, user, settings, today):
        outcome = Outcome(form.outcome.data)
        casework.record_point_outcome(db.session, rep, user, form.point.data, outcome, form.remedy.data, today)
        return _("Outcome recorded: %(outcome)s.", outcome=label(OUTCOME_LABELS, outcome))

    return _run(reference, "point_outcome", step)


@bp.post("/cases/<reference>/investigation")
@role_required(*CASEWORK_ROLES)
def case_investigation(reference):
    def step(rep, form, user, settings, today):
        io = _appointee(form, "io", form.io_declarations.data)
        ip = _appointee(form, "ip", form.ip_declarations.data)
        casework.record_investigation(db.session, rep, user, settings, io, ip, form.appointed_on.data, today)
        return _("Investigating Officer and Independent Person appointed.")

    return _run(reference, "investigation", step)


@bp.post("/cases/<reference>/statement")
@role_required(*CASEWORK_ROLES)
def case_statement(reference):
    def step(rep, form, user, settings, today):
        casework.record_statement(db.session, rep, user, form.agreed_on.data, today)
        return _("Statement of complaint recorded. The stage 2 clock still runs from the request.")

    return _run(reference, "statement", step)


@bp.post("/cases/<reference>/investigation-report")
@role_required(*CASEWORK_ROLES)
def case_investigation_report(reference):
    def step(rep, form, user, settings, today):
        casework.record_report(db.session, rep, user, form.received_on.data, today)
        return _("Investigation report recorded.")

    return _run(reference, "investigation_report", step)


@bp.post("/cases/<reference>/adjudication")
@role_required(*CASEWORK_ROLES)
def case_adjudication(reference):
    def step(rep, form, user, settings, today):
        casework.adjudicate(
            db.session,
            rep,
            user,
            adjudicator=form.adjudicator.data,
            senior_manager=bool(form.senior_manager.data),
            adjudicated_on=form.adjudicated_on.data,
            actions=form.actions.data,
            today=today,
        )
        return _("Adjudication recorded. Send the adjudication letter: it is the stage 2 response.")

    return _run(reference, "adjudication", step)


@bp.post("/cases/<reference>/panel")
@role_required(*CASEWORK_ROLES)
def case_panel(reference):
    def step(rep, form, user, settings, today):
        members = [form.member_1.data, form.member_2.data, form.member_3.data]
        chair = members[int(form.chair.data) - 1] or ""
        stage = casework.record_panel(
            db.session,
            rep,
            user,
            settings,
            members,
            chair,
            form.meeting_on.data,
            advocate=form.advocate.data or "",
            companion=form.companion.data or "",
        )
        return _("Panel recorded. Its report is due %(date)s.", date=f"{stage.panel_report_due_on:%-d %B %Y}")

    return _run(reference, "panel", step)


@bp.post("/cases/<reference>/panel-report")
@role_required(*CASEWORK_ROLES)
def case_panel_report(reference):
    def step(rep, form, user, settings, today):
        lines = (form.recommendations.data or "").splitlines()
        stage = casework.record_panel_report(db.session, rep, user, settings, form.received_on.data, lines, today)
        return _(
            "Panel's report recorded. The council's response is due %(date)s.",
            date=f"{stage.council_response_due_on:%-d %B %Y}",
        )

    return _run(reference, "panel_report", step)


@bp.post("/cases/<reference>/recommendation")
@role_required(*CASEWORK_ROLES)
def case_recommendation(reference):
    def step(rep, form, user, settings, today):
        accepted = form.decision.data == "accept"
        casework.decide_recommendation(
            db.session, rep, user, form.recommendation.data, accepted, form.reasons.data, today
        )
        return (
            _("Recommendation accepted.") if accepted else _("Recommendation not accepted. The reasons are recorded.")
        )

    return _run(reference, "recommendation", step)


@bp.post("/cases/<reference>/council-response")
@role_required(*CASEWORK_ROLES)
def case_council_response(reference):
    def step(rep, form, user, settings, today):
        casework.record_council_response(
            db.session,
            rep,
            user,
            responded_on=form.responded_on.data,
            with_independent_person=bool(form.with_ip.data),
            outcome=Outcome(form.outcome.data) if form.outcome.data else None,
            today=today,
        )
        return _("The council's response is recorded.")

    return _run(reference, "council_response", step)


@bp.post("/cases/<reference>/stage-handler")
@role_required(*CASEWORK_ROLES)
def case_stage_handler(reference):
    def step(rep, form, user, settings, today):
        handler = casework.choose_handler(db.session, rep, user, form.handler.data)
        return _("%(name)s handles stage 2.", name=handler.name or handler.email)

    return _run(reference, "stage_handler", step)


@bp.post("/cases/<reference>/stage-acknowledge")
@role_required(*CASEWORK_ROLES)
def case_stage_acknowledge(reference):
    def step(rep, form, user, settings, today):
        stage = casework.acknowledge_stage_2(db.session, rep, user, settings, form.acknowledged_on.data, today)
        return _("Stage 2 acknowledged. It is due %(date)s.", date=f"{stage.due_on:%-d %B %Y}")

    return _run(reference, "stage_acknowledge", step)


@bp.post("/cases/<reference>/pause")
@role_required(*CASEWORK_ROLES)
def case_pause(reference):
    def step(rep, form, user, settings, today):
        reason = PauseReason(form.reason.data)
        _held, told = casework.pause(
            db.session, rep, user, settings, reason, form.detail.data, form.paused_on.data, today
        )
        done = _("The case is paused: its clocks are stopped.")
        if not told:
            return done + " " + _("We could not tell them directly: tell them yourself, or their advocate.")
        return done + " " + _("We are telling them it is on hold, and that they can come back to us afterwards.")

    return _run(reference, "pause", step)


@bp.post("/cases/<reference>/resume")
@role_required(*CASEWORK_ROLES)
def case_resume(reference):
    def step(rep, form, user, settings, today):
        held = casework.resume(db.session, rep, user, settings, form.resumed_on.data, today)
        return _("The case has resumed. Its due dates moved by %(n)d working days.", n=held.paused_working_days)

    return _run(reference, "resume", step)


@bp.post("/cases/<reference>/grounds")
@role_required(*CASEWORK_ROLES)
def case_grounds(reference):
    def step(rep, form, user, settings, today):
        if casework.record_grounds(db.session, rep, user, form.grounds_on.data):
            return _("This complaint is late: more than 12 months after what happened. Record the decision on it.")
        return _("Date saved. The complaint is in time.")

    return _run(reference, "grounds", step)


@bp.post("/cases/<reference>/late-complaint")
@role_required(*CASEWORK_ROLES)
def case_late_complaint(reference):
    def step(rep, form, user, settings, today):
        accept = form.decision.data == "accept"
        casework.decide_late_complaint(
            db.session,
            rep,
            user,
            settings,
            good_reason=form.good_reason.data == "yes",
            can_consider_fairly=form.fair.data == "yes",
            accept=accept,
            reasons=form.reasons.data,
            today=today,
        )
        if accept:
            return _("Late complaint accepted: we will look into it.")
        return _("Late complaint refused as out of time. Send the refusal letter: it gives the right to the Ombudsman.")

    return _run(reference, "late_complaint", step)


@bp.post("/cases/<reference>/refuse")
@role_required(*CASEWORK_ROLES)
def case_refuse(reference):
    def step(rep, form, user, settings, today):
        casework.refuse(db.session, rep, user, settings, form.code.data, form.reason.data, form.refused_on.data, today)
        return _("Refused. Send the refusal letter: it gives our reasons and the right to go to the Ombudsman.")

    return _run(reference, "refuse", step)
