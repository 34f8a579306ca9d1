"""The forms for what staff key in: a case that arrived some other way, corrections to it, and a file for it.

Every answer has a visible label and a GOV.UK error message that says what to do. A choice that is not on the
list (a team that has gone, a value made up) gets that same message, never WTForms' "Not a valid choice".
The person's words have no length check here: ``submit()`` decides, so a disclosure is never refused for its
length (issue 13).
"""

from __future__ import annotations

from datetime import time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from intake.domain.advocate_independence import NOT_SERVICE_MANAGER, NOT_SUBJECT, NOT_SUBJECTS_MANAGER
from intake.domain.casework.record import EARLIEST_RECEIVED, parse_time
from intake.domain.casework.rules import today_in_london
from intake.domain.sanitise import normalise_email, normalise_phone
from intake.i18n import LANGUAGE_NAMES
from intake.models import Channel, ChildAgreement, ContactMethod, Kind, SubmittedBy
from intake.staff.forms import DATE_FORMAT, ThreePartDateField

# How it reached us, in the words the annual report uses for its methods (intake.reports.rendering).
METHOD_LABELS = {
    Channel.EMAIL: _l("Email"),
    Channel.LETTER: _l("Letter"),
    Channel.TELEPHONE: _l("Telephone"),
    Channel.IN_PERSON: _l("In person"),
    Channel.SMS: _l("Text message"),
    Channel.WEBCHAT: _l("Web chat"),
    Channel.WEB_FORM: _l("Web form"),
    Channel.NOT_KNOWN: _l("Not known"),
}
# What staff key in: everything the report counts except the two channels people use by themselves.
RECORDED_METHODS = (
    Channel.EMAIL,
    Channel.LETTER,
    Channel.TELEPHONE,
    Channel.IN_PERSON,
    Channel.SMS,
    Channel.NOT_KNOWN,
)
KIND_CHOICES = [
    (Kind.COMPLAINT.value, _l("Complaint")),
    (Kind.COMPLIMENT.value, _l("Compliment")),
    (Kind.COMMENT.value, _l("Comment")),
]
FROM_LABELS = {
    SubmittedBy.CHILD: _l("The child or young person"),
    SubmittedBy.PARENT: _l("A parent"),
    SubmittedBy.FOSTER_CARER: _l("A foster carer"),
    SubmittedBy.CARER: _l("Another carer"),
    SubmittedBy.ADVOCATE: _l("An advocate"),
    SubmittedBy.PROFESSIONAL: _l("A professional"),
    SubmittedBy.RELATIVE: _l("A relative"),
    SubmittedBy.OTHER: _l("Someone else"),
    SubmittedBy.UNKNOWN: _l("Not known"),
}
NEW_FROM = (
    SubmittedBy.CHILD,
    SubmittedBy.PARENT,
    SubmittedBy.FOSTER_CARER,
    SubmittedBy.CARER,
    SubmittedBy.ADVOCATE,
    SubmittedBy.PROFESSIONAL,
    SubmittedBy.OTHER,
)
AGREEMENT_CHOICES = [
    (ChildAgreement.YES.value, _l("Yes, the child agreed")),
    (ChildAgreement.NOT_POSSIBLE.value, _l("The child could not be asked")),
    (ChildAgreement.NOT_ASKED.value, _l("Not asked yet")),
]
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]
SAFE_CHOICES = [("yes", _l("Yes")), ("no", _l("No")), ("not_asked", _l("We did not ask"))]
PREFERRED_CHOICES = [
    (ContactMethod.EMAIL.value, _l("Email")),
    (ContactMethod.SMS.value, _l("Text message")),
    (ContactMethod.PHONE.value, _l("Phone call")),
    (ContactMethod.ADVOCATE.value, _l("Only through their advocate")),
    (ContactMethod.NONE.value, _l("They did not say")),
]
TIME_PATTERN = r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$"


