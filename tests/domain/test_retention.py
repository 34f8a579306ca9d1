"""The purge: expired cases go with everything personal; held cases stay; the audit trail remembers."""

from __future__ import annotations

from datetime import date

from intake.domain import casework
from intake.domain.retention import purge_expired
from intake.models import AuditEvent, CaseNote, FormDraft, Notification, Representation, Stage
from tests.factories import create_closed_case, create_representation, create_staff


def test_an_expired_case_is_deleted_with_its_stages_notes_and_outbox_but_the_audit_line_stays(session, settings):
    officer = create_staff()
    rep = create_closed_case(session, settings, officer)
    rep_id, reference = rep.id, rep.reference
    assert purge_expired(session, date(2032, 11, 20)) == []  # the last day it is kept
    purged = purge_expired(session, date(2032, 11, 21))
    assert [p.reference for p in purged] == [reference]
    assert session.get(Representation, rep_id) is None
    for model in (Stage, CaseNote, Notification):
        assert session.query(model).filter_by(representation_id=rep_id).count() == 0
    line = session.query(AuditEvent).filter_by(reference=reference, action="purged").one()
    assert "2032-11-20" in line.detail and "social worker" not in line.detail


def test_a_case_on_legal_hold_survives_the_purge(session, settings):
    officer = create_staff()
    held = create_closed_case(session, settings, officer)
    casework.set_legal_hold(session, held, officer, True, "IICSA instruction")
    gone = create_closed_case(session, settings, officer)
    session.commit()
    held_ref, gone_ref = held.reference, gone.reference
    purged = purge_expired(session, date(2040, 1, 1))
    assert [p.reference for p in purged] == [gone_ref]
    assert session.query(Representation).filter_by(reference=held_ref).one().legal_hold


def test_open_cases_are_never_purged(session, settings):
    create_representation()
    assert purge_expired(session, date(2099, 1, 1)) == []


def test_the_purge_command_prints_references_and_dates_only(app, session, settings):
    officer = create_staff()
    rep = create_closed_case(session, settings, officer, what_happened="My own words about the school bus")
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["purge-expired", "--dry-run", "--today", "2033-01-01"])
    assert dry.exit_code == 0 and f"Would delete {rep.reference}" in dry.output
    assert session.query(Representation).count() == 1
    result = runner.invoke(args=["purge-expired", "--today", "2033-01-01"])
    assert result.exit_code == 0, result.output
    assert f"Deleted {rep.reference}: received 2026-11-02, closed 2026-11-20, kept until 2032-11-20" in result.output
    assert "school bus" not in result.output
    session.expire_all()
    assert session.query(Representation).count() == 0


def test_a_purged_case_takes_the_form_draft_that_made_it_with_it(session, settings):
    officer = create_staff()
    rep = create_closed_case(session, settings, officer)
    kept = create_closed_case(session, settings, officer, closed_on=date(2030, 1, 1))
    for draft_id, case in (("made-the-purged-case", rep), ("made-the-kept-case", kept)):
        session.add(
            FormDraft(id=draft_id, answers={"disclosed": [{"words": {"what_happened": "x"}}]}, reference=case.reference)
        )
    session.add(FormDraft(id="still-being-filled-in", answers={}))
    session.commit()
    purge_expired(session, date(2033, 1, 1))
    session.commit()
    assert sorted(d.id for d in session.query(FormDraft)) == ["made-the-kept-case", "still-being-filled-in"]


def test_the_purge_leaves_the_commit_to_its_caller(session, settings):
    officer = create_staff()
    rep = create_closed_case(session, settings, officer)
    assert [p.reference for p in purge_expired(session, date(2033, 1, 1))] == [rep.reference]
    session.rollback()
    assert session.query(Representation).filter_by(reference=rep.reference).count() == 1


def test_an_expired_case_s_attachment_files_go_with_it(session, settings, tmp_path):
    from intake.domain.attachments import store_attachment
    from intake.models import Attachment

    officer = create_staff()
    rep = create_closed_case(session, settings, officer)
    stored = store_attachment(
        session,
        rep,
        "letter.txt",
        b"My letter about the move.\n",
        "staff",
        settings=settings.with_values({"ATTACHMENT_DIR": str(tmp_path)}),
    )
    session.commit()
    folder = tmp_path / str(rep.id)
    assert isinstance(stored, Attachment) and any(folder.iterdir())
    settings["ATTACHMENT_DIR"], before = tmp_path, settings.get("ATTACHMENT_DIR")
    try:
        purge_expired(session, date(2032, 11, 21))
        session.commit()  # the command commits; the files go once it has
    finally:
        settings["ATTACHMENT_DIR"] = before
    assert session.query(Attachment).count() == 0
    assert not folder.exists()
