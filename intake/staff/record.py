"""Recording what arrived some other way (/staff/cases/new), and correcting that record later.

A letter, an email, a phone call or a visit becomes a case through the same ``submit()`` as every channel:
the risk screen reads what they told us first, so a disclosure in an officer's note of a call raises the
alert at once, and the case page opens with the safeguarding banner. Corrections go through
``intake.domain.casework.record``: a reason, an audit line, clocks that follow a changed date.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from intake.access import can_view_case, case_or_404, role_required, signed_in_user, viewed_case
from intake.data.referrals import advocate_accounts
from intake.data.teams import active_teams, team_by_id
from intake.domain.advocate_independence import Declaration, DeclarationMissing
from intake.domain.casework import CaseworkError
from intake.domain.casework.record import IntakeRecord, correct_record, received_at_for, received_day_of
from intake.domain.sanitise import TextTooLong
from intake.domain.submit import Submission, SubmitResult, submit
from intake.extensions import db
from intake.models import Channel, ChildAgreement, ContactMethod, Kind, Representation, Role, SubmittedBy
from intake.settings import current_settings
from intake.staff import bp
from intake.staff.intake_forms import CorrectionForm, IntakeFacts, RecordForm
from intake.staff.steps import run_step
from intake.transaction import committed

# Who keys in a case and corrects its record: the complaints officer, managers, and the children's rights
# officer (a child may phone them first).
RECORD_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER)
SAFE_ANSWERS = {"yes": True, "no": False}


def _now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------- /staff/cases/new


@bp.route("/cases/new", methods=["GET", "POST"])
@role_required(*RECORD_ROLES)
def case_new():
    form = RecordForm().choose_from(active_teams(db.session))
    if request.method == "GET":
        form.language.data = form.language.data or "en"
        return _new_page(form)
    if not form.validate_on_submit():
        return _new_page(form, status=400)
    try:
        with committed():
            result = record_case(form, signed_in_user(), current_settings())
    except TextTooLong as exc:
        form.what_happened.errors.append(
            _(
                "What they told us must be %(limit)d characters or fewer. Add the rest as a note, or the letter "
                "as a file.",
                limit=exc.limit,
            )
        )
        return _new_page(form, status=400)
    except CaseworkError as exc:
        form.team.errors.append(str(exc))
        return _new_page(form, status=400)
    return _after_recording(result)


def record_case(form: RecordForm, user, settings) -> SubmitResult:
    """The form's answers through ``submit()``, then the texting window it does not take (yet)."""
    team_id = int(form.team.data) if form.team.data else None
    team = team_by_id(db.session, team_id) if team_id is not None else None
    if team_id is not None and (team is None or not team.active):  # gone since the page was drawn
        raise CaseworkError(_("Select a team from the list"))
    result = submit(db.session, submission_from(form, user), settings)
    rep = result.representation
    rep.contact_text_from, rep.contact_text_until = form.texting_window()
    return result


def submission_from(form: RecordForm, user) -> Submission:
    for_child = form.acting_for_child()
    preferred = ContactMethod(form.preferred_contact.data or ContactMethod.NONE.value)
    day = form.received.data
    return Submission(
        kind=Kind(form.kind.data),
        channel=Channel(form.method.data),
        what_happened=form.what_happened.data,
        what_would_help=form.what_would_help.data or "",
        service_mentioned=form.service_mentioned.data or "",
        submitted_by=SubmittedBy(form.submitted_by.data),
        about_someone_else=for_child,
        language=form.language.data,
        team_id=int(form.team.data) if form.team.data else None,
        received_at=received_at_for(day, _now()),
        contact_name=form.contact_name.data or None,
        contact_phone=form.contact_phone.data or None,
        contact_email=form.contact_email.data or None,
        safe_to_contact=SAFE_ANSWERS.get(form.safe_to_contact.data),
        preferred_contact=preferred,
        contact_via_advocate=preferred is ContactMethod.ADVOCATE,
        contact_avoid=form.contact_avoid.data or None,
        advocate_requested=form.advocate_requested.data == "yes",
        child_name=form.child_name.data if for_child else None,
        child_agreement=ChildAgreement(form.child_agreement.data) if for_child else None,
        child_agreement_note=form.child_agreement_note.data if for_child else None,
        staff=user,
        extra_events=[("recorded_by_staff", f"{form.method.data} that reached us on {day.isoformat()}")],
    )


