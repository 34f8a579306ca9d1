"""Benchmark: the officer's queue searched and filtered, over many cases (one page of 50 and its count).

    .venv/bin/python bench/queue_search.py                  # 20,000 cases, SQLite
    .venv/bin/python bench/queue_search.py --cases 100000   # a large council's busiest years
    bash scripts/with-postgres.sh .venv/bin/python bench/queue_search.py --postgres

The search is a case-insensitive "contains" over the reference, names, email and the person's words (no full-text
index), so it reads every case the viewer may see. This prints the median of five runs of what the queue page
asks the database for (the page's rows and the total), for: no search, a name, a few of their words, part of a
phone number, a reference, and "assigned to me" with "due this week"; and a baseline to compare against: one
bare ``count(*)`` of a case-insensitive contains-scan over the words column alone.
"""

from __future__ import annotations

import argparse
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

from sqlalchemy import func, insert, select, text  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import TEST_SETTINGS  # noqa: E402
from intake.data.cases import queue_count, queue_rows  # noqa: E402
from intake.domain.references import new_reference  # noqa: E402
from intake.extensions import db  # noqa: E402
from intake.models import Representation, Role, StaffUser, Stage  # noqa: E402
from intake.staff.queue import QueueQuery  # noqa: E402

WORDS = (
    "my social worker never calls me back",
    "the contact centre keeps cancelling my visits",
    "my leaving care allowance stopped without a letter",
    "nobody told me about the meeting",
    "thank you to the fostering team for all the support",
)
NAMES = ("Jo", "Sam", "Alex", "Priya", "Tomasz", "Aisha", "Kacper", "Noor", "Leah", "Omar")
SURNAMES = ("Bloggs", "Smith", "Nowak", "Khan", "Jones", "Haddad", "Wiśniewski", "Patel")
TODAY = date(2026, 11, 4)


def build(count: int, officer_id: int) -> str:
    """``count`` cases with names, numbers, emails and words; returns one of their references."""
    rng = random.Random(7)
    reps, stages = [], []
    start = datetime(2021, 4, 1, 10, tzinfo=UTC)
    for i in range(count):
        received = start + timedelta(hours=i * 2)
        name = f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}"
        reps.append(
            {
                "id": i + 1,
                "reference": new_reference(),
                "kind": "complaint",
                "procedure": "statutory",
                "channel": rng.choice(["email", "letter", "sms", "web_form"]),
                "submitted_by": "child",
                "status": "open" if i % 3 else "closed",
                "language": "en",
                "received_at": received,
                "received_on": received.date(),
                "what_happened": f"{rng.choice(WORDS)} ({i})",
                "what_would_help": "",
                "service_mentioned": "",
                "contact_name": name,
                "contact_phone": f"+4477009{i:05d}",
                "contact_email": f"{name.split()[0].lower()}.{i}@example.com",
                "assigned_to_id": officer_id if i % 7 == 0 else None,
                "about_someone_else": False,
                "advocate_supported": False,
                "advocate_requested": False,
                "contact_via_advocate": False,
                "wants_contact": False,
                "safeguarding": False,
                "urgent": False,
                "legal_hold": False,
                "preferred_contact": "none",
                "created_at": received,
                "updated_at": received,
            }
        )
        stages.append(
            {
                "representation_id": i + 1,
                "number": 1,
                "started_on": received.date(),
                "due_on": TODAY + timedelta(days=i % 30 - 10),
                "late_request": False,
            }
        )
    for chunk in range(0, count, 20_000):
        db.session.execute(insert(Representation), reps[chunk : chunk + 20_000])
        db.session.execute(insert(Stage), stages[chunk : chunk + 20_000])
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))  # the planner's statistics, as a database in use has them
        db.session.commit()
    return reps[count // 2]["reference"]


def median_ms(run, times: int = 5) -> float:
    took = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--postgres", action="store_true", help="use TEST_DATABASE_URL (an empty database)")
    args = parser.parse_args()
    url = os.environ["TEST_DATABASE_URL"] if args.postgres else f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        officer = StaffUser(
            email="o@council.example", name="O", role=Role.COMPLAINTS_OFFICER, password_hash="x", totp_secret="x"
        )
        db.session.add(officer)
        db.session.commit()
        reference = build(args.cases, officer.id)
        bare = select(func.count()).where(Representation.what_happened.icontains("keeps cancelling"))
        baseline = median_ms(lambda: db.session.scalar(bare))
        print(
            f"{args.cases:,} cases on {'PostgreSQL' if args.postgres else 'SQLite'}; "
            f"baseline (a bare count of a contains-scan over their words): {baseline:.1f} ms"
        )
        searches = {
            "no search": {},
            "a name ('bloggs')": {"q": "bloggs"},
            "their words ('keeps cancelling')": {"q": "keeps cancelling"},
            "part of a number ('900123')": {"q": "900123"},
            "a reference": {"q": reference.lower()},
            "assigned to me, due this week": {"mine": "yes", "due": "week"},
        }
        for label, query in searches.items():
            q = QueueQuery.from_args(query, viewer_id=officer.id, today=TODAY)

            def page(q=q):
                filters = q.filters()
                queue_rows(db.session, officer, filters, TODAY, TODAY + timedelta(days=2), limit=50)
                return queue_count(db.session, officer, filters, TODAY)

            found = page()
            took = median_ms(page)
            print(f"  {label:38} {found:>7,} found  {took:8.1f} ms  ({took / baseline:,.0f}x the baseline)", flush=True)
        db.session.close()  # PostgreSQL: the page queries' transaction would hold its locks against DROP
        db.drop_all()


if __name__ == "__main__":
    main()
