"""The staff area: sign-in, the queue, the case page and its actions, alerts, export and users."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from intake.models.enums import category_label  # noqa: E402
from intake.staff.own_words import own_words  # noqa: E402

bp.add_app_template_filter(own_words, "own_words")
bp.add_app_template_filter(category_label, "category_label")

import intake.staff.attachments  # noqa: E402, F401 (files on a case)
import intake.staff.dev_outbox  # noqa: E402, F401 (the development outbox)
import intake.staff.letters  # noqa: E402, F401 (letters: their routes register on bp)
import intake.staff.record  # noqa: E402, F401 (recording a case, correcting the record)
import intake.staff.referrals  # noqa: E402, F401 (advocates' referrals)
from intake.staff import (  # noqa: E402, F401 (routes register on bp; procedure_actions and remedy_actions: the procedure's; adjustment_actions: reasonable adjustments)
    actions,
    adjustment_actions,
    alerts,
    auth,
    cases,
    export,
    procedure_actions,
    queue,
    remedy_actions,
    users,
)