def _after_recording(result: SubmitResult):
    rep = result.representation
    if result.alert is not None:
        done = _(
            "Recorded as %(reference)s. What they told us may mean a child is at risk: a safeguarding alert has "
            "been raised and sent urgently.",
            reference=rep.reference,
        )
    else:
        done = _("Recorded as %(reference)s.", reference=rep.reference)
    if can_view_case(signed_in_user(), rep):
        flash(done)
        return redirect(url_for("staff.case", reference=rep.reference))
    # A manager recording another team's case, or a rights officer a parent's: it is not theirs to open.
    flash(
        done
        + " "
        + _("It is not one of the cases you can see, so it is not in your list. The complaints officer has it.")
    )
    return redirect(url_for("staff.cases"))


def _new_page(form: RecordForm, status: int = 200):
    return render_template(
        "staff/case_new.html",
        form=form,
        form_has_errors=bool(form.errors),
        limit=current_settings().max_free_text,
    ), status


# ---------------------------------------------------------------- correcting the record


@bp.route("/cases/<reference>/record", methods=["GET", "POST"])
@role_required(*RECORD_ROLES)
def case_record(reference: str):
    if request.method == "GET":
        with committed():
            rep = viewed_case(reference)
        form = CorrectionForm(formdata=None, data=facts_of(rep)).choose_from(advocate_accounts(db.session))
        return _record_page(rep, form)
    rep = case_or_404(reference)
    form = CorrectionForm().choose_from(advocate_accounts(db.session))
    if not form.validate_on_submit():
        return _record_page(rep, form, status=400)

    def step() -> str:
        declaration = Declaration.of(form.advocate_declaration.data)
        try:
            names = correct_record(
                db.session,
                rep,
                signed_in_user(),
                current_settings(),
                wanted(form),
                form.reason.data,
                _now(),
                declaration,
            )
        except DeclarationMissing as exc:
            form.advocate_declaration.errors = [str(exc)]  # the summary links to the boxes to tick
            raise
        return _("Record corrected: %(fields)s.", fields=", ".join(names))

    def refused(reason: str):
        error = None if form.advocate_declaration.errors else reason
        return _record_page(case_or_404(reference), form, error=error, status=400)

    return run_step(step, url_for("staff.case", reference=rep.reference), refused)


def facts_of(rep: Representation) -> dict:
    """The correction form's answers as the case has them now."""
    record = IntakeRecord.of(rep)
    by_someone_else = rep.submitted_by is not SubmittedBy.CHILD
    return {
        "method": record.channel.value,
        "received": record.received_day,
        "submitted_by": record.submitted_by.value,
        "for_child": ("yes" if record.about_someone_else else "no") if by_someone_else else None,
        "child_name": record.child_name,
        "child_agreement": record.child_agreement.value if record.child_agreement else None,
        "child_agreement_note": record.child_agreement_note,
        "contact_name": record.contact_name,
        "contact_phone": record.contact_phone,
        "contact_email": record.contact_email,
        "safe_to_contact": {True: "yes", False: "no"}.get(record.safe_to_contact, "not_asked"),
        "preferred_contact": record.preferred_contact.value,
        "text_from": f"{record.text_from:%H:%M}" if record.text_from else "",
        "text_until": f"{record.text_until:%H:%M}" if record.text_until else "",
        "contact_avoid": record.contact_avoid,
        "advocate": str(record.advocate_id or ""),
    }


def wanted(form: CorrectionForm) -> IntakeRecord:
    """The facts as the form says they should be."""
    for_child = form.acting_for_child()
    preferred = ContactMethod(form.preferred_contact.data or ContactMethod.NONE.value)
    text_from, text_until = form.texting_window()
    return IntakeRecord(
        channel=Channel(form.method.data),
        received_day=form.received.data,
        submitted_by=SubmittedBy(form.submitted_by.data),
        about_someone_else=for_child,
        child_agreement=ChildAgreement(form.child_agreement.data) if for_child else None,
        safe_to_contact=SAFE_ANSWERS.get(form.safe_to_contact.data),
        preferred_contact=preferred,
        contact_via_advocate=preferred is ContactMethod.ADVOCATE,
        text_from=text_from,
        text_until=text_until,
        advocate_id=int(form.advocate.data) if form.advocate.data else None,
        child_name=form.child_name.data if for_child else None,
        child_agreement_note=form.child_agreement_note.data if for_child else None,
        contact_name=form.contact_name.data,
        contact_phone=form.contact_phone.data,
        contact_email=form.contact_email.data,
        contact_avoid=form.contact_avoid.data,
    )


def _record_page(rep: Representation, form: IntakeFacts, *, error: str | None = None, status: int = 200):
    return render_template(
        "staff/case/record.html",
        rep=rep,
        form=form,
        error=error,
        form_has_errors=bool(error or form.errors),
        received_on=received_day_of(rep),
    ), status
