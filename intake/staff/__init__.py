"""The staff area: sign-in, the queue, the case page and its actions, alerts, export and users."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from intake.staff.own_words import own_words  # noqa: E402

bp.add_app_template_filter(own_words, "own_words")

import intake.staff.letters  # noqa: E402, F401 (letters: their routes register on bp)
from intake.staff import (  # noqa: E402, F401 (routes register on bp)  # noqa: E402, F401 (the procedure's routes)
    actions,
    alerts,
    auth,
    cases,
    export,
    procedure_actions,
    queue,
    remedy_actions,
    users,
)
