"""/staff/outbox, outside production only: every notification as it would be sent, subject and words.

With no SMTP server or Twilio account, nothing leaves the machine; this page shows what would have (the
latest 100 notifications, rendered now, in the recipient's language). In production it is a 404: there the
case page's notification list and the real mailboxes are the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, render_template

from intake.access import role_required
from intake.data.cases import recent_notifications
from intake.delivery.email import render_email
from intake.delivery.sms import render_sms
from intake.extensions import db
from intake.models import Notification, NotificationChannel, Role
from intake.settings import current_settings
from intake.staff import bp

SHOWN = 100


@dataclass(frozen=True)
class Shown:
    notification: Notification
    subject: str
    body: str
    problem: str | None = None


def rendered(notification: Notification, settings) -> Shown:
    """The notification as its recipient would read it, or why it cannot be written."""
    try:
        if notification.channel is NotificationChannel.SMS:
            return Shown(notification, "", render_sms(notification, settings))
        email = render_email(notification, settings)
        return Shown(notification, email.subject, email.text)
    except Exception as exc:  # a page for developers: show why, rather than fail the whole list
        return Shown(notification, "", "", problem=str(exc) or exc.__class__.__name__)


@bp.get("/outbox")
@role_required(Role.COMPLAINTS_OFFICER, Role.ADMIN)
def outbox():
    settings = current_settings()
    if settings.production:
        abort(404)
    notifications = recent_notifications(db.session, SHOWN)
    return render_template("staff/outbox.html", items=[rendered(n, settings) for n in notifications], shown=SHOWN)
