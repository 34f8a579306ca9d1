"""Cases (representations): finding them, and writing a new one. Later changes go through the models in the
caller's session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Table, and_, bindparam, case, func, insert, or_, select
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from intake.data.adjustments import review_overdue_condition
from intake.data.alerts import LEVEL_RANK
from intake.data.visibility import visible_to
from intake.models import (
    AlertLevel,
    AuditEvent,
    CaseNote,
    Conversation,
    Kind,
    Message,
    Notification,
    Procedure,
    Representation,
    RepresentationCategory,
    SafeguardingAlert,
    StaffUser,
    Stage,
    Status,
)


def case_by_reference(session: Session, reference: str) -> Representation | None:
    return session.scalar(select(Representation).where(Representation.reference == reference))


def reference_in_use(session: Session, reference: str) -> bool:
    """Whether a case has this reference, stored or added to the session and not yet written.

    Every new case asks once, so the read is a statement built at import and run on the connection: an ORM
    query, with the autoflush it starts, cost a twelfth of making a case on the SMS path."""
    if any(isinstance(instance, Representation) and instance.reference == reference for instance in session.new):
        return True
    return session.connection().execute(_REFERENCE_IN_USE, {"reference": reference}).first() is not None


_cases = cast(Table, Representation.__table__)
_REFERENCE_IN_USE = select(_cases.c.id).where(_cases.c.reference == bindparam("reference"))


# ---------------------------------------------------------------- the case page


def case_events(session: Session, representation_id: int) -> Sequence[AuditEvent]:
    """The case's audit trail, oldest first."""
    return session.scalars(
        select(AuditEvent)
        .where(AuditEvent.representation_id == representation_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()


def case_notes(session: Session, representation_id: int) -> Sequence[CaseNote]:
    return session.scalars(
        select(CaseNote).where(CaseNote.representation_id == representation_id).order_by(CaseNote.id)
    ).all()


def case_messages(session: Session, representation_id: int) -> Sequence[Message]:
    """Texts in and out on this case."""
    return session.scalars(
        select(Message).where(Message.representation_id == representation_id).order_by(Message.id)
    ).all()


def case_notifications(session: Session, representation_id: int) -> Sequence[Notification]:
    return session.scalars(
        select(Notification)
        .where(Notification.representation_id == representation_id)
        .order_by(Notification.created_at, Notification.id)
    ).all()


def latest_sms_conversation_id(session: Session, phone: str | None) -> int | None:
    """The latest SMS conversation with this number, so a staff reply joins the thread the person started."""
    if not phone:
        return None
    return session.scalar(
        select(Conversation.id)
        .where(Conversation.channel == "sms", Conversation.address == phone)
        .order_by(Conversation.id.desc())
        .limit(1)
    )


# ---------------------------------------------------------------- the queue (and its CSV export)

OPEN_STATUSES = (Status.NEW, Status.OPEN)
NO_ALERT = 2  # after LEVEL_RANK's 0 (immediate danger) and 1 (concern)


@dataclass(frozen=True)
class CaseFilter:
    """The queue's filters, already checked; ``None`` or False means "any"."""

    kind: Kind | None = None
    procedure: Procedure | None = None
    stage: int | None = None
    team_id: int | None = None
    status: Status | None = None
    overdue: bool = False
    assigned_to_id: int | None = None  # "assigned to me"
    due_until: date | None = None  # a running stage due between today and this day ("due this week")
    search: CaseSearch | None = None
    adjustment_review_overdue: bool = False  # an agreed reasonable adjustment whose review date has passed


@dataclass(frozen=True)
class QueueRow:
    case: Representation
    stage: Stage | None  # the highest stage
    due: date | None  # when the running stage is due (extended date if any); None when no clock runs
    alert_level: AlertLevel | None  # the most urgent open safeguarding alert, if any


def _queue(user: StaffUser, filters: CaseFilter, today: date, amber_until: date | None = None):
    """(the rows' select, its ordering) for this viewer and these filters."""
    latest = (
        select(Stage.representation_id.label("rid"), func.max(Stage.number).label("number"))
        .group_by(Stage.representation_id)
        .subquery()
    )
    running = and_(Representation.status.in_(OPEN_STATUSES), Stage.responded_on.is_(None), Stage.due_on.is_not(None))
    due = case((running, func.coalesce(Stage.extended_due_on, Stage.due_on)), else_=None).label("due")
    alert_rank = (
        select(func.min(LEVEL_RANK))
        .where(SafeguardingAlert.representation_id == Representation.id, SafeguardingAlert.actioned_at.is_(None))
        .correlate(Representation)
        .scalar_subquery()
        .label("alert_rank")
    )
    stmt = (
        select(Representation, Stage, due, alert_rank)
        .outerjoin(latest, latest.c.rid == Representation.id)
        .outerjoin(Stage, and_(Stage.representation_id == Representation.id, Stage.number == latest.c.number))
        .where(visible_to(user), *_conditions(filters, due, today, latest.c.number))
    )
    rag_rank = case(
        (due < today, 0),
        (due <= (amber_until or today), 1),
        (Representation.status.in_(OPEN_STATUSES), 2),
        (Representation.status == Status.PAUSED, 3),
        else_=4,
    )
    # Open alerts first (immediate danger, then concerns), then overdue, due soon, the rest; soonest due first.
    order = (
        func.coalesce(alert_rank, NO_ALERT),
        rag_rank,
        due.asc().nulls_last(),
        Representation.received_at,
        Representation.id,
    )
    return stmt, order


def _conditions(filters: CaseFilter, due, today: date, stage_number) -> list:
    wanted = [
        (filters.kind, lambda v: Representation.kind == v),
        (filters.procedure, lambda v: Representation.procedure == v),
        (filters.stage, lambda v: stage_number == v),
        (filters.team_id, lambda v: Representation.team_id == v),
        (filters.status, lambda v: Representation.status == v),
        (filters.overdue or None, lambda _v: due < today),
        (filters.assigned_to_id, lambda v: Representation.assigned_to_id == v),
        (filters.due_until, lambda v: and_(due >= today, due <= v)),
        (filters.search, lambda v: v.condition()),
        (filters.adjustment_review_overdue or None, lambda _v: review_overdue_condition(today)),
    ]
    return [condition(value) for value, condition in wanted if value is not None]


def queue_rows(
    session: Session,
    user: StaffUser,
    filters: CaseFilter,
    today: date,
    amber_until: date,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[QueueRow]:
    """The cases this viewer may see under these filters, the most urgent first (``amber_until``: the last day
    that counts as due soon)."""
    stmt, order = _queue(user, filters, today, amber_until)
    rows = session.execute(stmt.order_by(*order).limit(limit).offset(offset)).all()
    return [
        QueueRow(rep, stage, due, None if rank is None else (AlertLevel.IMMEDIATE, AlertLevel.CONCERN)[rank])
        for rep, stage, due, rank in rows
    ]


def queue_count(session: Session, user: StaffUser, filters: CaseFilter, today: date) -> int:
    stmt, _order = _queue(user, filters, today)
    counted = stmt.with_only_columns(Representation.id)  # the same joins and filters, without the alert lookup
    return session.scalar(select(func.count()).select_from(counted.subquery())) or 0


def status_counts(session: Session, user: StaffUser) -> dict[Status, int]:
    """How many cases this viewer may see in each state (every state listed, zeros included)."""
    counts: dict[Status, int] = {
        status: n
        for status, n in session.execute(
            select(Representation.status, func.count()).where(visible_to(user)).group_by(Representation.status)
        )
    }
    return {s: counts.get(s, 0) for s in Status}


def has_open_alert(session: Session, representation_id: int) -> bool:
    """Whether the case has a safeguarding alert nobody has yet recorded an action on."""
    return open_alert(session, representation_id) is not None


def open_alert(session: Session, representation_id: int) -> SafeguardingAlert | None:
    """The case's safeguarding alert nobody has recorded an action on yet (the newest, if several)."""
    return session.scalar(
        select(SafeguardingAlert)
        .where(SafeguardingAlert.representation_id == representation_id, SafeguardingAlert.actioned_at.is_(None))
        .order_by(SafeguardingAlert.id.desc())
        .limit(1)
    )


def notification_keys(session: Session, representation_id: int) -> set[tuple[str, str, str]]:
    """(channel, recipient in lower case, template) of every notification the case already has."""
    rows = session.execute(
        select(Notification.channel, Notification.recipient, Notification.template).where(
            Notification.representation_id == representation_id
        )
    )
    return {(row.channel.value, row.recipient.lower(), row.template) for row in rows}


def count_cases(session: Session) -> int:
    return session.scalar(select(func.count(Representation.id))) or 0


def cases_raised_by_advocate(session: Session, advocate_id: int) -> Sequence[Representation]:
    """The cases an advocate submitted (or was named on), newest first."""
    return session.scalars(
        select(Representation)
        .where(Representation.advocate_id == advocate_id)
        .order_by(Representation.received_at.desc(), Representation.id.desc())
    ).all()


# ---------------------------------------------------------------- searching (the queue's search box)


@dataclass(frozen=True)
class CaseSearch:
    """What an officer typed, read as every kind of thing it could be.

    ``text`` is matched, ignoring letter case, anywhere in the reference, the names, the email address and the
    person's words (what happened, what would help, who it is about). ``reference`` (a reference as typed,
    normalised) and ``phone`` (a number in E.164) match exactly; ``digits`` (four or more, as typed without
    spaces or a leading 0) anywhere in the mobile number. A contains-search reads every case the viewer may
    see: fine for a council's few thousand cases a year, and the same on SQLite and PostgreSQL (where
    ``ILIKE`` is used). SQLite folds letter case for English letters only.
    """

    text: str
    reference: str | None = None
    phone: str | None = None
    digits: str | None = None

    def condition(self):
        anywhere = [
            column.icontains(self.text, autoescape=True)
            for column in (
                Representation.reference,
                Representation.contact_name,
                Representation.child_name,
                Representation.contact_email,
                Representation.what_happened,
                Representation.what_would_help,
                Representation.service_mentioned,
            )
        ]
        exact = [
            Representation.reference == self.reference if self.reference else None,
            Representation.contact_phone == self.phone if self.phone else None,
            Representation.contact_phone.contains(self.digits, autoescape=True) if self.digits else None,
        ]
        return or_(*anywhere, *(c for c in exact if c is not None))


# ---------------------------------------------------------------- the development outbox


def recent_notifications(session: Session, limit: int = 100) -> Sequence[Notification]:
    """The latest notifications of every case, newest first (the development outbox page)."""
    return session.scalars(select(Notification).order_by(Notification.id.desc()).limit(limit)).all()


def imported_case_ids(session: Session, ids: Sequence[int]) -> set[int]:
    """Which of these cases were created by the records import (their audit trail starts "imported")."""
    if not ids:
        return set()
    rows = session.scalars(
        select(AuditEvent.representation_id).where(
            AuditEvent.representation_id.in_(list(ids)), AuditEvent.action == "imported"
        )
    )
    return {rep_id for rep_id in rows if rep_id is not None}


# ---------------------------------------------------------------- a new case and its first audit events


@dataclass(frozen=True)
class NewCase:
    """A case built and not yet written (``new_case``), with its model defaults: what is worked out from it
    (routing, the replies) can be done before its first write, and so outside SQLite's write turn."""

    representation: Representation
    stages: list[Stage]
    categories: list[RepresentationCategory]


def new_case(columns: dict[str, Any], stages: Sequence[dict[str, Any]], category_codes: Sequence[str]) -> NewCase:
    """A new case's objects from its columns; columns left out take the model's defaults, as through the ORM."""
    return NewCase(
        _built(Representation, columns),
        [_built(Stage, stage) for stage in stages],
        [_built(RepresentationCategory, {"code": code}) for code in category_codes],
    )


def add_case(session: Session, new: NewCase) -> Representation:
    """Write a new case, its stages and its categories in the session's transaction, one INSERT each.

    The case comes back persistent in the session and loaded as a flush would leave it (every column, its
    stages and categories), so callers use it as any case they read. A unit-of-work flush for these rows was
    half of a case's cost on the SMS webhook, and on SQLite it held the write turn throughout (issue 14 item 11);
    statements built at import cost a fraction of that.
    """
    connection = session.connection()
    rep = _written(session, connection, new.representation)
    set_committed_value(rep, "stages", [_part_written(session, connection, stage, rep) for stage in new.stages])
    set_committed_value(rep, "categories", [_part_written(session, connection, c, rep) for c in new.categories])
    return rep


def _built(model: type[_Row], columns: dict[str, Any]) -> _Row:
    """The object, not in any session, with every column set: the given value, else the column's default."""
    row = {}
    for column in cast(Table, model.__table__).c:
        if column.key in columns:
            row[column.key] = columns[column.key]
        elif column.primary_key:
            continue
        elif column.default is None:
            row[column.key] = None
        elif column.default.is_scalar:
            row[column.key] = column.default.arg  # type: ignore[attr-defined]
        else:  # a callable such as utcnow, which SQLAlchemy wraps to take the execution context it ignores
            row[column.key] = column.default.arg(None)  # type: ignore[attr-defined]
    return model(**row)


def _written(session: Session, connection: Connection, instance: _Row) -> _Row:
    """INSERT the object's row, then make it persistent as though it had been read: nothing left to flush."""
    table = cast(Table, instance.__table__)
    row = {column.key: getattr(instance, column.key) for column in table.c if not column.primary_key}
    instance.id = connection.execute(_INSERTS[table.name], row).inserted_primary_key[0]
    make_transient_to_detached(instance)
    session.add(instance)
    return instance


def _part_written(session: Session, connection: Connection, part: _Part, rep: Representation) -> _Part:
    part.representation_id = rep.id
    _written(session, connection, part)
    set_committed_value(part, "representation", rep)
    return part


_Row = TypeVar("_Row", Representation, Stage, RepresentationCategory)
_Part = TypeVar("_Part", Stage, RepresentationCategory)
_INSERTS = {
    table.name: insert(table)
    for table in (cast(Table, model.__table__) for model in (Representation, Stage, RepresentationCategory))
}


def add_case_events(session: Session, rows: Sequence[dict]) -> None:
    """Write a new case's first audit events (``audit.event_row``), in order, in one statement.

    A statement built at import, run on the session's connection (its transaction): as ORM objects they cost a
    flush of their own at commit on every case the SMS webhook makes (issue 14 item 11), and nothing needs them
    as objects.
    """
    if rows:
        session.connection().execute(_ADD_EVENTS, list(rows))  # ``at``: the column's default, as the ORM's


_ADD_EVENTS = insert(cast(Table, AuditEvent.__table__))
