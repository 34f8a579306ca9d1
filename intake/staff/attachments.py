"""Files on a case: uploading a letter's scan or a photo of a note, listing every file, downloading one.

An upload goes through ``store_attachment`` (type read from the bytes, the size limit, no active content), so
a program or a macro never reaches the disk. The page takes a request as big as ``ATTACHMENT_MAX_BYTES``
allows (the rest of the app takes 256 KB); anything bigger is answered with the limit, not a crash.

Downloads are served as attachments with the type we found, never displayed inline, and audited. Who sees
files: everyone who can open the case, except that an advocate sees them only where the child agreed to
share them (``intake.domain.referrals.advocate_may_see_files``).
"""

from __future__ import annotations

from flask import abort, render_template, request, send_file, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from intake.access import CASE_ROLES, case_or_404, role_required, signed_in_user, viewed_case
from intake.config import Settings
from intake.data import attachments as attachment_data
from intake.domain.attachments import REFUSALS, Refusal, store_attachment
from intake.domain.audit import record_event
from intake.domain.casework import CaseworkError
from intake.domain.referrals import advocate_may_see_files
from intake.extensions import csrf, db
from intake.models import Attachment, Representation, Role, StaffUser
from intake.settings import current_settings
from intake.staff import bp
from intake.staff.intake_forms import AttachmentForm
from intake.staff.record import RECORD_ROLES
from intake.staff.steps import run_step
from intake.transaction import committed

# Room in a request for the form around the file (the multipart headers and the CSRF token).
FORM_ALLOWANCE = 64 * 1024
SOURCE = "staff upload"


def may_see_files(user: StaffUser, rep: Representation) -> bool:
    return user.role is not Role.ADVOCATE or advocate_may_see_files(rep)


def largest_file(settings: Settings) -> int:
    return settings.mailbox.attachment_max_bytes


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


def case_files(rep: Representation) -> dict:
    """What the case page's file list shows the signed-in person (``templates/staff/case/_attachments.html``)."""
    user = signed_in_user()
    visible = may_see_files(user, rep)
    return {
        "files": attachment_data.attachments_for(db.session, rep.id) if visible else [],
        "hidden": not visible,
        "can_upload": user.role in RECORD_ROLES,
        "refusals": {code: str(text) for code, text in REFUSALS.items()},
    }


bp.add_app_template_global(case_files, "case_files")
bp.add_app_template_global(megabytes, "megabytes")


@bp.route("/cases/<reference>/attachments", methods=["GET", "POST"])
@role_required(*RECORD_ROLES)
@csrf.exempt  # checked in the view, once the request may be as big as a file (see upload())
def case_attachments(reference: str):
    if request.method == "GET":
        with committed():
            rep = viewed_case(reference)
        return _page(rep, AttachmentForm())
    return upload(reference)


def upload(reference: str):
    rep = case_or_404(reference)
    limit = largest_file(current_settings())
    # Before the body is read: the app's own limit (MAX_CONTENT_LENGTH) is for pages of text.
    request.max_content_length = limit + FORM_ALLOWANCE
    try:
        csrf.protect()
        form = AttachmentForm()
        chosen = form.file.data
    except RequestEntityTooLarge:
        _leave_the_body_unread()
        return _page(rep, AttachmentForm(formdata=None), error=_too_big(limit), status=413)
    if chosen is None or not getattr(chosen, "filename", ""):
        form.file.errors = [_("Select a file to upload")]
        return _page(rep, form, status=400)

    def step() -> str:
        kept = store_attachment(
            db.session, rep, chosen.filename, chosen.read(limit + 1), SOURCE, settings=current_settings()
        )
        if isinstance(kept, Refusal):
            raise CaseworkError(_too_big(limit) if kept.code == "too_big" else kept.message)
        record_event(
            db.session,
            "attachment_added",
            representation=rep,
            staff=signed_in_user(),
            detail=f"{kept.media_type}, {kept.size_bytes} bytes, {SOURCE}",
        )
        return _("File added: %(name)s.", name=kept.original_name)

    def refused(reason: str):
        form.file.errors = [reason]
        return _page(case_or_404(reference), form, status=400)

    return run_step(step, url_for("staff.case", reference=rep.reference, _anchor="files"), refused)


def _leave_the_body_unread() -> None:
    """The page answering an oversized upload has forms of its own (sign out): they must find an empty form
    rather than try to read the body again. (Werkzeug caches ``form`` and ``files``; these are its caches.)"""
    request.form = ImmutableMultiDict()
    request.files = ImmutableMultiDict()


def _too_big(limit: int) -> str:
    return _("The file is too big. The largest file we keep is %(size)s.", size=megabytes(limit))


def _page(rep: Representation, form: AttachmentForm, *, error: str | None = None, status: int = 200):
    if error:
        form.file.errors = [error]
    return render_template(
        "staff/case/attachments.html",
        rep=rep,
        form=form,
        form_has_errors=bool(form.file.errors),
        largest=megabytes(largest_file(current_settings())),
    ), status


@bp.get("/cases/<reference>/attachments/<attachment_id>")
@role_required(*CASE_ROLES)
def case_attachment(reference: str, attachment_id: str):
    rep = case_or_404(reference)
    user = signed_in_user()
    attachment = _stored_file(rep, attachment_id)
    path = attachment_data.file_path(attachment, current_settings()) if attachment else None
    if attachment is None or path is None or not path.is_file() or not may_see_files(user, rep):
        abort(404)
    with committed():
        record_event(
            db.session, "attachment_downloaded", representation=rep, staff=user, detail=f"attachment {attachment.id}"
        )
    response = send_file(
        path,
        mimetype=attachment.media_type or "application/octet-stream",
        as_attachment=True,  # never shown inline: a file from outside is read in its own program
        download_name=attachment.original_name or "attachment",
        conditional=False,
        etag=False,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def _stored_file(rep: Representation, attachment_id: str) -> Attachment | None:
    text = str(attachment_id)
    if not (text.isascii() and text.isdigit() and len(text) < 10):
        return None
    wanted = int(text)
    return next((a for a in attachment_data.attachments_for(db.session, rep.id) if a.id == wanted), None)
