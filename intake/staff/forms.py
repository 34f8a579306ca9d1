"""The staff area's forms: one small form per action, each with CSRF.

Forms on the case page each get a ``prefix`` so that every field id on the page is unique.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovDateInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    DateField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from intake.domain.casework import SMS_REPLY_LIMIT
from intake.models import AlertLevel, Kind, Outcome, Procedure, Role
from intake.models.enums import CATEGORY_LABELS, COMPLAINT_CATEGORIES, COMPLIMENT_CATEGORIES

DATE_FORMAT = "%d %m %Y"  # GovDateInput sends day, month and year under one name; WTForms joins them with spaces


class ThreePartDateField(DateField):
    """A DateField for GovDateInput, which expects exactly day, month and year back even if a part is missing."""

    def process_formdata(self, valuelist):
        if valuelist is not None and len(valuelist) != 3:
            valuelist = (list(valuelist) + ["", "", ""])[:3]
            self.raw_data = valuelist
        if valuelist and not any(v.strip() for v in valuelist):
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(_l("Enter a real date, for example 27 3 2026"))) from None


def _date(label, **kw):
    return ThreePartDateField(
        label,
        format=DATE_FORMAT,
        widget=GovDateInput(),
        validators=[InputRequired(message=_l("Enter a real date, for example 27 3 2026"))],
        **kw,
    )


def _reason_field(label, message):
    return TextAreaField(label, widget=GovTextArea(), validators=[DataRequired(message=message), Length(max=2000)])


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


# ---------------------------------------------------------------- sign-in


class LoginForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter your email address")), Length(max=320)],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Enter your password")), Length(max=200)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        description=_l("The 6-digit code the app shows now"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter the 6-digit code from your authenticator app")),
            Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("The code must be 6 digits")),
        ],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class SignOutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"), widget=GovSubmitInput())


# ---------------------------------------------------------------- case actions

KIND_CHOICES = [(k.value, k.value.capitalize()) for k in Kind]
PROCEDURE_CHOICES = [
    (Procedure.UNDECIDED.value, _l("Not decided yet")),
    (Procedure.STATUTORY.value, _l("Statutory (Children Act 1989)")),
    (Procedure.CORPORATE.value, _l("Corporate")),
    (Procedure.INFORMAL.value, _l("Informal (resolved on the spot)")),
]
OUTCOME_CHOICES = [(o.value, o.value.replace("_", " ").capitalize()) for o in Outcome]


class TriageForm(FlaskForm):
    kind = RadioField(
        _l("What is it?"),
        choices=KIND_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select what it is"))],
    )
    procedure = RadioField(
        _l("Procedure"),
        choices=PROCEDURE_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select the procedure"))],
    )
    team = SelectField(_l("Team"), coerce=_optional_int, widget=GovSelect(), validators=[Optional()])
    # Listed by kind, as the annual report counts them: only the list for what it is counts when saved.
    complaint_categories = SelectMultipleField(
        _l("Complaint categories"),
        choices=[(code, CATEGORY_LABELS[code]) for code in COMPLAINT_CATEGORIES],
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    compliment_categories = SelectMultipleField(
        _l("Compliment categories"),
        choices=[(code, CATEGORY_LABELS[code]) for code in COMPLIMENT_CATEGORIES],
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    sufficient_interest = RadioField(
        _l("Does this person have sufficient interest in the child's welfare?"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        widget=GovRadioInput(),
        validators=[Optional()],
    )
    sufficient_interest_note = TextAreaField(
        _l("Reasons, and the child's views where appropriate"),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField(_l("Save triage"), widget=GovSubmitInput())

    def chosen_categories(self, kind: Kind) -> list[str]:
        """The categories ticked in the list for ``kind`` (a comment has no categories)."""
        field = {Kind.COMPLAINT: self.complaint_categories, Kind.COMPLIMENT: self.compliment_categories}.get(kind)
        return list(field.data or []) if field is not None else []


class ButtonForm(FlaskForm):
    """An action with nothing to fill in: acknowledge, close."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())


class AssignForm(FlaskForm):
    assignee = SelectField(
        _l("Assign to"),
        coerce=_optional_int,
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Select who will handle the case"))],
    )
    submit = SubmitField(_l("Assign"), widget=GovSubmitInput())


