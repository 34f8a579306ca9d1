"""Forms for what came of a complaint: the Ombudsman's referral, payments, resolutions, learning and actions."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import DecimalField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from intake.domain.casework.labels import (
    ACTION_STATUS_LABELS,
    LGO_OUTCOME_LABELS,
    PAYMENT_REASON_LABELS,
    RESOLUTION_LABELS,
)
from intake.domain.casework.remedies import PAYMENT_REASONS, RESOLUTIONS
from intake.models import ActionStatus, LgoResult
from intake.staff.forms import _date, _optional_int, _reason_field
from intake.staff.procedure_forms import optional_date


def _referral():
    return SelectField(
        _l("Referral"),
        coerce=_optional_int,
        widget=GovSelect(),
        validators=[InputRequired(_l("Select the referral"))],
    )


def _reference():
    return StringField(
        _l("The Ombudsman's reference (optional)"), widget=GovTextInput(), validators=[Optional(), Length(max=40)]
    )


class ReferralForm(FlaskForm):
    referred_on = _date(_l("Date they went to the Ombudsman"))
    lgo_reference = _reference()
    submit = SubmitField(_l("Record the referral"), widget=GovSubmitInput())


class EnquiryForm(FlaskForm):
    referral = _referral()
    enquiry_on = _date(_l("Date the Ombudsman's enquiry arrived"))
    lgo_reference = _reference()
    submit = SubmitField(_l("Record the enquiry"), widget=GovSubmitInput())


class DecisionForm(FlaskForm):
    referral = _referral()
    decided_on = _date(_l("Date of the Ombudsman's decision"))
    outcome = RadioField(
        _l("The Ombudsman's decision"),
        choices=[(r.value, LGO_OUTCOME_LABELS[r.value]) for r in LgoResult],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select the Ombudsman's decision"))],
    )
    remedy = TextAreaField(
        _l("What the Ombudsman asked us to do (optional)"),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000)],
    )
    compliance_due_on = optional_date(_l("Date we must do it by"))
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


class ComplianceForm(FlaskForm):
    referral = _referral()
    done_on = _date(_l("Date we did what the Ombudsman asked"))
    submit = SubmitField(_l("Record it as done"), widget=GovSubmitInput())


class PaymentForm(FlaskForm):
    amount = DecimalField(
        _l("Amount in pounds"),
        places=2,
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the amount in pounds, for example 150.00")),
            NumberRange(
                min=Decimal("0.01"), max=Decimal("99999.99"), message=_l("Enter an amount between £0.01 and £99,999.99")
            ),
        ],
    )
    paid_on = _date(_l("Date it was paid"))
    reason = SelectField(
        _l("Why it was paid"),
        choices=[(r, PAYMENT_REASON_LABELS[r]) for r in PAYMENT_REASONS],
        widget=GovSelect(),
        validators=[InputRequired(_l("Select why it was paid"))],
    )
    detail = _reason_field(_l("What the payment is for"), _l("Enter what the payment is for"))
    submit = SubmitField(_l("Record the payment"), widget=GovSubmitInput())


class ResolutionsForm(FlaskForm):
    codes = SelectMultipleField(
        _l("How it was put right"),
        choices=[(r, RESOLUTION_LABELS[r]) for r in RESOLUTIONS],
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class LearningForm(FlaskForm):
    text = _reason_field(_l("What we learnt"), _l("Enter what we learnt"))
    submit = SubmitField(_l("Record what we learnt"), widget=GovSubmitInput())


class ActionForm(FlaskForm):
    description = _reason_field(_l("What will be done"), _l("Enter what will be done"))
    owner = StringField(
        _l("Who owns it"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter who owns it")), Length(max=200)],
    )
    team = SelectField(_l("Team"), coerce=_optional_int, widget=GovSelect(), validators=[Optional()])
    due_on = _date(_l("Date it is due"))
    submit = SubmitField(_l("Agree the action"), widget=GovSubmitInput())


class ActionUpdateForm(FlaskForm):
    action = SelectField(
        _l("Action"), coerce=_optional_int, widget=GovSelect(), validators=[InputRequired(_l("Select the action"))]
    )
    status = RadioField(
        _l("How is it going?"),
        choices=[(s.value, ACTION_STATUS_LABELS[s.value]) for s in ActionStatus],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select how it is going"))],
    )
    evidence = TextAreaField(
        _l("Evidence, or why it was dropped"),
        description=_l("Needed when it is done or dropped."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


# Every form the remedy routes post, as the case page builds them: (name, form class, field prefix).
REMEDY_FORMS = (
    ("ombudsman", ReferralForm, "ombudsman"),
    ("ombudsman_enquiry", EnquiryForm, "lgo_enquiry"),
    ("ombudsman_decision", DecisionForm, "lgo_decision"),
    ("ombudsman_compliance", ComplianceForm, "lgo_compliance"),
    ("payment", PaymentForm, "payment"),
    ("resolutions", ResolutionsForm, "resolutions"),
    ("learning", LearningForm, "learning"),
    ("action", ActionForm, "action"),
    ("action_update", ActionUpdateForm, "action_update"),
)
