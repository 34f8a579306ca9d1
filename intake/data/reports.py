"""The reports' queries: the annual report's grouped counts, the year-on-year trend, the RAG report's open cases
and the report's written sections.

Every annual-report query is a range of receipt times (``received_at``, UTC instants of London midnights), so
the same query works on SQLite and PostgreSQL and reads ``ix_representation_report`` (which leads with kind)
rather than the table. They run as plain SQL on the session's connection: the ORM's result machinery costs
more than the query for the few thousand rows timeliness reads, and nothing here loads objects.
``intake.domain.report`` turns the rows into the published figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    DateTime,
    Select,
    String,
    and_,
    case,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from intake.models import (
    CaseRefusal,
    Kind,
    OmbudsmanReferral,
    Outcome,
    Procedure,
    ReportNarrative,
    Representation,
    RepresentationCategory,
    Stage,
    Status,
    Team,
)
from intake.models.enums import CHILD_VOICES

OPEN_STATUSES = (Status.NEW.value, Status.OPEN.value, Status.PAUSED.value)
COMPLAINT, COMPLIMENT, STATUTORY = Kind.COMPLAINT.value, Kind.COMPLIMENT.value, Procedure.STATUTORY.value
CORPORATE = Procedure.CORPORATE.value
PROCEDURES = (STATUTORY, CORPORATE)  # the two with stages and outcomes to report


def _execute(session: Session, statement):
    """Run a report query as plain SQL on the session's connection (pending changes flushed first, as
    ``session.execute`` would)."""
    session.flush()
    return session.connection().execute(statement)


def _text(column):
    # Enum columns read back as enums; plain text keeps the CASE expressions below portable.
    return type_coerce(column, String)


def _in_year(start: datetime, end: datetime, *extra):
    """Received in [start, end), plus ``extra``. Each query also names the kinds it reads (all three for the
    headline), so both databases can range-scan ``ix_representation_report``."""
    return and_(Representation.received_at >= start, Representation.received_at < end, *extra)


def _statutory_complaint():
    return and_(Representation.kind == COMPLAINT, Representation.procedure == STATUTORY)


def _total(condition, value=None):
    return func.sum(case((condition, literal_column("1") if value is None else value), else_=literal_column("0")))


def quarter_of(bounds: Sequence[datetime]):
    """Which quarter of the year (1 to 4) a receipt time falls in, given the three instants between quarters."""
    q2, q3, q4 = bounds
    received = Representation.received_at
    return case(
        (received < q2, literal_column("1")),
        (received < q3, literal_column("2")),
        (received < q4, literal_column("3")),
        else_=literal_column("4"),
    ).label("quarter")


def headline_rows(session: Session, start: datetime, end: datetime, quarters: Sequence[datetime]) -> Sequence[Any]:
    """One grouped pass over the year: (kind, procedure, channel, quarter, count, from children, from children
    with an advocate). ``quarters``: the three instants between the year's quarters.

    Every column read here is in ``ix_representation_report``, so the database reads that index and never the
    table.
    """
    from_child = Representation.submitted_by.in_([v.value for v in CHILD_VOICES])
    quarter = quarter_of(quarters)
    return _execute(
        session,
        select(
            _text(Representation.kind),
            _text(Representation.procedure),
            _text(Representation.channel),
            quarter,
            func.count(),
            _total(from_child),
            _total(and_(from_child, Representation.advocate_supported.is_(True))),
        )
        .where(_in_year(start, end, Representation.kind.in_([k.value for k in Kind])))
        .group_by(Representation.kind, Representation.procedure, Representation.channel, "quarter"),
    ).all()


def lgo_counts(session: Session, start: datetime, end: datetime) -> tuple[int, int, int]:
    """Complaints received in the year taken to the Ombudsman: (referred, investigated, upheld), each complaint
    counted once, whether or not the Ombudsman has decided yet."""
    outcome = _text(OmbudsmanReferral.outcome)
    investigated = outcome.in_(("investigated_upheld", "investigated_not_upheld"))
    row = _execute(
        session,
        select(
            func.count(func.distinct(Representation.id)),
            func.count(func.distinct(case((investigated, Representation.id)))),
            func.count(func.distinct(case((outcome == "investigated_upheld", Representation.id)))),
        )
        .join(OmbudsmanReferral, OmbudsmanReferral.representation_id == Representation.id)
        .where(_in_year(start, end, Representation.kind == COMPLAINT)),
    ).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)


def _is_top(stage):
    """``stage`` is the highest its complaint reached: no stage with a higher number exists.

    An anti-join probing the (representation_id, number) index. Both databases run it as one probe per
    stage; a correlated ``max(number)`` led PostgreSQL to hash every stage in the database instead.
    """
    higher = aliased(Stage)
    return ~exists().where(higher.representation_id == stage.representation_id, higher.number > stage.number)


def _refused(stage):
    """The stage was refused: every refusal has its coded record (a refused late request too), so the stage's
    own text is never read and the query stays on the indexes."""
    return exists().where(
        CaseRefusal.representation_id == stage.representation_id, CaseRefusal.stage_number == stage.number
    )


def outcome_rows(session: Session, start: datetime, end: datetime) -> Sequence[Any]:
    """Statutory and corporate complaints by (procedure, team id, outcome key, count): the highest stage's
    outcome, else ``refused``, ``withdrawn``, ``open`` or ``not_known``. One pass for both procedures."""
    stage = aliased(Stage)
    outcome = case(
        (stage.outcome.is_not(None), _text(stage.outcome)),
        (and_(stage.responded_on.is_not(None), _refused(stage)), literal("refused")),
        (Representation.status == Status.WITHDRAWN.value, literal("withdrawn")),
        (Representation.status.in_(OPEN_STATUSES), literal("open")),
        else_=literal("not_known"),
    ).label("result_key")
    # Grouped by the label: a CASE with bound parameters repeated in GROUP BY is a different expression to PostgreSQL.
    return _execute(
        session,
        select(_text(Representation.procedure), Representation.team_id, outcome, func.count())
        .select_from(Representation)
        .outerjoin(stage, and_(stage.representation_id == Representation.id, _is_top(stage)))
        .where(_in_year(start, end, Representation.kind == COMPLAINT, Representation.procedure.in_(PROCEDURES)))
        .group_by(Representation.procedure, Representation.team_id, "result_key"),
    ).all()


def team_names(session: Session) -> dict[int, str]:
    """Every team's name by id. Teams are few: read once rather than joined to every complaint."""
    return dict(_execute(session, select(Team.id, Team.name)).all())