class ExtendForm(FlaskForm):
    new_due = _date(_l("New due date"))
    reason = _reason_field(_l("Reason for the extension"), _l("Enter the reason for the extension"))
    submit = SubmitField(_l("Extend the deadline"), widget=GovSubmitInput())


class ResponseForm(FlaskForm):
    outcome = RadioField(
        _l("Outcome"),
        choices=OUTCOME_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select the outcome"))],
    )
    responded_on = _date(_l("Date of the response"))
    submit = SubmitField(_l("Record the response"), widget=GovSubmitInput())


class EscalationForm(FlaskForm):
    requested_on = _date(_l("Date the person asked for the next stage"))
    submit = SubmitField(_l("Record the request"), widget=GovSubmitInput())


class LateDecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision on the late request"),
        choices=[("accept", _l("Accept: start the stage")), ("refuse", _l("Refuse"))],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select accept or refuse"))],
    )
    reason = _reason_field(_l("Reasons for the decision"), _l("Enter the reasons for the decision"))
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


class WithdrawForm(FlaskForm):
    reason = _reason_field(_l("Why is the case withdrawn?"), _l("Enter why the case is withdrawn"))
    submit = SubmitField(_l("Withdraw the case"), widget=GovSubmitInput())


class LegalHoldForm(FlaskForm):
    reason = _reason_field(_l("Reason"), _l("Enter the reason"))
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class NoteForm(FlaskForm):
    text = TextAreaField(
        _l("Note"), widget=GovCharacterCount(), validators=[DataRequired(message=_l("Enter a note")), Length(max=5000)]
    )
    submit = SubmitField(_l("Add the note"), widget=GovSubmitInput())


class ForwardForm(FlaskForm):
    team = SelectField(_l("Team"), coerce=_optional_int, widget=GovSelect(), validators=[Optional()])
    worker = SelectField(_l("Worker"), coerce=_optional_int, widget=GovSelect(), validators=[Optional()])
    submit = SubmitField(_l("Forward the compliment"), widget=GovSubmitInput())


class SmsReplyForm(FlaskForm):
    text = TextAreaField(
        _l("Text message"),
        widget=GovCharacterCount(),
        description=_l("Short, plain words. Do not include anything private: the phone may be shared."),
        validators=[
            DataRequired(message=_l("Enter the message to send")),
            Length(max=SMS_REPLY_LIMIT, message=_l("A text must be 320 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Send the text"), widget=GovSubmitInput())


class RaiseAlertForm(FlaskForm):
    reason = _reason_field(_l("Why are you worried about the child's safety?"), _l("Enter why you are worried"))
    # No answer is chosen for them: how urgent it is must be a decision, not a default.
    level = RadioField(
        _l("How urgent is it?"),
        description=_l("Immediate danger means harm now or tonight, thoughts of suicide, or not safe to go home."),
        choices=[
            (AlertLevel.IMMEDIATE.value, _l("Immediate danger: act today, or at once out of office hours")),
            (AlertLevel.CONCERN.value, _l("A concern: act by the end of the next working day")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select how urgent it is"))],
    )
    submit = SubmitField(_l("Raise a safeguarding alert"), widget=GovSubmitInput())


class AlertActionForm(FlaskForm):
    action_taken = _reason_field(_l("What did you do?"), _l("Enter what you did"))
    submit = SubmitField(_l("Record what was done"), widget=GovSubmitInput())


class FalseAlarmForm(FlaskForm):
    reason = _reason_field(_l("Why is this a false alarm?"), _l("Enter why this is a false alarm"))
    submit = SubmitField(_l("Mark as a false alarm"), widget=GovSubmitInput())


# ---------------------------------------------------------------- users


class UserForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter an email address")), Length(max=320)],
    )
    name = StringField(
        _l("Name"), widget=GovTextInput(), validators=[DataRequired(message=_l("Enter a name")), Length(max=200)]
    )
    role = RadioField(
        _l("Role"),
        choices=[(r.value, r.value.replace("_", " ").capitalize()) for r in Role],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select a role"))],
    )
    organisation = StringField(
        _l("Organisation (advocates)"), widget=GovTextInput(), validators=[Optional(), Length(max=200)]
    )
    team = SelectField(_l("Team (managers)"), widget=GovSelect(), validators=[Optional()])
    password = PasswordField(
        _l("First password"),
        description=_l("At least 12 characters. They can change it later."),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Enter a first password"))],
    )
    submit = SubmitField(_l("Create the account"), widget=GovSubmitInput())
