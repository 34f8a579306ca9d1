"""The procedure's migration carries the old single columns' facts into the new records: each Ombudsman result
into a referral, each amount into a first payment, a refused late request into a coded refusal, and a stage 3's
meeting deadline into its panel clock (with the report's clock running once the panel has met)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, text

from tests.test_migrations import ROOT, empty_database_url  # noqa: F401 (a fixture)

pytestmark = pytest.mark.db
BEFORE = "139177ace6f5"  # the letters: the head before the procedure


def upgrade(url: str, revision: str = "head") -> None:
    env = {"APP_ENV": "development", "SECRET_KEY": "migration-test-secret-key", "DATABASE_URL": url, "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade", revision],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr


CASE = (
    "INSERT INTO representation (id, reference, kind, procedure, channel, submitted_by, status, language, "
    "received_at, received_on, what_happened, what_would_help, service_mentioned, about_someone_else, "
    "advocate_supported, advocate_requested, preferred_contact, contact_via_advocate, wants_contact, safeguarding, "
    "urgent, legal_hold, created_at, updated_at, lgo_referred_on, lgo_result, compensation_pence, "
    "compensation_detail) VALUES (:id, :ref, 'complaint', 'statutory', 'email', 'child', 'open', 'en', :at, "
    ":day, '', '', '', false, false, false, 'none', false, false, false, false, false, :at, :at, :lgo_on, :lgo, "
    ":pence, :detail)"
)
STAGE = (
    "INSERT INTO stage (representation_id, number, requested_on, late_request, late_request_decision, started_on, "
    "due_on, responded_on, panel_meeting_on) VALUES (:rep, :n, :req, :late, :decision, :start, :due, :resp, :met)"
)


def test_the_old_columns_become_records_and_stage_3_gets_its_clocks(empty_database_url):  # noqa: F811
    url = empty_database_url
    upgrade(url, BEFORE)
    engine = create_engine(url)
    at = datetime(2026, 11, 2, 10, tzinfo=UTC)
    with engine.begin() as conn:
        for i, lgo_on, lgo, pence, detail in (
            (1, date(2027, 3, 1), "investigated_upheld", 25000, "Apology and payment"),
            (2, None, None, 0, None),
        ):
            conn.execute(
                text(CASE),
                {
                    "id": i,
                    "ref": f"R-{i}",
                    "at": at,
                    "day": date(2026, 11, 2),
                    "lgo_on": lgo_on,
                    "lgo": lgo,
                    "pence": pence,
                    "detail": detail,
                },
            )
        stages = [
            (1, 3, date(2026, 12, 7), False, None, date(2026, 12, 7), date(2027, 1, 21), None, date(2027, 1, 21)),
            (
                2,
                2,
                date(2027, 2, 1),
                True,
                "Refused: no reason for the delay",
                date(2027, 2, 1),
                None,
                date(2027, 2, 2),
                None,
            ),
        ]
        for rep, n, req, late, decision, start, due, resp, met in stages:
            conn.execute(
                text(STAGE),
                {
                    "rep": rep,
                    "n": n,
                    "req": req,
                    "late": late,
                    "decision": decision,
                    "start": start,
                    "due": due,
                    "resp": resp,
                    "met": met,
                },
            )
    engine.dispose()
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        referrals = conn.execute(text("SELECT representation_id, referred_on, outcome FROM ombudsman_referral")).all()
        payments = conn.execute(text("SELECT representation_id, amount_pence, detail FROM compensation_payment")).all()
        refusals = conn.execute(text("SELECT representation_id, stage_number, code, reason FROM case_refusal")).all()
        stage3 = conn.execute(
            text("SELECT due_on, panel_due_on, panel_report_due_on FROM stage WHERE number = 3")
        ).one()
        names = [d[0] for d in conn.exec_driver_sql("SELECT * FROM representation LIMIT 0").cursor.description]
    engine.dispose()
    assert [(r[0], str(r[1])[:10], r[2]) for r in referrals] == [(1, "2027-03-01", "investigated_upheld")]
    assert [tuple(p) for p in payments] == [(1, 25000, "Apology and payment")]  # 0 pence is no payment
    assert [tuple(r) for r in refusals] == [(2, 2, "out_of_time", "no reason for the delay")]
    # The panel met on 21 January 2027: its report is due 5 working days later, and that is the running clock.
    assert [str(d)[:10] for d in stage3] == ["2027-01-28", "2027-01-21", "2027-01-28"]
    assert not {"lgo_result", "lgo_referred_on", "compensation_pence", "compensation_detail"} & set(names)