def category_rows(session: Session, start: datetime, end: datetime) -> Sequence[Any]:
    """(kind, category code, count) for statutory complaints and compliments.

    (representation_id, code) is unique, so each row counted is one representation in one category.
    """
    return _execute(
        session,
        select(_text(Representation.kind), RepresentationCategory.code, func.count())
        .join(RepresentationCategory, RepresentationCategory.representation_id == Representation.id)
        .where(
            _in_year(
                start,
                end,
                Representation.kind.in_((COMPLAINT, COMPLIMENT)),
                or_(_statutory_complaint(), Representation.kind == COMPLIMENT),
            )
        )
        .group_by(Representation.kind, RepresentationCategory.code),
    ).all()


def timeliness_rows(session: Session, start: datetime, end: datetime, quarters: Sequence[datetime]) -> Sequence[Any]:
    """Every answered stage of the year's statutory and corporate complaints (not withdrawn, not refused):
    (procedure, stage number, quarter received, start day, response day, working days paused, day the panel met,
    day it reported, count).

    A statutory stage 1 runs from receipt, later stages from the request (rules-reference §1.12); a corporate
    stage from its acknowledgement, kept as the stage's start. SQLite gives the days back as text.
    """
    stage = aliased(Stage)
    withdrawn = func.coalesce(_text(stage.outcome), "") == Outcome.WITHDRAWN.value
    return _execute(
        session,
        _answered_stages(stage, quarters, func.count())
        .select_from(Representation)
        .join(stage, stage.representation_id == Representation.id)
        .where(
            _in_year(start, end, Representation.kind == COMPLAINT, Representation.procedure.in_(PROCEDURES)),
            stage.responded_on.is_not(None),
            ~withdrawn,
        ),
    ).all()


def refused_timeliness_rows(
    session: Session, start: datetime, end: datetime, quarters: Sequence[datetime]
) -> Sequence[Any]:
    """``timeliness_rows``' rows for the refused stages alone (few), for the caller to take away: cheaper than
    asking of every stage whether it was refused. Refusals are few in any council's history, so their cases are
    read first and the stages found from them, never the other way round."""
    refused = _execute(session, select(CaseRefusal.representation_id).distinct()).scalars().all()
    if not refused:
        return []
    stage = aliased(Stage)
    return _execute(
        session,
        _answered_stages(stage, quarters, func.count(func.distinct(stage.id)))
        .select_from(CaseRefusal)
        .join(
            stage,
            and_(stage.representation_id == CaseRefusal.representation_id, stage.number == CaseRefusal.stage_number),
        )
        .join(Representation, Representation.id == stage.representation_id)
        .where(
            CaseRefusal.representation_id.in_(refused),
            _in_year(start, end, Representation.kind == COMPLAINT, Representation.procedure.in_(PROCEDURES)),
            stage.responded_on.is_not(None),
            func.coalesce(_text(stage.outcome), "") != Outcome.WITHDRAWN.value,
        ),
    ).all()


