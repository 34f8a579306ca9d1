"""The worker's daily retention purge: once a London day, only what retention says, never stopping delivery."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, update

from intake.delivery.housekeeping import DailyPurge, daily_purge_jobs
from intake.domain import casework
from intake.extensions import db
from intake.models import FormDraft, Representation
from tests.factories import create_closed_case, create_staff

# Cases closed on 20 November 2026 are kept six years: 21 November 2032 is their first day to go.
FIRST_DAY_TO_GO = datetime(2032, 11, 21, 9, 0, tzinfo=UTC)


class _Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_an_expired_case_goes_at_the_first_round_of_its_day_and_the_log_names_only_counts(
    app, session, settings, caplog
):
    expired = create_closed_case(session, settings, create_staff(), contact_phone="07700 900123").id
    clock = _Clock(FIRST_DAY_TO_GO - timedelta(days=1))
    purge = DailyPurge(app, db.engine, clock)
    purge()
    session.expire_all()
    assert session.get(Representation, expired) is not None  # the day before: still kept

    clock.now = FIRST_DAY_TO_GO
    with caplog.at_level(logging.INFO, logger="intake.delivery.housekeeping"):
        purge()
    session.expire_all()
    assert session.get(Representation, expired) is None
    [line] = [r.getMessage() for r in caplog.records if r.name == "intake.delivery.housekeeping"]
    assert line == "daily retention purge for 2032-11-21: 1 case(s), 0 unfinished conversation(s), 0 form draft(s)"
    assert "07700" not in caplog.text and "HYS-" not in caplog.text


def test_it_runs_once_a_london_day_however_often_the_worker_goes_round(app, session, settings, caplog):
    clock = _Clock(FIRST_DAY_TO_GO)
    purge = DailyPurge(app, db.engine, clock)
    purge()
    later = create_closed_case(session, settings, create_staff()).id  # expired too, but made after today's purge
    with caplog.at_level(logging.INFO, logger="intake.delivery.housekeeping"):
        clock.now = FIRST_DAY_TO_GO + timedelta(hours=14)  # 23:00 in London (GMT), the same day
        purge()
        session.expire_all()
        assert session.get(Representation, later) is not None and not caplog.records
        clock.now = FIRST_DAY_TO_GO + timedelta(hours=15)  # midnight in London: the next day
        purge()
    session.expire_all()
    assert session.get(Representation, later) is None and len(caplog.records) == 1


def test_a_case_on_legal_hold_stays(app, session, settings):
    officer = create_staff()
    held = create_closed_case(session, settings, officer).id
    casework.set_legal_hold(session, session.get(Representation, held), officer, True, "IICSA instruction")
    session.commit()
    DailyPurge(app, db.engine, _Clock(FIRST_DAY_TO_GO))()
    session.expire_all()
    assert session.get(Representation, held) is not None


def test_an_abandoned_draft_goes_after_abandoned_days_idle_and_one_still_being_written_stays(app, session, settings):
    session.add(FormDraft(id="left-half-way", answers={"what_happened": "The taxi never came"}))
    session.commit()
    now = datetime.now(UTC)
    session.execute(update(FormDraft).values(updated_at=now - timedelta(days=settings["ABANDONED_DAYS"] + 1)))
    session.add(FormDraft(id="still-being-filled-in", answers={"what_happened": "The bus never came"}))
    session.commit()
    DailyPurge(app, db.engine, _Clock(now))()
    session.expire_all()
    assert session.get(FormDraft, "left-half-way") is None and session.get(FormDraft, "still-being-filled-in")


def test_a_database_that_cannot_be_reached_is_logged_and_tried_again_later_without_raising(app, tmp_path, caplog):
    unreachable = create_engine(f"sqlite:///{tmp_path}/no/such/folder/hys.db")
    purge = DailyPurge(app, unreachable, _Clock(FIRST_DAY_TO_GO))
    with caplog.at_level(logging.ERROR, logger="intake.delivery.housekeeping"):
        purge()  # never raises: delivery goes on
        purge()  # and does not hammer a database that is down: the next try is an hour away
    assert [r.getMessage() for r in caplog.records] == ["the daily retention purge failed; trying again in an hour"]
    assert purge.done_for is None


def test_a_council_can_turn_it_off_and_run_purge_expired_itself(app, monkeypatch):
    assert len(daily_purge_jobs(app, db.engine, _Clock(FIRST_DAY_TO_GO))) == 1
    monkeypatch.setitem(app.config, "RETENTION_PURGE_DAILY", False)
    assert daily_purge_jobs(app, db.engine, _Clock(FIRST_DAY_TO_GO)) == []
