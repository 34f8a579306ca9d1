"""Importing historic records: the whole file is checked first, and importing again never duplicates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake.data.procedure import payments_for, referrals_for
from intake.domain.records_import import ImportRejected, import_records
from intake.extensions import db
from intake.models import AuditEvent, Representation, RepresentationCategory, Stage, Status, Team

SAMPLE = Path(__file__).parent.parent / "fixtures" / "historic_records.csv"
TODAY = date(2026, 11, 2)
HEADER = "reference,kind,procedure,received_on,team,outcome,stage,stage1_responded_on,categories"


def run(settings, text: str | bytes):
    return import_records(db.session, text, settings, source="test.csv", today=TODAY)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def rejected(settings, text) -> list[tuple[int, str | None, str]]:
    with pytest.raises(ImportRejected) as info:
        run(settings, text)
    assert count(Representation) == 0 and count(Team) == 0, "nothing may be imported from a file with problems"
    return [(p.line, p.column, p.message) for p in info.value.problems]


def test_the_sample_file_imports_every_record_with_its_stages_categories_teams_and_audit_events(settings):
    result = run(settings, SAMPLE.read_bytes())
    assert (result.created, result.updated, result.unchanged) == (41, 0, 0)
    assert count(Representation) == 41
    assert count(AuditEvent) == 41
    assert set(db.session.scalars(select(AuditEvent.action))) == {"imported"}
    assert sorted(result.teams_created) == sorted(db.session.scalars(select(Team.name)))
    assert len(result.teams_created) == 6


def test_importing_the_same_file_again_changes_nothing(settings):
    run(settings, SAMPLE.read_bytes())
    before = {
        "reps": db.session.execute(
            select(Representation.id, Representation.reference, Representation.updated_at)
        ).all(),
        "stages": db.session.execute(select(Stage.id, Stage.representation_id, Stage.number, Stage.due_on)).all(),
        "categories": db.session.execute(select(RepresentationCategory.id, RepresentationCategory.code)).all(),
        "events": count(AuditEvent),
        "teams": count(Team),
    }
    result = run(settings, SAMPLE.read_bytes())
    assert (result.created, result.updated, result.unchanged) == (0, 0, 41)
    after = {
        "reps": db.session.execute(
            select(Representation.id, Representation.reference, Representation.updated_at)
        ).all(),
        "stages": db.session.execute(select(Stage.id, Stage.representation_id, Stage.number, Stage.due_on)).all(),
        "categories": db.session.execute(select(RepresentationCategory.id, RepresentationCategory.code)).all(),
        "events": count(AuditEvent),
        "teams": count(Team),
    }
    assert after == before


def test_a_changed_row_updates_its_record_by_reference_without_a_duplicate(settings):
    run(settings, f"{HEADER}\nCS-2016-0001,complaint,statutory,2016-05-03,Fostering,open,1,,finance\n")
    result = run(
        settings,
        f"{HEADER}\nCS-2016-0001,complaint,statutory,2016-05-03,Fostering,upheld,1,2016-05-12,finance;staff_conduct\n",
    )
    assert (result.created, result.updated) == (0, 1)
    rep = db.session.scalar(select(Representation))
    assert count(Representation) == 1
    assert rep.status is Status.CLOSED and rep.closed_on == date(2016, 5, 12)
    assert [(s.number, s.responded_on, s.outcome.value) for s in rep.stages] == [(1, date(2016, 5, 12), "upheld")]
    assert rep.category_codes == ["finance", "staff_conduct"]
    assert [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == [
        "imported",
        "import_updated",
    ]


def test_a_record_becomes_stages_with_clocks_from_its_dates(settings):
    text = (
        "reference,kind,procedure,received_on,method,submitted_by,advocate,stage,outcome,stage1_responded_on,"
        "stage2_requested_on,stage2_responded_on,lgo,compensation_pence,compensation_detail\n"
        "HIST/17/9,complaint,statutory,2017-04-15,letter,child,yes,2,partly_upheld,2017-04-28,2017-05-08,2017-06-09,"
        "investigated_upheld,25000,Apology and payment\n"
    )
    run(settings, text)
    rep = db.session.scalar(select(Representation))
    # Saturday 15 April 2017 (Easter Saturday): received at London midnight; the clock starts Tuesday 18 April.
    assert rep.received_at == datetime(2017, 4, 14, 23, 0, tzinfo=UTC)
    assert rep.received_on == date(2017, 4, 18)
    assert (rep.channel.value, rep.submitted_by.value, rep.advocate_supported) == ("letter", "child", True)
    [referral] = referrals_for(db.session, rep.id)
    assert (referral.outcome.value, referral.referred_on) == ("investigated_upheld", None)
    [payment] = payments_for(db.session, rep.id)
    assert (payment.amount_pence, payment.detail, payment.paid_on) == (25000, "Apology and payment", None)
    one, two = rep.stages
    assert (one.started_on, one.due_on, one.responded_on, one.outcome) == (
        date(2017, 4, 18),
        date(2017, 5, 3),
        date(2017, 4, 28),
        None,
    )
    assert (two.requested_on, two.started_on, two.due_on, two.outcome.value) == (
        date(2017, 5, 8),
        date(2017, 5, 8),
        date(2017, 6, 13),
        "partly_upheld",
    )
    assert rep.status is Status.CLOSED and rep.retention_until == date(2023, 6, 9)


def test_a_byte_order_mark_columns_in_any_order_and_blanks_are_accepted(settings):
    text = "\ufeffkind,received_on,reference,method,team\r\ncompliment,2018-01-09,C-1,,\r\n\r\n"
    run(settings, text.encode("utf-8"))
    rep = db.session.scalar(select(Representation))
    assert (rep.reference, rep.kind.value, rep.channel.value, rep.team_id, rep.stages) == (
        "C-1",
        "compliment",
        "not_known",
        None,
        [],
    )


def test_teams_are_matched_whatever_their_capitals_and_new_ones_are_created(settings):
    db.session.add(Team(name="Leaving care"))
    db.session.commit()
    result = run(
        settings,
        "reference,kind,received_on,team\nA,compliment,2018-01-09,LEAVING CARE\n"
        "B,compliment,2018-01-10,Youth offending\nC,comment,2018-01-11,youth offending\n",
    )
    assert result.teams_created == ["Youth offending"]
    assert sorted(db.session.scalars(select(Team.name))) == ["Leaving care", "Youth offending"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "reference,kind,received_on\nA,complaint,2016-04-01\nB,complaint,2016-02-30\n",
            (3, "received_on", "is not a date"),
            id="a bad date",
        ),
        pytest.param(
            "reference,kind,received_on\nA,complaint,2016-04-01\nB,complaynt,2016-04-02\n",
            (3, "kind", '"complaynt" is not allowed'),
            id="an unknown kind",
        ),
        pytest.param("reference,kind\nA,complaint\n", (1, "received_on", "column is missing"), id="a missing column"),
        pytest.param(
            "reference,kind,received_on,colour\nA,complaint,2016-04-01,red\n",
            (1, "colour", "Unknown column"),
            id="an unknown column",
        ),
        pytest.param(
            "reference,kind,received_on\nA,complaint,2016-04-01\nA,compliment,2016-04-02\n",
            (3, "reference", "also on line 2"),
            id="a duplicate reference",
        ),
        pytest.param(
            "reference,kind,received_on,categories\nA,compliment,2016-04-01,finance\n",
            (2, "categories", "not a category for a compliment"),
            id="a category of another kind",
        ),
        pytest.param(
            "reference,kind,received_on\nA,complaint,2031-04-01\n",
            (2, "received_on", "in the future"),
            id="a date in the future",
        ),
        pytest.param(
            "reference,kind,received_on,compensation_pence\nA,complaint,2016-04-01,£250\n",
            (2, "compensation_pence", "not an amount in pence"),
            id="money in pounds",
        ),
        pytest.param(
            "reference,kind,procedure,received_on,stage\nA,complaint,corporate,2016-04-01,3\n",
            (2, "stage", "at most 2 stage"),
            id="stage 3 of a corporate complaint",
        ),
        pytest.param(
            "reference,kind,received_on,stage,stage2_responded_on\nA,complaint,2016-04-01,2,2016-06-01\n",
            (2, "stage2_requested_on", "Give the date stage 2 was asked for"),
            id="a stage with no start",
        ),
        pytest.param(
            "reference,kind,received_on,stage1_responded_on\nA,complaint,2016-04-05,2016-04-01\n",
            (2, "stage1_responded_on", "before the stage started"),
            id="a response before its stage",
        ),
        pytest.param(
            "reference,kind,received_on,outcome,stage1_responded_on\nA,complaint,2016-04-05,open,2016-04-08\n",
            (2, "outcome", "open complaint has no response"),
            id="an open complaint with a response",
        ),
        pytest.param(
            "reference,kind,received_on,outcome\nA,compliment,2016-04-05,upheld\n",
            (2, "outcome", "Only complaints"),
            id="an outcome on a compliment",
        ),
        pytest.param(
            "reference,kind,received_on\nA,complaint,2016-04-05,extra\n", (2, None, "more values"), id="too many values"
        ),
        pytest.param(
            b"reference,kind,received_on\nA,complaint,2016-04-05\nB,comment,\xff2016\n",
            (3, None, "not UTF-8"),
            id="not UTF-8",
        ),
        pytest.param("", (1, None, "The file is empty"), id="an empty file"),
    ],
)
def test_a_problem_is_reported_with_its_line_and_column_and_nothing_is_imported(settings, text, problem):
    problems = rejected(settings, text)
    line, column, words = problem
    assert any(p[0] == line and p[1] == column and words in p[2] for p in problems), problems


def test_every_problem_in_the_file_is_listed_not_just_the_first(settings):
    text = (
        "reference,kind,received_on,method,advocate\n"
        "A,complaint,2016-13-01,fax,maybe\n"
        "B,complaint,2016-04-01,email,yes\n"
        ",gripe,2016-04-02,,\n"
    )
    problems = rejected(settings, text)
    assert [(line, column) for line, column, _ in problems] == [
        (2, "advocate"),
        (2, "method"),
        (2, "received_on"),
        (4, "kind"),
        (4, "reference"),
    ]


def test_line_numbers_count_a_quoted_value_that_runs_over_two_lines(settings):
    text = (
        'reference,kind,received_on,compensation_detail\nA,complaint,2016-04-01,"two\nlines"\nB,complaint,2016-04-31,\n'
    )
    assert rejected(settings, text) == [
        (4, "received_on", '"2016-04-31" is not a date. Write dates as YYYY-MM-DD, like 2016-04-01.')
    ]


def test_an_import_leaves_the_commit_to_its_caller(settings):
    run(settings, SAMPLE.read_bytes())
    db.session.rollback()
    assert count(Representation) == 0 and count(Team) == 0