class OnTheList:
    """The answer must be one of the field's choices, or the field's own message is shown."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data is not None and str(field.data) not in {str(value) for value, _label in field.choices}:
            raise ValidationError(str(self.message))


def _choice(label, choices, message, *, required=True, description=None, widget=None):
    return RadioField(
        label,
        choices=choices,
        description=description or "",
        widget=widget or GovRadioInput(),
        validate_choice=False,  # OnTheList says it in words staff can act on
        validators=[InputRequired(message=message) if required else Optional(), OnTheList(message)],
    )


def _check_received(form, field):
    day = field.data
    if day is None:
        return
    if day > today_in_london():
        raise ValidationError(_("The date it reached us must be today or in the past"))
    if day < EARLIEST_RECEIVED:
        raise ValidationError(_("The date it reached us must be 1 January 2000 or later"))


def _check_phone(form, field):
    if (field.data or "").strip() and not normalise_phone(field.data):
        raise ValidationError(_("Enter a phone number, like 07700 900 982"))


def _check_email(form, field):
    if (field.data or "").strip() and not normalise_email(field.data):
        raise ValidationError(_("Enter an email address in the correct format, like name@example.com"))


def _time_field(label):
    return StringField(
        label,
        widget=GovTextInput(),
        validators=[Optional(), Regexp(TIME_PATTERN, message=_l("Enter a time like 09:00 or 18:30"))],
    )


class IntakeFacts(FlaskForm):
    """What both recording and correcting ask: how and when it reached us, who it is from, and how to contact
    them safely."""

    method = _choice(_l("How did it reach us?"), [], _l("Select how it reached us"))
    received = ThreePartDateField(
        _l("When did it reach us?"),
        description=_l(
            "The day it arrived, not the day it was opened: every deadline counts from it. For example, 27 3 2026."
        ),
        format=DATE_FORMAT,
        widget=GovDateInput(),
        validators=[InputRequired(message=_l("Enter the date it reached us")), _check_received],
    )
    submitted_by = _choice(_l("Who is it from?"), [], _l("Select who it is from"))
    for_child = _choice(
        _l("Are they acting for a child or young person?"),
        YES_NO,
        _l("Select yes if they are acting for a child"),
        required=False,
    )
    child_name = StringField(
        _l("The child's first name (optional)"),
        description=_l("Only if they are acting for a child."),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=100, message=_l("The child's name must be 100 characters or fewer"))],
    )
    child_agreement = _choice(
        _l("Did the child agree to them acting for them?"),
        AGREEMENT_CHOICES,
        _l("Select whether the child agreed"),
        required=False,
    )
    child_agreement_note = TextAreaField(
        _l("About the child's agreement (optional)"),
        description=_l("For example, why the child could not be asked."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000, message=_l("This must be 2,000 characters or fewer"))],
    )
    contact_name = StringField(
        _l("Their name (optional)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message=_l("The name must be 200 characters or fewer"))],
    )
    contact_phone = StringField(
        _l("Phone number (optional)"), widget=GovTextInput(), validators=[Optional(), _check_phone]
    )
    contact_email = StringField(
        _l("Email address (optional)"), widget=GovTextInput(), validators=[Optional(), _check_email]
    )
    safe_to_contact = _choice(
        _l("Is it safe to contact them?"),
        SAFE_CHOICES,
        _l("Select whether it is safe to contact them"),
        description=_l("A shared phone or a letter at home can put a child at risk. Ask; do not assume."),
    )
    preferred_contact = _choice(
        _l("How do they want us to contact them?"),
        PREFERRED_CHOICES,
        _l("Select how they want us to contact them"),
        required=False,
    )
    text_from = _time_field(_l("Texts are safe from (optional)"))
    text_until = _time_field(_l("Texts are safe until (optional)"))
    contact_avoid = TextAreaField(
        _l("Anything to avoid when contacting them (optional)"),
        description=_l("For example, someone else reads their texts, or do not call the house."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=1000, message=_l("This must be 1,000 characters or fewer"))],
    )

    def validate(self, extra_validators=None) -> bool:
        """The answers each field checks, then those that depend on another answer (an optional field's own
        validators never run when it is empty)."""
        valid = super().validate(extra_validators)
        for field, message in self._missing_answers():
            if not field.errors:
                field.errors.append(message)
            valid = False
        return valid

    def _missing_answers(self):
        who = self.submitted_by.data
        if who in (None, "", SubmittedBy.CHILD.value):
            return
        if not self.for_child.data:
            yield self.for_child, _("Select yes if they are acting for a child")
        elif who == SubmittedBy.ADVOCATE.value and self.for_child.data == "no":
            yield self.for_child, _("An advocate acts for a child: select yes")
        elif self.acting_for_child() and not self.child_agreement.data:
            yield self.child_agreement, _("Select whether the child agreed")

    def acting_for_child(self) -> bool:
        return self.submitted_by.data not in (None, "", SubmittedBy.CHILD.value) and self.for_child.data == "yes"

    def texting_window(self) -> tuple[time | None, time | None]:
        return parse_time(self.text_from.data), parse_time(self.text_until.data)


class RecordForm(IntakeFacts):
    """/staff/cases/new: a complaint, compliment or comment that reached us by email, letter, phone or in person."""

    kind = _choice(_l("What is it?"), KIND_CHOICES, _l("Select what it is"))
    advocate_requested = _choice(
        _l("Did they ask for an advocate?"),
        YES_NO,
        _l("Select yes if they asked for an advocate"),
        required=False,
        description=_l("An advocate helps a child or young person say what they want. The advocacy service is told."),
    )
    what_happened = TextAreaField(
        _l("What they told us"),
        description=_l("Their own words if they wrote to us, or your note of what they said."),
        widget=GovCharacterCount(),
        validators=[DataRequired(message=_l("Enter what they told us"))],
    )
    what_would_help = TextAreaField(
        _l("What would help, in their words (optional)"), widget=GovCharacterCount(), validators=[Optional()]
    )
    service_mentioned = StringField(
        _l("Who or what it is about (optional)"),
        description=_l("As they said it, for example “my leaving care worker”."),
        widget=GovTextInput(),
        validators=[Optional()],
    )
    team = SelectField(
        _l("Team"),
        widget=GovSelect(),
        validate_choice=False,
        validators=[OnTheList(_l("Select a team from the list"))],
    )
    language = _choice(
        _l("Which language should we reply in?"),
        [(code, name) for code, name in LANGUAGE_NAMES.items()],
        _l("Select a language"),
    )
    submit = SubmitField(_l("Record it"), widget=GovSubmitInput())

    def choose_from(self, teams) -> RecordForm:
        self.method.choices = [(m.value, METHOD_LABELS[m]) for m in RECORDED_METHODS]
        self.submitted_by.choices = [(s.value, FROM_LABELS[s]) for s in NEW_FROM]
        self.team.choices = [("", _("Not known yet"))] + [(str(t.id), t.name) for t in teams]
        return self


class CorrectionForm(IntakeFacts):
    """/staff/cases/<reference>/record: the intake facts as they should have been, and why they changed."""

    advocate = SelectField(
        _l("Their advocate"),
        description=_l("An advocate appointed since it arrived."),
        widget=GovSelect(),
        validate_choice=False,
        validators=[OnTheList(_l("Select an advocate from the list"))],
    )
    advocate_declaration = SelectMultipleField(
        _l("The advocate's declaration"),
        description=_l("Only when you choose a new advocate: tick each one they confirmed to you."),
        choices=[
            (NOT_SUBJECT, _l("They are not the subject of the complaint or comment")),
            (NOT_SUBJECTS_MANAGER, _l("They do not manage anyone who is the subject of it")),
            (NOT_SERVICE_MANAGER, _l("They do not manage the service it is about")),
        ],
        widget=GovCheckboxesInput(),
        validate_choice=False,  # Declaration.of keeps only the parts it knows
    )
    reason = TextAreaField(
        _l("Why are you correcting the record?"),
        description=_l("Kept on the case as a note. Say what was wrong, not the person's details."),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Enter why you are correcting the record")),
            Length(max=2000, message=_l("The reason must be 2,000 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Save the correction"), widget=GovSubmitInput())

    def choose_from(self, advocates) -> CorrectionForm:
        self.method.choices = [(m.value, METHOD_LABELS[m]) for m in Channel]
        self.submitted_by.choices = [(s.value, FROM_LABELS[s]) for s in SubmittedBy]
        self.advocate.choices = [("", _("No advocate"))] + [
            (str(a.id), f"{a.name} ({a.organisation or _('no organisation')})") for a in advocates
        ]
        return self


class AttachmentForm(FlaskForm):
    file = FileField(
        _l("Upload a file"),
        description=_l("A letter's scan, a photo of a handwritten note or an email saved as a PDF."),
        widget=GovFileInput(),
    )
    submit = SubmitField(_l("Add the file"), widget=GovSubmitInput())
