"""Letters from the case page: choose a kind, preview it, write its free parts, email it or print it for post.

``/staff/cases/<reference>/letters`` lists the kinds (or why one cannot be sent yet) and the letters sent;
``.../letters/<kind>`` previews one, and its form sends it (``action``: preview, email, advocate, post);
``.../letters/<id>.pdf`` downloads a stored letter again. Every send and download is audited by the domain
(``intake.letters.sending``); routes only read the form, call it, commit and answer.
"""

from __future__ import annotations

import io
from datetime import date

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovTextArea, GovTextInput
from wtforms import RadioField, StringField, TextAreaField

from intake.access import CASEWORK_ROLES, case_or_404, role_required, signed_in_user
from intake.data.letters import letter_on_case, letters_for_case
from intake.domain.casework import today_in_london
from intake.extensions import db
from intake.i18n import LANGUAGE_NAMES
from intake.letters import contact
from intake.letters.bodies import letter_html, letter_pdf, pdf_filename
from intake.letters.compose import ComposedLetter, LetterDraft, LetterError, LetterProblems
from intake.letters.kinds import FREE_PART_LIMIT, RULES, KindRules, LetterKind, Part, rules_for
from intake.letters.sending import How, default_draft, letter_facts, preview, record_reprint, send_letter, staff_on
from intake.settings import current_settings
from intake.staff import bp
from intake.transaction import committed

PREFIX = "letter"
DETAILS = ("language", "name", "address", "signer")


class LetterForm(FlaskForm):
    language = RadioField(
        _l("Language of the letter"),
        choices=[(code, name) for code, name in LANGUAGE_NAMES.items()],
        widget=GovRadioInput(),
    )
    name = StringField(
        _l("Name to write to"), widget=GovTextInput(), description=_l("Leave it empty to start the letter “Hello,”.")
    )
    address = TextAreaField(
        _l("Postal address"), widget=GovTextArea(), description=_l("Only needed to print it for post. One line each.")
    )
    signer = StringField(_l("Signed by"), widget=GovTextInput())


_FORMS: dict[LetterKind, type[LetterForm]] = {}


def _field(part: Part):
    if part.is_choice:
        return RadioField(part.label, choices=list(part.options), widget=GovRadioInput(), description=part.hint or "")
    return TextAreaField(part.label, widget=GovCharacterCount(), description=part.hint or "")


def form_class(rules: KindRules) -> type[LetterForm]:
    """The letter form for a kind: the details every letter has, then the kind's own parts, in order."""
    if rules.kind not in _FORMS:
        fields = {part.name: _field(part) for part in rules.parts}
        _FORMS[rules.kind] = type(f"{rules.kind.value.title()}LetterForm", (LetterForm,), fields)
    return _FORMS[rules.kind]


def _form(rules: KindRules, draft: LetterDraft | None = None) -> LetterForm:
    if draft is None:
        return form_class(rules)(prefix=PREFIX)
    data = {"language": draft.language, "name": draft.name, "address": draft.address, "signer": draft.signer}
    data.update(draft.parts)
    return form_class(rules)(prefix=PREFIX, formdata=None, data=data)


def _draft(rules: KindRules, form: LetterForm) -> LetterDraft:
    parts = {p.name: form[p.name].data or "" for p in rules.parts}
    return LetterDraft(
        rules.kind,
        form.language.data or "en",
        form.name.data or "",
        form.address.data or "",
        form.signer.data or "",
        parts,
    )


def _rules_or_404(kind: str) -> KindRules:
    rules = rules_for(kind)
    if rules is None:
        abort(404)
    return rules


def _routes(rep) -> dict[str, str | None]:
    """Why each way of sending is not open for this case (None when it is)."""
    advocate = staff_on(db.session, rep).advocate
    return {
        How.EMAIL.value: contact.email_blocked(rep, advocate),
        How.ADVOCATE.value: contact.advocate_copy_blocked(rep, advocate),
        How.POST.value: contact.post_blocked(rep, advocate),
    }


