"""The public site's forms: one question per form, GOV.UK widgets, GOV.UK style messages.

Messages follow the GOV.UK Design System ("Enter ...", "Select ...") in words a
nine-year-old can read. No field is pre-filled or pre-ticked. Free text is
measured after cleaning (``clean_text``), the same way ``submit()`` measures it,
so a page never accepts something the case record would refuse.
"""

from __future__ import annotations

from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from intake.domain.references import is_valid, normalise
from intake.domain.sanitise import clean_text, normalise_email, normalise_phone
from intake.settings import current_settings

KIND_CHOICES = [
    ("wrong", _l("Something is wrong")),
    ("thanks", _l("Say thank you")),
    ("idea", _l("An idea or comment")),
    ("contact", _l("I want someone to get in touch")),
]
WHO_CHOICES = [("me", _l("Me")), ("someone_else", _l("Someone else"))]
RELATIONSHIP_CHOICES = [
    ("advocate", _l("I am their advocate")),
    ("parent", _l("I am their parent")),
    ("relative", _l("I am another family member")),
    ("carer", _l("I am their carer")),
    ("foster_carer", _l("I am their foster carer")),
    ("professional", _l("I work with them, for example as a teacher or nurse")),
    ("other", _l("Something else")),
]
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class ChoiceRadio(RadioField):
    """Radios that give one clear message when nothing (or something made up) is chosen.

    WTForms would otherwise say "Not a valid choice" before our own message.
    """

    widget = GovRadioInput()

    def __init__(self, label=None, *, message, **kwargs):
        super().__init__(label, **kwargs)
        self.message = message

    def pre_validate(self, form):
        if self.data not in {value for value, _label in self.choices}:
            self.data = None
            raise StopValidation(str(self.message))


class TickedBox(SelectMultipleField):
    """One checkbox under a visible legend that must be ticked, with one clear message when it is not (or when
    something made up is sent)."""

    widget = GovCheckboxesInput()

    def __init__(self, label=None, *, box, message, **kwargs):
        super().__init__(label, choices=[("yes", box)], **kwargs)
        self.message = message

    def pre_validate(self, form):
        if self.data != ["yes"]:
            self.data = []
            raise StopValidation(str(self.message))


class FreeText:
    """Optional or required free text, measured after cleaning, with a kind message when too long."""

    def __init__(self, required_message=None, limit: int | None = None):
        self.required_message = required_message
        self.limit = limit
        self.field_flags = {}

    def __call__(self, form, field):
        text = clean_text(field.data)
        if not text:
            if self.required_message:
                raise StopValidation(str(self.required_message))
            field.data = ""
            raise StopValidation()
        limit = self.limit or current_settings().max_free_text
        if len(text) > limit:
            raise StopValidation(too_long_message(limit))
        field.data = text


def too_long_message(limit: int) -> str:
    return _(
        "That is too long. Please use %(limit)s characters or fewer. You can tell us the rest later.",
        limit=format_number(limit),
    )


class QuestionForm(FlaskForm):
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class KindForm(QuestionForm):
    kind = ChoiceRadio(_l("What do you want to do?"), choices=KIND_CHOICES, message=_l("Select what you want to do"))


class WhoForm(QuestionForm):
    who = ChoiceRadio(_l("Who is this about?"), choices=WHO_CHOICES, message=_l("Select who this is about"))


class RelationshipForm(QuestionForm):
    relationship = ChoiceRadio(
        _l("Which of these is you?"), choices=RELATIONSHIP_CHOICES, message=_l("Select which of these is you")
    )


class WhatHappenedForm(QuestionForm):
    # The label changes with what they want to do; see journey.WHAT_HAPPENED_LABELS.
    what_happened = TextAreaField(
        _l("What happened?"), widget=GovCharacterCount(), validators=[FreeText(_l("Enter what happened"))]
    )


class PutRightForm(QuestionForm):
    what_would_help = TextAreaField(
        _l("What would help put it right? (optional)"),
        description=_l("For example, you might want someone to say sorry, or something to change."),
        widget=GovCharacterCount(),
        validators=[FreeText()],
    )


class ServiceForm(QuestionForm):
    service_mentioned = StringField(
        _l("Which team or worker is it about? (optional)"),
        description=_l(
            "For example, 'my leaving care worker' or 'Sunny View children's home'. Leave it empty if you do not know."
        ),
        widget=GovTextInput(),
        validators=[FreeText(limit=1000)],
    )


class AdvocateForm(QuestionForm):
    advocate = ChoiceRadio(
        _l("Would you like an advocate to help you?"),
        choices=YES_NO,
        message=_l("Select yes if you would like an advocate"),
    )


