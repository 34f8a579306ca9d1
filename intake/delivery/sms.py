"""SMS bodies, rendered through Babel in the recipient's language.

Each body is one translatable message with named placeholders, so it can be
segment-counted in tests: English is GSM-7 only and one or two segments
(rules-reference.md §6.5); Polish and Arabic need UCS-2 and are kept to two.
Alerts to staff carry only the reference, kind, channel, urgency and a link.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from intake.config import Settings
from intake.delivery.content import CannotRender, babel_locale, message_context
from intake.models import Notification
from intake.models.notification import REPLY_TEMPLATES


def _rights_alert(c: Mapping[str, Any]) -> str:
    if c["urgent"]:
        return _(
            "URGENT: new %(kind)s %(reference)s by %(channel)s. Open the case: %(url)s",
            kind=c["kind"],
            reference=c["reference"],
            channel=c["channel"],
            url=c["case_url"],
        )
    return _(
        "New %(kind)s %(reference)s by %(channel)s. Open the case: %(url)s",
        kind=c["kind"],
        reference=c["reference"],
        channel=c["channel"],
        url=c["case_url"],
    )


def _safeguarding_alert(c: Mapping[str, Any]) -> str:
    return _(
        "URGENT safeguarding alert on %(reference)s (%(channel)s). Please act now: %(url)s",
        reference=c["reference"],
        channel=c["channel"],
        url=c["case_url"],
    )


def _acknowledgement(c: Mapping[str, Any]) -> str:
    if c["is_complaint"] and c["acknowledge_by"]:
        return _(
            "Thank you. We got your message. Your reference is %(reference)s. "
            "We will contact you by %(date)s. Questions? Call %(phone)s",
            reference=c["reference"],
            date=c["acknowledge_by"],
            phone=c["rights_phone"],
        )
    return _(
        "Thank you. We got your message. Your reference is %(reference)s. Questions? Call %(phone)s",
        reference=c["reference"],
        phone=c["rights_phone"],
    )


def _extension_notice(c: Mapping[str, Any]) -> str:
    return _(
        "We need more time to look into %(reference)s. We will reply by %(date)s. If you're still not happy, someone "
        "independent can look at it: %(ombudsman)s",
        reference=c["reference"],
        date=c["due_on"],
        ombudsman=c["ombudsman"],
    )


def _pause_notice(c: Mapping[str, Any]) -> str:
    return _(
        "%(reference)s is on hold while something else happens first, like a court case. When it is over, you "
        "can ask us to look at it again. Questions? Call %(phone)s",
        reference=c["reference"],
        phone=c["rights_phone"],
    )


SMS_TEMPLATES = {
    "rights_alert_sms": _rights_alert,
    "safeguarding_alert_sms": _safeguarding_alert,
    "acknowledgement_sms": _acknowledgement,
    "extension_notice_sms": _extension_notice,
    "pause_notice_sms": _pause_notice,
}


def render_sms(notification: Notification, settings: Settings, *, reply: str | None = None) -> str:
    """The text of an SMS notification. A staff reply's words are the notification's own (or ``reply``), and so
    are a conversation's replies."""
    if notification.template == "staff_reply_sms" or notification.template in REPLY_TEMPLATES:
        body = notification.body or reply
        if not body:
            raise CannotRender("this reply has no text to send")
        return body
    render = SMS_TEMPLATES.get(notification.template)
    if render is None:
        raise CannotRender(f"there is no SMS template called {notification.template!r}")
    with force_locale(babel_locale(notification.language)):
        return render(message_context(notification, settings))
