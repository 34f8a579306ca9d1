"""Forms for reasonable adjustments on the case page: recording one, and recording a review."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from intake.models import AdjustmentKind
from intake.staff.forms import _date, _optional_int, _reason_field
from intake.staff.procedure_forms import optional_date

ADJUSTMENT_KIND_LABELS = {
    AdjustmentKind.EASY_READ.value: _l("Easy read"),
    AdjustmentKind.LARGE_PRINT.value: _l("Large print"),
    AdjustmentKind.PHONE_NOT_WRITING.value: _l("Phone instead of writing"),
    AdjustmentKind.WRITING_NOT_PHONE.value: _l("Writing instead of phone"),
    AdjustmentKind.ADVOCATE.value: _l("Through an advocate or representative"),
    AdjustmentKind.MORE_TIME.value: _l("More time"),
    AdjustmentKind.SINGLE_CONTACT.value: _l("A single point of contact"),
    AdjustmentKind.INTERPRETER.value: _l("An interpreter or a language"),
    AdjustmentKind.OTHER.value: _l("Other"),
}


class AdjustmentForm(FlaskForm):
    kind = SelectField(
        _l("Kind of adjustment"),
        choices=[(k.value, ADJUSTMENT_KIND_LABELS[k.value]) for k in AdjustmentKind],
        widget=GovSelect(),
        validators=[InputRequired(_l("Select the kind of adjustment"))],
    )
    requested = _reason_field(_l("What they asked for"), _l("Enter what they asked for"))
    agreed = RadioField(
        _l("Was it agreed?"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select whether it was agreed"))],
    )
    review_on = optional_date(_l("Review by"), description=_l("Needed when it is agreed."))
    refusal_reason = TextAreaField(
        _l("Why it was not agreed"),
        description=_l("Needed when it is not agreed."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField(_l("Record the adjustment"), widget=GovSubmitInput())


class AdjustmentReviewForm(FlaskForm):
    adjustment = SelectField(
        _l("Adjustment"),
        coerce=_optional_int,
        widget=GovSelect(),
        validators=[InputRequired(_l("Select the adjustment"))],
    )
    reviewed_on = _date(_l("Date of the review"))
    note = _reason_field(_l("What the review found"), _l("Enter what the review found"))
    outcome = RadioField(
        _l("What happens now?"),
        choices=[("keep", _l("Keep it, and review it again")), ("end", _l("End it"))],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select whether to keep it or end it"))],
    )
    next_review_on = optional_date(_l("Next review by"), description=_l("Needed when you keep it."))
    submit = SubmitField(_l("Record the review"), widget=GovSubmitInput())


# The forms the adjustment routes post, as the case page builds them: (name, form class, field prefix).
ADJUSTMENT_FORMS = (
    ("adjustment", AdjustmentForm, "adjustment"),
    ("adjustment_review", AdjustmentReviewForm, "adjustment_review"),
)
