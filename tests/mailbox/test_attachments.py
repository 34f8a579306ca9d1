"""Attachments (intake.domain.attachments and intake.data.attachments): what is kept, where, and how it goes."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import select

from intake.data.attachments import attachments_for, file_path
from intake.domain.attachments import (
    REFUSALS,
    Refusal,
    check_file,
    delete_attachments_for,
    display_name,
    list_refused,
    store_attachment,
)
from intake.models import Attachment
from tests.factories import create_representation
from tests.mailbox import samples

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize(
    ("data", "name", "media_type"),
    [
        (samples.PLAIN_PDF, "letter.pdf", "application/pdf"),
        (samples.JPEG, "photo.jpg", "image/jpeg"),
        (samples.PNG, "note.png", "image/png"),
        (samples.HEIC, "IMG_0001.HEIC", "image/heic"),
        (samples.DOCX, "letter.docx", DOCX),
        (samples.DOCX_WITH_A_LINK, "letter.docx", DOCX),
        (samples.ODT, "letter.odt", "application/vnd.oasis.opendocument.text"),
        ("Zażółć <3 — my notes".encode(), "notes.txt", "text/plain"),
        ("Notatki".encode("utf-16"), "notatki.txt", "text/plain"),
        (samples.PNG, "named-as-a.pdf", "image/png"),
    ],
    ids=["PDF", "JPEG", "PNG", "HEIC", "DOCX", "DOCX with a link", "ODT", "text", "UTF-16 text", "misnamed PNG"],
)
def test_allowed_files_are_recognised_by_what_they_contain(data, name, media_type):
    verdict = check_file(data, name)
    assert not isinstance(verdict, Refusal)
    assert verdict.media_type.startswith(media_type)


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (samples.WINDOWS_PROGRAM, "letter.pdf", "active_content"),
        (samples.LINUX_PROGRAM, "photo.jpg", "active_content"),
        (b"#!/bin/sh\nrm -rf ~\n", "notes.txt", "active_content"),
        (samples.PDF_WITH_JAVASCRIPT, "letter.pdf", "active_content"),
        (samples.PDF_WITH_ESCAPED_JAVASCRIPT, "letter.pdf", "active_content"),
        (samples.pdf_with_javascript_in_an_object_stream(), "letter.pdf", "active_content"),
        (samples.PDF_THAT_LAUNCHES, "letter.pdf", "active_content"),
        (samples.DOCX_WITH_MACROS, "letter.docx", "active_content"),
        (samples.DOCX_WITH_DDE, "letter.docx", "active_content"),
        (samples.DOCX_WITH_REMOTE_TEMPLATE, "letter.docx", "active_content"),
        (samples.ODT_WITH_MACROS, "letter.odt", "active_content"),
        (samples.ODT_WITH_EVENT_SCRIPT, "letter.odt", "active_content"),
        (b"<!DOCTYPE html><script>steal()</script>", "notes.txt", "active_content"),
        (b"<html><body>hello</body></html>", "page.html", "not_allowed"),
        (b"plain words", "run.bat", "not_allowed"),
        (b"GIF89a" + b"\x00" * 40, "anim.gif", "not_allowed"),
        (b"PK\x03\x04" + b"\x00" * 40, "archive.zip", "not_allowed"),
        (b"%PDF-1.7\nthis is not really a pdf", "broken.pdf", "unreadable"),
        (b"\x00\x01\x02\x03" * 50, "data.txt", "unreadable"),
        (b"", "empty.txt", "empty"),
    ],
    ids=[
        "a Windows program named .pdf",
        "a Linux program named .jpg",
        "a shell script named .txt",
        "PDF with JavaScript",
        "PDF with hex-escaped JavaScript",
        "PDF with JavaScript in a compressed object stream",
        "PDF that launches a program",
        "DOCX with macros",
        "DOCX with a DDE field",
        "DOCX with a remote template",
        "ODT with Basic macros",
        "ODT with an event script",
        "HTML named .txt",
        "HTML",
        "a batch file",
        "GIF",
        "zip",
        "a broken PDF",
        "binary named .txt",
        "empty",
    ],
)
def test_anything_else_is_refused_with_a_reason(data, name, code):
    assert check_file(data, name) == Refusal(code)


def test_every_refusal_has_words_staff_can_read(app):
    with app.test_request_context():
        assert all(Refusal(code).message == str(REFUSALS[code]) and REFUSALS[code] for code in REFUSALS)


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    assert check_file(samples.PNG + b"\x00" * 2000, "big.png", max_bytes=1024) == Refusal("too_big")


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\sam\\letter.pdf", "letter.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("  ", "attachment"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    ],
)
def test_the_senders_file_name_is_shown_without_folders_or_tricks(given, shown):
    assert display_name(given) == shown


def test_a_kept_file_is_stored_outside_the_web_root_under_a_random_name_readable_only_by_the_service(
    session, settings, attachment_dir
):
    rep = create_representation()
    kept = store_attachment(session, rep, "My Letter.pdf", samples.PLAIN_PDF, "staff upload", settings=settings)
    session.commit()

    assert isinstance(kept, Attachment)
    path = file_path(kept, settings)
    assert path.parent == attachment_dir / str(rep.id)
    assert path.name == kept.stored_name and "Letter" not in path.name and len(path.name) == 32
    assert path.read_bytes() == samples.PLAIN_PDF
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (kept.original_name, kept.source, kept.size_bytes) == (
        "My Letter.pdf",
        "staff upload",
        len(samples.PLAIN_PDF),
    )
    assert [a.id for a in attachments_for(session, rep.id)] == [kept.id]


def test_a_refused_file_writes_nothing(session, settings, attachment_dir):
    rep = create_representation()
    refused = store_attachment(session, rep, "x.exe", samples.WINDOWS_PROGRAM, "email", settings=settings)
    assert refused == Refusal("active_content")
    assert not attachment_dir.exists()
    assert attachments_for(session, rep.id) == []


def test_a_refused_file_can_be_listed_on_the_case_without_being_kept(session, settings):
    rep = create_representation()
    listed = list_refused(session, rep, "x.exe", 1234, Refusal("active_content"), "email")
    session.commit()
    assert (listed.is_stored, listed.refused, file_path(listed, settings)) == (False, "active_content", None)


def test_a_file_written_in_a_transaction_that_rolls_back_is_removed(session, settings, attachment_dir):
    rep = create_representation()
    kept = store_attachment(session, rep, "a.png", samples.PNG, "email", settings=settings)
    path = file_path(kept, settings)
    assert path.exists()
    session.rollback()
    assert not path.exists()


def test_purging_removes_the_rows_now_and_the_files_once_the_purge_commits(session, settings, attachment_dir):
    keep, purge = create_representation(), create_representation()
    kept = store_attachment(session, keep, "a.png", samples.PNG, "email", settings=settings)
    gone = store_attachment(session, purge, "b.png", samples.PNG, "email", settings=settings)
    session.commit()
    kept_path, gone_path = file_path(kept, settings), file_path(gone, settings)

    assert delete_attachments_for(session, [purge.id], settings=settings) == 1
    assert gone_path.exists()  # not yet: the purge could still roll back
    session.commit()

    assert not gone_path.exists() and not gone_path.parent.exists()
    assert kept_path.exists()
    assert session.scalars(select(Attachment.representation_id)).all() == [keep.id]


def test_a_purge_that_rolls_back_loses_no_file(session, settings, attachment_dir):
    rep = create_representation()
    kept = store_attachment(session, rep, "a.png", samples.PNG, "email", settings=settings)
    session.commit()
    delete_attachments_for(session, [rep.id], settings=settings)
    session.rollback()
    assert file_path(kept, settings).exists()
    assert len(attachments_for(session, rep.id)) == 1