def _answered_stages(stage: Any, quarters: Sequence[datetime], count: Any) -> Select[Any]:
    """The columns and grouping ``timeliness_rows`` and ``refused_timeliness_rows`` share, with ``count`` last;
    each adds where its stages come from."""
    start_day = case(
        (Representation.procedure == CORPORATE, stage.started_on),
        (stage.number == literal_column("1"), Representation.received_on),
        else_=func.coalesce(stage.requested_on, stage.started_on),
    ).label("start_day")
    # Only stage 1 is counted by quarter: the other stages' rows need not be split by it.
    quarter = case((stage.number == literal_column("1"), quarter_of(quarters)), else_=literal_column("0")).label(
        "quarter"
    )
    return select(
        _text(Representation.procedure),
        stage.number,
        quarter,
        _text(start_day),
        _text(stage.responded_on),
        stage.paused_working_days,
        _text(stage.panel_meeting_on),
        _text(stage.panel_report_on),
        count,
    ).group_by(
        Representation.procedure,
        stage.number,
        "quarter",
        "start_day",
        stage.responded_on,
        stage.paused_working_days,
        stage.panel_meeting_on,
        stage.panel_report_on,
    )


def earliest_received_at(session: Session) -> datetime | None:
    return session.scalar(select(func.min(Representation.received_at)))


def yearly_counts(session: Session, bounds: Sequence[tuple[datetime, datetime]]) -> list[tuple[int, int]]:
    """(compliments, statutory complaints) received in each [start, end) range, in order.

    SQLite: one statement of two range counts per year over ``ix_representation_report`` (kind, received_at,
    procedure, ...): it reads only that index, and sorts and groups nothing. PostgreSQL: one grouped pass,
    cheaper there.
    """
    if session.get_bind().dialect.name == "postgresql":
        return _yearly_counts_grouped(session, bounds)

    def count(start: datetime, end: datetime, *where):
        return select(func.count()).select_from(Representation).where(*where, _in_year(start, end)).scalar_subquery()

    columns = []
    for start, end in bounds:
        columns.append(count(start, end, Representation.kind == COMPLIMENT))
        columns.append(count(start, end, Representation.kind == COMPLAINT, Representation.procedure == STATUTORY))
    counts = [int(n or 0) for n in _execute(session, select(*columns)).one()]
    return [(counts[2 * i], counts[2 * i + 1]) for i in range(len(bounds))]


def _yearly_counts_grouped(session: Session, bounds: Sequence[tuple[datetime, datetime]]) -> list[tuple[int, int]]:
    """PostgreSQL: ``width_bucket`` finds each row's year by binary search over the years' start instants,
    far cheaper per row than converting every timestamp to London time. The ranges must be consecutive."""
    starts = [start for start, _end in bounds] + [bounds[-1][1]]
    bucket = func.width_bucket(Representation.received_at, literal(starts, ARRAY(DateTime(timezone=True)))).label(
        "bucket"
    )
    rows = _execute(
        session,
        select(bucket, _text(Representation.kind), func.count())
        .where(
            Representation.kind.in_((COMPLAINT, COMPLIMENT)),
            or_(_statutory_complaint(), Representation.kind == COMPLIMENT),
            Representation.received_at >= starts[0],
            Representation.received_at < starts[-1],
        )
        .group_by(bucket, Representation.kind),
    ).all()
    counts = {(int(b) - 1, kind): n for b, kind, n in rows}  # bucket 1 is the first range
    return [(counts.get((i, COMPLIMENT), 0), counts.get((i, COMPLAINT), 0)) for i in range(len(bounds))]


# ---------------------------------------------------------------- the RAG report


def open_case_due_rows(session: Session, team_id: int | None = None) -> Sequence[Any]:
    """Every open case (optionally one team's), oldest first: (reference, team name, kind, status,
    acknowledge by, acknowledged on, highest stage number, its due date, extended due date, responded on, and for
    stage 3 the days the panel met and reported, which say which of its clocks is running)."""
    top = (
        select(Stage.representation_id.label("rep_id"), func.max(Stage.number).label("top"))
        .group_by(Stage.representation_id)
        .subquery()
    )
    stage = aliased(Stage)
    query = (
        select(
            Representation.reference,
            Team.name,
            Representation.kind,
            Representation.status,
            Representation.acknowledge_by,
            Representation.acknowledged_on,
            stage.number,
            stage.due_on,
            stage.extended_due_on,
            stage.responded_on,
            stage.panel_meeting_on,
            stage.panel_report_on,
        )
        .outerjoin(Team, Team.id == Representation.team_id)
        .outerjoin(top, top.c.rep_id == Representation.id)
        .outerjoin(stage, and_(stage.representation_id == Representation.id, stage.number == top.c.top))
        .where(Representation.status.in_((Status.NEW, Status.OPEN, Status.PAUSED)))
        .order_by(Representation.received_at, Representation.id)
    )
    if team_id is not None:
        query = query.where(Representation.team_id == team_id)
    return session.execute(query).all()


# ---------------------------------------------------------------- the report's written sections


def narratives_for_year(session: Session, year: int) -> dict[str, ReportNarrative]:
    """The written sections of one year's report, by section."""
    rows = session.scalars(
        select(ReportNarrative)
        .where(ReportNarrative.year == year)
        .order_by(ReportNarrative.section, ReportNarrative.id)
    )
    return {r.section: r for r in rows}