def _check_phone(form, field):
    text = (field.data or "").strip()
    if text and not normalise_phone(text):
        raise ValidationError(_("Enter a phone number, like 07700 900 982"))
    field.data = text


def _check_email(form, field):
    text = (field.data or "").strip()
    if text and not normalise_email(text):
        raise ValidationError(_("Enter an email address in the correct format, like name@example.com"))
    field.data = text


class ReplyForm(QuestionForm):
    contact_name = StringField(
        _l("What should we call you? (optional)"), widget=GovTextInput(), validators=[FreeText(limit=200)]
    )
    contact_phone = StringField(
        _l("Phone number for texts or calls (optional)"), widget=GovTextInput(), validators=[_check_phone]
    )
    contact_email = StringField(_l("Email address (optional)"), widget=GovTextInput(), validators=[_check_email])


class SafeForm(QuestionForm):
    safe = ChoiceRadio(
        _l("Is it safe for us to text, call or email you?"),
        description=_l("For example, it might not be safe if someone else reads your messages."),
        choices=YES_NO,
        message=_l("Select yes if it is safe for us to contact you"),
    )
    contact_avoid = TextAreaField(
        _l("Is there anything we should avoid? (optional)"),
        description=_l("For example, 'do not text after 6pm' or 'do not leave a voicemail'."),
        widget=GovTextArea(),
        validators=[FreeText(limit=1000)],
    )


class SendForm(FlaskForm):
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())


class TrackForm(FlaskForm):
    reference = StringField(_l("Your reference"), description=_l("It looks like K7QM-3XPD."), widget=GovTextInput())
    contact = StringField(_l("The phone number or email address you gave us"), widget=GovTextInput())
    submit = SubmitField(_l("Find it"), widget=GovSubmitInput())

    def validate_reference(self, field):
        text = (field.data or "").strip()
        if not text:
            raise StopValidation(_("Enter your reference"))
        ref = normalise(text)
        if not ref or not is_valid(ref):
            raise StopValidation(_("Enter your reference exactly as we gave it to you, like K7QM-3XPD"))
        field.data = ref

    def validate_contact(self, field):
        if not (field.data or "").strip():
            raise StopValidation(_("Enter the phone number or email address you gave us"))


ADVOCATE_KIND_CHOICES = KIND_CHOICES[:3]
AGREEMENT_CHOICES = [
    ("yes", _l("Yes, the child agreed")),
    ("not_possible", _l("It was not possible to ask the child, or they could not say")),
]


class AdvocateSubmissionForm(FlaskForm):
    kind = ChoiceRadio(
        _l("What does the child want to do?"),
        choices=ADVOCATE_KIND_CHOICES,
        message=_l("Select what the child wants to do"),
    )
    child_name = StringField(
        _l("The child's first name or an identifier"),
        description=_l("Use only what the council needs to find the right child."),
        widget=GovTextInput(),
        validators=[FreeText(_l("Enter the child's first name or an identifier"), limit=100)],
    )
    what_happened = TextAreaField(
        _l("What the child said, in their own words"),
        widget=GovCharacterCount(),
        validators=[FreeText(_l("Enter what the child said"))],
    )
    what_would_help = TextAreaField(
        _l("What the child wants to happen"),
        widget=GovCharacterCount(),
        validators=[FreeText(_l("Enter what the child wants to happen"))],
    )
    service_mentioned = StringField(
        _l("Which team or worker is it about? (optional)"), widget=GovTextInput(), validators=[FreeText(limit=1000)]
    )
    agreement = ChoiceRadio(
        _l("Did the child agree to you raising this?"),
        choices=AGREEMENT_CHOICES,
        message=_l("Select whether the child agreed to you raising this"),
    )
    agreement_note = TextAreaField(
        _l("If it was not possible, tell us why"), widget=GovTextArea(), validators=[FreeText(limit=1000)]
    )
    # Who may not be an advocate (rules-reference §1.8): the advocate raising it declares all three parts at once.
    independent = TickedBox(
        _l("Your independence"),
        box=_l(
            "I am not the subject of this complaint or comment, I do not manage anyone who is, and I do not manage "
            "the service it is about"
        ),
        message=_l(
            "Confirm that you are not the subject of this, and do not manage anyone who is or the service it is "
            "about. If you cannot, ask another advocate to raise it for the child."
        ),
    )
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Checked here, not in a field validator: the note is optional unless "not possible" was chosen.
        if self.agreement.data == "not_possible" and not self.agreement_note.errors and not self.agreement_note.data:
            self.agreement_note.errors = [_("Enter why it was not possible to ask the child")]
            return False
        return valid
