"""Forms for the procedure on the case page: points and outcomes, stage 2 and 3 steps, the corporate stage 2,
pauses, late complaints and refusals. Each has its own prefix on the page (``PROCEDURE_FORMS``); choices that
depend on the case (its points, recommendations, staff, refusal codes) are set by ``configure_choices``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from intake.domain.casework.labels import OUTCOME_LABELS, PAUSE_REASON_LABELS
from intake.domain.casework.points import POINT_OUTCOMES
from intake.models import PauseReason
from intake.staff.forms import ThreePartDateField, _date, _optional_int, _reason_field

NAME = [Optional(), Length(max=200)]
OUTCOME_CHOICES = [(o.value, OUTCOME_LABELS[o.value]) for o in POINT_OUTCOMES]


def optional_date(label, **kw):
    return ThreePartDateField(label, format="%d %m %Y", widget=GovDateInput(), validators=[Optional()], **kw)


def _text(label, **kw):
    return StringField(label, widget=GovTextInput(), validators=NAME, **kw)


def _choice(label, message, **kw):
    return SelectField(label, coerce=_optional_int, widget=GovSelect(), validators=[InputRequired(message)], **kw)


# ---------------------------------------------------------------- points


class PointForm(FlaskForm):
    summary = StringField(
        _l("What the point is about, in a line"),
        description=_l("Your summary, for example “No reply to calls since March”. Their own words stay on the case."),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter what the point is about")), Length(max=300)],
    )
    submit = SubmitField(_l("Add the point"), widget=GovSubmitInput())


class PointOutcomeForm(FlaskForm):
    point = _choice(_l("Point"), _l("Select a point"))
    outcome = RadioField(
        _l("Outcome at this stage"),
        choices=OUTCOME_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select the outcome"))],
    )
    remedy = TextAreaField(
        _l("What puts it right (optional)"), widget=GovTextArea(), validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField(_l("Record the outcome"), widget=GovSubmitInput())


# ---------------------------------------------------------------- stage 2

IO_DECLARATIONS = [
    ("not_involved", _l("Not involved in the case")),
    ("not_line_manager", _l("Does not line-manage the service complained about")),
]
IP_DECLARATIONS = IO_DECLARATIONS + [
    ("not_council", _l("Not a member or officer (employee) of the council")),
    ("not_council_partner", _l("Not the spouse or civil partner of a member or officer of the council")),
]


class InvestigationForm(FlaskForm):
    io_name = StringField(
        _l("Investigating Officer's name"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter the Investigating Officer's name")), Length(max=200)],
    )
    io_organisation = _text(_l("Investigating Officer's organisation"))
    io_email = _text(_l("Investigating Officer's email address"))
    io_declarations = SelectMultipleField(
        _l("The Investigating Officer declares they are"), choices=IO_DECLARATIONS, widget=GovCheckboxesInput()
    )
    ip_name = StringField(
        _l("Independent Person's name"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter the Independent Person's name")), Length(max=200)],
    )
    ip_organisation = _text(_l("Independent Person's organisation"))
    ip_email = _text(_l("Independent Person's email address"))
    ip_declarations = SelectMultipleField(
        _l("The Independent Person declares they are"), choices=IP_DECLARATIONS, widget=GovCheckboxesInput()
    )
    appointed_on = _date(_l("Date they were appointed"))
    submit = SubmitField(_l("Appoint the investigators"), widget=GovSubmitInput())


class StatementForm(FlaskForm):
    agreed_on = _date(_l("Date the statement of complaint was agreed"))
    submit = SubmitField(_l("Record the statement"), widget=GovSubmitInput())


class InvestigationReportForm(FlaskForm):
    received_on = _date(_l("Date the investigation report was received"))
    submit = SubmitField(_l("Record the report"), widget=GovSubmitInput())


class AdjudicationForm(FlaskForm):
    adjudicator = StringField(
        _l("Who adjudicated"),
        description=_l("Their name and role"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter who adjudicated")), Length(max=200)],
    )
    senior_manager = BooleanField(_l("They are a senior manager"), widget=GovCheckboxInput())
    adjudicated_on = _date(_l("Date of the adjudication"))
    actions = TextAreaField(
        _l("What the council will do (optional)"), widget=GovTextArea(), validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField(_l("Record the adjudication"), widget=GovSubmitInput())


# ---------------------------------------------------------------- stage 3


class PanelForm(FlaskForm):
    member_1 = _text(_l("Panel member 1"))
    member_2 = _text(_l("Panel member 2"))
    member_3 = _text(_l("Panel member 3"))
    chair = RadioField(
        _l("Who chairs the panel?"),
        choices=[("1", _l("Member 1")), ("2", _l("Member 2")), ("3", _l("Member 3"))],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select who chairs the panel"))],
    )
    meeting_on = _date(_l("Date the panel meets"))
    advocate = _text(_l("Their advocate at the panel (optional)"))
    companion = _text(_l("One other person they bring (optional)"))
    submit = SubmitField(_l("Record the panel"), widget=GovSubmitInput())


class PanelReportForm(FlaskForm):
    received_on = _date(_l("Date the panel's report was received"))
    recommendations = TextAreaField(
        _l("The panel's recommendations"),
        description=_l("One on each line. Leave empty if it made none."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=20000)],
    )
    submit = SubmitField(_l("Record the report"), widget=GovSubmitInput())


class RecommendationForm(FlaskForm):
    recommendation = _choice(_l("Recommendation"), _l("Select a recommendation"))
    decision = RadioField(
        _l("Does the council accept it?"),
        choices=[("accept", _l("Yes, we accept it")), ("reject", _l("No: give our reasons"))],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select whether the council accepts it"))],
    )
    reasons = TextAreaField(
        _l("Reasons"),
        description=_l("Needed if we do not accept it: the council must set them out in writing."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField(_l("Record the answer"), widget=GovSubmitInput())


class CouncilResponseForm(FlaskForm):
    responded_on = _date(_l("Date of the council's response"))
    with_ip = BooleanField(
        _l("The response was made together with the stage 2 Independent Person"), widget=GovCheckboxInput()
    )
    outcome = RadioField(
        _l("Outcome"),
        description=_l("Leave it to the points' outcomes, if you recorded them."),
        choices=[(o.value, OUTCOME_LABELS[o.value]) for o in POINT_OUTCOMES[:4]],
        widget=GovRadioInput(),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Record the council's response"), widget=GovSubmitInput())


# ---------------------------------------------------------------- corporate stage 2


class StageHandlerForm(FlaskForm):
    handler = _choice(
        _l("Who handles stage 2?"), _l("Select who handles stage 2"), description=_l("Not stage 1's handler.")
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class StageAcknowledgeForm(FlaskForm):
    acknowledged_on = _date(_l("Date stage 2 was acknowledged"))
    submit = SubmitField(_l("Record the acknowledgement"), widget=GovSubmitInput())


# ---------------------------------------------------------------- pauses, late complaints, refusals


class PauseForm(FlaskForm):
    reason = RadioField(
        _l("What must happen first?"),
        choices=[(r.value, PAUSE_REASON_LABELS[r.value]) for r in PauseReason],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select what must happen first"))],
    )
    detail = _reason_field(_l("What the proceedings are"), _l("Enter what the proceedings are"))
    paused_on = _date(_l("Date the pause starts"))
    submit = SubmitField(_l("Pause the case"), widget=GovSubmitInput())


class ResumeForm(FlaskForm):
    resumed_on = _date(_l("Date the case starts again"))
    submit = SubmitField(_l("Resume the case"), widget=GovSubmitInput())


class GroundsForm(FlaskForm):
    grounds_on = _date(
        _l("When did it happen?"), description=_l("Or when they first knew of it. For example, 27 3 2026")
    )
    submit = SubmitField(_l("Save the date"), widget=GovSubmitInput())


YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class LateComplaintForm(FlaskForm):
    good_reason = RadioField(
        _l("Was there a good reason they did not complain sooner?"),
        choices=YES_NO,
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select yes or no"))],
    )
    fair = RadioField(
        _l("Can it still be looked into effectively and fairly?"),
        choices=YES_NO,
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select yes or no"))],
    )
    decision = RadioField(
        _l("Decision"),
        choices=[("accept", _l("Look into it")), ("refuse", _l("Refuse it as out of time"))],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select the decision"))],
    )
    reasons = _reason_field(_l("Reasons for the decision"), _l("Enter the reasons for the decision"))
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


class RefuseForm(FlaskForm):
    code = SelectField(
        _l("Why are we refusing?"), widget=GovSelect(), validators=[InputRequired(_l("Select why we are refusing"))]
    )
    reason = _reason_field(_l("Our reasons, in plain words"), _l("Enter our reasons"))
    refused_on = _date(_l("Date of the refusal"))
    submit = SubmitField(_l("Refuse"), widget=GovSubmitInput())


# Every form these routes post, as the case page builds them: (name, form class, field prefix).
PROCEDURE_FORMS = (
    ("point", PointForm, "point"),
    ("point_outcome", PointOutcomeForm, "point_outcome"),
    ("investigation", InvestigationForm, "investigation"),
    ("statement", StatementForm, "statement"),
    ("investigation_report", InvestigationReportForm, "inv_report"),
    ("adjudication", AdjudicationForm, "adjudication"),
    ("panel", PanelForm, "panel"),
    ("panel_report", PanelReportForm, "panel_report"),
    ("recommendation", RecommendationForm, "recommendation"),
    ("council_response", CouncilResponseForm, "council_response"),
    ("stage_handler", StageHandlerForm, "stage_handler"),
    ("stage_acknowledge", StageAcknowledgeForm, "stage_ack"),
    ("pause", PauseForm, "pause"),
    ("resume", ResumeForm, "resume"),
    ("grounds", GroundsForm, "grounds"),
    ("late_complaint", LateComplaintForm, "late_complaint"),
    ("refuse", RefuseForm, "refuse"),
)