def _page(
    rep,
    rules: KindRules,
    form: LetterForm,
    letter: ComposedLetter | None,
    *,
    error: str | None = None,
    blocked: str | None = None,
    status=200,
):
    """The letter page: the form and the preview; ``error`` when sending was refused; ``blocked`` (and no form)
    when the case cannot have this kind of letter now."""
    return render_template(
        "staff/letter.html",
        rep=rep,
        rules=rules,
        form=form,
        letter_html=letter_html(letter) if letter is not None else None,
        routes=_routes(rep),
        error=error,
        blocked=blocked,
        has_errors=bool(error or form.errors),
        form_has_errors=bool(error or form.errors),
        limit=FREE_PART_LIMIT,
        details=DETAILS,
    ), status


@bp.get("/cases/<reference>/letters")
@role_required(*CASEWORK_ROLES)
def case_letters(reference: str):
    rep = case_or_404(reference)
    facts = letter_facts(db.session, rep, current_settings(), today_in_london())
    kinds = [(rules, rules.unavailable(facts)) for rules in RULES.values()]
    return render_template(
        "staff/letters.html", rep=rep, kinds=kinds, letters=letters_for_case(db.session, rep.id), rules=RULES
    )


@bp.get("/cases/<reference>/letters/<kind>")
@role_required(*CASEWORK_ROLES)
def case_letter(reference: str, kind: str):
    rep, rules = case_or_404(reference), _rules_or_404(kind)
    today = today_in_london()
    facts = letter_facts(db.session, rep, current_settings(), today)
    draft = default_draft(rep, signed_in_user(), rules.kind, facts)
    try:
        letter = preview(db.session, rep, current_settings(), draft, today)
    except LetterError as e:
        return _page(rep, rules, _form(rules, draft), None, blocked=str(e), status=409)
    return _page(rep, rules, _form(rules, draft), letter)


@bp.post("/cases/<reference>/letters/<kind>")
@role_required(*CASEWORK_ROLES)
def case_letter_send(reference: str, kind: str):
    rep, rules = case_or_404(reference), _rules_or_404(kind)
    form = _form(rules)  # CSRF is checked for every POST (CSRFProtect); the letter's rules check the fields
    draft, action, today = _draft(rules, form), request.form.get("action", "preview"), today_in_london()
    if action not in {h.value for h in How}:
        return _preview_again(rep, rules, form, draft, today)
    try:
        with committed():
            staff = signed_in_user()
            letters = send_letter(db.session, rep, staff, current_settings(), draft, How(action), today)
            sent = letters[0]
            composed = ComposedLetter.from_json(sent.content)
    except LetterProblems as e:
        _show_problems(form, e)
        return _page(rep, rules, form, _safe_preview(rep, draft, today), status=400)
    except LetterError as e:
        return _page(rep, rules, form, _safe_preview(rep, draft, today), error=str(e), status=400)
    if action == How.POST.value:
        return _pdf_response(composed)
    flash(
        _("The letter is on its way by email.")
        if len(letters) == 1
        else _("The letter and the advocate's copy are on their way by email.")
    )
    return redirect(url_for("staff.case_letters", reference=rep.reference))


def _preview_again(rep, rules: KindRules, form: LetterForm, draft: LetterDraft, today: date):
    try:
        letter = preview(db.session, rep, current_settings(), draft, today)
    except LetterProblems as e:
        _show_problems(form, e)
        return _page(rep, rules, form, None, status=400)
    except LetterError as e:
        return _page(rep, rules, form, None, blocked=str(e), status=409)
    return _page(rep, rules, form, letter)


def _show_problems(form: LetterForm, problems: LetterProblems) -> None:
    """Each problem on its field, as WTForms would show a validation error (the error summary links to it)."""
    for name, message in problems.problems.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]
        else:
            form.form_errors.append(message)


def _safe_preview(rep, draft: LetterDraft, today: date) -> ComposedLetter | None:
    db.session.rollback()
    try:
        return preview(db.session, rep, current_settings(), draft, today)
    except LetterError:
        return None


def _pdf_response(composed: ComposedLetter):
    return send_file(
        io.BytesIO(letter_pdf(composed)),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=pdf_filename(composed),
    )


@bp.get("/cases/<reference>/letters/<int:letter_id>.pdf")
@role_required(*CASEWORK_ROLES)
def case_letter_pdf(reference: str, letter_id: int):
    rep = case_or_404(reference)
    letter = letter_on_case(db.session, rep.id, letter_id)
    if letter is None:
        abort(404)
    with committed():
        record_reprint(db.session, rep, signed_in_user(), letter)
    return _pdf_response(ComposedLetter.from_json(letter.content))
