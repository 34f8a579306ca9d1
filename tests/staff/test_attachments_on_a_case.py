"""Files on a case: uploading a scan or a PDF, refusing programs, active content and oversized files with a
clear message, listing every file (mailbox ones too, refused ones with why), and downloads that are attachments,
never sniffed, audited, and only for those who may see them."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from intake.domain.attachments import Refusal, list_refused
from intake.models import Attachment, AuditEvent, ChildAgreement, SubmittedBy
from tests.factories import create_representation, create_staff, create_teams
from tests.mailbox import samples
from tests.staff.officer_forms import checked


@pytest.fixture
def attachment_dir(app, tmp_path, monkeypatch):
    path = tmp_path / "attachments"
    monkeypatch.setitem(app.config, "ATTACHMENT_DIR", str(path))
    return path


@pytest.fixture
def rep(session):
    rep = create_representation(submitted_by=SubmittedBy.PARENT)
    session.commit()
    return rep


def upload(client, post_form, rep, data: bytes, name: str):
    return post_form(client, f"/staff/cases/{rep.reference}/attachments", {"file": (io.BytesIO(data), name)})


def files_on_disk(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_scanned_letter_is_kept_listed_and_downloaded_as_an_attachment_never_sniffed(
    client, officer, post_form, rep, session, attachment_dir
):
    response = upload(client, post_form, rep, samples.PLAIN_PDF, "Letter from Pat.pdf")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{rep.reference}#files")
    [kept] = session.scalars(select(Attachment)).all()
    assert kept.media_type == "application/pdf" and kept.source == "staff upload" and kept.is_stored
    assert len(files_on_disk(attachment_dir)) == 1

    page = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "File added: Letter from Pat.pdf." in page and "Letter from Pat.pdf" in page
    download = client.get(f"/staff/cases/{rep.reference}/attachments/{kept.id}")
    assert download.status_code == 200 and download.data == samples.PLAIN_PDF
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "Letter from Pat.pdf" in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Cache-Control"] == "no-store"
    actions = [e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.representation_id == rep.id))]
    assert "attachment_added" in actions and "attachment_downloaded" in actions
    added = session.scalar(select(AuditEvent).where(AuditEvent.action == "attachment_added"))
    assert "Pat" not in added.detail  # the file's name can be personal: the audit has its type and size


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (samples.WINDOWS_PROGRAM, "letter.pdf", "active content"),
        (samples.LINUX_PROGRAM, "photo.jpg", "active content"),
        (samples.PDF_WITH_JAVASCRIPT, "letter.pdf", "active content"),
        (b"<html><script>alert(1)</script></html>", "note.html", "We do not keep this type of file"),
        (b"", "empty.pdf", "The file is empty"),
    ],
    ids=["a Windows program named .pdf", "a Linux program", "a PDF that runs JavaScript", "HTML", "an empty file"],
)
def test_a_program_or_active_content_is_refused_with_the_reason_and_nothing_is_kept(
    client, officer, post_form, rep, session, attachment_dir, data, name, message
):
    response = upload(client, post_form, rep, data, name)
    assert response.status_code == 400
    checked(response, errors=True)
    assert message in response.get_data(as_text=True)
    assert session.scalars(select(Attachment)).all() == [] and files_on_disk(attachment_dir) == []


def test_a_20_mb_upload_gets_the_limit_in_words_not_a_crash(client, officer, post_form, rep, session, attachment_dir):
    response = upload(client, post_form, rep, b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "big scan.pdf")
    assert response.status_code == 413
    checked(response, errors=True)
    assert "The file is too big. The largest file we keep is 10 MB." in response.get_data(as_text=True)
    assert session.scalars(select(Attachment)).all() == [] and files_on_disk(attachment_dir) == []


def test_a_file_just_over_the_limit_is_refused_with_the_same_words(
    client, officer, post_form, rep, session, attachment_dir, app, monkeypatch
):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1024)
    response = upload(client, post_form, rep, samples.PLAIN_PDF + b" " * 2048, "letter.pdf")
    assert response.status_code == 400
    assert "The file is too big. The largest file we keep is 1 KB." in response.get_data(as_text=True)
    assert files_on_disk(attachment_dir) == []


def test_the_rest_of_the_app_still_refuses_big_requests(client, officer, post_form, rep):
    response = post_form(client, f"/staff/cases/{rep.reference}/note", {"note-text": "x" * (300 * 1024)})
    assert response.status_code == 413


def test_pressing_the_button_without_a_file_asks_for_one(client, officer, post_form, rep):
    response = post_form(client, f"/staff/cases/{rep.reference}/attachments", {})
    assert response.status_code == 400 and "Select a file to upload" in response.get_data(as_text=True)
    checked(response, errors=True)


def test_an_upload_without_the_forms_token_is_refused(client, officer, rep, session, attachment_dir):
    response = client.post(
        f"/staff/cases/{rep.reference}/attachments", data={"file": (io.BytesIO(samples.PLAIN_PDF), "a.pdf")}
    )
    assert response.status_code == 400
    assert session.scalars(select(Attachment)).all() == []


def test_the_upload_page_passes_the_page_checks_and_is_an_audited_view(client, officer, rep, session):
    response = client.get(f"/staff/cases/{rep.reference}/attachments")
    assert response.status_code == 200
    checked(response, errors=False)
    assert 'enctype="multipart/form-data"' in response.get_data(as_text=True)
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "viewed", AuditEvent.actor_id == officer.id))


def test_a_file_the_mailbox_did_not_keep_is_listed_with_why(client, officer, rep, session):
    list_refused(session, rep, "invoice.exe", 4096, Refusal("active_content"), "email")
    session.commit()
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "invoice.exe" in html and "Not kept" in html and "active content" in html
    assert "/attachments/" not in html.split("invoice.exe")[0].rsplit("<tr", 1)[-1]  # no download link


def test_a_missing_other_cases_or_refused_file_is_a_404(client, officer, post_form, rep, session, attachment_dir):
    upload(client, post_form, rep, samples.PNG, "photo.png")
    other = create_representation()
    refused = list_refused(session, rep, "x.exe", 10, Refusal("active_content"), "email")
    session.commit()
    [kept] = session.scalars(select(Attachment).where(Attachment.stored_name.is_not(None))).all()
    assert client.get(f"/staff/cases/{other.reference}/attachments/{kept.id}").status_code == 404
    assert client.get(f"/staff/cases/{rep.reference}/attachments/{refused.id}").status_code == 404
    assert client.get(f"/staff/cases/{rep.reference}/attachments/999999").status_code == 404
    assert client.get(f"/staff/cases/{rep.reference}/attachments/abc").status_code == 404


def test_a_manager_of_another_team_cannot_download_and_gets_a_404(client, sign_in, post_form, session, attachment_dir):
    [mine, other, *_] = create_teams()
    officer = create_staff()
    rep = create_representation(team_id=other.id)
    session.commit()
    sign_in(client, officer)
    upload(client, post_form, rep, samples.PNG, "photo.png")
    [kept] = session.scalars(select(Attachment)).all()
    sign_in(client, create_staff("manager@council.example", role="manager", team_name=mine.name))
    assert client.get(f"/staff/cases/{rep.reference}/attachments/{kept.id}").status_code == 404


def test_an_advocate_sees_files_only_where_the_child_agreed_to_share_them(
    client, sign_in, post_form, session, attachment_dir
):
    officer = create_staff()
    advocate = create_staff("ade@advocacy.example", role="advocate", organisation="Voice")
    rep = create_representation(submitted_by=SubmittedBy.PARENT, about_someone_else=True)
    rep.advocate_id = advocate.id
    session.commit()
    sign_in(client, officer)
    upload(client, post_form, rep, samples.PNG, "photo.png")
    client.get(f"/staff/cases/{rep.reference}")  # the officer reads "File added"
    [kept] = session.scalars(select(Attachment)).all()

    sign_in(client, advocate)
    html = client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert "the child has not agreed to share them with an advocate" in html and "photo.png" not in html
    assert client.get(f"/staff/cases/{rep.reference}/attachments/{kept.id}").status_code == 404
    assert client.get(f"/staff/cases/{rep.reference}/attachments").status_code == 403  # uploading is staff's

    rep.child_agreement = ChildAgreement.YES
    session.commit()
    assert "photo.png" in client.get(f"/staff/cases/{rep.reference}").get_data(as_text=True)
    assert client.get(f"/staff/cases/{rep.reference}/attachments/{kept.id}").status_code == 200
