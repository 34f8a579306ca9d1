"""The web form journey: one question per page, check your answers, confirmation."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from intake.public import bp, forms, journey
from intake.public.forms import SendForm
from intake.public.status import plain_date
from intake.ratelimits import public_post_limit
from intake.settings import current_settings


@bp.get("/tell-us")
def start():
    """Carry on where they left off, or start a new form (also after sending one)."""
    draft = journey.current_draft()
    if draft is None or draft.state == "sent":
        return redirect(url_for(".question", step=journey.STEPS[0].name))
    step = journey.first_unanswered(draft.answers)
    return redirect(url_for(".question", step=step.name) if step else url_for(".check_answers"))


@bp.route("/tell-us/<step>", methods=["GET", "POST"])
@public_post_limit
def question(step: str):
    current = journey.STEPS_BY_NAME.get(step) or abort(404)
    draft = journey.current_draft()
    if draft is not None and draft.state == "sent":
        return redirect(url_for(".confirmation"))
    answers = draft.answers if draft else {}
    if not journey.may_visit(current, answers):
        return redirect(url_for(".start"))
    changing = request.args.get("change") == "1"
    if request.method == "POST":  # judged on what was sent; every page's words are screened, valid or not
        form = current.form()
        valid = form.validate_on_submit()
        draft = journey.answer_page(current, form, draft, valid)
        if valid and draft is not None:
            return redirect(_after(current, draft, changing))
        answers = draft.answers if draft else {}
    else:  # answers already given fill the page in
        form = current.form(data={f: answers.get(f) for f in current.fields})
    return render_template(
        f"public/form/{current.name.replace('-', '_')}.html",
        form=form,
        back=_back(current, answers, changing),
        action=url_for(".question", step=current.name, change="1" if changing else None),
        answers=answers,
        what_happened_label=journey.WHAT_HAPPENED_LABELS.get(
            answers.get("kind"), journey.WHAT_HAPPENED_LABELS["wrong"]
        ),
        limit=current_settings().max_free_text,
    )


def _after(current: journey.Step, draft, changing: bool) -> str:
    """Where Continue goes: the next question, or back to check your answers after any the change made necessary."""
    following = journey.first_unanswered(draft.answers) if changing else journey.next_step(draft.answers, current.name)
    if following:
        return url_for(".question", step=following.name, change="1" if changing else None)
    return url_for(".check_answers")


def _back(current: journey.Step, answers: dict, changing: bool) -> str:
    if changing:
        return url_for(".check_answers")
    previous = journey.previous_step(answers, current.name)
    return url_for(".question", step=previous.name) if previous else url_for(".home")


@bp.route("/tell-us/check", methods=["GET", "POST"])
@public_post_limit
def check_answers():
    draft = journey.current_draft()
    if draft is not None and draft.state == "sent":
        return redirect(url_for(".confirmation"))
    if draft is None or journey.first_unanswered(draft.answers) is not None:
        return redirect(url_for(".start"))
    form = SendForm()
    if form.validate_on_submit():
        journey.send(draft)  # None means a second click: the first one made the case
        return redirect(url_for(".confirmation"))
    return render_template(
        "public/form/check.html",
        form=form,
        answers=draft.answers,
        rows=check_rows(draft.answers),
    )


def check_rows(answers: dict) -> list[dict]:
    """Summary list rows for every question asked, each with a Change link that comes back here."""
    not_given = _("Not given")
    labels = {
        "kind": (_("What you want to do"), dict(forms.KIND_CHOICES)),
        "who": (_("Who it is about"), dict(forms.WHO_CHOICES)),
        "relationship": (_("Which of these is you"), dict(forms.RELATIONSHIP_CHOICES)),
        "what_happened": (journey.WHAT_HAPPENED_LABELS[answers["kind"]], None),
        "what_would_help": (_("What would help put it right"), None),
        "service_mentioned": (_("Team or worker"), None),
        "advocate": (_("Would you like an advocate"), dict(forms.YES_NO)),
        "contact_name": (_("What we call you"), None),
        "contact_phone": (_("Phone number"), None),
        "contact_email": (_("Email address"), None),
        "safe": (_("Safe to contact you"), dict(forms.YES_NO)),
        "contact_avoid": (_("Anything we should avoid"), None),
    }
    rows = []
    for step in journey.steps_for(answers):
        for field in step.fields:
            label, choices = labels[field]
            value = answers.get(field) or ""
            text = str(choices.get(value, value)) if choices else value
            rows.append(
                {
                    "key": {"text": label},
                    "value": {"text": text or not_given, "classes": "hys-own-words"},
                    "actions": {
                        "items": [
                            {
                                "href": url_for(".question", step=step.name, change="1") + "#" + field,
                                "text": _("Change"),
                                "visuallyHiddenText": str(label).lower(),
                            }
                        ]
                    },
                }
            )
    return rows


@bp.get("/tell-us/sent")
def confirmation():
    rep = journey.representation_for(journey.current_draft())
    if rep is None:
        return redirect(url_for(".start"))
    stage = rep.current_stage
    return render_template(
        "public/form/confirmation.html",
        rep=rep,
        ack_words=plain_date(rep.acknowledge_by),
        due_words=plain_date(stage.effective_due_on if stage else None),
    )
