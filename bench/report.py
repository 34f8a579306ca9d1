"""Benchmark: the annual report over a large council's history, and the speed of importing records.

    .venv/bin/python bench/report.py                 # 1,000,000 records over 10 years, SQLite
    .venv/bin/python bench/report.py --rows 100000   # scaled down
    TEST_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/report.py --postgres

Builds the database with the driver's bulk path (executemany on SQLite, COPY on PostgreSQL; the secondary
indexes are built after the load), 10% of the records in the target year,
then prints medians of at least three runs: the whole annual report for the
target year (goal <= 2 s), the whole-history trend (goal <= 5 s), and a baseline
(one ``SELECT count(*)`` over the year's range) to compare against. Then imports
a generated 50,000-row CSV and prints rows per second (goal >= 5,000).
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "test")

from sqlalchemy import func, insert, select  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import TEST_SETTINGS  # noqa: E402
from intake.domain.clock import WorkingCalendar  # noqa: E402
from intake.domain.records_import import import_records  # noqa: E402
from intake.domain.report import annual_report, trend, year_bounds  # noqa: E402
from intake.extensions import db  # noqa: E402
from intake.models import (  # noqa: E402
    CompensationPayment,
    OmbudsmanReferral,
    Representation,
    RepresentationCategory,
    Stage,
    Team,
)
from intake.models.enums import COMPLAINT_CATEGORIES, COMPLIMENT_CATEGORIES  # noqa: E402
from intake.transaction import committed  # noqa: E402

TARGET_YEAR = 2024
YEARS = 10
CHUNK = 50_000
CAL = WorkingCalendar()
CHANNELS = ["email", "web_form", "webchat", "sms", "in_person", "letter", "telephone", "not_known"]
WHO = ["child", "advocate", "parent", "carer", "foster_carer", "relative", "professional", "other", "unknown"]
TEAMS = [
    "North",
    "South",
    "East",
    "Leaving care",
    "Disability",
    "Fostering",
    "Adoption",
    "Looked after children",
    "MASH",
    "Referral and assessment",
    "SEND",
    "Youth service",
]


def median_time(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


REP_COLS = (
    "id",
    "reference",
    "kind",
    "procedure",
    "channel",
    "submitted_by",
    "status",
    "language",
    "received_at",
    "received_on",
    "what_happened",
    "what_would_help",
    "service_mentioned",
    "about_someone_else",
    "team_id",
    "advocate_supported",
    "advocate_requested",
    "preferred_contact",
    "contact_via_advocate",
    "wants_contact",
    "safeguarding",
    "urgent",
    "closed_on",
    "legal_hold",
    "created_at",
    "updated_at",
)
STAGE_COLS = (
    "id",
    "representation_id",
    "number",
    "requested_on",
    "late_request",
    "started_on",
    "due_on",
    "responded_on",
    "outcome",
    "panel_meeting_on",
    "panel_report_on",
)
CAT_COLS = ("id", "representation_id", "code")
REFERRAL_COLS = ("representation_id", "referred_on", "decided_on", "outcome", "created_at")
PAYMENT_COLS = ("representation_id", "amount_pence", "paid_on", "reason", "detail", "recorded_by", "created_at")


LGO_PICK = [None] * 30 + ["not_investigated", "investigated_upheld", "investigated_not_upheld"]
MONEY_PICK = [None] * 20 + [5000, 25000]


def _after_the_stages(rng, rep_id, answered, day, now, referrals, payments) -> None:
    """Now and then an Ombudsman referral after the last response (half decided three months later), a payment."""
    result = rng.choice(LGO_PICK)
    if result is not None:
        referred = answered + timedelta(days=rng.randint(10, 90))
        decided = referred + timedelta(days=90) if rng.random() < 0.5 else None
        referrals.append((rep_id, day(referred), decided and day(decided), decided and result, now))
    pence = rng.choice(MONEY_PICK)
    if pence:
        paid = day(answered + timedelta(days=rng.randint(1, 30)))
        payments.append((rep_id, pence, paid, "time_and_trouble", "For the time and trouble", "bench", now))


def generate(total: int, rng: random.Random, team_ids: list[int], as_text: bool):
    """Yield chunks of (representations, stages, categories, Ombudsman referrals, payments) rows as tuples in the
    column orders above.

    10% of the records are in the target year, the rest spread over the nine years before it. Per-day
    values (year boundaries, the clock's day 0) are cached, so generating a million rows takes seconds.
    ``as_text``: timestamps and dates as the text SQLAlchemy stores in SQLite (UTC, no offset; ISO dates).
    """
    day = functools.lru_cache(maxsize=None)(date.isoformat) if as_text else (lambda d: d)
    in_year = total // 10
    first_year = TARGET_YEAR - YEARS + 1
    bounds = {y: year_bounds(y) for y in range(first_year, TARGET_YEAR + 1)}
    spans = {y: int((e - s).total_seconds()) for y, (s, e) in bounds.items()}
    day_zero = functools.lru_cache(maxsize=None)(CAL.on_or_after)
    now = datetime.now(UTC)
    if as_text:
        now = now.replace(tzinfo=None).isoformat(" ", "microseconds")
    statutory_pick = ["statutory"] * 5 + ["corporate", "corporate", "informal"]
    outcomes = ["upheld", "partly_upheld", "not_upheld", "withdrawn"]
    rand, randrange, randint, choice = rng.random, rng.randrange, rng.randint, rng.choice
    stage_id = cat_id = 0
    reps, stages, cats, referrals, payments = [], [], [], [], []
    for rep_id in range(1, total + 1):
        year = TARGET_YEAR if rep_id <= in_year else randint(first_year, TARGET_YEAR - 1)
        received_at = bounds[year][0] + timedelta(seconds=randrange(spans[year]))
        received_on = day_zero(received_at.date())
        if as_text:
            received_at = received_at.replace(tzinfo=None).isoformat(" ", "microseconds")
        roll = rand()
        kind = "complaint" if roll < 0.6 else ("compliment" if roll < 0.9 else "comment")
        complaint = kind == "complaint"
        procedure = choice(statutory_pick) if complaint else "undecided"
        reps.append(
            (
                rep_id,
                f"B{rep_id:09d}",
                kind,
                procedure,
                choice(CHANNELS),
                choice(WHO),
                "closed",
                "en",
                received_at,
                day(received_on),
                "",
                "",
                "",
                False,
                choice(team_ids),
                rand() < 0.2,
                False,
                "none",
                False,
                False,
                False,
                False,
                day(received_on),
                False,
                now,
                now,
            )
        )
        if complaint:
            top = 1 if procedure == "informal" else rng.choices([1, 2, 3], [85, 12, 3])[0]
            if procedure == "corporate":
                top = min(top, 2)
            begin = received_on
            for number in range(1, top + 1):
                stage_id += 1
                requested = None if number == 1 else begin + timedelta(days=randint(1, 20))
                started = received_on if number == 1 else requested
                responded = started + timedelta(days=randint(5, 60))
                met = started + timedelta(days=randint(20, 42)) if number == 3 else None
                reported = met + timedelta(days=randint(3, 9)) if met else None
                stages.append(
                    (
                        stage_id,
                        rep_id,
                        number,
                        requested and day(requested),
                        False,
                        day(started),
                        day(started + timedelta(days=14)),
                        day(responded),
                        choice(outcomes) if number == top else None,
                        met and day(met),
                        reported and day(reported),
                    )
                )
                begin = responded
            _after_the_stages(rng, rep_id, begin, day, now, referrals, payments)
            codes = rng.sample(COMPLAINT_CATEGORIES, choice([1, 1, 2]))
        elif kind == "compliment":
            codes = [choice(COMPLIMENT_CATEGORIES)]
        else:
            codes = []
        for code in codes:
            cat_id += 1
            cats.append((cat_id, rep_id, code))
        if len(reps) >= CHUNK:
            yield reps, stages, cats, referrals, payments
            reps, stages, cats, referrals, payments = [], [], [], [], []
    yield reps, stages, cats, referrals, payments


def build(total: int, rng: random.Random) -> None:
    """``total`` records written with the driver's own bulk path: executemany on SQLite, COPY on PostgreSQL.

    The secondary indexes are dropped during the load and built afterwards, which is much faster than
    maintaining them row by row.
    """
    team_ids = [db.session.scalar(insert(Team).values(name=n).returning(Team.id)) for n in TEAMS]
    db.session.commit()
    tables = [
        (Representation.__table__, REP_COLS),
        (Stage.__table__, STAGE_COLS),
        (RepresentationCategory.__table__, CAT_COLS),
        (OmbudsmanReferral.__table__, REFERRAL_COLS),
        (CompensationPayment.__table__, PAYMENT_COLS),
    ]
    indexes = [index for table, _cols in tables for index in table.indexes]
    postgres = db.engine.dialect.name == "postgresql"
    with db.engine.begin() as conn:
        for index in indexes:
            index.drop(conn)
        raw = conn.connection.driver_connection
        for chunk in generate(total, rng, team_ids, as_text=not postgres):
            for (table, cols), rows in zip(tables, chunk, strict=True):
                if not rows:
                    continue
                if postgres:
                    with raw.cursor().copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    raw.executemany(
                        f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows
                    )
        for index in indexes:
            index.create(conn)
        if postgres:
            for table, _cols in tables:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT max(id) FROM {table.name}))"
                )


def sample_csv(rows: int, rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "reference",
            "kind",
            "procedure",
            "received_on",
            "method",
            "submitted_by",
            "advocate",
            "team",
            "categories",
            "outcome",
            "stage",
            "stage1_responded_on",
            "lgo",
            "compensation_pence",
        ]
    )
    for i in range(rows):
        day = date(2015, 4, 1) + timedelta(days=rng.randrange(3000))
        kind = rng.choice(["complaint", "complaint", "compliment", "comment"])
        if kind == "complaint":
            writer.writerow(
                [
                    f"CS-{i:07d}",
                    kind,
                    "statutory",
                    day.isoformat(),
                    rng.choice(CHANNELS),
                    rng.choice(WHO),
                    rng.choice(["yes", "no"]),
                    rng.choice(TEAMS),
                    rng.choice(COMPLAINT_CATEGORIES),
                    rng.choice(["upheld", "not_upheld"]),
                    "1",
                    (day + timedelta(days=rng.randint(3, 30))).isoformat(),
                    rng.choice(["", "", "not_investigated"]),
                    rng.choice(["", "", "5000"]),
                ]
            )
        else:
            writer.writerow(
                [
                    f"CS-{i:07d}",
                    kind,
                    "",
                    day.isoformat(),
                    rng.choice(CHANNELS),
                    rng.choice(WHO),
                    "no",
                    rng.choice(TEAMS),
                    rng.choice(COMPLIMENT_CATEGORIES) if kind == "compliment" else "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    return out.getvalue().encode()


def database_url(postgres: bool, directory: str, name: str) -> str:
    if postgres:
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            sys.exit("--postgres needs TEST_DATABASE_URL (see scripts/with-postgres.sh)")
        return url
    return f"sqlite:///{directory}/{name}.db"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="records in the history (10%% in the target year)")
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", action="store_true", help="use TEST_DATABASE_URL instead of a SQLite file")
    args = parser.parse_args()
    rng = random.Random(8)
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url(args.postgres, directory, "report")})
        with app.app_context():
            db.drop_all()
            db.create_all()
            started = time.perf_counter()
            build(args.rows, rng)
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.exec_driver_sql("VACUUM ANALYZE")
            else:
                with db.engine.begin() as conn:
                    conn.exec_driver_sql("ANALYZE")
            print(
                f"database: {db.engine.dialect.name}, {args.rows:,} records built in {time.perf_counter() - started:.1f}s"
            )
            start, end = year_bounds(TARGET_YEAR)
            year_rows = db.session.scalar(
                select(func.count())
                .select_from(Representation)
                .where(Representation.received_at >= start, Representation.received_at < end)
            )
            baseline = median_time(
                lambda: db.session.scalar(
                    select(func.count())
                    .select_from(Representation)
                    .where(Representation.received_at >= start, Representation.received_at < end)
                ),
                args.runs,
            )
            report = median_time(lambda: annual_report(db.session, TARGET_YEAR, app.config), args.runs)
            history = median_time(lambda: trend(db.session, TARGET_YEAR), args.runs)
            print(
                f"annual report, {year_rows:,} records in {TARGET_YEAR}/{(TARGET_YEAR + 1) % 100}: "
                f"{report:.3f}s median of {args.runs} (goal <= 2 s)"
            )
            print(f"whole-history trend over {args.rows:,} records: {history:.3f}s (goal <= 5 s)")
            print(
                f"baseline SELECT count(*) over the year: {baseline:.4f}s; report/baseline = {report / baseline:.0f}x"
            )
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
        data = sample_csv(args.import_rows, rng)
        app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url(args.postgres, directory, "import")})
        with app.app_context():
            db.drop_all()
            db.create_all()
            started = time.perf_counter()
            with committed(db.session):  # the command's own transaction, commit included in the time
                result = import_records(db.session, data, app.config, source="bench")
            first = time.perf_counter() - started
            started = time.perf_counter()
            with committed(db.session):
                again = import_records(db.session, data, app.config, source="bench")
            second = time.perf_counter() - started
            print(
                f"import of {result.created:,} new rows: {first:.2f}s = {result.created / first:,.0f} rows/s "
                f"(goal >= 5,000); re-import ({again.unchanged:,} unchanged): {args.import_rows / second:,.0f} rows/s"
            )
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


if __name__ == "__main__":
    main()
