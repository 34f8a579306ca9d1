"""What notifications say: email templates (text and HTML) and SMS bodies, in every language."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.header import Header

import pytest
from babel.dates import format_date

from intake.config import PROJECT_ROOT
from intake.delivery.content import CannotRender
from intake.delivery.email import _multipart_alternative, render_email
from intake.delivery.sms import SMS_TEMPLATES, render_sms
from intake.domain.routing import AUDIENCE_PERSON
from intake.domain.sms_text import is_gsm7, measure, non_gsm7_characters
from intake.extensions import db
from intake.models import Kind, Notification, SubmittedBy
from intake.models.base import utcnow
from tests.factories import create_representation

EMAIL_TEMPLATES = [
    "new_case",
    "advocacy_referral",
    "rights_alert",
    "compliment_for_team",
    "safeguarding_alert",
    "acknowledgement",
    "reminder",
    "overdue",
    "extension_notice",
]
TRANSLATIONS = json.loads((PROJECT_ROOT / "translations/work/delivery.json").read_text(encoding="utf-8"))


def parsed(notification, settings):
    """The rendered message as a mail client would read it."""
    return message_from_bytes(render_email(notification, settings).raw, policy=policy.default)


def body(message, subtype):
    return message.get_body((subtype,)).get_content()


def notification_for(rep, template, *, channel="email", language="en", urgent=False, audience="complaints officer"):
    now = utcnow()
    n = Notification(
        representation_id=rep.id,
        channel=channel,
        recipient="someone@council.example",
        template=template,
        audience=audience,
        urgent=urgent,
        language=language,
        next_attempt_at=now,
        give_up_at=now + timedelta(hours=48),
    )
    db.session.add(n)
    db.session.commit()
    return n


@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
def test_every_email_has_plain_text_and_html_with_the_reference_and_a_link_to_the_case(template, settings):
    rep = create_representation(what_happened="Nobody listens <b>to me</b> SECRET-WORDS")
    n = notification_for(rep, template)
    msg = parsed(n, settings)
    text, html = body(msg, "plain"), body(msg, "html")
    assert rep.reference in msg["Subject"] and rep.reference in text and rep.reference in html
    if template not in ("acknowledgement", "extension_notice"):  # to the person: the tracking page, not staff's
        assert f"https://hys.test/staff/cases/{rep.reference}" in text
        assert f'href="https://hys.test/staff/cases/{rep.reference}"' in html
    assert "SECRET-WORDS" not in text + html + msg["Subject"]
    assert msg["Message-ID"] == f"<hys-notification-{n.id}@council.example>"
    assert msg["X-HYS-Notification"] == str(n.id)
    assert "{{" not in text and "%(" not in text and "%(" not in html


def test_an_urgent_alert_says_so_in_the_subject_and_headers(settings):
    rep = create_representation()
    msg = parsed(notification_for(rep, "safeguarding_alert", urgent=True), settings)
    assert msg["Subject"].startswith("URGENT: Safeguarding alert:") and msg["Importance"] == "high"


def test_the_acknowledgement_gives_the_date_in_plain_words_and_offers_a_child_an_advocate(settings):
    rep = create_representation(submitted_by=SubmittedBy.CHILD, received_at=datetime(2026, 11, 2, 10, tzinfo=UTC))
    text = body(parsed(notification_for(rep, "acknowledgement", audience=AUDIENCE_PERSON), settings), "plain")
    assert rep.acknowledge_by == date(2026, 11, 5)
    assert "Thursday, 5 November 2026" in text
    assert "You can have an advocate" in text and "0800 1111" in text and "https://hys.test/track" in text


def test_a_parent_is_not_offered_an_advocate_and_a_compliment_has_no_deadline(settings):
    rep = create_representation(submitted_by=SubmittedBy.PARENT, kind=Kind.COMPLIMENT)
    text = body(parsed(notification_for(rep, "acknowledgement", audience=AUDIENCE_PERSON), settings), "plain")
    assert "advocate" not in text and "kind words" in text


@pytest.mark.parametrize(("language", "direction", "weekday"), [("pl", "rtl", "czwartek"), ("ar", "rtl", "الخميس")])
def test_the_acknowledgement_is_written_in_the_persons_language(settings, language, direction, weekday):
    rep = create_representation(
        submitted_by=SubmittedBy.CHILD, language=language, received_at=datetime(2026, 11, 2, 10, tzinfo=UTC)
    )
    msg = parsed(notification_for(rep, "acknowledgement", language=language, audience=AUDIENCE_PERSON), settings)
    html = body(msg, "html")
    assert weekday in msg["Subject"] or rep.reference in msg["Subject"]
    assert f'lang="{language}"' in html and weekday in html
    assert ('dir="rtl"' in html) is (language == "ar")


def test_non_english_subjects_and_bodies_survive_the_wire_format():
    subject = "Mamy Twoją wiadomość: K7QM-3XPD"
    raw = _multipart_alternative(
        [("To", "a@example.org"), ("Subject", Header(subject, "utf-8").encode(linesep="\r\n"))],
        "وصلتنا رسالتك\n" + "ż" * 200,
        "<p>żółw &amp; وصلتنا</p>",
        boundary="b1",
    )
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == subject
    assert body(msg, "plain").replace("\r\n", "\n").rstrip() == "وصلتنا رسالتك\n" + "ż" * 200
    assert "żółw" in body(msg, "html")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78 and b"\n" not in raw.replace(b"\r\n", b"")


def test_an_address_with_a_line_break_cannot_inject_headers():
    with pytest.raises(CannotRender) as caught:
        _multipart_alternative([("To", "a@example.org\r\nBcc: everyone@example.org")], "x", "x", boundary="b")
    assert "To header" in str(caught.value)


# ------------------------------------------------------------------ SMS


@pytest.mark.parametrize("template", sorted(SMS_TEMPLATES))
@pytest.mark.parametrize("urgent", [False, True])
def test_english_sms_are_gsm7_and_at_most_two_segments(template, urgent, settings):
    rep = create_representation(submitted_by=SubmittedBy.CHILD)
    audience = AUDIENCE_PERSON if template == "acknowledgement_sms" else "children's rights officer"
    body = render_sms(notification_for(rep, template, channel="sms", urgent=urgent, audience=audience), settings)
    assert is_gsm7(body), non_gsm7_characters(body)
    assert measure(body).segments <= 2
    assert rep.reference in body


def test_the_acknowledgement_text_fits_one_segment_in_english(settings):
    rep = create_representation(submitted_by=SubmittedBy.CHILD, contact_phone="07700 900123", safe_to_contact=True)
    body = render_sms(notification_for(rep, "acknowledgement_sms", channel="sms", audience=AUDIENCE_PERSON), settings)
    assert measure(body).segments == 1, body


SMS_MSGIDS = [
    k
    for k in TRANSLATIONS
    if "%(url)s" in k or k.startswith(("Thank you. We got your message.", "We need more time to look into"))
]
LONGEST_DATE = date(2026, 9, 30)  # a long weekday and month in each language


@pytest.mark.parametrize("msgid", SMS_MSGIDS)
@pytest.mark.parametrize("language", ["pl", "ar"])
def test_translated_sms_fit_in_two_segments(msgid, language):
    kinds = {"pl": "pochwała", "ar": "ملاحظة"}
    values = {
        "reference": "K7QM-3XPD",
        "kind": kinds[language],
        "channel": TRANSLATIONS["web form"][language],
        "url": "https://haveyoursay.council.gov.uk/staff/cases/K7QM-3XPD",
        "phone": "0800 123 4567",
        "date": format_date(LONGEST_DATE, format="full", locale=language),
        "ombudsman": "www.lgo.org.uk, 0300 061 0614",
    }
    body = TRANSLATIONS[msgid][language] % {k: values[k] for k in re.findall(r"%\((\w+)\)s", msgid)}
    assert measure(body).segments <= 2, (body, measure(body))


def test_every_sms_template_has_a_translation():
    for render_name in SMS_TEMPLATES:
        assert render_name.endswith("_sms")
    assert len(SMS_MSGIDS) == 6


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
def test_the_cached_skeleton_gives_exactly_what_rendering_the_templates_directly_gives(template, language, settings):
    from flask_babel import force_locale

    from intake.delivery.content import babel_locale, message_context
    from intake.delivery.email import _email_env, _render_direct, _render_parts

    # Two cases with different values (and a value that needs escaping in HTML) through the same skeleton.
    for kind, urgent, council in [(Kind.COMPLAINT, False, "Tom & Jerry's <Council>"), (Kind.COMPLIMENT, True, "B")]:
        rep = create_representation(kind=kind, what_happened="Thank you")
        n = notification_for(rep, template, language=language, urgent=urgent)
        locale = babel_locale(language)
        with force_locale(locale):
            context = {
                **message_context(n, settings.with_values({"COUNCIL_NAME": council})),
                "lang": language,
                "text_direction": "rtl" if language == "ar" else "ltr",
            }
            cached = _render_parts(template, locale, context)
            assert cached == _render_direct(_email_env(locale), template, context)
            if "&" in council:  # every HTML email names the council in its footer, escaped
                assert "Tom &amp; Jerry&#39;s &lt;Council&gt;" in cached[2] and "<Council>" not in cached[2]


def test_a_template_that_changes_a_value_is_always_rendered_directly(app, settings, tmp_path, monkeypatch):
    from flask_babel import force_locale
    from jinja2 import ChoiceLoader, DictLoader

    from intake.delivery.email import _email_env, _render_parts

    with force_locale("en_GB"):
        env = _email_env("en_GB")
    monkeypatch.setattr(
        env,
        "loader",
        ChoiceLoader(
            [
                DictLoader(
                    {
                        "emails/new_case.txt": "{{ reference|upper }} {{ kind }}",
                        "emails/new_case.html": (
                            "<p>{% if kind == 'comment' %}A comment{% else %}{{ kind }}{% endif %}</p>"
                        ),
                    }
                ),
                env.loader,
            ]
        ),
    )
    monkeypatch.setattr(env, "hys_skeletons", {})
    env.cache.clear()
    base = {"reference": "ab-1", "kind": "complaint", "channel": "web form", "urgent": False}
    try:
        with force_locale("en_GB"):
            assert _render_parts("new_case", "en_GB", base)[1:] == ("AB-1 complaint", "<p>complaint</p>")
            # The first render showed that the skeleton cannot be trusted for this template: the next is direct.
            assert _render_parts("new_case", "en_GB", {**base, "reference": "cd-2", "kind": "comment"})[1:] == (
                "CD-2 comment",
                "<p>A comment</p>",
            )
    finally:
        env.cache.clear()
